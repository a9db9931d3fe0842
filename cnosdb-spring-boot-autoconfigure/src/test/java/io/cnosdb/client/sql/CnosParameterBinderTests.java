package io.cnosdb.client.sql;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.cnosdb.client.sql.CnosSqlReader.Token;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CnosParameterBinder}.
 */
class CnosParameterBinderTests {

	@Test
	void bindsEachSupportedTypeInOrder() {
		String sql = CnosParameterBinder.bindPositional(
				"SELECT * FROM air WHERE station = ? AND temperature > ? AND ok = ? AND time >= ? AND note = ? AND d = ?",
				"XiaoMaiDao", 20.5, true, Instant.parse("2024-01-01T00:00:00Z"), null, new BigDecimal("1.50"));
		assertThat(sql).isEqualTo("SELECT * FROM air WHERE station = 'XiaoMaiDao' AND temperature > 20.5 AND ok = true"
				+ " AND time >= '2024-01-01T00:00:00Z' AND note = NULL AND d = 1.50");
	}

	@Test
	void collectionBecomesACommaListForIn() {
		assertThat(CnosParameterBinder.bindPositional("SELECT * FROM air WHERE station IN (?) AND v IN (?)",
				List.of("a", "b'c"), new LinkedHashSet<>(List.of(1, 2, 3))))
			.isEqualTo("SELECT * FROM air WHERE station IN ('a', 'b''c') AND v IN (1, 2, 3)");
		assertThat(CnosParameterBinder.bindPositional("SELECT ?", Arrays.asList("a", null)))
			.isEqualTo("SELECT 'a', NULL");
	}

