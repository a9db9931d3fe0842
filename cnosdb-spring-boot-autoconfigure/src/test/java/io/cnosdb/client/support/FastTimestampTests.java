package io.cnosdb.client.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.dao.TypeMismatchDataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FastTimestamp}: every value it reads is the value the general ISO
 * parser returns, and everything else is left to that parser.
 */
class FastTimestampTests {

	@Test
	void readsCnosDbLayoutsWithZeroToNineFractionDigits() {
		assertThat(FastTimestamp.instant("2023-07-28T02:12:11.000000000")).isEqualTo("2023-07-28T02:12:11Z");
		assertThat(FastTimestamp.instant("2023-07-28T02:12:11")).isEqualTo("2023-07-28T02:12:11Z");
		assertThat(FastTimestamp.instant("2023-07-28T02:12:11.123")).isEqualTo("2023-07-28T02:12:11.123Z");
		assertThat(FastTimestamp.instant("2023-07-28T02:12:11.000001")).isEqualTo("2023-07-28T02:12:11.000001Z");
		assertThat(FastTimestamp.instant("2023-07-28T02:12:11.000000001")).isEqualTo("2023-07-28T02:12:11.000000001Z");
		assertThat(FastTimestamp.instant("2024-01-01T00:00:00.123456000+00:00"))
			.isEqualTo("2024-01-01T00:00:00.123456Z");
	}

	@Test
	void readsCnosDbsOwnLayoutInOnePassAndLeavesItsNearMissesToTheGeneralRoute() {
		assertThat(FastTimestamp.instant("2024-03-01T10:00:00.123456789")).isEqualTo("2024-03-01T10:00:00.123456789Z");
		assertThat(FastTimestamp.instant("0000-01-01T00:00:00.000000000"))
			.isEqualTo(LocalDateTime.of(0, 1, 1, 0, 0).toInstant(ZoneOffset.UTC));
		assertThat(FastTimestamp.instant("9999-12-31T23:59:59.999999999")).isEqualTo("9999-12-31T23:59:59.999999999Z");
		assertThat(FastTimestamp.instant("2024-02-29T23:59:59.000000001")).isEqualTo("2024-02-29T23:59:59.000000001Z");
		// Also 29 characters, but with an offset: read by the general route of the
		// layout.
		assertThat(FastTimestamp.instant("2024-03-01T10:00:00.12345678Z")).isEqualTo("2024-03-01T10:00:00.12345678Z");
		assertThat(FastTimestamp.instant("2024-03-01T10:00:00.123+08:00")).isEqualTo("2024-03-01T02:00:00.123Z");
		for (String text : List.of("2023-02-29T00:00:00.000000000", "2023-04-31T00:00:00.000000000",
				"2023-13-01T00:00:00.000000000", "2023-00-01T00:00:00.000000000", "2023-01-00T00:00:00.000000000",
				"2023-01-01T24:00:00.000000000", "2023-01-01T23:60:00.000000000", "2023-01-01T23:59:60.000000000",
				"2023-01-01T00:00:00.00000000a", "2023-01-01T00:00:00.a00000000", "2023-01-01T00:00:00.00000000/",
				"2023-01-01T00:00:00.00000000:", "2023-01-01 00:00:00.000000000", "2023-01-01T00:00:00,000000000",
				"2023/01-01T00:00:00.000000000", "2023-01-01T00-00:00.000000000", "20³23-01-01T00:00:00.000000000",
				"2023-01-01T00:00:0０.000000000", "-023-01-01T00:00:00.000000000")) {
			assertThat(FastTimestamp.instant(text)).as(text).isNull();
			assertThat(general(text)).as(text).isNull();
		}
	}

	@Test
	void readsDatesBeforeTheEpochAndFarFuture() {
		assertThat(FastTimestamp.instant("1969-12-31T23:59:59.999999999")).isEqualTo("1969-12-31T23:59:59.999999999Z");
		assertThat(FastTimestamp.instant("1677-09-21T00:12:43.145224192")).isEqualTo("1677-09-21T00:12:43.145224192Z");
		assertThat(FastTimestamp.instant("2262-04-11T23:47:16.854775807")).isEqualTo("2262-04-11T23:47:16.854775807Z");
		assertThat(FastTimestamp.instant("0000-01-01T00:00:00"))
			.isEqualTo(LocalDateTime.of(0, 1, 1, 0, 0).toInstant(ZoneOffset.UTC));
		assertThat(FastTimestamp.instant("9999-12-31T23:59:59.9+08:00")).isEqualTo("9999-12-31T15:59:59.9Z");
		assertThat(FastTimestamp.instant("2024-02-29T00:00:00")).isEqualTo("2024-02-29T00:00:00Z");
	}

