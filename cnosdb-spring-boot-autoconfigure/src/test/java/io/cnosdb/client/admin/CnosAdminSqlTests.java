package io.cnosdb.client.admin;

import java.time.Duration;

import io.cnosdb.client.sql.CnosByteSize;
import io.cnosdb.client.sql.CnosDuration;
import io.cnosdb.client.sql.CnosSqlReader;
import io.cnosdb.client.sql.CnosSqlReader.Token;
import io.cnosdb.client.sql.CnosStatement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CnosAdminSql} and the typed arguments it renders.
 */
class CnosAdminSqlTests {

	@Test
	void databaseOptionsAreSpaceSeparatedWithTheLiteralTypeCnosDbExpects() {
		String sql = CnosAdminSql.createDatabase("db",
				CnosDatabaseOptions.builder().walSync(false).shard(2).ttl(Duration.ofHours(36)).build(), false);
		assertThat(sql).isEqualTo("CREATE DATABASE \"db\" WITH TTL '1d12h' SHARD 2 WAL_SYNC 'false'");
		assertThat(CnosSqlReader.read(sql)).containsExactly(Token.word("CREATE"), Token.word("DATABASE"),
				Token.ident("db"), Token.word("WITH"), Token.word("TTL"), Token.string("1d12h"), Token.word("SHARD"),
				Token.number("2"), Token.word("WAL_SYNC"), Token.string("false"));
	}

