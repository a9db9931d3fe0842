package io.cnosdb.client.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.dao.TypeMismatchDataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CnosValueConverter}.
 */
class CnosValueConverterTests {

	@Test
	void timeColumnWithoutOffsetIsUtcWithNanosecondPrecision() {
		assertThat(CnosValueConverter.convert("2023-07-28T02:12:11.000000001", Instant.class, "time"))
			.isEqualTo(Instant.parse("2023-07-28T02:12:11Z").plus(1, ChronoUnit.NANOS));
		assertThat(CnosValueConverter.convert("2023-07-28T02:12:11.123", LocalDateTime.class, "time"))
			.isEqualTo(LocalDateTime.parse("2023-07-28T02:12:11.123"));
	}

	@Test
	void timestampWithOffsetKeepsTheInstant() {
		assertThat(CnosValueConverter.convert("2024-01-01T08:00:00.000000000+08:00", OffsetDateTime.class, "t"))
			.isEqualTo(OffsetDateTime.of(2024, 1, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8)));
		assertThat(CnosValueConverter.convert("2024-01-01T08:00:00+08:00", LocalDateTime.class, "t"))
			.isEqualTo(LocalDateTime.parse("2024-01-01T00:00:00"));
	}

	@Test
	void primitiveTargetRefusesNull() {
		assertThatExceptionOfType(TypeMismatchDataAccessException.class)
			.isThrownBy(() -> CnosValueConverter.convert(null, long.class, "v"))
			.withMessage("Column 'v' is NULL and cannot be read as primitive long");
		assertThat(CnosValueConverter.convert(null, Long.class, "v")).isNull();
	}

	@Test
	void booleansAreOnlyTrueOrFalse() {
		assertThat(CnosValueConverter.convert("true", boolean.class, "b")).isTrue();
		assertThatExceptionOfType(TypeMismatchDataAccessException.class)
			.isThrownBy(() -> CnosValueConverter.convert("1", Boolean.class, "b"))
			.withMessage("Column 'b' value '1' cannot be read as Boolean");
	}

	@Test
	void otherTypesUseSpringConversion() {
		UUID id = UUID.randomUUID();
		assertThat(CnosValueConverter.convert(id.toString(), UUID.class, "id")).isEqualTo(id);
		assertThat(CnosValueConverter.convert("SECONDS", ChronoUnit.class, "unit")).isEqualTo(ChronoUnit.SECONDS);
		assertThat(CnosValueConverter.convert("1.0e20", BigDecimal.class, "d")).isEqualByComparingTo("1e20");
	}

	@Test
	void readerReadsEachTypeAsConvertDoes() {
		Object[][] cases = { { "7", Long.class, 7L }, { "7", long.class, 7L }, { "7", Integer.class, 7 },
				{ "7", Short.class, (short) 7 }, { "7", Byte.class, (byte) 7 }, { "1.5", Double.class, 1.5 },
				{ "-inf", double.class, Double.NEGATIVE_INFINITY }, { "NaN", Double.class, Double.NaN },
				{ "1.5", Float.class, 1.5f }, { "false", boolean.class, false },
				{ "18446744073709551615", BigInteger.class, new BigInteger("18446744073709551615") },
				{ "0.1", BigDecimal.class, new BigDecimal("0.1") }, { "x", String.class, "x" },
				{ "x", Object.class, "x" },
				{ "1969-12-31T23:59:59.000000001", Instant.class, Instant.parse("1969-12-31T23:59:59.000000001Z") },
				{ "2024-01-01T08:00:00+08:00", ZonedDateTime.class,
						ZonedDateTime.of(2024, 1, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8)) },
				{ "SECONDS", ChronoUnit.class, ChronoUnit.SECONDS } };
		for (Object[] c : cases) {
			Class<?> type = (Class<?>) c[1];
			assertThat(CnosValueConverter.reader(type).read((String) c[0], "c")).as("%s as %s", c[0], type)
				.isEqualTo(c[2])
				.isEqualTo(CnosValueConverter.convert((String) c[0], type, "c"));
		}
		assertThatExceptionOfType(TypeMismatchDataAccessException.class)
			.isThrownBy(() -> CnosValueConverter.reader(Long.class).read("18446744073709551615", "u"))
			.withMessage("Column 'u' value '18446744073709551615' cannot be read as Long (an unsigned value above "
					+ "the range of Long? read it as BigInteger)");
		assertThatExceptionOfType(TypeMismatchDataAccessException.class)
			.isThrownBy(() -> CnosValueConverter.reader(double.class).read(null, "d"))
			.withMessage("Column 'd' is NULL and cannot be read as primitive double");
	}

	@Test
	void doublesAreTheValuesDoubleParseDoubleReads() {
		// The fast parser must round exactly as the JDK does: halfway cases, the ends of
		// the range, subnormals, long mantissas, exponents, signs, hex and suffixes.
		String[] texts = { "0", "-0", "+0.0", "1.5", "-1.5", "+2.25", "0.1", "0.30000000000000004",
				"123456789012345678901234567890", "9007199254740993", "2.2250738585072011e-308",
				"2.2250738585072014E-308", "4.9e-324", "2.4703282292062328e-324", "2.4703282292062327e-324",
				"1.7976931348623157e308", "1.7976931348623158e308", "1e309", "-1e-400",
				"3.14159265358979323846264338327950288", "1.00000000000000011102230246251565404236316680908203125",
				"100000000000000000000000.000000000000000000001", "7.3177701707893310e+15", "12.5d", "12.5F", "0x1.8p1",
				"-12.375e-3", "1E+2", "00001.25000" };
		for (String text : texts) {
			assertThat(CnosValueConverter.readDouble(text, "d")).as(text).isEqualTo(Double.parseDouble(text));
		}
		for (String text : new String[] { "1.5.5", "1e", "-", "1_000", "1,5", "--1", "12x" }) {
			assertThatExceptionOfType(TypeMismatchDataAccessException.class).as(text)
				.isThrownBy(() -> CnosValueConverter.readDouble(text, "d"))
				.withMessageStartingWith("Column 'd' value '" + text + "' cannot be read as Double");
		}
	}

	@Test
	void cellsReadFromABufferAreTheValuesAndErrorsOfTheirText() {
		// The query path reads numbers and booleans where they lie in the CSV parser's
		// buffer: the same values as from the text, and the same errors naming it.
		String[] texts = { "0", "-0", "7", "-7", "007", "+7", "123456789012345678", "-123456789012345678",
				"1234567890123456789", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1.5",
				"-1.5", "+2.25", "1e3", "1.7976931348623157e308", "4.9e-324", "12.5d", "0x1.8p1", "NaN", "-inf", ".5",
				"true", "false", "True", "yes", "", "-", "+", "1.5.5", "1e", "12x", "--1", " 1", "1 ", "١" };
		for (String text : texts) {
			// The cell in the middle of a larger buffer, as FastCSV hands it over.
			char[] buffer = ("x," + text + ",y").toCharArray();
			String cell = text.isEmpty() ? null : text;
			assertSameOutcome(text, () -> CnosValueConverter.readLong(buffer, 2, text.length(), "c"),
					() -> CnosValueConverter.readLong(cell, "c"));
			assertSameOutcome(text, () -> CnosValueConverter.readDouble(buffer, 2, text.length(), "c"),
					() -> CnosValueConverter.readDouble(cell, "c"));
			assertSameOutcome(text, () -> CnosValueConverter.readBoolean(buffer, 2, text.length(), "c"),
					() -> CnosValueConverter.readBoolean(cell, "c"));
			assertThat(CnosValueConverter.text(buffer, 2, text.length())).isEqualTo(cell);
		}
	}

	private static void assertSameOutcome(String text, Supplier<Object> fromBuffer, Supplier<Object> fromText) {
		Object expected;
		try {
			expected = fromText.get();
		}
		catch (RuntimeException ex) {
			assertThatExceptionOfType(ex.getClass()).as(text).isThrownBy(fromBuffer::get).withMessage(ex.getMessage());
			return;
		}
		assertThat(fromBuffer.get()).as(text).isEqualTo(expected);
	}

	@Test
	void singleValueTypesAreTold() {
		assertThat(CnosValueConverter.isSingleValueType(long.class)).isTrue();
		assertThat(CnosValueConverter.isSingleValueType(Instant.class)).isTrue();
		assertThat(CnosValueConverter.isSingleValueType(ChronoUnit.class)).isTrue();
		assertThat(CnosValueConverter.isSingleValueType(UUID.class)).isTrue();
		assertThat(CnosValueConverter.isSingleValueType(Sample.class)).isFalse();
	}

	record Sample(String a) {
	}

}