	@Test
	void leavesOtherLayoutsAndInvalidValuesToTheGeneralParser() {
		for (String text : List.of("2023-02-29T00:00:00", "1900-02-29T00:00:00", "2023-04-31T00:00:00",
				"2023-13-01T00:00:00", "2023-00-01T00:00:00", "2023-01-00T00:00:00", "2023-01-01T24:00:00",
				"2023-01-01T23:60:00", "2023-01-01T23:59:60", "2023-01-01T00:00", "2023-01-01T00:00:00.",
				"2023-01-01T00:00:00.1234567891", "2023-01-01 00:00:00", "2023-01-01t00:00:00", "+12023-01-01T00:00:00",
				"-0001-01-01T00:00:00", "2023-01-01T00:00:00z", "2023-01-01T00:00:00+8:00", "2023-01-01T00:00:00+19:00",
				"2023-01-01T00:00:00+18:01", "2023-01-01T00:00:00+08:00:00", "2023-01-01T00:00:00+08:00[Asia/Shanghai]",
				"2023-0a-01T00:00:00", "2023-01-01T00:00:00.12a")) {
			assertThat(FastTimestamp.instant(text)).as(text).isNull();
			assertThat(FastTimestamp.offsetDateTime(text)).as(text).isNull();
		}
	}

	@Test
	void readsNanosecondsSinceTheEpochInTheFormsOfCsvFiles() {
		assertThat(FastTimestamp.epochNanos("2024-03-01T10:00:00.001", false)).isEqualTo(1709287200001000000L);
		assertThat(FastTimestamp.epochNanos("2024-03-01 10:00:00.001", true)).isEqualTo(1709287200001000000L);
		assertThat(FastTimestamp.epochNanos("2024-03-01T10:00:00.000000001Z", false)).isEqualTo(1709287200000000001L);
		assertThat(FastTimestamp.epochNanos("2024-03-01T12:30:00+02:30", false)).isEqualTo(1709287200000000000L);
		assertThat(FastTimestamp.epochNanos("1969-12-31T23:59:59.5", false)).isEqualTo(-500_000_000L);
		assertThat(FastTimestamp.epochNanos("1677-09-21T00:12:44", false)).isEqualTo(-9223372036000000000L);
		assertThat(FastTimestamp.epochNanos("2262-04-11T23:47:15.999999999", false)).isEqualTo(9223372035999999999L);
	}

	@Test
	void leavesTheEndsOfTheRangeOfNanosecondsAndOtherFormsToTheGeneralParser() {
		for (String text : List.of("1677-09-21T00:12:43.145224192", "2262-04-11T23:47:16.854775807",
				"2262-04-11T23:47:16.854775808", "0000-01-01T00:00:00", "9999-12-31T23:59:59", "2024-03-01 10:00:00",
				"2024-02-30T00:00:00", "2024-03-01T10:00", "2024-03-01T10:00:00.", "2024-03-01T24:00:00",
				"2024-03-01T10:00:00.1234567891", "2024-03-01T10:00:00[UTC]", "", "x", "1709287200")) {
			assertThat(FastTimestamp.epochNanos(text, false)).as(text).isEqualTo(FastTimestamp.NOT_TAKEN);
		}
		assertThat(FastTimestamp.epochNanos("2024-03-01  10:00:00", true)).isEqualTo(FastTimestamp.NOT_TAKEN);
		assertThat(FastTimestamp.epochNanos("2024-03-01t10:00:00", true)).isEqualTo(FastTimestamp.NOT_TAKEN);
	}

	@Test
	void readsEveryDateOfYearsZeroTo9999AsTheCalendarCountsIt() {
		for (LocalDate date = LocalDate.of(0, 1, 1); date.getYear() < 10_000; date = date.plusDays(1)) {
			String text = date + "T23:59:59.5";
			Instant expected = Instant.ofEpochSecond(date.toEpochDay() * 86_400 + 86_399, 500_000_000);
			assertThat(FastTimestamp.instant(text)).as(text).isEqualTo(expected);
			long seconds = expected.getEpochSecond();
			assertThat(FastTimestamp.epochNanos(text, false)).as(text)
				.isEqualTo((seconds >= -9_223_372_036L && seconds <= 9_223_372_035L)
						? seconds * 1_000_000_000L + expected.getNano() : FastTimestamp.NOT_TAKEN);
		}
	}

