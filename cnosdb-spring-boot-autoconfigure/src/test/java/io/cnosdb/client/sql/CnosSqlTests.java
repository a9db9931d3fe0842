package io.cnosdb.client.sql;

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
	}

	@Test
	void identifierRejectsNamesCnosDbCannotHold() {
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.identifier("database", "  "))
			.withMessage("database name must not be empty or only spaces");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.identifier("table", "a\0b"))
			.withMessage("table name 'a\\0b' must not contain a NUL character");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.identifier("table", "a/b"))
			.withMessageContaining("must not contain '/'");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosSql.identifier("user", "x\uD800"))
			.withMessageContaining("unpaired surrogate");
	}

	@Test
	void stringLiteralDoublesQuotesAndKeepsBackslashes() {
		assertThat(CnosSql.stringLiteral("password", "it's \\n")).isEqualTo("'it''s \\n'");
		assertThat(CnosSql.stringLiteral("comment", "")).isEqualTo("''");
	}

}