	@Test
	void emptyOrNestedCollectionIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosParameterBinder.bindPositional("SELECT * FROM t WHERE a IN (?)", List.of()))
			.withMessage("parameter 1 is an empty collection, which would render 'IN ()' (not SQL);"
					+ " handle the empty case before the query");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosParameterBinder.bindPositional("SELECT ?", List.of(List.of(1))))
			.withMessage("parameter 1 element 1 is a collection; collections cannot be nested");
	}

	@Test
	void placeholdersInsideLiteralsIdentifiersAndCommentsAreLeftAlone() {
		String sql = "SELECT '?', \"?col\", 'it''s ?' -- what?\n, ? /* ? /* nested ? */ still ? */ FROM t"
				+ " WHERE a = E'\\'?' AND b = $$ ? $$ AND c = $x$ ? $x$ AND d = N'?' AND e = ?";
		assertThat(CnosParameterBinder.bindPositional(sql, 1, 2))
			.isEqualTo("SELECT '?', \"?col\", 'it''s ?' -- what?\n, 1 /* ? /* nested ? */ still ? */ FROM t"
					+ " WHERE a = E'\\'?' AND b = $$ ? $$ AND c = $x$ ? $x$ AND d = N'?' AND e = 2");
	}

	@Test
	void commentToEndOfInputHidesPlaceholders() {
		assertThat(CnosParameterBinder.bindPositional("SELECT ? -- ?", 1)).isEqualTo("SELECT 1 -- ?");
	}

	@Test
	void wrongNumberOfArgumentsIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosParameterBinder.bindPositional("SELECT * FROM t WHERE a = ? AND b = ?", 1))
			.withMessage("The SQL has 2 '?' placeholders but 1 argument was given");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosParameterBinder.bindPositional("SELECT '?'", "extra"))
			.withMessage("The SQL has 0 '?' placeholders but 1 argument was given");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosParameterBinder.bindPositional("SELECT ?", (Object[]) null))
			.withMessage("The SQL has 1 '?' placeholder but 0 arguments were given"
					+ " (to bind a single NULL, pass (Object) null)");
		assertThat(CnosParameterBinder.bindPositional("SELECT ?", (Object) null)).isEqualTo("SELECT NULL");
	}

	@Test
	void unsupportedTypeIsRejectedNamingThePosition() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosParameterBinder.bindPositional("SELECT ?, ?", 1, new Object()))
			.withMessageStartingWith("parameter 2 has the unsupported type java.lang.Object");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosParameterBinder.bindPositional("SELECT ?", Double.NaN))
			.withMessage("parameter 1 is NaN, which has no SQL literal; bind a finite number or NULL");
	}

	@Test
	void unterminatedTextIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> CnosParameterBinder.bindPositional("SELECT 'a?"))
			.withMessage("The SQL has an unterminated string literal starting at index 7");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosParameterBinder.bindPositional("SELECT \"a?"))
			.withMessage("The SQL has an unterminated quoted identifier starting at index 7");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosParameterBinder.bindPositional("SELECT /* /* */ ?"))
			.withMessage("The SQL has an unterminated comment starting at index 7");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosParameterBinder.bindPositional("SELECT $$ ?"))
			.withMessage("The SQL has an unterminated dollar-quoted string starting at index 7");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosParameterBinder.bindPositional("SELECT e'\\' ?"))
			.withMessage("The SQL has an unterminated escaped string literal starting at index 7");
	}

	@Test
	void numberedPlaceholdersAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> CnosParameterBinder.bindPositional("SELECT ?1", 1))
			.withMessage("Numbered placeholders such as '?1' (at index 7) are not supported; use '?' or ':name'");
	}

	@Test
	void literalIsKeptApartFromTextItWouldRunInto() {
		// LIMIT10 would be one word, a--5 a comment, x'a' a hex string, 'a''b' one
		// string.
		assertThat(CnosParameterBinder.bindPositional("SELECT a-? FROM t LIMIT?", -5, 10))
			.isEqualTo("SELECT a- -5 FROM t LIMIT 10");
		assertThat(CnosParameterBinder.bindPositional("SELECT x?", "a")).isEqualTo("SELECT x 'a'");
		assertThat(CnosParameterBinder.bindPositional("SELECT 'a'?'b'", "c")).isEqualTo("SELECT 'a' 'c' 'b'");
		assertThat(CnosParameterBinder.bindPositional("SELECT ?AND ?.5", true, 1)).isEqualTo("SELECT true AND 1 .5");
		assertThat(CnosSqlReader.read(CnosParameterBinder.bindPositional("SELECT a-?", -5))).containsExactly(
				Token.word("SELECT"), Token.word("a"), Token.symbol("-"), Token.symbol("-"), Token.number("5"));
	}

	@Test
	void namedParametersMayRepeatAndIgnoreCasts() {
		Map<String, Object> params = new HashMap<>();
		params.put("host", "h'1");
		params.put("limit", 10);
		params.put("none", null);
		assertThat(CnosParameterBinder.bindNamed(
				"SELECT v::BIGINT FROM t WHERE host = :host OR alias = :host OR x = :none AND s = ':host' LIMIT :limit",
				params))
			.isEqualTo("SELECT v::BIGINT FROM t WHERE host = 'h''1' OR alias = 'h''1' OR x = NULL AND s = ':host'"
					+ " LIMIT 10");
	}

	@Test
	void namedParametersMustMatchTheValuesGiven() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosParameterBinder.bindNamed("SELECT :a, :b", Map.of("a", 1)))
			.withMessage("The SQL uses :b but no value was given for it; values were given for [a]");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosParameterBinder.bindNamed("SELECT :a", Map.of("a", 1, "typo", 2)))
			.withMessage("A value was given for 'typo' but the SQL has no :typo placeholder; it uses [a]");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosParameterBinder.bindNamed("SELECT :a, ?", Map.of("a", 1)))
			.withMessage("The SQL mixes '?' (at index 11) with named parameters; use :name placeholders only");
	}

	@Test
	void positionalBindingLeavesColonNamesAlone() {
		assertThat(CnosParameterBinder.bindPositional("SELECT :a, ?", 1)).isEqualTo("SELECT :a, 1");
	}

}