	@Test
	void agreesWithTheGeneralParserOnEveryLayoutItReads() {
		Random random = new Random(42);
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			StringBuilder text = new StringBuilder();
			text.append(pad(random.nextInt(10_000), 4)).append('-').append(pad(random.nextInt(14), 2)).append('-');
			text.append(pad(random.nextInt(33), 2)).append('T').append(pad(random.nextInt(25), 2)).append(':');
			text.append(pad(random.nextInt(61), 2)).append(':').append(pad(random.nextInt(61), 2));
			int fraction = random.nextInt(11) - 1;
			if (fraction >= 0) {
				text.append('.');
				for (int d = 0; d < fraction; d++) {
					text.append(random.nextInt(10));
				}
			}
			switch (random.nextInt(4)) {
				case 0 -> text.append('Z');
				case 1 -> text.append(random.nextBoolean() ? '+' : '-')
					.append(pad(random.nextInt(20), 2))
					.append(':')
					.append(pad(random.nextInt(60), 2));
				default -> {
				}
			}
			texts.add(text.toString());
		}
		int fast = 0;
		for (String text : texts) {
			OffsetDateTime general = general(text);
			OffsetDateTime offsetDateTime = FastTimestamp.offsetDateTime(text);
			Instant instant = FastTimestamp.instant(text);
			assertThat(instant == null).as(text).isEqualTo(offsetDateTime == null);
			if (offsetDateTime != null) {
				fast++;
				assertThat(offsetDateTime).as(text).isEqualTo(general);
				assertThat(offsetDateTime.getOffset()).as(text).isEqualTo(general.getOffset());
				assertThat(instant).as(text).isEqualTo(general.toInstant());
			}
			long nanos = FastTimestamp.epochNanos(text, false);
			String spaced = (text.length() > 10) ? text.substring(0, 10) + ' ' + text.substring(11) : text;
			assertThat(FastTimestamp.epochNanos(spaced, true)).as(spaced).isEqualTo(nanos);
			assertThat(FastTimestamp.epochNanos(spaced, false)).as(spaced).isEqualTo(FastTimestamp.NOT_TAKEN);
			if (nanos != FastTimestamp.NOT_TAKEN) {
				assertThat(Instant.ofEpochSecond(0, nanos)).as(text).isEqualTo(general.toInstant());
			}
			else if (instant != null) {
				// Taken as an instant, not as nanoseconds: only near or past the ends of
				// the range of nanoseconds.
				long seconds = instant.getEpochSecond();
				assertThat(seconds < -9_223_372_036L || seconds > 9_223_372_035L).as(text).isTrue();
			}
		}
		assertThat(fast).isGreaterThan(texts.size() / 10);
	}

	@Test
	void converterStillNamesTheColumnAndValueOfAnInvalidTimestamp() {
		assertThatExceptionOfType(TypeMismatchDataAccessException.class)
			.isThrownBy(() -> CnosValueConverter.convert("2023-02-29T00:00:00", Instant.class, "time"))
			.withMessage("Column 'time' value '2023-02-29T00:00:00' cannot be read as Instant")
			.withCauseInstanceOf(DateTimeParseException.class);
		assertThat(CnosValueConverter.reader(Instant.class).read("1969-12-31T23:59:59.5", "time"))
			.isEqualTo("1969-12-31T23:59:59.500Z");
		assertThat(
				CnosValueConverter.reader(OffsetDateTime.class).read("2024-01-01T08:00:00+08:00[Asia/Shanghai]", "t"))
			.isEqualTo(OffsetDateTime.of(2024, 1, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8)));
	}

	private static OffsetDateTime general(String text) {
		try {
			TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from,
					LocalDateTime::from);
			return (parsed instanceof OffsetDateTime offsetDateTime) ? offsetDateTime
					: ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String pad(int value, int width) {
		String text = Integer.toString(value);
		return "0".repeat(Math.max(0, width - text.length())) + text;
	}

}
