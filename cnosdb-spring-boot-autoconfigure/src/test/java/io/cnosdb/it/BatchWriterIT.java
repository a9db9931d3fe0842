package io.cnosdb.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.cnosdb.client.CnosInvalidDataException;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.batch.CnosBatchWriter;
import io.cnosdb.client.batch.WriteFailure;
import io.cnosdb.client.write.Point;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batching writer, built by hand over a real server: batches by size and by interval,
 * futures that complete when the server acknowledged, counters, a data error reported and
 * not retried, and a close that flushes.
 *
 * @author CnosDB Spring Boot contributors
 */
@RealCnosDbTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchWriterIT {

	private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

	private final CnosDbServer server;

	@AutoClose
	private final CnosDbServer.TemporaryDatabase temporary;

	private final String database;

	private final CnosTemplate template;

	BatchWriterIT(CnosDbServer server) {
		this.server = server;
		this.temporary = server.temporaryDatabase("batch");
		this.database = this.temporary.name();
		this.template = this.temporary.template();
	}

	@Test
	void fullBatchesAreSentAtOnceAndCloseFlushesTheRest() throws Exception {
		CnosBatchWriter writer = CnosBatchWriter.builder(this.template)
			.batchSize(10)
			.flushInterval(Duration.ofHours(1))
			.build();
		List<CompletableFuture<Void>> futures = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			futures.add(writer.writePoint(point("by_size", i)));
		}
		// Two full batches go without waiting for the interval.
		CompletableFuture.allOf(futures.subList(0, 20).toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
		assertThat(count("by_size")).isEqualTo(20);
		assertThat(futures.subList(20, 25)).noneMatch(CompletableFuture::isDone);
		assertThat(writer.getStatistics().written()).isEqualTo(20);
		assertThat(writer.getStatistics().buffered()).isEqualTo(5);
		writer.close();
		assertThat(futures).allMatch((future) -> future.isDone() && !future.isCompletedExceptionally());
		assertThat(count("by_size")).isEqualTo(25);
		assertThat(writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 25, 0, 0));
		assertThat(this.template.query("SELECT v FROM by_size ORDER BY time", (row, n) -> row.getLong("v")))
			.containsExactlyElementsOf(LongStream.range(0, 25).boxed().toList());
	}

	@Test
	void pointsAreSentWhenTheIntervalPasses() throws Exception {
		try (CnosBatchWriter writer = CnosBatchWriter.builder(this.template)
			.batchSize(1000)
			.flushInterval(Duration.ofMillis(200))
			.build()) {
			CompletableFuture<Void> first = writer.writePoint(point("by_time", 0));
			CompletableFuture<Void> rest = writer.writePoints(List.of(point("by_time", 1), point("by_time", 2)));
			CompletableFuture.allOf(first, rest).get(10, TimeUnit.SECONDS);
			assertThat(count("by_time")).isEqualTo(3);
			assertThat(writer.getStatistics().written()).isEqualTo(3);
		}
	}

	@Test
	void dataErrorIsReportedToTheFutureAndTheListenerWithoutRetry() throws Exception {
		List<WriteFailure> failures = new CopyOnWriteArrayList<>();
		try (CnosBatchWriter writer = CnosBatchWriter.builder(this.template)
			.batchSize(2)
			.failureListener(failures::add)
			.build()) {
			writer.writePoint(point("typed", 0)).get(10, TimeUnit.SECONDS);
			// Column v is BIGINT now: a DOUBLE value is a type conflict (050014).
			CompletableFuture<Void> bad = writer
				.writePoint(Point.measurement("typed").tag("k", "a").field("v", 1.5).time(T0.plusSeconds(1)).build());
			writer.flush();
			assertThat(bad).isCompletedExceptionally();
			assertThat(bad).failsWithin(Duration.ofSeconds(10))
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(CnosInvalidDataException.class)
				.withMessageContaining("050014")
				.withMessageContaining("Column 'v' type error, found F64 expected I64");
			assertThat(writer.getStatistics().retried()).isZero();
			assertThat(writer.getStatistics().failed()).isEqualTo(1);
		}
		assertThat(failures).hasSize(1);
		assertThat(count("typed")).isEqualTo(1);
	}

	@Test
	void oneBadPointAmongAThousandIsReportedAloneAndTheOthersAreStored() {
		List<WriteFailure> failures = new CopyOnWriteArrayList<>();
		try (CnosBatchWriter writer = CnosBatchWriter.builder(this.template)
			.batchSize(1000)
			.flushInterval(Duration.ofHours(1))
			.failureListener(failures::add)
			.build()) {
			// Column v is BIGINT once the first point is stored.
			writer.writePoint(point("isolated", 0));
			writer.flush();
			Point bad = Point.measurement("isolated").tag("k", "a").field("v", 500.5).time(T0.plusMillis(500)).build();
			List<CompletableFuture<Void>> futures = new ArrayList<>();
			for (int i = 1; i <= 1000; i++) {
				futures.add(writer.writePoint((i == 500) ? bad : point("isolated", i)));
			}
			writer.flush();
			assertThat(futures.stream().filter(CompletableFuture::isCompletedExceptionally)).hasSize(1);
			assertThat(futures.get(499)).isCompletedExceptionally();
			assertThat(writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 1000, 0, 1));
		}
		assertThat(failures).singleElement().satisfies((failure) -> {
			assertThat(failure.points()).containsExactly(
					Point.measurement("isolated").tag("k", "a").field("v", 500.5).time(T0.plusMillis(500)).build());
			assertThat(failure.possiblyWritten()).isFalse();
			assertThat(failure.exception()).isInstanceOf(CnosInvalidDataException.class)
				.hasMessageContaining("050014")
				.hasMessageContaining("Column 'v' type error, found F64 expected I64");
		});
		// 999 of the thousand and the first point; not the bad one.
		assertThat(count("isolated")).isEqualTo(1000);
		assertThat(this.template.query("SELECT v FROM isolated ORDER BY time", (row, n) -> row.getLong("v")))
			.containsExactlyElementsOf(LongStream.rangeClosed(0, 1000).filter((i) -> i != 500).boxed().toList());
	}

	@Test
	void aLineTheServerCannotParseIsReportedAloneAndTheOthersAreStored() {
		List<WriteFailure> failures = new CopyOnWriteArrayList<>();
		try (CnosBatchWriter writer = CnosBatchWriter.builder(this.template)
			.batchSize(1000)
			.flushInterval(Duration.ofHours(1))
			.failureListener(failures::add)
			.build()) {
			StringBuilder lines = new StringBuilder();
			for (int i = 0; i < 100; i++) {
				lines.append("parsed,k=a v=").append((i == 42) ? "tRUE" : i + "i").append(' ').append(i).append('\n');
			}
			writer.writeLines(lines.toString());
			writer.flush();
		}
		assertThat(failures).singleElement().satisfies((failure) -> {
			assertThat(failure.lines()).containsExactly("parsed,k=a v=tRUE 42");
			assertThat(failure.possiblyWritten()).isFalse();
			assertThat(failure.exception()).hasMessageContaining("040004")
				.hasMessageContaining("invalid field value: 'tRUE'")
				.hasMessageContaining("is in line 43 of the request: parsed,k=a v=tRUE 42");
		});
		assertThat(count("parsed")).isEqualTo(99);
	}

	@Test
	void writingTheSamePointAgainLeavesOneRow() {
		// What makes at-least-once delivery harmless: one row per series and timestamp.
		try (CnosBatchWriter writer = CnosBatchWriter.builder(this.template).build()) {
			writer.writePoint(point("again", 7));
			writer.flush();
			writer.writePoint(point("again", 7));
			writer.flush();
			writer.writePoints(List.of(point("again", 7), point("again", 7)));
			writer.flush();
			assertThat(writer.getStatistics().written()).isEqualTo(4);
		}
		assertThat(count("again")).isEqualTo(1);
	}

	@Test
	void rowsAreWrittenAndReadBackAndABadRowIsReportedWithItsLine() throws Exception {
		List<WriteFailure> failures = new CopyOnWriteArrayList<>();
		try (CnosBatchWriter writer = CnosBatchWriter.builder(this.template)
			.batchSize(400)
			.flushInterval(Duration.ofHours(1))
			.failureListener(failures::add)
			.build()) {
			// Calls of 300 rows in batches of 400: batches cut calls.
			List<CompletableFuture<Void>> calls = new ArrayList<>();
			for (int call = 0; call < 4; call++) {
				int first = call * 300;
				calls.add(writer.writeRows((rows) -> {
					for (int i = first; i < first + 300; i++) {
						rows.row("by_rows")
							.tag("k", "a b,c=" + (i % 3))
							.field("v", (long) i)
							.field("s", "say \"" + i + "\"")
							.at(T0.plusMillis(i));
					}
				}));
			}
			writer.flush();
			assertThat(calls).allMatch((call) -> call.isDone() && !call.isCompletedExceptionally());
			// Column v is BIGINT now: a DOUBLE value is a type conflict (050014).
			CompletableFuture<Void> withBad = writer.writeRows((rows) -> {
				rows.row("by_rows").tag("k", "x").field("v", 2000L).at(T0.plusMillis(2000));
				rows.row("by_rows").tag("k", "x").field("v", 2001.5).at(T0.plusMillis(2001));
				rows.row("by_rows").tag("k", "x").field("v", 2002L).at(T0.plusMillis(2002));
			});
			writer.flush();
			assertThat(withBad).isCompletedExceptionally();
			assertThat(writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 1202, 0, 1));
		}
		assertThat(failures).singleElement().satisfies((failure) -> {
			assertThat(failure.points()).isEmpty();
			assertThat(failure.lines()).containsExactly("by_rows,k=x v=2001.5 1709287202001000000");
			assertThat(failure.possiblyWritten()).isFalse();
			assertThat(failure.exception()).isInstanceOf(CnosInvalidDataException.class).hasMessageContaining("050014");
		});
		assertThat(count("by_rows")).isEqualTo(1202);
		assertThat(this.template.query("SELECT k, v, s FROM by_rows WHERE v < 1200 ORDER BY time",
				(row, n) -> row.getString("k") + "|" + row.getLong("v") + "|" + row.getString("s")))
			.containsExactlyElementsOf(LongStream.range(0, 1200)
				.mapToObj((i) -> "a b,c=" + (i % 3) + "|" + i + "|say \"" + i + "\"")
				.toList());
	}

	private static Point point(String table, int i) {
		return Point.measurement(table).tag("k", "a").field("v", (long) i).time(T0.plusMillis(i)).build();
	}

	private long count(String table) {
		Long count = this.template.queryForObject("SELECT count(v) FROM " + table, Long.class);
		return (count != null) ? count : -1;
	}

}
