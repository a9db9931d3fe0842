package io.cnosdb.client.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.LineProtocolChunker;
import io.cnosdb.client.write.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.CnosServerStub.csv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CsvLineEncoder}: every row it takes becomes the very line its point
 * would, and it leaves to {@link CsvRowConverter} every row it is not sure of (malformed
 * rows included, so that their messages stay the converter's).
 */
class CsvLineEncoderTests {

	private static final String DESCRIBE_HEADER = "column_name,data_type,column_type,compression_codec\n";

	private static final List<String> HEADER = List.of("time", "host", "zone", "d", "i", "u", "b", "s");

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private static final String[] BASE = { "2024-03-01T10:00:00.000000000", "host-0", "eu", "0.5", "7", "8", "true",
			"text" };

	private static final String[][] VARIANTS = {
			// time
			{ "2024-03-01T10:00:00.001000000", "2024-02-29 23:59:59.5", "2023-07-28T02:12:11.123+02:30",
					"2023-07-28T02:12:11-05:00", "2023-07-28T02:12:11Z", "1709287200000000000", "-5", "+7",
					"1900-01-01T00:00:00", "1677-09-21T00:12:43.145224192", "2262-04-11T23:47:16.854775807",
					"2262-04-11T23:47:16.854775808", "2024-02-30T00:00:00", "2023-02-29T00:00:00", "2024-03-01T10:00",
					"2024-03-01T10:00:00.", "2024-03-01T24:00:00", "2024-03-01T10:00:00+18:00",
					"2024-03-01T10:00:00.1234567891", "2024-03-01T10:00:00[UTC]", "", "x", "99999999999999999999" },
			// host (tag)
			{ "a b,c=d", "ünïcødé", "emoji \uD83D\uDE00", "tab\there", "back\\slash", "", "\u0085", "=" },
			// zone (tag)
			{ "", "zone 2" },
			// d (DOUBLE)
			{ "0.0", "-0.0", "-0", "0", "0.25", "-0.25", "007.50", "1234567.5", "12345678.5", "0.001", "0.0001",
					"0.00123", "1e3", "+1.5", ".5", "5.", "-.5", "123456789012345", "1234567890123456",
					"12345678901234567890", "0.1234567890123456", "99999999999999.9", "1.000000000000001",
					"9999999.999", "0.100000000000000000001", "NaN", "inf", "1.5.5", "-", "1,5", "" },
			// i (BIGINT)
			{ "0", "-0", "+5", "007", "-9223372036854775808", "9223372036854775807", "9223372036854775808",
					"123456789012345678", "1.5", "", "-" },
			// u (BIGINT UNSIGNED)
			{ "0", "+7", "-1", "18446744073709551615", "18446744073709551616", "12345678901234567890", "" },
			// b (BOOLEAN)
			{ "TRUE", "false", "True", "yes", "" },
			// s (STRING)
			{ "with \"quote\"", "back\\slash", "back\\\"quote", "new\nline", "crlf\r\n", "ünïcødé",
					"emoji \uD83D\uDE00", "lone \uD800", "" } };

	@Test
	void everyRowTakenIsTheLineItsPointEncodesTo() {
		for (String precision : List.of("NANOSECOND", "MILLISECOND")) {
			CsvTablePlan plan = plan(precision);
			CsvLineEncoder encoder = new CsvLineEncoder(plan);
			CsvRowConverter converter = new CsvRowConverter(plan);
			int taken = 0;
			int rows = 0;
			for (int column = 0; column < VARIANTS.length; column++) {
				for (String variant : VARIANTS[column]) {
					List<String> values = new ArrayList<>(List.of(BASE));
					values.set(column, variant);
					rows++;
					taken += check(plan, encoder, converter, values) ? 1 : 0;
				}
			}
			// The common forms are taken; the rest falls back.
			assertThat(taken).as("rows taken of " + rows).isGreaterThan(rows / 2);
		}
	}

	@Test
	void usualRowsAreTaken() {
		Encoding encoding = new Encoding();
		assertThat(encoding.encode("2024-03-01T10:00:00.001000000", "host-1", "", "0.25", "1", "", "false", "a \"b\""))
			.isTrue();
		assertThat(encoding.sent())
			.containsExactly("bench,host=host-1 b=false,d=0.25,i=1i,s=\"a \\\"b\\\"\" 1709287200001000000");
	}

	@Test
	void rowNotTakenLeavesTheLinesBeforeIt() {
		Encoding encoding = new Encoding();
		assertThat(encoding.encode("5", "h", "", "1.5", "", "", "", "")).isTrue();
		// Refused by the row writer after the tags were written: a lone surrogate.
		assertThat(encoding.encode("6", "h", "z", "2.5", "", "", "", "lone \uD800")).isFalse();
		// Refused by the encoder after the tags were written: not a number.
		assertThat(encoding.encode("7", "h", "z", "x", "", "", "", "")).isFalse();
		// Out of the range of a long.
		assertThat(encoding.encode("8", "h", "z", "1", "9223372036854775808", "", "", "")).isFalse();
		assertThat(encoding.sent()).containsExactly("bench,host=h d=1.5 5");
	}

	@Test
	void rowWithTheWrongNumberOfValuesIsLeftToTheConverter() {
		Encoding encoding = new Encoding();
		assertThat(encoding.encode("1", "h")).isFalse();
		assertThat(encoding.sent()).isEmpty();
	}

	@Test
	void rowsAsCnosDbWritesThemAreWrittenAsWholeLines() {
		CsvTablePlan plan = plan("NANOSECOND");
		CsvLineEncoder encoder = new CsvLineEncoder(plan);
		assertThat(encoder.wholeLine(List.of(BASE)))
			.isEqualTo("bench,host=host-0,zone=eu b=true,d=0.5,i=7i,s=\"text\",u=8u 1709287200000000000");
		assertThat(encoder
			.wholeLine(List.of("2024-03-01T10:00:59.999", "host-1", "", "-1234567.125", "-42", "", "false", "a b")))
			.isEqualTo("bench,host=host-1 b=false,d=-1234567.125,i=-42i,s=\"a b\" 1709287259999000000");
		assertThat(encoder.wholeLine(List.of("1709287200000000001", "h", "z", "3.0", "0", "0", "", "")))
			.isEqualTo("bench,host=h,zone=z d=3,i=0i,u=0u 1709287200000000001");
		// Values that the row writer escapes or formats are left to it.
		assertThat(encoder.wholeLine(List.of("1", "a b", "", "1", "", "", "", ""))).isNull();
		assertThat(encoder.wholeLine(List.of("1", "h", "", "1e3", "", "", "", ""))).isNull();
		assertThat(encoder.wholeLine(List.of("1", "h", "", "", "", "", "TRUE", ""))).isNull();
		assertThat(encoder.wholeLine(List.of("1", "h", "", "", "", "", "", "q\"q"))).isNull();
	}

	@Test
	void decimalsAreCopiedOnlyInTheFormTheRowWriterGivesTheirDouble() {
		CsvTablePlan plan = plan("NANOSECOND");
		CsvLineEncoder encoder = new CsvLineEncoder(plan);
		CsvRowConverter converter = new CsvRowConverter(plan);
		List<String> decimals = new ArrayList<>(List.of("0.001", "0.000999", "-0.001", "0.0012345678901234",
				"0.00123456789012345", "9999999.99999999", "9999999.999999999", "10000000.5", "999999999999999",
				"9999999999999999", "999999999999999.0", "-0", "-0.000", "+0", "+0.5", ".5", "5.", "-.5", "-.0",
				"000123.4500", "0.1", "0.30000000000000004", "100", "1.5e3", "1.5E3", "1.5d", " 1.5", "1.5 ", "1..5"));
		Random random = new Random(4180);
		for (int i = 0; i < 20_000; i++) {
			decimals.add(randomDecimal(random));
		}
		int taken = 0;
		for (String decimal : decimals) {
			List<String> values = List.of("1", "h", "", decimal, "", "", "", "");
			String whole = encoder.wholeLine(values);
			String expected;
			try {
				LineProtocolBuffer buffer = new LineProtocolBuffer(plan.precision());
				buffer.append(converter.toPoint(values, 2));
				expected = buffer.line(0);
			}
			catch (CnosCsvImportException ex) {
				assertThat(whole).as(decimal).isNull();
				continue;
			}
			if (whole != null) {
				assertThat(whole).as(decimal).isEqualTo(expected);
				taken++;
			}
		}
		assertThat(taken).isGreaterThan(decimals.size() / 2);
	}

	/**
	 * A decimal of 1 to 17 significant digits at a random scale, with a sign, leading or
	 * trailing zeros now and then.
	 */
	private static String randomDecimal(Random random) {
		StringBuilder digits = new StringBuilder();
		int count = 1 + random.nextInt(17);
		for (int i = 0; i < count; i++) {
			digits.append((char) ('0' + random.nextInt(10)));
		}
		int point = random.nextInt(count + 4) - 3;
		StringBuilder text = new StringBuilder();
		switch (random.nextInt(4)) {
			case 0 -> text.append('-');
			case 1 -> text.append((random.nextInt(4) == 0) ? "+" : "");
			default -> {
			}
		}
		if (point <= 0) {
			text.append((random.nextInt(3) == 0) ? "" : "0").append('.').append("0".repeat(-point)).append(digits);
		}
		else if (point >= count) {
			text.append(digits).append("0".repeat(point - count));
			if (random.nextBoolean()) {
				text.append('.').append("0".repeat(random.nextInt(3)));
			}
		}
		else {
			text.append(digits, 0, point).append('.').append(digits, point, count);
		}
		if (random.nextInt(5) == 0) {
			text.append("0".repeat(1 + random.nextInt(3)));
		}
		return text.toString();
	}

	@Test
	void timesOfTheMinuteOfTheRowBeforeAreReadAsTheirWholeText() {
		List<String> times = List.of("2024-03-01T10:00:00.000000000", "2024-03-01T10:00:00.5", "2024-03-01T10:00:59",
				"2024-03-01T10:00:07.123456789", "2024-03-01T10:00:07+02:00", "2024-03-01T10:00:07Z",
				"2024-03-01T10:00:07.1Z", "2024-03-01T10:00:07.", "2024-03-01T10:00:07.1234567891",
				"2024-03-01T10:00:60", "2024-03-01T10:00:7x", "2024-03-01 10:00:08", "2024-03-01T10:00:09",
				"2024-03-01T10:01:00", "2024-03-01T10:00:01", "2024-02-29T23:59:59.999999999", "2023-02-29T23:59:59",
				"1677-09-21T00:12:43.145224192", "1677-09-21T00:12:43.145224191", "1677-09-21T00:13:00",
				"2262-04-11T23:47:16.854775807", "2262-04-11T23:47:16.854775808", "2262-04-11T23:47:17",
				"2262-04-11T23:46:59", "1970-01-01T00:00:00", "1969-12-31T23:59:59.5");
		for (String precision : List.of("NANOSECOND", "MILLISECOND")) {
			CsvTablePlan plan = plan(precision);
			CsvLineEncoder encoder = new CsvLineEncoder(plan);
			CsvRowConverter converter = new CsvRowConverter(plan);
			// Twice: the second time every minute has been seen before.
			for (int round = 0; round < 2; round++) {
				for (String time : times) {
					List<String> values = List.of(time, "h", "", "1.5", "", "", "", "");
					check(plan, encoder, converter, values);
				}
			}
			assertThat(encoder.wholeLine(List.of("2024-03-01T10:00:01.5", "h", "", "1.5", "", "", "", "")))
				.isEqualTo((precision.equals("NANOSECOND")) ? "bench,host=h d=1.5 1709287201500000000"
						: "bench,host=h d=1.5 1709287201500");
		}
	}

	@Test
	void timesOfTheEpochsMinuteAreReadAlikeAsTheFirstRowOfAnImportAndLater() {
		List<String> times = List.of("1970-01-01T00:00:00", "1970-01-01T00:00:59.999999999", "1970-01-01T00:00:07.5",
				"1970-01-01T00:00:07Z", "1970-01-01T00:00:07+01:00", "1970-01-01T00:00:60", "1970-01-01T00:00:7",
				"1970-01-01T00:00:07.", "1970-01-01T00:00:07.1234567891", "1970-01-01T00:00:", "1970-01-01T00:00");
		for (String precision : List.of("NANOSECOND", "MILLISECOND")) {
			CsvTablePlan plan = plan(precision);
			CsvRowConverter converter = new CsvRowConverter(plan);
			for (String first : times) {
				// A new encoder for each: the first row of an import.
				CsvLineEncoder encoder = new CsvLineEncoder(plan);
				for (String time : List.of(first, "2024-03-01T10:00:00", first)) {
					check(plan, encoder, converter, List.of(time, "h", "", "1.5", "", "", "", ""));
				}
			}
			assertThat(new CsvLineEncoder(plan)
				.wholeLine(List.of("1970-01-01T00:00:07.5", "h", "", "1.5", "", "", "", ""))).isEqualTo(
						(precision.equals("NANOSECOND")) ? "bench,host=h d=1.5 7500000000" : "bench,host=h d=1.5 7500");
		}
	}

	@Test
	void integerTimesAreWrittenInTheTablesPrecision() {
		for (String precision : List.of("NANOSECOND", "MICROSECOND", "MILLISECOND")) {
			CsvTablePlan plan = plan(precision);
			CsvLineEncoder encoder = new CsvLineEncoder(plan);
			CsvRowConverter converter = new CsvRowConverter(plan);
			for (String time : List.of("0", "-0", "-5", "007", "1709287200000", "999999999999999999",
					"-999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775807",
					"-9223372036854775808", "1709287200000000001", "19999999999999999999", "9223372036854",
					"9223372036855", "+7", "-", "")) {
				check(plan, encoder, converter, List.of(time, "h", "", "1.5", "", "", "", ""));
			}
		}
	}

	/** Check one row; return whether the encoder took it. */
	private static boolean check(CsvTablePlan plan, CsvLineEncoder encoder, CsvRowConverter converter,
			List<String> values) {
		List<String> lines = new ArrayList<>();
		LineProtocolChunker chunker = chunker(plan, lines);
		boolean taken = encoder.encode(values, chunker);
		if (taken) {
			chunker.endRow();
		}
		chunker.flush();
		String expected;
		try {
			Point point = converter.toPoint(values, 2);
			LineProtocolBuffer buffer = new LineProtocolBuffer(plan.precision());
			buffer.append(point);
			expected = buffer.line(0);
		}
		catch (CnosCsvImportException | IllegalArgumentException ex) {
			assertThat(taken).as("malformed row taken: " + values).isFalse();
			assertThat(lines).as(values.toString()).isEmpty();
			checkNotTaken(plan, encoder, values);
			return false;
		}
		if (taken) {
			assertThat(lines).as(values.toString()).containsExactly(expected);
		}
		else {
			assertThat(lines).as(values.toString()).isEmpty();
		}
		// Each way on its own writes the same line, or leaves the row.
		String whole = encoder.wholeLine(values);
		if (whole != null) {
			assertThat(whole).as("whole line of " + values).isEqualTo(expected);
		}
		List<String> rowLines = new ArrayList<>();
		LineProtocolChunker rowChunker = chunker(plan, rowLines);
		if (encoder.writeRow(values, rowChunker)) {
			rowChunker.endRow();
			rowChunker.flush();
			assertThat(rowLines).as("row writer line of " + values).containsExactly(expected);
		}
		return taken;
	}

	/** Check that neither way takes a malformed row. */
	private static void checkNotTaken(CsvTablePlan plan, CsvLineEncoder encoder, List<String> values) {
		assertThat(encoder.wholeLine(values)).as(values.toString()).isNull();
		List<String> lines = new ArrayList<>();
		LineProtocolChunker chunker = chunker(plan, lines);
		assertThat(encoder.writeRow(values, chunker)).as(values.toString()).isFalse();
		chunker.flush();
		assertThat(lines).isEmpty();
	}

	/** A chunker that collects the lines it sends. */
	private static LineProtocolChunker chunker(CsvTablePlan plan, List<String> lines) {
		return new LineProtocolChunker(plan.precision(), 1 << 20, (body) -> {
			for (int i = 0; i < body.lineCount(); i++) {
				lines.add(body.line(i));
			}
		});
	}

	/** An encoder of the nanosecond plan writing to a chunker that collects its lines. */
	private static final class Encoding {

		private final List<String> lines = new ArrayList<>();

		private final CsvTablePlan plan = plan("NANOSECOND");

		private final CsvLineEncoder encoder = new CsvLineEncoder(this.plan);

		private final LineProtocolChunker chunker = chunker(this.plan, this.lines);

		boolean encode(String... values) {
			boolean taken = this.encoder.encode(List.of(values), this.chunker);
			if (taken) {
				this.chunker.endRow();
			}
			return taken;
		}

		List<String> sent() {
			this.chunker.flush();
			return this.lines;
		}

	}

	private static CsvTablePlan plan(String precision) {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).withRequestBody(equalTo("DESCRIBE TABLE \"bench\""))
			.willReturn(csv(DESCRIBE_HEADER + "time,TIMESTAMP(" + precision + "),TIME,DEFAULT\n"
					+ "host,STRING,TAG,DEFAULT\n" + "zone,STRING,TAG,DEFAULT\n" + "d,DOUBLE,FIELD,DEFAULT\n"
					+ "i,BIGINT,FIELD,DEFAULT\n" + "u,BIGINT UNSIGNED,FIELD,DEFAULT\n" + "b,BOOLEAN,FIELD,DEFAULT\n"
					+ "s,STRING,FIELD,DEFAULT\n")));
		CnosTemplate template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build();
		return CsvTablePlan.plan(template, "bench", HEADER, CsvColumnMapping.none());
	}

}
