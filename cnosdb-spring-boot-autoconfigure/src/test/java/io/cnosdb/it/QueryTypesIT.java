package io.cnosdb.it;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.cnosdb.client.CnosResult;
import io.cnosdb.client.CnosRow;
import io.cnosdb.client.CnosRowCallbackHandler;
import io.cnosdb.client.CnosRowMapper;
import io.cnosdb.client.CnosTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.dao.TypeMismatchDataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every CnosDB column type written with SQL and read back through the public API,
 * compared exactly: the text CnosDB renders, the Java value each getter returns, and what
 * the server itself says it stored.
 *
 * @author CnosDB Spring Boot contributors
 */
@RealCnosDbTest
class QueryTypesIT {

	/** 2023-11-14T22:13:20Z in nanoseconds. */
	private static final long T0 = 1_700_000_000_000_000_000L;

	private static final BigInteger UNSIGNED_MAX = new BigInteger("18446744073709551615");

	private static final int ROWS = 200_000;

	private static final String DIGITS = "(VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9))";

	/** The numbers 0 to 199,999, one per row, from a cross join of VALUES lists. */
	private static final String GENERATED_ROWS = "SELECT a.column1 * 100000 + b.column1 * 10000 + c.column1 * 1000"
			+ " + d.column1 * 100 + e.column1 * 10 + f.column1 AS n FROM (VALUES (0), (1)) a CROSS JOIN " + DIGITS
			+ " b CROSS JOIN " + DIGITS + " c CROSS JOIN " + DIGITS + " d CROSS JOIN " + DIGITS + " e CROSS JOIN "
			+ DIGITS + " f";

	private static String database;

	private static CnosTemplate template;

	@BeforeAll
	static void createDatabase(CnosDbServer server) {
		database = CnosDbServer.uniqueName("it_types");
		server.template().execute("CREATE DATABASE " + database);
		template = server.template().forDatabase(database);
		template.execute("CREATE TABLE t (b BIGINT, u BIGINT UNSIGNED, d DOUBLE, f BOOLEAN, s STRING, TAGS(k))");
	}

	@AfterAll
	static void dropDatabases(CnosDbServer server) {
		for (String db : List.of(database, database + "_ms", database + "_us", database + "_ns")) {
			server.template().execute("DROP DATABASE IF EXISTS " + db);
		}
	}

	@Test
	void bigintAndUnsignedExtremesAreReadExactly() {
		// One INSERT each: CnosDB refuses a VALUES list mixing UInt64 and Int64 literals.
		assertThat(template.execute("INSERT INTO t (time, k, b, u) VALUES (?, ?, ?, ?)", T0, "int_min", Long.MIN_VALUE,
				UNSIGNED_MAX))
			.isOne();
		assertThat(template.execute("INSERT INTO t (time, k, b, u) VALUES (?, ?, ?, ?)", T0, "int_max", Long.MAX_VALUE,
				BigInteger.ZERO))
			.isOne();
		CnosResult result = template.query("SELECT k, b, u FROM t WHERE k IN ('int_min', 'int_max') ORDER BY k");
		assertThat(result.rows()).extracting((row) -> row.getString("b"), (row) -> row.getString("u"))
			.containsExactly(tuple("9223372036854775807", "0"), tuple("-9223372036854775808", "18446744073709551615"));
		CnosRow max = result.rows().get(0);
		CnosRow min = result.rows().get(1);
		assertThat(min.getLong("b")).isEqualTo(Long.MIN_VALUE);
		assertThat(max.getLong("b")).isEqualTo(Long.MAX_VALUE);
		assertThat(min.getBigInteger("u")).isEqualTo(UNSIGNED_MAX);
		assertThat(max.getLong("u")).isZero();
		assertThat(min.getBigInteger("b")).isEqualTo(BigInteger.valueOf(Long.MIN_VALUE));
		assertThatExceptionOfType(TypeMismatchDataAccessException.class).isThrownBy(() -> min.getLong("u"))
			.withMessageContaining("read it as BigInteger");
		// The server compares the stored value, not only the text it renders.
		assertThat(template.queryForObject("SELECT k FROM t WHERE u = ?", String.class, UNSIGNED_MAX))
			.isEqualTo("int_min");
		assertThat(template.queryForObject("SELECT k FROM t WHERE b = ?", String.class, Long.MIN_VALUE))
			.isEqualTo("int_min");
	}

