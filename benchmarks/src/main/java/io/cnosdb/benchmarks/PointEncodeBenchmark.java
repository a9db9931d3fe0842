package io.cnosdb.benchmarks;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import io.questdb.client.Sender;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.Point;
import io.cnosdb.client.write.WritePrecision;

/**
 * Building a point of one tag and three fields and encoding it as line protocol, the way
 * each client's write path does: the starter's {@link Point} into a
 * {@link LineProtocolBuffer}, influxdb-client-java's {@code Point.toLineProtocol()},
 * QuestDB's {@link Sender} into its (off-heap) buffer, which is reset instead of sent,
 * and a hand-written {@link StringBuilder}. The {@code encodeBuilt*} benchmarks encode a
 * point built once; {@code cnosRow} writes the same line with the starter's row writer,
 * fields in key order as a point writes them. Run with {@code -prof gc} for the bytes
 * allocated per point.
 *
 * @author CnosDB Spring Boot contributors
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PointEncodeBenchmark {

	static final String[] HOSTS = new String[100];

	static final long START_NANOS = SampleRows.START.getEpochSecond() * 1_000_000_000L;

	/** Bytes (or rows) after which a reused buffer is cleared. */
	private static final int CLEAR_AFTER = 1 << 20;

	static {
		for (int i = 0; i < HOSTS.length; i++) {
			HOSTS[i] = SampleRows.host(i);
		}
	}

	private long n;

	private LineProtocolBuffer buffer;

	private Point built;

	private com.influxdb.client.write.Point builtInflux;

	private Sender quest;

	private int questRows;

	private StringBuilder text;

	/** Prepare the buffers and the built points. */
	@Setup
	public void setUp() {
		this.buffer = new LineProtocolBuffer(WritePrecision.NS);
		this.built = cnosPoint(42);
		this.builtInflux = influxPoint(42);
		URI sink = URI.create(Contenders.sinkUrl());
		this.quest = Sender.builder(Sender.Transport.HTTP)
			.address(sink.getHost() + ":" + sink.getPort())
			.protocolVersion(Sender.PROTOCOL_VERSION_V1)
			.disableAutoFlush()
			.build();
		this.text = new StringBuilder(CLEAR_AFTER + 256);
	}

	/** Drop what QuestDB's sender holds, without sending it. */
	@TearDown
	public void tearDown() {
		this.quest.reset();
		this.quest.close();
	}

	static Point cnosPoint(long i) {
		return Point.measurement("bench")
			.tag("host", HOSTS[(int) (i % 100)])
			.field("usage", SampleRows.usage(i))
			.field("requests", i)
			.field("healthy", SampleRows.healthy(i))
			.time(START_NANOS + i, TimeUnit.NANOSECONDS)
			.build();
	}

	static com.influxdb.client.write.Point influxPoint(long i) {
		return com.influxdb.client.write.Point.measurement("bench")
			.addTag("host", HOSTS[(int) (i % 100)])
			.addField("usage", SampleRows.usage(i))
			.addField("requests", i)
			.addField("healthy", SampleRows.healthy(i))
			.time(START_NANOS + i, com.influxdb.client.domain.WritePrecision.NS);
	}

	/**
	 * The starter: build a point and append it to a buffer.
	 * @return the buffer's size
	 */
	@Benchmark
	public int cnosBuildAndEncode() {
		this.buffer.append(cnosPoint(this.n++));
		return clearIfFull();
	}

	/**
	 * The starter: append a built point to a buffer.
	 * @return the buffer's size
	 */
	@Benchmark
	public int cnosEncodeBuilt() {
		this.buffer.append(this.built);
		return clearIfFull();
	}

	/**
	 * The starter's row writer: the same line written into a buffer without a point.
	 * @return the buffer's size
	 */
	@Benchmark
	public int cnosRow() {
		long i = this.n++;
		this.buffer.row("bench")
			.tag("host", HOSTS[(int) (i % 100)])
			.field("healthy", SampleRows.healthy(i))
			.field("requests", i)
			.field("usage", SampleRows.usage(i))
			.at(START_NANOS + i, TimeUnit.NANOSECONDS);
		return clearIfFull();
	}

	private int clearIfFull() {
		int size = this.buffer.size();
		if (size > CLEAR_AFTER) {
			this.buffer.clear();
		}
		return size;
	}

	/**
	 * influxdb-client-java: build a point and encode it.
	 * @return the line
	 */
	@Benchmark
	public String influxBuildAndEncode() {
		return influxPoint(this.n++).toLineProtocol();
	}

	/**
	 * influxdb-client-java: encode a built point.
	 * @return the line
	 */
	@Benchmark
	public String influxEncodeBuilt() {
		return this.builtInflux.toLineProtocol();
	}

	/**
	 * QuestDB's sender: write a row into its buffer (ILP text, protocol version 1).
	 * @return the rows in the buffer
	 */
	@Benchmark
	public int questdbBuildAndEncode() {
		long i = this.n++;
		this.quest.table("bench")
			.symbol("host", HOSTS[(int) (i % 100)])
			.doubleColumn("usage", SampleRows.usage(i))
			.longColumn("requests", i)
			.boolColumn("healthy", SampleRows.healthy(i))
			.at(START_NANOS + i, ChronoUnit.NANOS);
		if (++this.questRows == 10_000) {
			this.quest.reset();
			this.questRows = 0;
		}
		return this.questRows;
	}

	/**
	 * A hand-written {@link StringBuilder}, no checks and no escaping.
	 * @return the builder's length
	 */
	@Benchmark
	public int stringBuilder() {
		long i = this.n++;
		StringBuilder line = this.text.append("bench,host=")
			.append(HOSTS[(int) (i % 100)])
			.append(" usage=")
			.append(SampleRows.usage(i))
			.append(",requests=")
			.append(i)
			.append("i,healthy=")
			.append(SampleRows.healthy(i))
			.append(' ')
			.append(START_NANOS + i)
			.append('\n');
		int length = line.length();
		if (length > CLEAR_AFTER) {
			line.setLength(0);
		}
		return length;
	}

}
