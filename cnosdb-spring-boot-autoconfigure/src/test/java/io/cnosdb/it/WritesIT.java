package io.cnosdb.it;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cnosdb.client.CnosInvalidDataException;
import io.cnosdb.client.CnosObjectNotFoundException;
import io.cnosdb.client.CnosResult;
import io.cnosdb.client.CnosRow;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.write.Field;
import io.cnosdb.client.write.Measurement;
import io.cnosdb.client.write.Point;
import io.cnosdb.client.write.Tag;
import io.cnosdb.client.write.Timestamp;
import io.cnosdb.client.write.WritePrecision;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Writes through the public API against a real server, read back with SQL and compared
 * exactly: raw lines in every precision, points with every field type, annotated objects,
 * split and gzip-compressed requests, and the server's refusals.
 *
 * @author CnosDB Spring Boot contributors
 */
@RealCnosDbTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WritesIT {

	private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

	private final CnosDbServer server;

	@AutoClose
	private final CnosDbServer.TemporaryDatabase temporary;

	private final String database;

	private final CnosTemplate template;

	WritesIT(CnosDbServer server) {
		this.server = server;
		this.temporary = server.temporaryDatabase("writes");
		this.database = this.temporary.name();
		this.template = this.temporary.template();
	}

	@Test
	void writeLinesInEveryPrecisionStoresTheExactInstants() {
		for (WritePrecision precision : WritePrecision.values()) {
			String table = "lines_" + precision.parameter();
			long unit = precision.timeUnit().toNanos(1);
			long base = (T0.getEpochSecond() * 1_000_000_000L + 123_456_789L) / unit;
			// One line as a String, two as an Iterable: same columns in every request.
			assertThat(this.template.writeLines(table + ",k=a v=1i " + base, precision)).isEqualTo(1);
			assertThat(this.template
				.writeLines(List.of(table + ",k=b v=2i " + (base + 1), table + ",k=c v=3i " + (base + 2)), precision))
				.isEqualTo(2);
			List<Instant> times = this.template.query("SELECT time, k, v FROM \"" + table + "\" ORDER BY time",
					(row, n) -> row.getInstant("time"));
			Instant first = Instant.ofEpochSecond(0, base * unit);
			assertThat(times).as(precision.parameter())
				.containsExactly(first, first.plusNanos(unit), first.plusNanos(2 * unit));
			assertThat(this.template.query("SELECT k, v FROM \"" + table + "\" ORDER BY time",
					(row, n) -> row.getString("k") + "=" + row.getLong("v")))
				.containsExactly("a=1", "b=2", "c=3");
		}
	}

	@Test
	void pointWithEveryFieldTypeReadsBackExactly() {
		BigInteger maxUnsigned = new BigInteger("18446744073709551615");
		String text = "quote \" backslash \\ newline\n tab\t unicode 北京 🌧 end\\";
		Point point = Point.measurement("types")
			.tag("place", "Xiao Mai, Dao=1")
			.field("l", Long.MIN_VALUE)
			.field("lmax", Long.MAX_VALUE)
			.unsignedField("u", maxUnsigned)
			.field("d1", 1.0E-5)
			.field("d2", 1.2345678E7)
			.field("d3", -0.1)
			.field("dmax", Double.MAX_VALUE)
			.field("b", true)
			.field("s", text)
			.time(T0)
			.build();
		assertThat(this.template.writePoint(point)).isEqualTo(1);
		CnosRow row = this.template.query("SELECT * FROM types").rows().get(0);
		assertThat(row.getInstant("time")).isEqualTo(T0);
		assertThat(row.getString("place")).isEqualTo("Xiao Mai, Dao=1");
		assertThat(row.getLong("l")).isEqualTo(Long.MIN_VALUE);
		assertThat(row.getLong("lmax")).isEqualTo(Long.MAX_VALUE);
		assertThat(row.getBigInteger("u")).isEqualTo(maxUnsigned);
		assertThat(row.getDouble("d1")).isEqualTo(1.0E-5);
		assertThat(row.getDouble("d2")).isEqualTo(1.2345678E7);
		assertThat(row.getDouble("d3")).isEqualTo(-0.1);
		assertThat(row.getDouble("dmax")).isEqualTo(Double.MAX_VALUE);
		assertThat(row.getBoolean("b")).isTrue();
		assertThat(row.getString("s")).isEqualTo(text);
		assertThat(this.template.query("DESCRIBE TABLE types",
				(r, n) -> r.getString("column_name") + " " + r.getString("data_type") + " "
						+ r.getString("column_type")))
			.containsExactlyInAnyOrder("time TIMESTAMP(NANOSECOND) TIME", "place STRING TAG", "l BIGINT FIELD",
					"lmax BIGINT FIELD", "u BIGINT UNSIGNED FIELD", "d1 DOUBLE FIELD", "d2 DOUBLE FIELD",
					"d3 DOUBLE FIELD", "dmax DOUBLE FIELD", "b BOOLEAN FIELD", "s STRING FIELD");
	}

	@Test
	void annotatedObjectsAreWrittenAsPoints() {
		List<Air> readings = List.of(new Air("XiaoMaiDao", 53, 69.5, T0.toEpochMilli()),
				new Air("LianYunGang", 60, 70.25, T0.toEpochMilli() + 1));
		assertThat(this.template.writeObjects(readings)).isEqualTo(2);
		List<Air> read = this.template.query("SELECT station, visibility, temperature, time FROM air ORDER BY time",
				(row, n) -> new Air(row.getString("station"), row.getLong("visibility").intValue(),
						row.getDouble("temperature"), row.getInstant("time").toEpochMilli()));
		assertThat(read).containsExactlyElementsOf(readings);
	}

	@Test
	void largeWriteIsSplitIntoSeveralRequestsAndAllOfItIsStored() {
		CnosTemplate small = this.server.templateBuilder()
			.database(this.database)
			.maxRequestSize(DataSize.ofKilobytes(1))
			.build();
		List<Point> points = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			points
				.add(Point.measurement("split").tag("k", "key" + i).field("v", (long) i).time(T0.plusNanos(i)).build());
		}
		// At least 37 bytes a line: more than 10 requests of at most 1 KB.
		assertThat(points.get(0).toLineProtocol().length()).isGreaterThanOrEqualTo(36);
		assertThat(small.writePoints(points)).isEqualTo(300);
		CnosRow row = this.template
			.query("SELECT count(v) AS n, sum(v) AS s, min(time) AS t0, max(time) AS t1 FROM split")
			.rows()
			.get(0);
		assertThat(row.getLong("n")).isEqualTo(300);
		assertThat(row.getLong("s")).isEqualTo(299 * 300 / 2);
		assertThat(row.getInstant("t0")).isEqualTo(T0);
		assertThat(row.getInstant("t1")).isEqualTo(T0.plusNanos(299));
	}

	@Test
	void gzipOnAndOffStoreTheSameRows() {
		CnosTemplate gzip = this.server.templateBuilder().database(this.database).gzip(true).build();
		assertThat(gzip.isGzip()).isTrue();
		assertThat(this.template.isGzip()).isFalse();
		String text = "gzip ✓ \"quoted\"";
		gzip.writePoint(Point.measurement("zipped").tag("via", "gzip").field("s", text).time(T0).build());
		this.template.writePoint(Point.measurement("zipped").tag("via", "plain").field("s", text).time(T0).build());
		assertThat(this.template.query("SELECT via, s, time FROM zipped ORDER BY via",
				(row, n) -> row.getString("via") + "|" + row.getString("s") + "|" + row.getInstant("time")))
			.containsExactly("gzip|" + text + "|" + T0, "plain|" + text + "|" + T0);
	}

	@Test
	void parseErrorNamesItsLine() {
		long t = T0.getEpochSecond() * 1_000_000_000L;
		// CnosDB 2.4.2 names the timestamp's byte in the body without quotes.
		String lines = "bad v=1 " + t + "\nbad v=2 x" + t;
		assertThatExceptionOfType(CnosInvalidDataException.class).isThrownBy(() -> this.template.writeLines(lines))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("040004");
				assertThat(ex.getMessage())
					.startsWith("Write failed: CnosDB error 040004 (HTTP 422): "
							+ "Error parsing message: fail to parse timestamp at ")
					.endsWith(" of the request body is in line 2 of the request: bad v=2 x" + t);
			});
		// A value the parser cannot read is looked up in the body.
		assertThatExceptionOfType(CnosInvalidDataException.class)
			.isThrownBy(() -> this.template.writeLines("bad,t=tRUE v=1 " + t + "\nbad,t=x v=tRUE " + t))
			.withMessage("Write failed: CnosDB error 040004 (HTTP 422): Error parsing message: invalid field "
					+ "value: 'tRUE'; the value \"tRUE\" is in line 2 of the request: bad,t=x v=tRUE " + t);
		// Nothing of either request was stored.
		assertThat(this.template.admin().listTables()).doesNotContain("bad");
	}

	@Test
	void typeConflictIsInvalidDataAndWritesNothing() {
		this.template.writeLines("conflict f=1.5 " + T0.getEpochSecond() * 1_000_000_000L);
		assertThatExceptionOfType(CnosInvalidDataException.class)
			.isThrownBy(() -> this.template.writeLines("conflict f=1i " + (T0.getEpochSecond() * 1_000_000_000L + 1)))
			.withMessage("Write failed: CnosDB error 050014 (HTTP 422): Apply engine failed: DataSchemaError: "
					+ "Column 'f' type error, found I64 expected F64")
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("050014"));
		CnosResult stored = this.template.query("SELECT f FROM conflict");
		assertThat(stored.rows()).singleElement().satisfies((row) -> assertThat(row.getDouble("f")).isEqualTo(1.5));
	}

	@Test
	void writeToAMissingDatabaseIsNotFound() {
		String missing = CnosDbServer.uniqueName("missing");
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> this.template.forDatabase(missing).writeLines("m v=1"))
			.withMessage("Write failed: CnosDB error 030017 (HTTP 422): Database not found: \"" + missing + "\"")
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030017"));
		assertThat(this.template.admin().listDatabases()).doesNotContain(missing);
	}

	@Measurement("air")
	record Air(@Tag String station, @Field int visibility, @Field double temperature, @Timestamp long time) {
	}

}