	@Test
	void doublesKeepNanInfinitiesAndExtremeMagnitudes() {
		// Line protocol refuses NaN and infinities; SQL gets them in through a cast.
		template.execute("INSERT INTO t (time, k, d) VALUES (" + T0 + ", 'd_nan', 'NaN'::DOUBLE), (" + T0
				+ ", 'd_inf', 'inf'::DOUBLE), (" + T0 + ", 'd_ninf', '-inf'::DOUBLE)");
		Map<String, Double> bound = new LinkedHashMap<>();
		bound.put("d_min", Double.MIN_VALUE);
		bound.put("d_max", Double.MAX_VALUE);
		bound.put("d_tiny", 1e-300);
		bound.put("d_small", 1e-7);
		bound.put("d_big", 1e20);
		bound.put("d_long", 123456789012345678.0);
		bound.put("d_tenth", 0.1);
		bound.put("d_neg", -2.5);
		bound.put("d_negzero", -0.0);
		bound.forEach((key, value) -> assertThat(template.execute("INSERT INTO t (time, k, d) VALUES (:time, :k, :d)",
				Map.of("time", T0, "k", key, "d", value)))
			.isOne());
		Map<String, String> texts = new LinkedHashMap<>();
		Map<String, Double> values = new LinkedHashMap<>();
		template.query("SELECT k, d FROM t WHERE starts_with(k, 'd_')", (row, n) -> {
			texts.put(row.getString("k"), row.getString("d"));
			values.put(row.getString("k"), row.getDouble("d"));
			return null;
		});
		assertThat(texts).containsEntry("d_nan", "NaN")
			.containsEntry("d_inf", "inf")
			.containsEntry("d_ninf", "-inf")
			.containsEntry("d_min", "5.0e-324")
			.containsEntry("d_max", "1.7976931348623157e308")
			.containsEntry("d_tiny", "1.0e-300")
			.containsEntry("d_small", "1.0e-7")
			.containsEntry("d_big", "1.0e20")
			.containsEntry("d_long", "1.2345678901234568e17")
			.containsEntry("d_tenth", "0.1")
			.containsEntry("d_neg", "-2.5");
		assertThat(values.get("d_nan")).isNaN();
		assertThat(values.get("d_inf")).isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(values.get("d_ninf")).isEqualTo(Double.NEGATIVE_INFINITY);
		bound.forEach((key, value) -> {
			if (!key.equals("d_negzero")) {
				assertThat(values.get(key)).as(key).isEqualTo(value);
			}
		});
		// 2.4.2.1 renders -0.0 as 0.0 in CSV (and -0.0 in JSON): the sign is not
		// asserted, only that the value is zero.
		assertThat(texts.get("d_negzero")).isIn("0.0", "-0.0");
		assertThat(values.get("d_negzero") == 0.0).isTrue();
		// What the server stored, by its own comparisons.
		assertThat(template.query("SELECT k FROM t WHERE d = 'NaN'::DOUBLE", String.class)).containsExactly("d_nan");
		assertThat(template.query("SELECT k FROM t WHERE d = 'inf'::DOUBLE OR d = '-inf'::DOUBLE ORDER BY k",
				String.class))
			.containsExactly("d_inf", "d_ninf");
		assertThat(template.queryForObject("SELECT k FROM t WHERE d = ?", String.class, Double.MIN_VALUE))
			.isEqualTo("d_min");
	}

