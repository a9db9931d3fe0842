package io.cnosdb.client.sql;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link CnosDuration}.
 */
class CnosDurationTests {

	@Test
	void parsesEveryUnitOfCnosDb() {
		assertThat(CnosDuration.parse("10ns").toDuration()).isEqualTo(Duration.ofNanos(10));
		assertThat(CnosDuration.parse("10nanos").toDuration()).isEqualTo(Duration.ofNanos(10));
		assertThat(CnosDuration.parse("10nsec").toDuration()).isEqualTo(Duration.ofNanos(10));
		assertThat(CnosDuration.parse("3us").toDuration()).isEqualTo(Duration.ofNanos(3000));
		assertThat(CnosDuration.parse("3usec").toDuration()).isEqualTo(Duration.ofNanos(3000));
		assertThat(CnosDuration.parse("5ms").toDuration()).isEqualTo(Duration.ofMillis(5));
		assertThat(CnosDuration.parse("5millis").toDuration()).isEqualTo(Duration.ofMillis(5));
		assertThat(CnosDuration.parse("5msec").toDuration()).isEqualTo(Duration.ofMillis(5));
		for (String unit : new String[] { "s", "sec", "secs", "second", "seconds" }) {
			assertThat(CnosDuration.parse("2" + unit).toDuration()).isEqualTo(Duration.ofSeconds(2));
		}
		for (String unit : new String[] { "m", "min", "mins", "minute", "minutes" }) {
			assertThat(CnosDuration.parse("2" + unit).toDuration()).isEqualTo(Duration.ofMinutes(2));
		}
		for (String unit : new String[] { "h", "hr", "hrs", "hour", "hours" }) {
			assertThat(CnosDuration.parse("2" + unit).toDuration()).isEqualTo(Duration.ofHours(2));
		}
		for (String unit : new String[] { "d", "day", "days" }) {
			assertThat(CnosDuration.parse("2" + unit).toDuration()).isEqualTo(Duration.ofDays(2));
		}
		for (String unit : new String[] { "w", "week", "weeks" }) {
			assertThat(CnosDuration.parse("2" + unit).toDuration()).isEqualTo(Duration.ofDays(14));
		}
		for (String unit : new String[] { "M", "month", "months" }) {
			assertThat(CnosDuration.parse("1" + unit).toDuration()).isEqualTo(Duration.ofSeconds(2_630_016));
		}
		for (String unit : new String[] { "y", "year", "years" }) {
			assertThat(CnosDuration.parse("1" + unit).toDuration()).isEqualTo(Duration.ofSeconds(31_557_600));
		}
	}

	@Test
	void combinesPartsAsWrittenInDdlAndAsDescribeDatabaseAnswers() {
		CnosDuration compact = CnosDuration.parse("2y1M");
		CnosDuration described = CnosDuration.parse("2years 1month");
		assertThat(compact).isEqualTo(described).hasSameHashCodeAs(described);
		assertThat(compact.toString()).isEqualTo("2y1M");
		assertThat(described.toString()).isEqualTo("2years 1month");
		assertThat(compact.toDuration()).isEqualTo(Duration.ofSeconds(2 * 31_557_600 + 2_630_016));
	}

	@Test
	void infIsInfiniteInAnyCase() {
		assertThat(CnosDuration.parse("INF")).isEqualTo(CnosDuration.INFINITE).hasToString("INF");
		assertThat(CnosDuration.parse("inf")).isSameAs(CnosDuration.INFINITE);
		assertThat(CnosDuration.parse("inf").isInfinite()).isTrue();
		assertThat(CnosDuration.INFINITE.toString()).isEqualTo("inf");
		assertThat(CnosDuration.parse("7d").isInfinite()).isFalse();
		assertThatIllegalStateException().isThrownBy(CnosDuration.INFINITE::toDuration)
			.withMessage("the infinite duration has no length");
	}

	@Test
	void rejectsWhatCnosDbWouldNotReadAsMeant() {
		assertThatIllegalArgumentException().isThrownBy(() -> CnosDuration.parse("1Y"))
			.withMessageStartingWith("duration '1Y' has the unknown unit 'Y'; CnosDB knows ns, nanos, nsec, us");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosDuration.parse("30"))
			.withMessage("duration '30' has no unit; CnosDB would read a bare number as days, so write '30d'");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosDuration.parse(""))
			.withMessageStartingWith("duration must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosDuration.parse("7d'; DROP DATABASE x; --"))
			.withMessageStartingWith("duration '7d'; DROP DATABASE x; --' is not a CnosDB duration at index 2");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosDuration.parse(" 7d"))
			.withMessageContaining("at index 0");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosDuration.parse("7d "))
			.withMessageContaining("at index 2");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosDuration.parse("7d  1h"))
			.withMessageContaining("at index 3");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosDuration.parse("-7d"))
			.withMessageContaining("at index 0");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosDuration.parse("1.5d"))
			.withMessageContaining("at index 0");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosDuration.parse("99999999999999999999y"))
			.withMessage("duration '99999999999999999999y' is too long");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosDuration.parse(null))
			.withMessage("duration must not be null");
	}

	@Test
	void fromJavaDurationUsesDaysAndSmallerUnits() {
		assertThat(CnosDuration.of(Duration.ofDays(7))).hasToString("7d");
		assertThat(CnosDuration.of(Duration.ofHours(36))).hasToString("1d12h");
		assertThat(CnosDuration.of(Duration.ofDays(400))).hasToString("400d");
		assertThat(CnosDuration.of(Duration.ofSeconds(90061, 1_002_003))).hasToString("1d1h1m1s1ms2us3ns");
		assertThat(CnosDuration.of(Duration.ZERO)).hasToString("0s");
		assertThat(CnosDuration.parse(CnosDuration.of(Duration.ofSeconds(90061, 1_002_003)).toString()).toDuration())
			.isEqualTo(Duration.ofSeconds(90061, 1_002_003));
		assertThatIllegalArgumentException().isThrownBy(() -> CnosDuration.of(Duration.ofSeconds(-1)))
			.withMessage("duration PT-1S must not be negative");
	}

}
