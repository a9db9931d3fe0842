package io.cnosdb.client.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What observations and logs show of a statement: its literal values replaced.
 */
class SqlSanitizerTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"SELECT * FROM air WHERE station = 'XiaoMaiDao' AND v > 42|SELECT * FROM air WHERE station = ? AND v > ?",
			"SELECT \"t1\".\"col2\" FROM \"t1\" LIMIT 10|SELECT \"t1\".\"col2\" FROM \"t1\" LIMIT ?",
			"INSERT INTO m (time, v) VALUES (1700000000000, -1.5e3), (2, 'it''s')|INSERT INTO m (time, v) VALUES (?, -?), (?, ?)",
			"CREATE USER \"u\" WITH PASSWORD = 'p4ss', COMMENT = 'x'|CREATE USER \"u\" WITH PASSWORD = ?, COMMENT = ?",
			"SELECT col2, t2 FROM tab3 -- 'kept' 42|SELECT col2, t2 FROM tab3 -- 'kept' 42",
			"SELECT 'unterminated|SELECT ?" })
	void literalValuesAreReplacedAndNamesKept(String sql, String sanitized) {
		assertThat(SqlSanitizer.sanitize(sql)).isEqualTo(sanitized);
	}

}
