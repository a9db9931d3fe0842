package io.cnosdb.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cnosdb.client.CnosObjectExistsException;
import io.cnosdb.client.CnosObjectNotFoundException;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosResult;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.CnosUnsupportedOperationException;
import io.cnosdb.client.admin.CnosAdminOperations;
import io.cnosdb.client.admin.CnosDatabaseChanges;
import io.cnosdb.client.admin.CnosDatabaseInfo;
import io.cnosdb.client.admin.CnosDatabaseOptions;
import io.cnosdb.client.admin.CnosFieldType;
import io.cnosdb.client.admin.CnosPrecision;
import io.cnosdb.client.admin.CnosTableDefinition;
import io.cnosdb.client.sql.CnosByteSize;
import io.cnosdb.client.sql.CnosDuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every database method of the admin API against a real CnosDB, each effect read back
 * through the admin API and through plain SQL.
 *
 * @author CnosDB Spring Boot contributors
 */
@RealCnosDbTest
class AdminDatabasesIT {

	private final CnosTemplate template;

	private final CnosAdminOperations admin;

	private final List<String> created = new ArrayList<>();

	AdminDatabasesIT(CnosDbServer server) {
		this.template = server.template();
		this.admin = this.template.admin();
	}

	@AfterEach
	void dropDatabases() {
		this.created.forEach(this.admin::dropDatabaseIfExists);
	}

	private String newName(String prefix) {
		String name = CnosDbServer.uniqueName(prefix);
		this.created.add(name);
		return name;
	}

