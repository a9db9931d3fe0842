package io.cnosdb.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApi;
import com.influxdb.client.WriteOptions;
import com.influxdb.client.write.events.WriteErrorEvent;
import com.influxdb.client.write.events.WriteSuccessEvent;
import io.questdb.client.Sender;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.cnosdb.client.batch.CnosBatchWriter;

/**
 * Batched writes end to end, in batches of {@value #BATCH_SIZE} points: each operation
 * builds {@value #POINTS} points, hands them to the client and returns once the sink has
 * acknowledged all of them. The starter's {@link CnosBatchWriter}, influxdb-client-java's
 * {@link WriteApi} ({@code /api/v2/write}), QuestDB's HTTP {@link Sender}
 * ({@code /write}, ILP text) and raw {@link java.net.http.HttpClient} requests of
 * hand-written lines.
 *
 * @author CnosDB Spring Boot contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BatchWriteBenchmark {

	/** Points per batch. */
	public static final int BATCH_SIZE = 5_000;

	/** Points per operation. */
	public static final int POINTS = 50_000;

	private CnosBatchWriter writer;

	private InfluxDBClient influx;

	private WriteApi writeApi;

	private final Semaphore influxAcknowledged = new Semaphore(0);

	private final AtomicReference<Throwable> influxFailure = new AtomicReference<>();

	private Sender quest;

	private Floors floors;

	private long n;

	/** Connect the contenders to the sink. */
	@Setup
	public void setUp() {
		String url = Contenders.sinkUrl();
		this.writer = CnosBatchWriter.builder(Contenders.template())
			.batchSize(BATCH_SIZE)
			.flushInterval(Duration.ofMinutes(1))
			.bufferLimit(POINTS)
			.build();
		this.influx = InfluxDBClientFactory.create(InfluxDBClientOptions.builder()
			.url(url)
			.authenticateToken("token".toCharArray())
			.org("cnosdb")
			.bucket("bench")
			.build());
		this.writeApi = this.influx.makeWriteApi(WriteOptions.builder()
			.batchSize(BATCH_SIZE)
			.flushInterval(60_000)
			.bufferLimit(2 * POINTS)
			.jitterInterval(0)
			.build());
		this.writeApi.listenEvents(WriteSuccessEvent.class,
				(event) -> this.influxAcknowledged.release(lines(event.getLineProtocol())));
		this.writeApi.listenEvents(WriteErrorEvent.class, (event) -> this.influxFailure.set(event.getThrowable()));
		URI sink = URI.create(url);
		this.quest = Sender.builder(Sender.Transport.HTTP)
			.address(sink.getHost() + ":" + sink.getPort())
			.protocolVersion(Sender.PROTOCOL_VERSION_V1)
			.autoFlushRows(BATCH_SIZE)
			.autoFlushIntervalMillis(Integer.MAX_VALUE)
			.build();
		this.floors = new Floors(url);
	}

	/** Close the contenders, checking that nothing failed. */
	@TearDown
	public void tearDown() {
		this.writer.close();
		this.writeApi.close();
		this.influx.close();
		this.quest.close();
		if (this.writer.getStatistics().failed() > 0 || this.influxFailure.get() != null) {
			throw new IllegalStateException(
					"Writes failed: " + this.writer.getStatistics() + " / " + this.influxFailure.get());
		}
	}

	private static int lines(String lineProtocol) {
		int lines = 1;
		for (int i = 0; i < lineProtocol.length(); i++) {
			if (lineProtocol.charAt(i) == '\n') {
				lines++;
			}
		}
		return lines;
	}

	/**
	 * The starter's batching writer.
	 * @return the points written
	 */
	@Benchmark
	public long cnosBatchWriter() {
		for (int i = 0; i < POINTS; i++) {
			this.writer.writePoint(PointEncodeBenchmark.cnosPoint(this.n++));
		}
		this.writer.flush();
		return POINTS;
	}

	/**
	 * The starter's batching writer, with rows instead of points
	 * ({@link CnosBatchWriter#writeRows}): the same rows as {@link #questdbHttpSender()}
	 * (columns, values, timestamps), one call per {@value #BATCH_SIZE} rows, as QuestDB
	 * hands over a batch every {@value #BATCH_SIZE} rows.
	 * @return the points written
	 */
	@Benchmark
	public long cnosBatchWriterRows() {
		for (int batch = 0; batch < POINTS / BATCH_SIZE; batch++) {
			this.writer.writeRows((rows) -> {
				for (int i = 0; i < BATCH_SIZE; i++) {
					cnosRow(rows, this.n++);
				}
			});
		}
		this.writer.flush();
		return POINTS;
	}

	/**
	 * Write row {@code p}: the columns and values of QuestDB's row
	 * ({@link #questdbHttpSender()}) in its column order.
	 * @param rows the rows of a {@link CnosBatchWriter#writeRows} call
	 * @param p the number of the row
	 */
	static void cnosRow(CnosBatchWriter.Rows rows, long p) {
		rows.row("bench")
			.tag("host", PointEncodeBenchmark.HOSTS[(int) (p % 100)])
			.field("usage", SampleRows.usage(p))
			.field("requests", p)
			.field("healthy", SampleRows.healthy(p))
			.at(PointEncodeBenchmark.START_NANOS + p, TimeUnit.NANOSECONDS);
	}

	/**
	 * influxdb-client-java's {@code WriteApi}, waiting for its success events.
	 * @return the points written
	 * @throws InterruptedException if interrupted
	 */
	@Benchmark
	public long influxWriteApi() throws InterruptedException {
		for (int i = 0; i < POINTS; i++) {
			this.writeApi.writePoint(PointEncodeBenchmark.influxPoint(this.n++));
		}
		this.writeApi.flush();
		if (!this.influxAcknowledged.tryAcquire(POINTS, 60, TimeUnit.SECONDS)) {
			throw new IllegalStateException(
					"influxdb-client-java did not acknowledge " + POINTS + " points: " + this.influxFailure.get());
		}
		return POINTS;
	}

	/**
	 * QuestDB's HTTP sender; it sends each batch from the calling thread.
	 * @return the points written
	 */
	@Benchmark
	public long questdbHttpSender() {
		for (int i = 0; i < POINTS; i++) {
			long p = this.n++;
			this.quest.table("bench")
				.symbol("host", PointEncodeBenchmark.HOSTS[(int) (p % 100)])
				.doubleColumn("usage", SampleRows.usage(p))
				.longColumn("requests", p)
				.boolColumn("healthy", SampleRows.healthy(p))
				.at(PointEncodeBenchmark.START_NANOS + p, ChronoUnit.NANOS);
		}
		this.quest.flush();
		return POINTS;
	}

	/**
	 * Raw {@code HttpClient}: hand-written lines, one request per batch.
	 * @return the points written
	 */
	@Benchmark
	public long rawHttpClient() {
		StringBuilder text = new StringBuilder(BATCH_SIZE * 80);
		for (int batch = 0; batch < POINTS / BATCH_SIZE; batch++) {
			text.setLength(0);
			for (int i = 0; i < BATCH_SIZE; i++) {
				long p = this.n++;
				text.append("bench,host=")
					.append(PointEncodeBenchmark.HOSTS[(int) (p % 100)])
					.append(" usage=")
					.append(SampleRows.usage(p))
					.append(",requests=")
					.append(p)
					.append("i,healthy=")
					.append(SampleRows.healthy(p))
					.append(' ')
					.append(PointEncodeBenchmark.START_NANOS + p)
					.append('\n');
			}
			byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
			this.floors.post(body, body.length);
		}
		return POINTS;
	}

}
