package io.cnosdb.client;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.client.admin.CnosAdminOperations;
import io.cnosdb.client.admin.CnosCodec;
import io.cnosdb.client.admin.CnosColumn;
import io.cnosdb.client.admin.CnosColumnKind;
import io.cnosdb.client.admin.CnosDatabaseChanges;
import io.cnosdb.client.admin.CnosDatabaseInfo;
import io.cnosdb.client.admin.CnosDatabaseOptions;
import io.cnosdb.client.admin.CnosFieldType;
import io.cnosdb.client.admin.CnosMember;
import io.cnosdb.client.admin.CnosPrecision;
import io.cnosdb.client.admin.CnosPrivilege;
import io.cnosdb.client.admin.CnosRoleInfo;
import io.cnosdb.client.admin.CnosSystemRole;
import io.cnosdb.client.admin.CnosTableDefinition;
import io.cnosdb.client.admin.CnosTenantInfo;
import io.cnosdb.client.admin.CnosTenantOptions;
import io.cnosdb.client.admin.CnosUserInfo;
import io.cnosdb.client.admin.CnosUserOptions;
import io.cnosdb.client.sql.CnosByteSize;
import io.cnosdb.client.sql.CnosDuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.TypeMismatchDataAccessException;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.CnosServerStub.assertSqlRequest;
import static io.cnosdb.client.CnosServerStub.csv;
import static io.cnosdb.client.CnosServerStub.error;
import static io.cnosdb.client.CnosServerStub.onlyRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for {@link CnosAdminOperations} as {@link CnosTemplate#admin()} runs it, against
 * byte-faithful CnosDB responses: the exact SQL each method sends, and the typed values
 * read from the real column names of SHOW, DESCRIBE and the system tables.
 */
class CnosAdminTemplateTests {

	/** {@code DESCRIBE DATABASE} of slt {@code ddl/describe_database.slt} (tttest). */
	static final String DESCRIBE_DATABASE_CSV = "ttl,shard,vnode_duration,replica,precision,max_memcache_size,"
			+ "memcache_partitions,wal_max_file_size,wal_sync,strict_write,max_cache_readers\n"
			+ "INF,6,2years 1month,1,US,128 MiB,10,286.102294921875 MiB,true,true,100\n";

	/** {@code DESCRIBE TABLE} of slt {@code ddl/describe_table.slt} (test0). */
	static final String DESCRIBE_TABLE_CSV = "column_name,data_type,column_type,compression_codec\n"
			+ "time,TIMESTAMP(NANOSECOND),TIME,DEFAULT\n" + "column6,STRING,TAG,DEFAULT\n"
			+ "column7,STRING,TAG,DEFAULT\n" + "column1,BIGINT,FIELD,DELTA\n" + "column2,STRING,FIELD,GZIP\n"
			+ "column3,BIGINT UNSIGNED,FIELD,NULL\n" + "column4,BOOLEAN,FIELD,DEFAULT\n"
			+ "column5,DOUBLE,FIELD,GORILLA\n";

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private CnosAdminOperations admin;

	@BeforeEach
	void createTemplate() {
		this.admin = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build().admin();
	}

	/** CnosDB's answer to DDL: 200, empty body (reference §4.1, X16). */
	static ResponseDefinitionBuilder ddlOk() {
		return csv("");
	}

	static Stream<Arguments> statements() {
		CnosTableDefinition air = CnosTableDefinition.builder("air")
			.field("visibility", CnosFieldType.DOUBLE)
			.field("temperature", CnosFieldType.DOUBLE, CnosCodec.GORILLA)
			.field("count", CnosFieldType.BIGINT_UNSIGNED, CnosCodec.DELTA)
			.field("where", CnosFieldType.GEOMETRY_POINT)
			.tag("station")
			.tag("Region")
			.build();
		CnosDatabaseOptions all = CnosDatabaseOptions.builder()
			.maxCacheReaders(100)
			.strictWrite(true)
			.walSync(true)
			.walMaxFileSize(CnosByteSize.parse("300M"))
			.memcachePartitions(10)
			.maxMemcacheSize(CnosByteSize.ofMebibytes(128))
			.precision(CnosPrecision.US)
			.replica(1)
			.vnodeDuration(CnosDuration.parse("2y1M"))
			.shard(6)
			.ttl(CnosDuration.INFINITE)
			.build();
		return Stream.of(arguments("createDatabase", op((a) -> a.createDatabase("db1")), "CREATE DATABASE \"db1\""),
				arguments("createDatabase with TTL",
						op((a) -> a.createDatabase("oceanic_station",
								CnosDatabaseOptions.builder()
									.ttl(Duration.ofDays(180))
									.shard(1)
									.vnodeDuration(Duration.ofDays(7))
									.build())),
						"CREATE DATABASE \"oceanic_station\" WITH TTL '180d' SHARD 1 VNODE_DURATION '7d'"),
				arguments("createDatabase with every option", op((a) -> a.createDatabase("tttest", all)),
						"CREATE DATABASE \"tttest\" WITH TTL 'inf' SHARD 6 VNODE_DURATION '2y1M' REPLICA 1"
								+ " PRECISION 'us' MAX_MEMCACHE_SIZE '128MiB' MEMCACHE_PARTITIONS 10"
								+ " WAL_MAX_FILE_SIZE '300M' WAL_SYNC 'true' STRICT_WRITE 'true' MAX_CACHE_READERS 100"),
				arguments("createDatabaseIfNotExists",
						op((a) -> a.createDatabaseIfNotExists("Db1",
								CnosDatabaseOptions.builder().ttl(Duration.ofDays(30)).build())),
						"CREATE DATABASE IF NOT EXISTS \"Db1\" WITH TTL '30d'"),
				arguments("createDatabaseIfNotExists without options",
						op((a) -> a.createDatabaseIfNotExists("test1", CnosDatabaseOptions.none())),
						"CREATE DATABASE IF NOT EXISTS \"test1\""),
				arguments("dropDatabase", op((a) -> a.dropDatabase("db1")), "DROP DATABASE \"db1\""),
				arguments("dropDatabaseIfExists", op((a) -> a.dropDatabaseIfExists("db1")),
						"DROP DATABASE IF EXISTS \"db1\""),
				arguments("dropDatabaseAfter", op((a) -> a.dropDatabaseAfter("db1", CnosDuration.parse("7d"))),
						"DROP DATABASE \"db1\" AFTER '7d'"),
				arguments("recoverDatabase", op((a) -> a.recoverDatabase("db1")), "RECOVER DATABASE \"db1\""),
				arguments("createTable", op((a) -> a.createTable(air)),
						"CREATE TABLE \"air\" (\"visibility\" DOUBLE, \"temperature\" DOUBLE CODEC(GORILLA),"
								+ " \"count\" BIGINT UNSIGNED CODEC(DELTA), \"where\" GEOMETRY(POINT, 0),"
								+ " TAGS(\"station\", \"Region\"))"),
				arguments("createTableIfNotExists",
						op((a) -> a.createTableIfNotExists(
								CnosTableDefinition.builder("t").field("v", CnosFieldType.BOOLEAN).build())),
						"CREATE TABLE IF NOT EXISTS \"t\" (\"v\" BOOLEAN)"),
				arguments("dropTable", op((a) -> a.dropTable("air")), "DROP TABLE \"air\""),
				arguments("dropTableIfExists", op((a) -> a.dropTableIfExists("air")), "DROP TABLE IF EXISTS \"air\""),
				arguments("createUser with every option",
						op((a) -> a.createUser("test",
								CnosUserOptions.builder()
									.comment("test")
									.grantedAdmin(false)
									.rsaPublicKey("KEY")
									.mustChangePassword(false)
									.password("123456")
									.build())),
						"CREATE USER \"test\" WITH PASSWORD = '123456', MUST_CHANGE_PASSWORD = false,"
								+ " RSA_PUBLIC_KEY = 'KEY', COMMENT = 'test', GRANTED_ADMIN = false"),
				arguments("createUser without options", op((a) -> a.createUser("u", CnosUserOptions.none())),
						"CREATE USER \"u\""),
				arguments("createUserIfNotExists",
						op((a) -> a.createUserIfNotExists("test", CnosUserOptions.password("it's"))),
						"CREATE USER IF NOT EXISTS \"test\" WITH PASSWORD = 'it''s'"),
				arguments("alterUserPassword", op((a) -> a.alterUserPassword("root", "abc")),
						"ALTER USER \"root\" SET PASSWORD = 'abc'"),
				arguments("renameUser", op((a) -> a.renameUser("u", "v")), "ALTER USER \"u\" RENAME TO \"v\""),
				arguments("dropUser", op((a) -> a.dropUser("u")), "DROP USER \"u\""),
				arguments("dropUserIfExists", op((a) -> a.dropUserIfExists("u")), "DROP USER IF EXISTS \"u\""),
				arguments("createTenant", op((a) -> a.createTenant("tenant_a")), "CREATE TENANT \"tenant_a\""),
				arguments("createTenant with options",
						op((a) -> a.createTenant("t",
								CnosTenantOptions.builder().comment("c").dropAfter(Duration.ofDays(1)).build())),
						"CREATE TENANT \"t\" WITH COMMENT = 'c', DROP_AFTER = '1d'"),
				arguments("createTenantIfNotExists",
						op((a) -> a.createTenantIfNotExists("test_ts_tenant1",
								CnosTenantOptions.builder().comment("this is test_ts_tenant1").build())),
						"CREATE TENANT IF NOT EXISTS \"test_ts_tenant1\" WITH COMMENT = 'this is test_ts_tenant1'"),
				arguments("dropTenant", op((a) -> a.dropTenant("t")), "DROP TENANT \"t\""),
				arguments("dropTenantIfExists", op((a) -> a.dropTenantIfExists("t")), "DROP TENANT IF EXISTS \"t\""),
				arguments("dropTenantAfter", op((a) -> a.dropTenantAfter("t", CnosDuration.parse("7d"))),
						"DROP TENANT \"t\" AFTER '7d'"),
				arguments("recoverTenant", op((a) -> a.recoverTenant("t")), "RECOVER TENANT \"t\""),
				arguments("addUserToTenant",
						op((a) -> a.addUserToTenant("tenant_a", "user_a", CnosAdminOperations.OWNER)),
						"ALTER TENANT \"tenant_a\" ADD USER \"user_a\" AS \"owner\""),
				arguments("setUserRole", op((a) -> a.setUserRole("t", "u", CnosAdminOperations.MEMBER)),
						"ALTER TENANT \"t\" SET USER \"u\" AS \"member\""),
				arguments("removeUserFromTenant", op((a) -> a.removeUserFromTenant("t", "u")),
						"ALTER TENANT \"t\" REMOVE USER \"u\""),
				arguments("createRole", op((a) -> a.createRole("r")), "CREATE ROLE \"r\""),
				arguments("createRole inheriting", op((a) -> a.createRole("r", CnosSystemRole.MEMBER)),
						"CREATE ROLE \"r\" INHERIT member"),
				arguments("dropRole", op((a) -> a.dropRole("r")), "DROP ROLE \"r\""),
				arguments("dropRoleIfExists", op((a) -> a.dropRoleIfExists("r")), "DROP ROLE IF EXISTS \"r\""),
				arguments("grant", op((a) -> a.grant(CnosPrivilege.READ, "db1", "r")),
						"GRANT READ ON DATABASE \"db1\" TO ROLE \"r\""),
				arguments("revoke", op((a) -> a.revoke(CnosPrivilege.ALL, "db1", "r")),
						"REVOKE ALL ON DATABASE \"db1\" FROM ROLE \"r\""));
	}

	private static Consumer<CnosAdminOperations> op(Consumer<CnosAdminOperations> operation) {
		return operation;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("statements")
	void ddlMethodSendsExactlyOneStatement(String method, Consumer<CnosAdminOperations> operation, String sql) {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(ddlOk()));
		operation.accept(this.admin);
		assertSqlRequest(onlyRequest(server), sql, false);
	}

	@Test
	void alterDatabaseSendsOneStatementPerChangeInAFixedOrder() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(ddlOk()));
		this.admin.alterDatabase("tttest",
				CnosDatabaseChanges.builder()
					.replica(2)
					.vnodeDuration(CnosDuration.parse("1y"))
					.shard(3)
					.ttl(CnosDuration.parse("1M"))
					.build());
		List<LoggedRequest> requests = requests();
		assertThat(requests).extracting(LoggedRequest::getBodyAsString)
			.containsExactly("ALTER DATABASE \"tttest\" SET TTL '1M'", "ALTER DATABASE \"tttest\" SET SHARD 3",
					"ALTER DATABASE \"tttest\" SET VNODE_DURATION '1y'", "ALTER DATABASE \"tttest\" SET REPLICA 2");
		requests.forEach((request) -> assertSqlRequest(request, request.getBodyAsString(), false));
	}

	@Test
	void alterDatabaseStopsAtTheFirstFailureAndReportsItsStatement() {
		// CnosDB 2.4.2.1's answer when the database was dropped meanwhile.
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(ddlOk()));
		server.stubFor(
				post(urlPathEqualTo("/api/v1/sql")).withRequestBody(equalTo("ALTER DATABASE \"tttest\" SET SHARD 3"))
					.willReturn(error(422,
							"{\"error_code\":\"030017\",\"error_message\":\"Database not found: \\\"tttest\\\"\"}")));
		CnosDatabaseChanges changes = CnosDatabaseChanges.builder()
			.ttl(CnosDuration.parse("1M"))
			.shard(3)
			.replica(2)
			.build();
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> this.admin.alterDatabase("tttest", changes))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("030017");
				assertThat(ex.getSql()).isEqualTo("ALTER DATABASE \"tttest\" SET SHARD 3");
			});
		assertThat(requests()).extracting(LoggedRequest::getBodyAsString)
			.containsExactly("ALTER DATABASE \"tttest\" SET TTL '1M'", "ALTER DATABASE \"tttest\" SET SHARD 3");
	}

	@Test
	void createExistingDatabaseFailsWithCnosDbsCode() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(
				error(422, "{\"error_code\":\"030018\",\"error_message\":\"Database \\\"db1\\\" already exists\"}")));
		assertThatExceptionOfType(CnosObjectExistsException.class).isThrownBy(() -> this.admin.createDatabase("db1"))
			.withMessage("Query failed: CnosDB error 030018 (HTTP 422): Database \"db1\" already exists;"
					+ " SQL [CREATE DATABASE \"db1\"]")
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030018"));
		assertSqlRequest(onlyRequest(server), "CREATE DATABASE \"db1\"", false);
	}

	@Test
	void describeMissingDatabaseFailsWithNotFound() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(
				error(422, "{\"error_code\":\"030017\",\"error_message\":\"Database not found: \\\"test1\\\"\"}")));
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> this.admin.describeDatabase("test1"))
			.withMessageContaining("Database not found: \"test1\"")
			.satisfies((ex) -> assertThat(ex.getSql()).isEqualTo("DESCRIBE DATABASE \"test1\""));
		assertSqlRequest(onlyRequest(server), "DESCRIBE DATABASE \"test1\"", false);
	}

	@Test
	void dropMissingTableFailsWithNotFound() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(error(422, "{\"error_code\":\"030019\",\"error_message\":\"Table not found: \\\"air\\\"\"}")));
		assertThatExceptionOfType(CnosObjectNotFoundException.class).isThrownBy(() -> this.admin.dropTable("air"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030019"));
		assertSqlRequest(onlyRequest(server), "DROP TABLE \"air\"", false);
	}

	@Test
	void listDatabasesReadsDatabaseName() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(csv("database_name\ncluster_schema\npublic\nusage_schema\n")));
		assertThat(this.admin.listDatabases()).containsExactly("cluster_schema", "public", "usage_schema");
		assertSqlRequest(onlyRequest(server), "SHOW DATABASES", false);
	}

	@Test
	void listTablesOfAnEmptyDatabaseIsEmpty() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("table_name\n")));
		assertThat(this.admin.listTables()).isEmpty();
		assertSqlRequest(onlyRequest(server), "SHOW TABLES", false);
	}

	@Test
	void listTablesKeepsNamesWithCommasQuotesAndNewlines() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(csv("table_name\nair\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"two\nlines\"\n")));
		assertThat(this.admin.listTables()).containsExactly("air", "a,b", "say \"hi\"", "two\nlines");
	}

	@Test
	void describeDatabaseReadsEveryOption() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv(DESCRIBE_DATABASE_CSV)));
		CnosDatabaseInfo info = this.admin.describeDatabase("tttest");
		assertThat(info).isEqualTo(new CnosDatabaseInfo("tttest", CnosDuration.INFINITE, 6, CnosDuration.parse("2y1M"),
				1, CnosPrecision.US, CnosByteSize.ofMebibytes(128), 10L, CnosByteSize.ofBytes(300_000_000), true, true,
				100L));
		assertThat(info.vnodeDuration()).hasToString("2years 1month");
		assertSqlRequest(onlyRequest(server), "DESCRIBE DATABASE \"tttest\"", false);
	}

	@Test
	void describeDatabaseBefore242ReadsTheFiveOptionsAndTheirWholeUnitDurations() {
		// Columns and duration text of CnosDB 2.3.4 to 2.4.1 (information_schema
		// databases
		// builder and the Display of models::schema::Duration in those tags).
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(csv("ttl,shard,vnode_duration,replica,precision\n30 Days,2,12 Hours,1,MS\n")));
		CnosDatabaseInfo info = this.admin.describeDatabase("old");
		assertThat(info).isEqualTo(new CnosDatabaseInfo("old", CnosDuration.parse("30d"), 2, CnosDuration.parse("12h"),
				1, CnosPrecision.MS, null, null, null, null, null, null));
		assertThat(info.toOptions()).isEqualTo(CnosDatabaseOptions.builder()
			.ttl(CnosDuration.parse("30d"))
			.shard(2)
			.vnodeDuration(CnosDuration.parse("12h"))
			.replica(1)
			.precision(CnosPrecision.MS)
			.build());
	}

	@Test
	void describeDatabaseOf230ReadsUpperCaseColumnsInfAndMinutes() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(csv("TTL,SHARD,VNODE_DURATION,REPLICA,PRECISION\nINF,1,90 Minutes,1,NS\n")));
		assertThat(this.admin.describeDatabase("old")).isEqualTo(new CnosDatabaseInfo("old", CnosDuration.INFINITE, 1,
				CnosDuration.parse("90m"), 1, CnosPrecision.NS, null, null, null, null, null, null));
	}

	@Test
	void listDatabasesAndTablesOf230ReadTheirOnlyColumn() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("Database\npublic\nmine\n")));
		assertThat(this.admin.listDatabases()).containsExactly("public", "mine");
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("Table\nair\n")));
		assertThat(this.admin.listTables()).containsExactly("air");
	}

	@Test
	void describedOptionsCreateALikeDatabase() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv(DESCRIBE_DATABASE_CSV)));
		CnosDatabaseOptions options = this.admin.describeDatabase("tttest").toOptions();
		server.resetAll();
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(ddlOk()));
		this.admin.createDatabase("copy", options);
		assertSqlRequest(onlyRequest(server),
				"CREATE DATABASE \"copy\" WITH TTL 'INF' SHARD 6 VNODE_DURATION '2years 1month' REPLICA 1"
						+ " PRECISION 'us' MAX_MEMCACHE_SIZE '128 MiB' MEMCACHE_PARTITIONS 10"
						+ " WAL_MAX_FILE_SIZE '286.102294921875 MiB' WAL_SYNC 'true' STRICT_WRITE 'true'"
						+ " MAX_CACHE_READERS 100",
				false);
	}

	@Test
	void describeDatabaseOfAFreshDatabaseReadsTheDefaults() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv(
				"ttl,shard,vnode_duration,replica,precision,max_memcache_size,memcache_partitions,wal_max_file_size,"
						+ "wal_sync,strict_write,max_cache_readers\n"
						+ "INF,1,1year,1,NS,128 MiB,4,1 GiB,false,false,32\n")));
		CnosDatabaseInfo info = this.admin.describeDatabase("test1");
		assertThat(info.ttl().isInfinite()).isTrue();
		assertThat(info.vnodeDuration().toDuration()).isEqualTo(Duration.ofSeconds(31_557_600));
		assertThat(info.precision()).isEqualTo(CnosPrecision.NS);
		assertThat(info.walSync()).isFalse();
		assertThat(info.memcachePartitions()).isEqualTo(4);
		assertThat(info.walMaxFileSize()).isEqualTo(CnosByteSize.ofGibibytes(1));
	}

	@Test
	void describeTableReadsTypedColumns() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv(DESCRIBE_TABLE_CSV)));
		assertThat(this.admin.describeTable("test0")).containsExactly(
				new CnosColumn("time", "TIMESTAMP(NANOSECOND)", CnosColumnKind.TIME, CnosCodec.DEFAULT),
				new CnosColumn("column6", "STRING", CnosColumnKind.TAG, CnosCodec.DEFAULT),
				new CnosColumn("column7", "STRING", CnosColumnKind.TAG, CnosCodec.DEFAULT),
				new CnosColumn("column1", "BIGINT", CnosColumnKind.FIELD, CnosCodec.DELTA),
				new CnosColumn("column2", "STRING", CnosColumnKind.FIELD, CnosCodec.GZIP),
				new CnosColumn("column3", "BIGINT UNSIGNED", CnosColumnKind.FIELD, CnosCodec.NULL),
				new CnosColumn("column4", "BOOLEAN", CnosColumnKind.FIELD, CnosCodec.DEFAULT),
				new CnosColumn("column5", "DOUBLE", CnosColumnKind.FIELD, CnosCodec.GORILLA));
		assertSqlRequest(onlyRequest(server), "DESCRIBE TABLE \"test0\"", false);
	}

	@Test
	void describeTableOfAnExternalTableHasNoCodec() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(csv("column_name,data_type,column_type,compression_codec\nc1,Int64,FIELD,\n")));
		assertThat(this.admin.describeTable("ext"))
			.containsExactly(new CnosColumn("c1", "Int64", CnosColumnKind.FIELD, null));
	}

	@Test
	void listUsersAsksTheSystemTenantAndReadsTheOptionsJson() {
		// As CnosDB 2.4.2.1 lists them: GRANTED_ADMIN = true makes is_admin true.
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("user_name,is_admin,user_options\n"
				+ "root,true,\"{\"\"hash_password\"\":\"\"*****\"\",\"\"must_change_password\"\":true,\"\"comment\"\":\"\"system admin\"\"}\"\n"
				+ "test_us_u1,false,\"{\"\"hash_password\"\":\"\"*****\"\",\"\"comment\"\":\"\"test comment\"\"}\"\n"
				+ "test_us_u2,true,\"{\"\"hash_password\"\":\"\"*****\"\",\"\"granted_admin\"\":true}\"\n")));
		CnosTemplate other = CnosTemplate.builder()
			.url(server.baseUrl())
			.credentials("root", "")
			.tenant("tenant_a")
			.database("db_a")
			.build();
		assertThat(other.admin().listUsers()).containsExactly(
				new CnosUserInfo("root", true, true, false, "system admin"),
				new CnosUserInfo("test_us_u1", false, false, false, "test comment"),
				new CnosUserInfo("test_us_u2", true, false, true, null));
		LoggedRequest request = onlyRequest(server);
		assertThat(request.getUrl()).isEqualTo("/api/v1/sql?tenant=cnosdb&db=public");
		assertThat(request.getBodyAsString())
			.isEqualTo("SELECT user_name, is_admin, user_options FROM cluster_schema.users ORDER BY user_name");
	}

	@Test
	void listTenantsAsksTheSystemTenant() {
		// CnosDB 2.4.2.1, tenant tt created WITH COMMENT = 'test', DROP_AFTER = '1d'.
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("tenant_name,tenant_options\n"
				+ "cnosdb,\"{\"\"comment\"\":\"\"system tenant\"\",\"\"limiter_config\"\":null,\"\"drop_after\"\":null,\"\"tenant_is_hidden\"\":false}\"\n"
				+ "test_ts_tenant1,\"{\"\"comment\"\":null,\"\"limiter_config\"\":null,\"\"drop_after\"\":null,\"\"tenant_is_hidden\"\":false}\"\n"
				+ "tt,\"{\"\"comment\"\":\"\"test\"\",\"\"limiter_config\"\":null,\"\"drop_after\"\":{\"\"duration\"\":{\"\"secs\"\":86400,\"\"nanos\"\":0},\"\"is_inf\"\":false},\"\"tenant_is_hidden\"\":false}\"\n")));
		assertThat(this.admin.listTenants()).containsExactly(new CnosTenantInfo("cnosdb", "system tenant", null),
				new CnosTenantInfo("test_ts_tenant1", null, null),
				new CnosTenantInfo("tt", "test", CnosDuration.parse("1d")));
		assertSqlRequest(onlyRequest(server),
				"SELECT tenant_name, tenant_options FROM cluster_schema.tenants ORDER BY tenant_name", false);
	}

	@Test
	void listMembersAsksThatTenant() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(csv("user_name,role_name\ntest_ms_u1,owner\ntest_ms_u2,member\n")));
		assertThat(this.admin.listMembers("test_ms_tenant1")).containsExactly(new CnosMember("test_ms_u1", "owner"),
				new CnosMember("test_ms_u2", "member"));
		LoggedRequest request = onlyRequest(server);
		assertThat(request.getUrl()).isEqualTo("/api/v1/sql?tenant=test_ms_tenant1&db=public");
		assertThat(request.getBodyAsString())
			.isEqualTo("SELECT user_name, role_name FROM information_schema.members ORDER BY user_name");
	}

	@Test
	void listRolesReadsSystemAndCustomRoles() {
		// A custom role without INHERIT comes back as the text NULL; system roles as
		// SQL NULL.
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv(
				"role_name,role_type,inherit_role\nmember,system,\nowner,system,\nr0,custom,NULL\nr1,custom,member\n")));
		assertThat(this.admin.listRoles()).containsExactly(new CnosRoleInfo("member", "system", null),
				new CnosRoleInfo("owner", "system", null), new CnosRoleInfo("r0", "custom", null),
				new CnosRoleInfo("r1", "custom", "member"));
		assertSqlRequest(onlyRequest(server),
				"SELECT role_name, role_type, inherit_role FROM information_schema.roles ORDER BY role_name", false);
	}

	@Test
	void passwordNeverAppearsInTheExceptionButIsSent() {
		String password = "s3cr'et";
		// A server message that echoes the statement, as 010013 does.
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(error(422,
				"{\"error_code\":\"010013\",\"error_message\":\"Multi-statement not allow, found num:2, sql:CREATE USER \\\"u\\\" WITH PASSWORD = 's3cr''et'\"}")));
		assertThatExceptionOfType(CnosBadSqlException.class)
			.isThrownBy(() -> this.admin.createUser("u", CnosUserOptions.password(password)))
			.satisfies((ex) -> {
				assertThat(ex.getSql()).isEqualTo("CREATE USER \"u\" WITH PASSWORD = '******'");
				assertThat(ex.getMessage()).doesNotContain("s3cr").contains("'******'");
				assertThat(ex.getErrorResponse().message()).doesNotContain("s3cr");
				assertThat(ex.toString()).doesNotContain("s3cr");
			});
		assertSqlRequest(onlyRequest(server), "CREATE USER \"u\" WITH PASSWORD = 's3cr''et'", false);
	}

	@Test
	void alterUserPasswordIsRedactedInErrors() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(error(422, "{\"error_code\":\"030008\",\"error_message\":\"The user nobody not found\"}")));
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> this.admin.alterUserPassword("nobody", "hunter2"))
			.withMessage("Query failed: CnosDB error 030008 (HTTP 422): The user nobody not found;"
					+ " SQL [ALTER USER \"nobody\" SET PASSWORD = '******']");
		assertSqlRequest(onlyRequest(server), "ALTER USER \"nobody\" SET PASSWORD = 'hunter2'", false);
	}

	@Test
	void renameUserIsReportedAsUnsupported() {
		// CnosDB 2.4.2.1's exact answer: no release implements RENAME of a user.
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(
				error(422, "{\"error_code\":\"030034\",\"error_message\":\"Operation not support: rename user\"}")));
		assertThatExceptionOfType(CnosUnsupportedOperationException.class)
			.isThrownBy(() -> this.admin.renameUser("u", "v"))
			.withMessage("Query failed: CnosDB error 030034 (HTTP 422): Operation not support: rename user;"
					+ " SQL [ALTER USER \"u\" RENAME TO \"v\"]")
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030034"));
	}

	@Test
	void expiredDataKeepsBeingInvalidDataUnderTheSameCode() {
		// The other 030034: a point older than the TTL (CnosDB 2.4.2.1, INSERT or write).
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(error(422,
				"{\"error_code\":\"030034\",\"error_message\":\"Operation not support: create expired bucket\"}")));
		CnosTemplate template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build();
		assertThatExceptionOfType(CnosInvalidDataException.class)
			.isThrownBy(() -> template.execute("INSERT INTO m (time, v) VALUES (1, 1)"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030034"));
	}

	@Test
	void listTenantsReadsAnInfiniteDropAfter() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("tenant_name,tenant_options\n"
				+ "t,\"{\"\"comment\"\":null,\"\"limiter_config\"\":null,\"\"drop_after\"\":{\"\"duration\"\":{\"\"secs\"\":0,\"\"nanos\"\":0},\"\"is_inf\"\":true},\"\"tenant_is_hidden\"\":false}\"\n")));
		assertThat(this.admin.listTenants()).containsExactly(new CnosTenantInfo("t", null, CnosDuration.INFINITE));
	}

	@Test
	void listTenantsRefusesADropAfterItCannotRead() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("tenant_name,tenant_options\n"
				+ "t,\"{\"\"comment\"\":null,\"\"drop_after\"\":{\"\"duration\"\":\"\"1d\"\"}}\"\n")));
		assertThatExceptionOfType(TypeMismatchDataAccessException.class).isThrownBy(() -> this.admin.listTenants())
			.withMessageContaining("drop_after");
	}

	@Test
	void userOptionsNeverShowThePassword() {
		assertThat(CnosUserOptions.password("hunter2")).asString().doesNotContain("hunter2").contains("******");
	}

	@Test
	void badArgumentsAreRejectedBeforeAnythingIsSent() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.admin.createDatabase("a/b"))
			.withMessage("database name 'a/b' must not contain '/' (CnosDB refuses it in names)");
		assertThatIllegalArgumentException().isThrownBy(() -> this.admin.dropTable(""))
			.withMessage("table name must not be empty or only spaces");
		assertThatIllegalArgumentException().isThrownBy(() -> this.admin.createTenant("a.b"))
			.withMessageStartingWith("tenant name 'a.b' must not contain '.'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.admin.alterDatabase("db", CnosDatabaseChanges.builder().build()))
			.withMessage("No change given; set at least one of ttl, shard, vnodeDuration and replica");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.admin.alterDatabase("", CnosDatabaseChanges.builder().shard(1).build()))
			.withMessage("database name must not be empty or only spaces");
		assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	private static List<LoggedRequest> requests() {
		return server.findAll(anyRequestedFor(anyUrl()));
	}

}