	private String describedValue(String database, String column) {
		CnosResult result = this.template.query("DESCRIBE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
		assertThat(result.rows()).hasSize(1);
		return result.rows().get(0).getString(column);
	}

	@Test
	void everyCreateOptionIsStoredAndDescribedExactly() {
		String db = newName("it_db_all");
		this.admin.createDatabase(db,
				CnosDatabaseOptions.builder()
					.ttl(Duration.ofDays(30))
					.shard(2)
					.vnodeDuration(Duration.ofDays(1))
					.replica(1)
					.precision(CnosPrecision.MS)
					.maxMemcacheSize(CnosByteSize.ofMebibytes(256))
					.memcachePartitions(8)
					.walMaxFileSize(CnosByteSize.ofMebibytes(64))
					.walSync(true)
					.strictWrite(true)
					.maxCacheReaders(16)
					.build());
		assertThat(this.admin.describeDatabase(db)).isEqualTo(
				new CnosDatabaseInfo(db, CnosDuration.parse("30d"), 2, CnosDuration.parse("1d"), 1, CnosPrecision.MS,
						CnosByteSize.ofMebibytes(256), 8L, CnosByteSize.ofMebibytes(64), true, true, 16L));
		// The server's own rendering, as read with plain SQL.
		CnosResult raw = this.template.query("DESCRIBE DATABASE \"" + db + "\"");
		assertThat(raw.columnNames()).containsExactly("ttl", "shard", "vnode_duration", "replica", "precision",
				"max_memcache_size", "memcache_partitions", "wal_max_file_size", "wal_sync", "strict_write",
				"max_cache_readers");
		assertThat(raw.rows()).singleElement().satisfies((row) -> {
			assertThat(row.getString("ttl")).isEqualTo("30days");
			assertThat(row.getString("vnode_duration")).isEqualTo("1day");
			assertThat(row.getString("precision")).isEqualTo("MS");
			assertThat(row.getString("max_memcache_size")).isEqualTo("256 MiB");
			assertThat(row.getString("wal_max_file_size")).isEqualTo("64 MiB");
		});
		// A table of this database takes its precision.
		this.template.forDatabase(db)
			.admin()
			.createTable(CnosTableDefinition.builder("m").field("v", CnosFieldType.DOUBLE).build());
		assertThat(this.template.forDatabase(db).admin().describeTable("m").get(0).dataType())
			.isEqualTo("TIMESTAMP(MILLISECOND)");
	}

	@Test
	void describedOptionsCreateALikeDatabase() {
		String original = newName("it_db_orig");
		this.admin.createDatabase(original,
				CnosDatabaseOptions.builder()
					.ttl(CnosDuration.parse("2y1M"))
					.vnodeDuration(CnosDuration.parse("36h"))
					.precision(CnosPrecision.US)
					.walMaxFileSize(CnosByteSize.parse("300M"))
					.build());
		CnosDatabaseInfo info = this.admin.describeDatabase(original);
		assertThat(info.ttl()).hasToString("2years 1month");
		assertThat(info.vnodeDuration()).hasToString("1day 12h").isEqualTo(CnosDuration.of(Duration.ofHours(36)));
		String copy = newName("it_db_copy");
		this.admin.createDatabase(copy, info.toOptions());
		CnosDatabaseInfo copied = this.admin.describeDatabase(copy);
		assertThat(copied).usingRecursiveComparison().ignoringFields("name").isEqualTo(info);
		assertThat(describedValue(copy, "wal_max_file_size")).isEqualTo(describedValue(original, "wal_max_file_size"));
	}

	@Test
	void aDatabaseWithoutOptionsTakesTheServersDefaults() {
		String db = newName("it_db_default");
		this.admin.createDatabase(db);
		CnosDatabaseInfo info = this.admin.describeDatabase(db);
		assertThat(info.ttl()).isEqualTo(CnosDuration.INFINITE);
		assertThat(describedValue(db, "ttl")).isEqualTo("INF");
		assertThat(info.shard()).isEqualTo(1);
		assertThat(info.vnodeDuration()).isEqualTo(CnosDuration.parse("1y"));
		assertThat(describedValue(db, "vnode_duration")).isEqualTo("1year");
		assertThat(info.replica()).isEqualTo(1);
		assertThat(info.precision()).isEqualTo(CnosPrecision.NS);
		assertThat(info.walSync()).isFalse();
		assertThat(info.strictWrite()).isFalse();
	}

	@Test
	void createIfNotExistsKeepsTheExistingOptionsAndCreateFailsWith030018() {
		String db = newName("it_db_exists");
		this.admin.createDatabaseIfNotExists(db, CnosDatabaseOptions.builder().shard(3).build());
		this.admin.createDatabaseIfNotExists(db, CnosDatabaseOptions.builder().shard(5).build());
		assertThat(this.admin.describeDatabase(db).shard()).isEqualTo(3);
		assertThatExceptionOfType(CnosObjectExistsException.class).isThrownBy(() -> this.admin.createDatabase(db))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("030018");
				assertThat(ex.getErrorResponse().message()).isEqualTo("Database \"" + db + "\" already exists");
			});
	}

	@Test
	void alterChangesEachAlterableOption() {
		String db = newName("it_db_alter");
		this.admin.createDatabase(db, CnosDatabaseOptions.builder().ttl(Duration.ofDays(30)).build());
		this.admin.alterDatabase(db,
				CnosDatabaseChanges.builder()
					.ttl(CnosDuration.parse("1y1M1d1h1m1s"))
					.shard(4)
					.vnodeDuration(Duration.ofMinutes(90))
					.replica(1)
					.build());
		CnosDatabaseInfo info = this.admin.describeDatabase(db);
		assertThat(info.ttl()).isEqualTo(CnosDuration.parse("1y1M1d1h1m1s"));
		assertThat(describedValue(db, "ttl")).isEqualTo("1year 1month 1day 1h 1m 1s");
		assertThat(info.shard()).isEqualTo(4);
		assertThat(info.vnodeDuration()).isEqualTo(CnosDuration.parse("90m"));
		assertThat(describedValue(db, "vnode_duration")).isEqualTo("1h 30m");
		assertThat(info.replica()).isEqualTo(1);
		this.admin.alterDatabase(db, CnosDatabaseChanges.builder().ttl(CnosDuration.INFINITE).build());
		assertThat(this.admin.describeDatabase(db).ttl()).isEqualTo(CnosDuration.INFINITE);
	}

	@Test
	void optionsFixedAtCreationCannotBeAlteredWithPlainSql() {
		String db = newName("it_db_fixed");
		this.admin.createDatabase(db);
		// CnosDatabaseChanges offers only what CnosDB can change; the rest is refused.
		assertThatExceptionOfType(org.springframework.dao.DataAccessException.class)
			.isThrownBy(() -> this.template.execute("ALTER DATABASE \"" + db + "\" SET PRECISION 'ms'"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("010009")
				.contains("only can modify database option: TTL, SHARD, VNODE_DURATION, REPLICA"));
		assertThat(this.admin.describeDatabase(db).precision()).isEqualTo(CnosPrecision.NS);
	}

	@Test
	void alterOfAMissingDatabaseStopsAtItsFirstStatement() {
		String db = CnosDbServer.uniqueName("it_db_missing");
		CnosDatabaseChanges changes = CnosDatabaseChanges.builder().ttl(Duration.ofDays(1)).shard(2).build();
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> this.admin.alterDatabase(db, changes))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("030017");
				assertThat(ex.getSql()).isEqualTo("ALTER DATABASE \"" + db + "\" SET TTL '1d'");
			});
	}

	@Test
	void listDropAndDropIfExists() {
		String db = newName("it_db_list");
		this.admin.createDatabase(db);
		List<String> listed = this.admin.listDatabases();
		assertThat(listed).contains(db, "public").isSorted();
		assertThat(this.template.query("SHOW DATABASES", (row, n) -> row.getString("database_name"))).contains(db);
		this.admin.dropDatabase(db);
		assertThat(this.admin.listDatabases()).doesNotContain(db);
		assertThatExceptionOfType(CnosObjectNotFoundException.class).isThrownBy(() -> this.admin.dropDatabase(db))
			.satisfies((ex) -> assertThat(ex.getErrorResponse().message())
				.isEqualTo("Database not found: \"" + db + "\""));
		assertThatExceptionOfType(CnosObjectNotFoundException.class).isThrownBy(() -> this.admin.describeDatabase(db))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030017"));
		this.admin.dropDatabaseIfExists(db);
		assertThat(this.admin.listDatabases()).doesNotContain(db);
	}

	@Test
	void systemDatabasesCannotBeDropped() {
		assertThatExceptionOfType(CnosUnsupportedOperationException.class)
			.isThrownBy(() -> this.admin.dropDatabase("usage_schema"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorResponse().code()).isEqualTo("010065");
				assertThat(ex.getErrorResponse().message()).isEqualTo("Database \"usage_schema\" forbid drop");
			});
		assertThat(this.admin.listDatabases()).contains("usage_schema", "cluster_schema");
	}

	@Test
	void droppedAfterADelayTheDatabaseIsHiddenUntilRecovered() {
		String db = newName("it_db_after");
		this.admin.createDatabase(db, CnosDatabaseOptions.builder().shard(2).build());
		this.template.forDatabase(db).execute("CREATE TABLE m (v DOUBLE)");
		this.template.forDatabase(db).execute("INSERT INTO m (time, v) VALUES (1700000000000000000, 1.5)");
		this.admin.dropDatabaseAfter(db, CnosDuration.parse("7d"));
		assertThat(this.admin.listDatabases()).doesNotContain(db);
		assertThatExceptionOfType(CnosObjectNotFoundException.class).isThrownBy(() -> this.admin.describeDatabase(db));
		this.admin.recoverDatabase(db);
		assertThat(this.admin.listDatabases()).contains(db);
		assertThat(this.admin.describeDatabase(db).shard()).isEqualTo(2);
		assertThat(this.template.forDatabase(db).queryForObject("SELECT count(v) FROM m", Long.class)).isEqualTo(1L);
		// Recovering a database that is not being dropped changes nothing.
		this.admin.recoverDatabase(db);
		assertThat(this.admin.listDatabases()).contains(db);
		// A plain drop of a delayed drop frees the name at once.
		this.admin.dropDatabaseAfter(db, CnosDuration.parse("7d"));
		this.admin.dropDatabase(db);
		this.admin.createDatabase(db);
		assertThat(this.admin.describeDatabase(db).shard()).isEqualTo(1);
	}

	@Test
	void recoverAndDelayedDropOfAMissingDatabaseFailWith030017() {
		String db = CnosDbServer.uniqueName("it_db_none");
		assertThatExceptionOfType(CnosObjectNotFoundException.class).isThrownBy(() -> this.admin.recoverDatabase(db))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030017"));
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> this.admin.dropDatabaseAfter(db, CnosDuration.parse("1d")))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030017"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "with space", "it's", "say \"hi\"", "ünïcødé €", "dotted.name", "comma,name", "MiXeD" })
	void databasesWithOddNamesAreCreatedListedUsedAndDropped(String odd) {
		String db = newName(odd);
		this.admin.createDatabase(db, CnosDatabaseOptions.builder().ttl(Duration.ofDays(3650)).build());
		assertThat(this.admin.listDatabases()).contains(db);
		assertThat(this.admin.describeDatabase(db).ttl()).isEqualTo(CnosDuration.parse("3650d"));
		CnosOperations inside = this.template.forDatabase(db);
		inside.admin().createTable(CnosTableDefinition.builder("m").field("v", CnosFieldType.BIGINT).tag("t").build());
		assertThat(inside.admin().listTables()).containsExactly("m");
		inside.writeLines("m,t=a v=7i 1700000000000000000");
		inside.execute("INSERT INTO m (time, t, v) VALUES (1700000000000000001, 'b', 8)");
		assertThat(inside.queryForObject("SELECT sum(v) FROM m", Long.class)).isEqualTo(15L);
		this.admin.dropDatabase(db);
		assertThat(this.admin.listDatabases()).doesNotContain(db);
	}

}
