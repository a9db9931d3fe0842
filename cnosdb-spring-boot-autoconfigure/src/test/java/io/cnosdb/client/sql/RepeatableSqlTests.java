package io.cnosdb.client.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RepeatableSql}: which statements failover may send to a second node.
 */
class RepeatableSqlTests {

	@ParameterizedTest
	@ValueSource(strings = { "SELECT 1", "select * from m", "  (SELECT 1) UNION (SELECT 2)", "SHOW DATABASES",
			"show tables", "DESCRIBE TABLE m", "DESC DATABASE public", "EXPLAIN SELECT 1",
			"EXPLAIN ANALYZE VERBOSE SELECT 1", "VALUES (1)", "-- a comment\nSELECT 1", "/* hint */ SELECT 1",
			"SELECT 1;", "SELECT ';DROP TABLE m' FROM m", "SELECT 1 -- ; DROP TABLE m", "SELECT 1; SHOW TABLES" })
	void readsAreRepeatable(String sql) {
		assertThat(RepeatableSql.isRepeatable(sql)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "INSERT INTO m (time, v) VALUES (1, 2)", "DROP TABLE m", "CREATE DATABASE d",
			"ALTER TABLE m ADD FIELD f BIGINT", "DELETE FROM m WHERE time < 1", "UPDATE m SET v = 1",
			"COPY INTO m FROM 'x'", "WITH a AS (SELECT 1) SELECT * FROM a", "SELECT 1; DROP TABLE m",
			"EXPLAIN INSERT INTO m VALUES (1, 2)", "EXPLAIN ANALYZE DELETE FROM m", "/* SELECT */ DROP TABLE m",
			"SELECTED", "" })
	void everythingElseIsNot(String sql) {
		assertThat(RepeatableSql.isRepeatable(sql)).isFalse();
	}

}
