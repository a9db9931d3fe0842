package io.cnosdb.client.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.cnosdb.client.sql.CnosSqlReader.Token;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CnosSql}.
 */
class CnosSqlTests {

	@Test
	void identifierIsAlwaysQuotedAndDoublesInnerQuotes() {
		assertThat(CnosSql.identifier("table", "air")).isEqualTo("\"air\"");
		assertThat(CnosSql.identifier("table", "My\"Table")).isEqualTo("\"My\"\"Table\"");
		assertThat(CnosSql.identifier("table", "a'b;--")).isEqualTo("\"a'b;--\"");
		assertThat(CnosSqlReader.read(CnosSql.identifier("table", "\"\"x\""))).containsExactly(Token.ident("\"\"x\""));
	}

	@Test
	void identifierRejectsNamesNoObjectCanHave() {
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.identifier("database", "  "))
			.withMessage("database name must not be empty or only spaces");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.identifier("database", null))
			.withMessage("database name must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.identifier("table", "a\0b"))
			.withMessage("table name 'a\\0b' must not contain a NUL character");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.identifier("user", "x\uD800"))
			.withMessage("user name contains an unpaired surrogate at index 1 and cannot be sent as UTF-8 unchanged");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.identifier("user", "\uDC00x"))
			.withMessageContaining("unpaired surrogate at index 0");
	}

	@Test
	void blankIsJudgedWithUnicodeWhiteSpaceAsCnosDbTrimsNames() {
		// Rust's trim() removes no-break spaces; Java's isBlank() does not.
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.identifier("database", "\u00A0\u3000\u2007"))
			.withMessage("database name must not be empty or only spaces");
		// U+001F is white space for Java but not for CnosDB: a legal (odd) name.
		assertThat(CnosSql.identifier("database", "\u001F")).isEqualTo("\"\u001F\"");
	}

	@Test
	void slashIsRefusedOnlyInNamesOfNewObjects() {
		assertThat(CnosSql.identifier("table", "cpu/usage")).isEqualTo("\"cpu/usage\"");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.newIdentifier("table", "cpu/usage"))
			.withMessage("table name 'cpu/usage' must not contain '/' (CnosDB refuses it in names)");
		assertThat(CnosSql.newIdentifier("database", "a.b")).isEqualTo("\"a.b\"");
	}

	@Test
	void newTenantNameMayNotContainADot() {
		assertThat(CnosSql.newTenantIdentifier("Tenant A")).isEqualTo("\"Tenant A\"");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.newTenantIdentifier("a.b"))
			.withMessageStartingWith("tenant name 'a.b' must not contain '.'");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.newTenantIdentifier("a/b"))
			.withMessageContaining("must not contain '/'");
	}

	@Test
	void stringLiteralDoublesQuotesAndKeepsBackslashes() {
		assertThat(CnosSql.stringLiteral("password", "it's \\n")).isEqualTo("'it''s \\n'");
		assertThat(CnosSql.stringLiteral("comment", "")).isEqualTo("''");
		assertThat(CnosSql.stringLiteral("comment", "\\'")).isEqualTo("'\\'''");
		assertThat(CnosSqlReader.read(CnosSql.stringLiteral("comment", "\\'"))).containsExactly(Token.string("\\'"));
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.stringLiteral("comment", null))
			.withMessage("comment must not be null");
	}

	@Test
	void numbersRenderInAFormCnosDbReadsBackExactly() {
		assertThat(CnosSql.numberLiteral("v", 42)).isEqualTo("42");
		assertThat(CnosSql.numberLiteral("v", -42L)).isEqualTo("-42");
		assertThat(CnosSql.numberLiteral("v", (short) 7)).isEqualTo("7");
		assertThat(CnosSql.numberLiteral("v", (byte) -1)).isEqualTo("-1");
		assertThat(CnosSql.numberLiteral("v", Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
		assertThat(CnosSql.numberLiteral("v", new BigInteger("18446744073709551615")))
			.isEqualTo("18446744073709551615");
		assertThat(CnosSql.numberLiteral("v", new BigDecimal("1E+3"))).isEqualTo("1000");
		assertThat(CnosSql.numberLiteral("v", new BigDecimal("-0.000001"))).isEqualTo("-0.000001");
		assertThat(CnosSql.numberLiteral("v", 0.1)).isEqualTo("0.1");
		assertThat(CnosSql.numberLiteral("v", 1e20)).isEqualTo("1.0E20");
		assertThat(CnosSql.numberLiteral("v", -1.5e-7)).isEqualTo("-1.5E-7");
		assertThat(CnosSql.numberLiteral("v", 0.1f)).isEqualTo("0.1");
		assertThat(CnosSql.numberLiteral("v", new AtomicLong(3))).isEqualTo("3");
		assertThat(CnosSqlReader.read("1.0E20")).containsExactly(Token.number("1.0E20"));
		assertThat(Double.parseDouble(CnosSql.numberLiteral("v", Math.PI))).isEqualTo(Math.PI);
	}

	@Test
	void numbersWithoutALiteralAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.numberLiteral("parameter 1", Double.NaN))
			.withMessage("parameter 1 is NaN, which has no SQL literal; bind a finite number or NULL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosSql.numberLiteral("parameter 1", Double.POSITIVE_INFINITY))
			.withMessageContaining("is Infinity");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosSql.numberLiteral("parameter 1", Float.NEGATIVE_INFINITY))
			.withMessageContaining("is -Infinity");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.numberLiteral("parameter 1", new LongAdder()))
			.withMessageStartingWith(
					"parameter 1 has the unsupported number type java.util.concurrent.atomic.LongAdder");
	}

	@Test
	void booleansAndNull() {
		assertThat(CnosSql.booleanLiteral(true)).isEqualTo("true");
		assertThat(CnosSql.booleanLiteral(false)).isEqualTo("false");
		assertThat(CnosSql.nullLiteral()).isEqualTo("NULL");
		assertThat(CnosSql.literal("v", null)).isEqualTo("NULL");
		assertThat(CnosSql.literal("v", Boolean.TRUE)).isEqualTo("true");
	}

	@Test
	void timestampsRenderAsUtcIsoStringsWithTheDigitsNeeded() {
		assertThat(CnosSql.timestampLiteral("t", Instant.parse("2023-11-14T22:13:20Z")))
			.isEqualTo("'2023-11-14T22:13:20Z'");
		assertThat(CnosSql.timestampLiteral("t", Instant.parse("2023-11-14T22:13:20.123Z")))
			.isEqualTo("'2023-11-14T22:13:20.123Z'");
		assertThat(CnosSql.timestampLiteral("t", Instant.parse("2023-11-14T22:13:20.000001Z")))
			.isEqualTo("'2023-11-14T22:13:20.000001Z'");
		assertThat(CnosSql.timestampLiteral("t", Instant.parse("2023-11-14T22:13:20.000000001Z")))
			.isEqualTo("'2023-11-14T22:13:20.000000001Z'");
		assertThat(CnosSql.timestampLiteral("t", OffsetDateTime.parse("2023-11-15T06:13:20+08:00")))
			.isEqualTo("'2023-11-14T22:13:20Z'");
		assertThat(CnosSql.timestampLiteral("t",
				ZonedDateTime.of(2023, 11, 14, 23, 13, 20, 0, ZoneId.of("Europe/Berlin"))))
			.isEqualTo("'2023-11-14T22:13:20Z'");
		assertThat(CnosSql.timestampLiteral("t", Instant.parse("1969-12-31T23:59:59.5Z")))
			.isEqualTo("'1969-12-31T23:59:59.500Z'");
	}

	@Test
	void localDateTimeIsTakenAsUtcLikeCnosRowReadsIt() {
		LocalDateTime local = LocalDateTime.parse("2023-11-14T22:13:20.123");
		assertThat(CnosSql.timestampLiteral("t", local)).isEqualTo("'2023-11-14T22:13:20.123Z'");
		assertThat(CnosSql.literal("t", local))
			.isEqualTo(CnosSql.literal("t", local.atOffset(ZoneOffset.UTC).toInstant()));
	}

	@Test
	void timestampsOutsideCnosDbsRangeAreRejected() {
		assertThat(CnosSql.timestampLiteral("t", CnosSql.MIN_TIMESTAMP)).isEqualTo("'1677-09-21T00:12:43.145224192Z'");
		assertThat(CnosSql.timestampLiteral("t", CnosSql.MAX_TIMESTAMP)).isEqualTo("'2262-04-11T23:47:16.854775807Z'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosSql.timestampLiteral("parameter 2", CnosSql.MAX_TIMESTAMP.plusNanos(1)))
			.withMessageStartingWith("parameter 2 2262-04-11T23:47:16.854775808Z is outside the range");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.timestampLiteral("t", Instant.MIN))
			.withMessageContaining("outside the range");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.timestampLiteral("t", LocalDate.of(2024, 1, 1)))
			.withMessageStartingWith("t has the unsupported time type java.time.LocalDate");
	}

	@Test
	void durationsAndByteSizesRenderAsStringLiterals() {
		assertThat(CnosSql.durationLiteral("ttl", CnosDuration.parse("2y1M"))).isEqualTo("'2y1M'");
		assertThat(CnosSql.durationLiteral("ttl", CnosDuration.INFINITE)).isEqualTo("'inf'");
		assertThat(CnosSql.durationLiteral("ttl", Duration.ofDays(7))).isEqualTo("'7d'");
		assertThat(CnosSql.byteSizeLiteral("max_memcache_size", CnosByteSize.ofMebibytes(128))).isEqualTo("'128MiB'");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.durationLiteral("ttl", Duration.ofDays(-1)))
			.withMessage("ttl: duration PT-24H must not be negative");
	}

	@Test
	void literalRejectsTypesWithoutALiteralAndSaysWhatToDo() {
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.literal("parameter 1", Thread.State.NEW))
			.withMessageStartingWith("parameter 1 has the unsupported type java.lang.Thread$State")
			.withMessageEndingWith("(for an enum, bind its name())");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.literal("parameter 1", Duration.ofDays(1)))
			.withMessageEndingWith("(for a CnosDB duration string, bind CnosDuration.of(duration))");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.literal("parameter 1", new int[] { 1 }))
			.withMessageEndingWith("(for IN (?), bind a Collection)");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.literal("parameter 1", List.of(1)))
			.withMessageStartingWith("parameter 1 has the unsupported type");
	}

	@Test
	void literalRendersCharactersAndCharSequencesAsStrings() {
		assertThat(CnosSql.literal("v", '\'')).isEqualTo("''''");
		assertThat(CnosSql.literal("v", new StringBuilder("a'b"))).isEqualTo("'a''b'");
	}

}