	@Test
	void stringsKeepUnicodeQuotesSeparatorsAndLineBreaks() {
		Map<String, String> strings = new LinkedHashMap<>();
		strings.put("s_cjk", "中文 温度");
		strings.put("s_emoji", "😀 \uD83C\uDF21");
		strings.put("s_quote", "it's \"quoted\"");
		strings.put("s_comma", "a,b,,c");
		strings.put("s_lines", "line1\nline2\r\nline3");
		strings.put("s_backslash", "back\\slash \\n \\\\");
		strings.put("s_tab", "tab\there");
		strings.put("s_spaces", "  padded  ");
		strings.put("s_placeholder", "? :name '?'");
		strings.forEach((key,
				value) -> assertThat(template.execute("INSERT INTO t (time, k, s) VALUES (?, ?, ?)", T0, key, value))
					.isOne());
		Map<String, String> read = new LinkedHashMap<>();
		template.query("SELECT k, s FROM t WHERE starts_with(k, 's_')",
				(CnosRowCallbackHandler) (row) -> read.put(row.getString("k"), row.getString("s")));
		assertThat(read).containsExactlyInAnyOrderEntriesOf(strings);
		// The same through records, whose texts are taken from the CSV parser's buffer.
		assertThat(template.query("SELECT k, s FROM t WHERE starts_with(k, 's_')", KeyedText.class))
			.containsExactlyInAnyOrderElementsOf(strings.entrySet()
				.stream()
				.map((entry) -> new KeyedText(entry.getKey(), entry.getValue()))
				.toList());
		strings.forEach((key, value) -> {
			// The server finds the row by the bound value and counts its characters.
			assertThat(template.queryForObject("SELECT k FROM t WHERE s = :s", Map.of("s", value), String.class))
				.isEqualTo(key);
			assertThat(template.queryForObject("SELECT character_length(s) FROM t WHERE k = ?", Long.class, key))
				.isEqualTo(value.codePointCount(0, value.length()));
		});
	}

	@Test
	void emptyStringIsStoredButReadsAsNullLikeNull() {
		template.execute("INSERT INTO t (time, k, s, f) VALUES (?, 'e_empty', '', true)", T0);
		template.execute("INSERT INTO t (time, k, f) VALUES (?, 'e_null', true)", T0);
		// CnosDB renders NULL and '' alike in CSV, so both read as null (documented) ...
		assertThat(template.query("SELECT k, s FROM t WHERE starts_with(k, 'e_') ORDER BY k").rows())
			.extracting((row) -> row.getString("k"), (row) -> row.getString("s"))
			.containsExactly(tuple("e_empty", null), tuple("e_null", null));
		// ... while the server keeps them apart.
		assertThat(template.query("SELECT k FROM t WHERE s IS NULL AND starts_with(k, 'e_')", String.class))
			.containsExactly("e_null");
		assertThat(template.queryForObject("SELECT character_length(s) FROM t WHERE k = 'e_empty'", Long.class))
			.isZero();
	}