	@Test
	void databaseOptionNumbersMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> CnosDatabaseOptions.builder().shard(0))
			.withMessage("shard must be at least 1, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosDatabaseOptions.builder().replica(-1))
			.withMessage("replica must be at least 1, not -1");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosDatabaseChanges.builder().shard(0))
			.withMessage("shard must be at least 1, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosDatabaseOptions.builder().ttl(Duration.ofDays(-1)))
			.withMessage("duration PT-24H must not be negative");
	}

	@Test
	void databaseOptionsCompareByValue() {
		CnosDatabaseOptions a = CnosDatabaseOptions.builder()
			.ttl(CnosDuration.parse("7d"))
			.maxMemcacheSize(CnosByteSize.parse("128 MiB"))
			.build();
		CnosDatabaseOptions b = CnosDatabaseOptions.builder()
			.ttl(Duration.ofDays(7))
			.maxMemcacheSize(CnosByteSize.ofMebibytes(128))
			.build();
		assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
		assertThat(a).hasToString("CnosDatabaseOptions{TTL=7d, MAX_MEMCACHE_SIZE=128 MiB}");
		assertThat(CnosDatabaseOptions.none().isEmpty()).isTrue();
	}

	@Test
	void tableDefinitionChecksColumnsAndCodecs() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosTableDefinition.builder("t").field("v", CnosFieldType.DOUBLE, CnosCodec.DELTA))
			.withMessageStartingWith("codec DELTA is not supported for DOUBLE column 'v'; CnosDB allows");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosTableDefinition.builder("t").field("v", CnosFieldType.STRING, CnosCodec.UNKNOWN))
			.withMessageStartingWith("codec UNKNOWN is not supported for STRING column 'v'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosTableDefinition.builder("t").field("v", CnosFieldType.DOUBLE).tag("v"))
			.withMessage("column 'v' is declared twice in table 't'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosTableDefinition.builder("t").field("time", CnosFieldType.BIGINT))
			.withMessage("column 'time' is implicit in every CnosDB table and cannot be declared");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosTableDefinition.builder("t").tag("a").build())
			.withMessage("table 't' needs at least one field column; CnosDB refuses a table of tags only");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosTableDefinition.builder("a/b"))
			.withMessage("table name 'a/b' must not contain '/' (CnosDB refuses it in names)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosTableDefinition.builder("t").field("\0", CnosFieldType.BIGINT))
			.withMessage("column name '\\0' must not contain a NUL character");
		// CnosDB checks '/' only in the table name; "Time" is not the time column.
		assertThat(CnosAdminSql.createTable(CnosTableDefinition.builder("t")
			.field("a/b", CnosFieldType.BOOLEAN, CnosCodec.BITPACK)
			.field("Time", CnosFieldType.STRING, CnosCodec.ZSTD)
			.build(), false))
			.isEqualTo("CREATE TABLE \"t\" (\"a/b\" BOOLEAN CODEC(BITPACK), \"Time\" STRING CODEC(ZSTD))");
	}

	@Test
	void everyFieldTypeSupportsDefaultAndNull() {
		for (CnosFieldType type : CnosFieldType.values()) {
			assertThat(type.supports(CnosCodec.DEFAULT)).isTrue();
			assertThat(type.supports(CnosCodec.NULL)).isTrue();
			assertThat(type.supports(CnosCodec.UNKNOWN)).isFalse();
		}
		assertThat(CnosCodec.fromName("gorilla")).isEqualTo(CnosCodec.GORILLA);
		assertThat(CnosCodec.fromName("LZ4")).isEqualTo(CnosCodec.UNKNOWN);
	}

	@Test
	void userStatementsMaskThePasswordInTheDisplayText() {
		CnosStatement statement = CnosAdminSql.createUser("u",
				CnosUserOptions.builder().password("p'w").mustChangePassword(true).build(), true);
		assertThat(statement.sql())
			.isEqualTo("CREATE USER IF NOT EXISTS \"u\" WITH PASSWORD = 'p''w', MUST_CHANGE_PASSWORD = true");
		assertThat(statement.displaySql())
			.isEqualTo("CREATE USER IF NOT EXISTS \"u\" WITH PASSWORD = '******', MUST_CHANGE_PASSWORD = true");
		assertThat(statement).hasToString(statement.displaySql());
		assertThat(statement.secrets()).containsExactly("p'w", "p''w");
		CnosStatement alter = CnosAdminSql.alterUserPassword("u", "x");
		assertThat(alter.sql()).isEqualTo("ALTER USER \"u\" SET PASSWORD = 'x'");
		assertThat(alter.displaySql()).isEqualTo("ALTER USER \"u\" SET PASSWORD = '******'");
		assertThat(CnosAdminSql.createUser("u", CnosUserOptions.builder().comment("c").build(), false).secrets())
			.isEmpty();
	}

	@Test
	void emptyPasswordIsSentAndHasNothingToMask() {
		CnosStatement statement = CnosAdminSql.alterUserPassword("u", "");
		assertThat(statement.sql()).isEqualTo("ALTER USER \"u\" SET PASSWORD = ''");
		assertThat(statement.secrets()).isEmpty();
	}

	@Test
	void tenantOptionsAreCommaSeparated() {
		assertThat(CnosAdminSql.createTenant("t",
				CnosTenantOptions.builder().dropAfter(CnosDuration.parse("1d")).comment("it's").build(), false))
			.isEqualTo("CREATE TENANT \"t\" WITH COMMENT = 'it''s', DROP_AFTER = '1d'");
		assertThat(CnosAdminSql.createTenant("t", CnosTenantOptions.none(), true))
			.isEqualTo("CREATE TENANT IF NOT EXISTS \"t\"");
	}

	@Test
	void precisionAndSystemRoleNames() {
		assertThat(CnosPrecision.fromName("NS")).isEqualTo(CnosPrecision.NS);
		assertThat(CnosPrecision.MS.sqlValue()).isEqualTo("ms");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosPrecision.fromName("s"))
			.withMessage("'s' is not a CnosDB precision (MS, US or NS)");
		assertThat(CnosSystemRole.OWNER.roleName()).isEqualTo(CnosAdminOperations.OWNER);
		assertThat(CnosSystemRole.MEMBER.roleName()).isEqualTo(CnosAdminOperations.MEMBER);
	}

	@Test
	void renamedUserGetsTheNewNameRules() {
		assertThat(CnosAdminSql.renameUser("a/b", "c")).isEqualTo("ALTER USER \"a/b\" RENAME TO \"c\"");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosAdminSql.renameUser("a", "c/d"))
			.withMessage("new user name 'c/d' must not contain '/' (CnosDB refuses it in names)");
	}

}
