package io.cnosdb.client.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

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
