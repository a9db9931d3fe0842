package io.cnosdb.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import io.cnosdb.client.CnosRowMapper;
import io.cnosdb.client.CnosTemplate;

/**
 * Ten million rows streamed into {@link Sample} records in a JVM of 64 MB of heap: the
 * starter's {@code queryForStream} against the streaming floor.
 *
 * @author CnosDB Spring Boot contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(jvmArgsAppend = "-Xmx64m")
public class LargeStreamBenchmark {

	/** The rows of one result. */
	public static final int ROWS = 10_000_000;

	static final String SQL = "SELECT time, host, usage, requests, healthy FROM bench LIMIT " + ROWS;

	private CnosTemplate template;

	private Floors floors;

	/** Connect the contenders to the sink. */
	@Setup
	public void setUp() {
		this.template = Contenders.template();
		this.floors = new Floors(Contenders.sinkUrl());
	}

	/**
	 * The starter.
	 * @param blackhole where the rows go
	 * @return the number of rows
	 */
	@Benchmark
	public long cnosQueryForStream(Blackhole blackhole) {
		long[] count = new long[1];
		try (Stream<Sample> rows = this.template.queryForStream(SQL, CnosRowMapper.of(Sample.class))) {
			rows.forEach((row) -> {
				blackhole.consume(row);
				count[0]++;
			});
		}
		return Checks.count(count[0], ROWS);
	}

	/**
	 * The floor.
	 * @param blackhole where the rows go
	 * @return the number of rows
	 */
	@Benchmark
	public long floorStream(Blackhole blackhole) {
		return Checks.count(this.floors.query(SQL, true, blackhole::consume), ROWS);
	}

}
