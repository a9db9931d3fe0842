package io.cnosdb.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApi;
import com.influxdb.client.WriteOptions;

import io.cnosdb.client.batch.CnosBatchWriter;

/**
 * Measures the heap a batching writer holds with {@value #POINTS} points buffered (its
 * batch size and flush interval keep them all in the buffer), in a JVM of its own:
 * {@code java … HeapProbe cnos|cnosRows|influx} ({@code cnosRows}: the same points
 * written as rows, {@link CnosBatchWriter#writeRows}, in calls of 5,000). Prints
 * {@code HEAP <contender> <bytes>}.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class HeapProbe {

	/** The points buffered. */
	public static final int POINTS = 50_000;

	private HeapProbe() {
	}

	/**
	 * Run the probe.
	 * @param args the contender, {@code cnos}, {@code cnosRows} or {@code influx}
	 * @throws Exception if the probe fails
	 */
	public static void main(String[] args) throws Exception {
		String contender = args[0];
		long retained;
		if ("cnos".equals(contender) || "cnosRows".equals(contender)) {
			try (CnosBatchWriter writer = CnosBatchWriter.builder(Contenders.template())
				.batchSize(2 * POINTS)
				.bufferLimit(2 * POINTS)
				.flushInterval(Duration.ofHours(1))
				.build()) {
				writer.writePoint(PointEncodeBenchmark.cnosPoint(POINTS));
				writer.flush();
				long before = usedHeap();
				if ("cnosRows".equals(contender)) {
					writeRows(writer);
				}
				else {
					for (int i = 0; i < POINTS; i++) {
						writer.writePoint(PointEncodeBenchmark.cnosPoint(i));
					}
				}
				retained = usedHeap() - before;
				CnosBatchWriter.Statistics statistics = writer.getStatistics();
				if (statistics.buffered() != POINTS || statistics.written() != 1) {
					throw new IllegalStateException("Expected " + POINTS + " points buffered: " + statistics);
				}
				writer.flush();
			}
		}
		else if ("influx".equals(contender)) {
			try (InfluxDBClient client = InfluxDBClientFactory.create(InfluxDBClientOptions.builder()
				.url(Contenders.sinkUrl())
				.authenticateToken("token".toCharArray())
				.org("cnosdb")
				.bucket("bench")
				.build())) {
				WriteApi writeApi = client.makeWriteApi(WriteOptions.builder()
					.batchSize(2 * POINTS)
					.bufferLimit(2 * POINTS)
					.flushInterval(3_600_000)
					.jitterInterval(0)
					.build());
				writeApi.writePoint(PointEncodeBenchmark.influxPoint(POINTS));
				writeApi.flush();
				Thread.sleep(500);
				long before = usedHeap();
				for (int i = 0; i < POINTS; i++) {
					writeApi.writePoint(PointEncodeBenchmark.influxPoint(i));
				}
				retained = usedHeap() - before;
				writeApi.close();
			}
		}
		else {
			throw new IllegalArgumentException("Unknown contender '" + contender + "' (cnos, cnosRows or influx)");
		}
		System.out.println("HEAP " + contender + " " + retained);
		System.exit(0);
	}

	/**
	 * Write the rows of {@link BatchWriteBenchmark#cnosRow} (the values and line lengths
	 * of {@link PointEncodeBenchmark#cnosPoint}'s lines).
	 */
	private static void writeRows(CnosBatchWriter writer) {
		int perCall = BatchWriteBenchmark.BATCH_SIZE;
		for (int first = 0; first < POINTS; first += perCall) {
			int from = first;
			writer.writeRows((rows) -> {
				for (long i = from; i < from + perCall; i++) {
					BatchWriteBenchmark.cnosRow(rows, i);
				}
			});
		}
	}

	static long usedHeap() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