	@Test
	void nullsOfEveryTypeReadAsNullAndRefusePrimitives() {
		template.execute("INSERT INTO t (time, k, f) VALUES (?, 'n_only_f', false)", T0);
		template.execute("INSERT INTO t (time, b) VALUES (?, 42)", T0 + 1);
		CnosRow onlyF = template.query("SELECT * FROM t WHERE k = 'n_only_f'").rows().get(0);
		assertThat(onlyF.getColumnNames()).containsExactly("time", "k", "b", "u", "d", "f", "s");
		assertThat(onlyF.getLong("b")).isNull();
		assertThat(onlyF.getBigInteger("u")).isNull();
		assertThat(onlyF.getDouble("d")).isNull();
		assertThat(onlyF.getString("s")).isNull();
		assertThat(onlyF.getBoolean("f")).isFalse();
		assertThat(onlyF.isNull("d")).isTrue();
		assertThatExceptionOfType(TypeMismatchDataAccessException.class).isThrownBy(() -> onlyF.get("b", long.class))
			.withMessage("Column 'b' is NULL and cannot be read as primitive long");
		CnosRow noTag = template.query("SELECT * FROM t WHERE b = 42").rows().get(0);
		assertThat(noTag.getString("k")).isNull();
		assertThat(noTag.getBoolean("f")).isNull();
		assertThat(noTag.getInstant("time")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 1));
		// A NULL aggregate over no rows: a one-column row CnosDB writes as "".
		assertThat(template.queryForObject("SELECT max(d) FROM t WHERE k = 'nothing'", Double.class)).isNull();
		assertThat(template.query("SELECT b, u, d, f, s FROM t WHERE k = 'n_only_f'", AllTypes.class))
			.containsExactly(new AllTypes(null, null, null, false, null));
	}

	@Test
	void timestampsOfEachDatabasePrecisionReadBackAsExactInstants() {
		Map<String, List<Instant>> instants = Map.of("ms",
				List.of(Instant.parse("2023-11-14T22:13:20.123Z"), Instant.parse("1969-12-31T23:59:59.999Z")), "us",
				List.of(Instant.parse("2023-11-14T22:13:20.123456Z"), Instant.parse("2000-02-29T12:00:00.000001Z")),
				"ns", List.of(Instant.parse("2023-11-14T22:13:20.123456789Z"),
						Instant.parse("2262-04-11T23:47:16.854775806Z")));
		instants.forEach((precision, values) -> {
			String db = database + "_" + precision;
			template.execute("CREATE DATABASE " + db + " WITH PRECISION '" + precision + "'");
			CnosTemplate view = template.forDatabase(db);
			view.execute("CREATE TABLE t (v BIGINT, TAGS(k))");
			for (int i = 0; i < values.size(); i++) {
				assertThat(view.execute("INSERT INTO t (time, k, v) VALUES (?, ?, ?)", values.get(i), "k" + i, i))
					.isOne();
			}
			List<Instant> read = view.query("SELECT time FROM t ORDER BY k", Instant.class);
			assertThat(read).as(precision).containsExactlyElementsOf(values);
			// The server stores the time in the database's unit.
			long first = view.queryForObject("SELECT CAST(time AS BIGINT) FROM t WHERE k = 'k0'", Long.class);
			Instant expected = values.get(0);
			long unitsPerSecond = switch (precision) {
				case "ms" -> 1_000L;
				case "us" -> 1_000_000L;
				default -> 1_000_000_000L;
			};
			assertThat(first).as(precision)
				.isEqualTo(expected.getEpochSecond() * unitsPerSecond
						+ expected.getNano() / (1_000_000_000L / unitsPerSecond));
			CnosRow row = view.query("SELECT time FROM t WHERE k = 'k0'").rows().get(0);
			assertThat(row.getString("time")).as(precision)
				.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}");
			assertThat(row.get("time", OffsetDateTime.class)).isEqualTo(expected.atOffset(ZoneOffset.UTC));
			assertThat(row.get("time", LocalDateTime.class))
				.isEqualTo(LocalDateTime.ofInstant(expected, ZoneOffset.UTC));
		});
	}

	@Test
	void timestampRenderingsOfTheServerReadAsTheIsoParserReadsThem() {
		CnosRow row = template
			.query("SELECT now() AS n, CAST('1969-07-20T20:17:40.000000001' AS TIMESTAMP) AS pre, "
					+ "CAST('2262-04-11T23:47:16.854775806' AS TIMESTAMP) AS far")
			.rows()
			.get(0);
		// now() has an offset, the others none; all go through the hand-written layout.
		assertThat(row.getString("n")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}\\+00:00");
		assertThat(row.get("n", OffsetDateTime.class)).isEqualTo(OffsetDateTime.parse(row.getString("n")));
		assertThat(row.getInstant("n")).isEqualTo(OffsetDateTime.parse(row.getString("n")).toInstant());
		assertThat(row.getString("pre")).isEqualTo("1969-07-20T20:17:40.000000001");
		assertThat(row.getInstant("pre")).isEqualTo(Instant.parse("1969-07-20T20:17:40.000000001Z"));
		assertThat(row.getInstant("far")).isEqualTo(Instant.parse("2262-04-11T23:47:16.854775806Z"));
		assertThat(row.get("far", LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2262-04-11T23:47:16.854775806"));
	}

	@Test
	void resultsMapToRowsRecordsBeansAndSingleValues() {
		template.execute("CREATE TABLE m (temperature DOUBLE, humidity BIGINT, TAGS(station))");
		assertThat(template.execute(
				"INSERT INTO m (time, station, temperature, humidity) VALUES (?, ?, ?, ?), "
						+ "(?, ?, ?, ?), (?, ?, ?, ?)",
				T0, "XiaoMaiDao", 21.5, 40, T0 + 1_000_000_000L, "XiaoMaiDao", 22.0, 41, T0, "O'Hare \"North\"", -3.25,
				90))
			.isEqualTo(3);
		String sql = "SELECT time, station, temperature, humidity FROM m ORDER BY station, time";
		CnosResult result = template.query(sql);
		assertThat(result.columnNames()).containsExactly("time", "station", "temperature", "humidity");
		assertThat(result.rows()).extracting((row) -> row.getString("station"))
			.containsExactly("O'Hare \"North\"", "XiaoMaiDao", "XiaoMaiDao");
		List<Reading> records = template.query(sql, Reading.class);
		assertThat(records).containsExactly(
				new Reading(Instant.ofEpochSecond(1_700_000_000L), "O'Hare \"North\"", -3.25, 90L),
				new Reading(Instant.ofEpochSecond(1_700_000_000L), "XiaoMaiDao", 21.5, 40L),
				new Reading(Instant.ofEpochSecond(1_700_000_001L), "XiaoMaiDao", 22.0, 41L));
		List<ReadingBean> beans = template.query(sql, ReadingBean.class);
		assertThat(beans).extracting(ReadingBean::getStation, ReadingBean::getTemperature, ReadingBean::getHumidity)
			.containsExactly(tuple("O'Hare \"North\"", -3.25, 90), tuple("XiaoMaiDao", 21.5, 40),
					tuple("XiaoMaiDao", 22.0, 41));
		assertThat(template.query("SELECT humidity FROM m ORDER BY humidity", Long.class)).containsExactly(40L, 41L,
				90L);
		assertThat(template.queryForObject("SELECT count(humidity) FROM m", Long.class)).isEqualTo(3L);
		assertThat(template.queryForObject("SELECT humidity FROM m WHERE station = ?", Long.class, "O'Hare \"North\""))
			.isEqualTo(90L);
		assertThat(template.query("SELECT time FROM m WHERE station = :station AND time > :since",
				Map.of("station", "XiaoMaiDao", "since", Instant.ofEpochSecond(1_700_000_000L)),
				(row, n) -> row.getInstant("time")))
			.containsExactly(Instant.ofEpochSecond(1_700_000_001L));
		assertThat(template.query("SELECT station FROM m WHERE station IN (?) ORDER BY station",
				CnosRowMapper.of(String.class), List.of("O'Hare \"North\"", "nowhere")))
			.containsExactly("O'Hare \"North\"");
		List<String> handled = new ArrayList<>();
		template.query(sql, (CnosRowCallbackHandler) (row) -> handled
			.add(row.getString("station") + "=" + row.getDouble("temperature")));
		assertThat(handled).containsExactly("O'Hare \"North\"=-3.25", "XiaoMaiDao=21.5", "XiaoMaiDao=22.0");
	}

	@Test
	void largeStreamedResultIsReadLazilyWithItsHeaderOnceAcrossChunks() {
		// 200,000 rows generated by the server; a streamed result sends them in
		// thousands of chunks, the CSV header only in the first.
		List<Long> mapped = new ArrayList<>();
		try (Stream<Long> values = template.queryForStream(GENERATED_ROWS, (row, n) -> {
			Long value = row.getLong("n");
			mapped.add(value);
			return value;
		})) {
			assertThat(values.limit(10).count()).isEqualTo(10);
		}
		assertThat(mapped).hasSize(10);
		long[] countAndSum = new long[2];
		java.util.BitSet seen = new java.util.BitSet(ROWS);
		try (Stream<Long> values = template.queryForStream(GENERATED_ROWS, (row, n) -> row.getLong("n"))) {
			values.forEach((value) -> {
				countAndSum[0]++;
				countAndSum[1] += value;
				seen.set(value.intValue());
			});
		}
		assertThat(countAndSum[0]).isEqualTo(ROWS);
		assertThat(countAndSum[1]).isEqualTo((long) ROWS * (ROWS - 1) / 2);
		assertThat(seen.cardinality()).isEqualTo(ROWS);
		// The connection is usable after a stream closed early.
		assertThat(template.queryForObject("SELECT 1", Long.class)).isOne();
	}

	record AllTypes(Long b, BigInteger u, Double d, Boolean f, String s) {
	}

	record KeyedText(String k, String s) {
	}

	record Reading(Instant time, String station, double temperature, Long humidity) {
	}

	/**
	 * A bean mapped through its setters.
	 */
	public static class ReadingBean {

		private String station;

		private Double temperature;

		private int humidity;

		public String getStation() {
			return this.station;
		}

		public void setStation(String station) {
			this.station = station;
		}

		public Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(Double temperature) {
			this.temperature = temperature;
		}

		public int getHumidity() {
			return this.humidity;
		}

		public void setHumidity(int humidity) {
			this.humidity = humidity;
		}

	}

}
