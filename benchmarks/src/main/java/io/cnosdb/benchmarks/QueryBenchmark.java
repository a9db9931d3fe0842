package io.cnosdb.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
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
 * One million rows of five columns read into {@link Sample} records: the starter's
 * {@code query(sql, Sample.class)} against the floor that collects the same records into
 * a list, and {@code queryForStream} against the floor that streams a chunked answer. A
 * fixed heap of 4 GB (the list of a million records is about 150 MB), and the runner
 * collects garbage between iterations: without both, the time of an iteration of the list
 * benchmarks swung by 2 to 3 times within one fork, for the floor as for the starter.
 *
 * @author CnosDB Spring Boot contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(jvmArgsAppend = { "-Xms4g", "-Xmx4g" })
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class QueryBenchmark {

	/** The rows of one result. */
	public static final int ROWS = 1_000_000;

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
	 * The starter, all rows into a list.
	 * @return the rows
	 */
	@Benchmark
	public List<@Nullable Sample> cnosQuery() {
		List<@Nullable Sample> rows = this.template.query(SQL, Sample.class);
		return Checks.rows(rows, ROWS);
	}

	/**
	 * The starter, streamed.
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
	 * The floor of {@link #cnosQuery()}: the same records, collected into a list.
	 * @return the rows
	 */
	@Benchmark
	public List<Sample> floorList() {
		List<Sample> rows = new ArrayList<>();
		this.floors.query(SQL, false, rows::add);
		return Checks.rows(rows, ROWS);
	}

	/**
	 * The floor of {@link #cnosQueryForStream(Blackhole)}: a chunked answer, streamed.
	 * @param blackhole where the rows go
	 * @return the number of rows
	 */
	@Benchmark
	public long floorStream(Blackhole blackhole) {
		return Checks.count(this.floors.query(SQL, true, blackhole::consume), ROWS);
	}

}
