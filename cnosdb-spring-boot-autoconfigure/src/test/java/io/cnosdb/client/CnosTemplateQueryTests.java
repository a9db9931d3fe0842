package io.cnosdb.client;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.TypeMismatchDataAccessException;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.CnosServerStub.assertSqlRequest;
import static io.cnosdb.client.CnosServerStub.csv;
import static io.cnosdb.client.CnosServerStub.onlyRequest;
import static io.cnosdb.client.CnosServerStub.streamedCsv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for the query methods of {@link CnosTemplate} against byte-faithful CnosDB
 * responses.
 */
class CnosTemplateQueryTests {

	/**
	 * The worked example of reference §4.6, as CSV: every data type, NULLs, a quoted
	 * comma.
	 */
	private static final String ALL_TYPES_CSV = "time,host,d,i,u,b,s\n"
			+ "2023-11-14T22:13:20.000000000,h1,1.5,-3,7,true,\"a,b\"\n"
			+ "2023-11-14T22:13:20.123000000,h2,2.0,,,false,\n";

	private static final String ALL_TYPES_SQL = "SELECT time, host, d, i, u, b, s FROM demo ORDER BY time";

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private CnosTemplate template;

	@BeforeEach
	void createTemplate() {
		this.template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build();
	}

	@Test
	void querySendsOneStatementWithTenantDatabaseCredentialsAndExactCsvAccept() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("Int64(1)\n1\n")));
		CnosResult result = this.template.query("select 1;");
		assertThat(result.columnNames()).containsExactly("Int64(1)");
		assertThat(result.rows()).singleElement().satisfies((row) -> assertThat(row.getLong("Int64(1)")).isEqualTo(1L));
		assertSqlRequest(onlyRequest(server), "select 1;", false);
	}

	@Test
	void queryKeepsColumnOrderAndReadsEveryDataTypeAndNull() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv(ALL_TYPES_CSV)));
		CnosResult result = this.template.query(ALL_TYPES_SQL);
		assertThat(result.columnNames()).containsExactly("time", "host", "d", "i", "u", "b", "s");
		CnosRow first = result.rows().get(0);
		assertThat(first.getInstant("time")).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
		assertThat(first.getString("host")).isEqualTo("h1");
		assertThat(first.getDouble("d")).isEqualTo(1.5);
		assertThat(first.getLong("i")).isEqualTo(-3L);
		assertThat(first.getBigInteger("u")).isEqualTo(BigInteger.valueOf(7));
		assertThat(first.getBoolean("b")).isTrue();
		assertThat(first.getString("s")).isEqualTo("a,b");
		CnosRow second = result.rows().get(1);
		assertThat(second.getInstant("time")).isEqualTo(Instant.parse("2023-11-14T22:13:20.123Z"));
		assertThat(second.getDouble("d")).isEqualTo(2.0);
		assertThat(second.getLong("i")).isNull();
		assertThat(second.isNull("u")).isTrue();
		assertThat(second.getBoolean("b")).isFalse();
		assertThat(second.getString("s")).isNull();
		assertSqlRequest(onlyRequest(server), ALL_TYPES_SQL, false);
	}

	@Test
	void queryMapsRowsToRecordsByColumnName() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv(ALL_TYPES_CSV)));
		List<Demo> rows = this.template.query(ALL_TYPES_SQL, Demo.class);
		assertThat(rows).containsExactly(
				new Demo(Instant.parse("2023-11-14T22:13:20Z"), "h1", 1.5, -3L, BigInteger.valueOf(7), true, "a,b"),
				new Demo(Instant.parse("2023-11-14T22:13:20.123Z"), "h2", 2.0, null, null, false, null));
		assertSqlRequest(onlyRequest(server), ALL_TYPES_SQL, false);
	}

	@Test
	void queryMapsRowsWithALambdaRowMapperAndCountsRows() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv(ALL_TYPES_CSV)));
		List<String> rows = this.template.query(ALL_TYPES_SQL, (row, rowNum) -> rowNum + ":" + row.getString("host"));
		assertThat(rows).containsExactly("0:h1", "1:h2");
	}

	@Test
	void emptyResultKeepsItsColumnNames() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("table_name\n")));
		CnosResult result = this.template.query("SHOW TABLES");
		assertThat(result.columnNames()).containsExactly("table_name");
		assertThat(result.isEmpty()).isTrue();
		assertSqlRequest(onlyRequest(server), "SHOW TABLES", false);
	}

	@Test
	void queryForSimpleTypeReadsTheSingleColumn() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(csv("database_name\ncluster_schema\npublic\nusage_schema\n")));
		assertThat(this.template.query("show databases;", String.class)).containsExactly("cluster_schema", "public",
				"usage_schema");
		assertSqlRequest(onlyRequest(server), "show databases;", false);
	}

	@Test
	void queryForSimpleTypeRefusesSeveralColumns() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv(ALL_TYPES_CSV)));
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.query(ALL_TYPES_SQL, String.class))
			.withMessageContaining("7 columns [time, host, d, i, u, b, s]")
			.withMessageContaining("a single column is required");
	}

	@Test
	void unsignedValueAboveLongMaxReadsAsBigIntegerAndIsRefusedAsLong() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("u\n18446744073709551615\n")));
		CnosRow row = this.template.query("SELECT u FROM t").rows().get(0);
		assertThat(row.getBigInteger("u")).isEqualTo(new BigInteger("18446744073709551615"));
		assertThatExceptionOfType(TypeMismatchDataAccessException.class).isThrownBy(() -> row.getLong("u"))
			.withMessageContaining("Column 'u' value '18446744073709551615' cannot be read as Long")
			.withMessageContaining("read it as BigInteger");
	}

	@Test
	void doublesKeepNanAndInfinities() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(csv("d\nNaN\ninf\n-inf\n1.0e20\n1.0e-7\n5.0e-324\n0.1\n")));
		assertThat(this.template.query("SELECT d FROM t", Double.class)).containsExactly(Double.NaN,
				Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e20, 1e-7, Double.MIN_VALUE, 0.1);
	}

	@Test
	void timestampsWithAnOffsetAreRead() {
		server.stubFor(
				post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("now()\n2024-01-01T00:00:00.123456000+00:00\n")));
		assertThat(this.template.queryForObject("SELECT now()", Instant.class))
			.isEqualTo(Instant.parse("2024-01-01T00:00:00.123456Z"));
	}

	@Test
	void valueOfTheWrongTypeFailsNamingColumnAndValue() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv(ALL_TYPES_CSV)));
		CnosRow row = this.template.query(ALL_TYPES_SQL).rows().get(0);
		assertThatExceptionOfType(TypeMismatchDataAccessException.class).isThrownBy(() -> row.getLong("host"))
			.withMessage("Column 'host' value 'h1' cannot be read as Long");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> row.getString("nope"))
			.withMessage("No column 'nope' in the result; its columns are [time, host, d, i, u, b, s]");
	}

	@Test
	void quotedFieldsKeepCommasQuotesAndNewlines() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(csv("s,n\n\"line1\nline2\",1\n\"say \"\"hi\"\"\",2\n,3\n")));
		assertThat(this.template.query("SELECT s, n FROM t").rows())
			.extracting((row) -> row.getString("s"), (row) -> row.getLong("n"))
			.containsExactly(tuple("line1\nline2", 1L), tuple("say \"hi\"", 2L), tuple(null, 3L));
	}

	@Test
	void queryForObjectReturnsTheSingleValue() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("COUNT(UInt8(1))\n42\n")));
		assertThat(this.template.queryForObject("SELECT count(*) FROM air", Long.class)).isEqualTo(42L);
		assertSqlRequest(onlyRequest(server), "SELECT count(*) FROM air", false);
	}

	@Test
	void queryForObjectOfNullReturnsNull() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("MAX(t.d)\n\"\"\n")));
		assertThat(this.template.queryForObject("SELECT max(d) FROM t", Double.class)).isNull();
	}

	@Test
	void queryForObjectFailsWhenThereIsNoRowOrMoreThanOne() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("v\n")));
		assertThatExceptionOfType(EmptyResultDataAccessException.class)
			.isThrownBy(() -> this.template.queryForObject("SELECT v FROM t", Long.class));
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("v\n1\n2\n")));
		assertThatExceptionOfType(IncorrectResultSizeDataAccessException.class)
			.isThrownBy(() -> this.template.queryForObject("SELECT v FROM t", Long.class))
			.satisfies((ex) -> assertThat(ex.getActualSize()).isEqualTo(2));
	}

	@Test
	void executeReturnsTheRowsWrittenByInsert() {
		String insert = "INSERT INTO air (TIME, station, visibility, temperature, pressure) VALUES (1666165200290401000, 'XiaoMaiDao', 56, 69, 77)";
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("rows\n1\n")));
		assertThat(this.template.execute(insert)).isEqualTo(1);
		assertSqlRequest(onlyRequest(server), insert, false);
	}

	@Test
	void executeOfDdlReadsTheEmptyBody() {
		String ddl = "CREATE DATABASE IF NOT EXISTS db1 WITH TTL '30d'";
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("")));
		assertThat(this.template.execute(ddl)).isZero();
		assertSqlRequest(onlyRequest(server), ddl, false);
	}

	@Test
	void queryForStreamReadsAStreamedResultLazily() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(streamedCsv(ALL_TYPES_CSV)));
		try (Stream<String> hosts = this.template.queryForStream(ALL_TYPES_SQL, (row, n) -> row.getString("host"))) {
			assertThat(hosts).containsExactly("h1", "h2");
		}
		assertSqlRequest(onlyRequest(server), ALL_TYPES_SQL, true);
	}

	@Test
	void queryWithCallbackHandsOverEachRowOfAStreamedResult() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(streamedCsv(ALL_TYPES_CSV)));
		List<Instant> times = new ArrayList<>();
		this.template.query(ALL_TYPES_SQL, (CnosRowCallbackHandler) (row) -> times.add(row.getInstant("time")));
		assertThat(times).containsExactly(Instant.parse("2023-11-14T22:13:20Z"),
				Instant.parse("2023-11-14T22:13:20.123Z"));
		assertSqlRequest(onlyRequest(server), ALL_TYPES_SQL, true);
	}

	@Test
	void streamedEmptyResultHasNoRows() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(streamedCsv("time,v\n")));
		try (Stream<CnosRow> rows = this.template.queryForStream("SELECT time, v FROM t", (row, n) -> row)) {
			assertThat(rows).isEmpty();
		}
	}

	@Test
	void errorAppendedToAStreamedResultIsThrownAfterTheRowsBeforeIt() {
		// CnosDB's streamed error: spaces after colons, message not JSON-escaped
		// (reference §4.7).
		String body = "v\n1\n2\n{\"error_code\": \"040007\", \"error_message\": \"Fetch result: Arrow error: \"x\" failed\"}";
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(streamedCsv(body)));
		List<Long> seen = new ArrayList<>();
		assertThatExceptionOfType(CnosServerException.class)
			.isThrownBy(() -> this.template.query("SELECT v FROM t",
					(CnosRowCallbackHandler) (row) -> seen.add(row.getLong("v"))))
			.withMessageContaining("CnosDB error 040007 (HTTP 200): Fetch result: Arrow error: \"x\" failed")
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("040007");
				assertThat(ex.getSql()).isEqualTo("SELECT v FROM t");
			});
		assertThat(seen).containsExactly(1L, 2L);
	}

	@Test
	void castErrorStreamedAfterTheFirstChunksIsInvalidData() {
		// As CnosDB 2.4.2.1 sent it for SELECT CAST(CASE … THEN 'abc' ELSE '1' END AS
		// BIGINT) AS q over 100 rows, after 50 of them.
		String body = "q\n1\n1\n{\"error_code\": \"040007\", \"error_message\": \"Fetch result: Arrow: Cast error: Cannot cast string 'abc' to value of Int64 type\"}";
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(streamedCsv(body)));
		List<Long> seen = new ArrayList<>();
		assertThatExceptionOfType(CnosInvalidDataException.class)
			.isThrownBy(() -> this.template.query("SELECT q FROM t",
					(CnosRowCallbackHandler) (row) -> seen.add(row.getLong("q"))))
			.withMessage("Query (result stream ended with an error) failed: CnosDB error 040007 (HTTP 200): "
					+ "Fetch result: Arrow: Cast error: Cannot cast string 'abc' to value of Int64 type; SQL [SELECT q FROM t]")
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("040007"));
		assertThat(seen).containsExactly(1L, 1L);
	}

	@Test
	void errorStreamedBeforeAnyRowIsThrownWhenTheStreamOpens() {
		String body = "{\"error_code\": \"050033\", \"error_message\": \"Memory Exhausted Retry Later\"}";
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(streamedCsv(body)));
		assertThatExceptionOfType(CnosTransientException.class)
			.isThrownBy(() -> this.template.queryForStream("SELECT v FROM t", (row, n) -> row).close())
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("050033"));
	}

	@Test
	void templateRejectsAnEmptyStatementWithoutSendingIt() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.template.query(" "))
			.withMessage("'sql' must not be empty");
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void queryEncodesTenantAndDatabaseAsQueryParameters() {
		CnosTemplate other = CnosTemplate.builder()
			.url(server.baseUrl() + "/")
			.credentials("root", "")
			.tenant("t&x=1")
			.database("my db")
			.build();
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("Int64(1)\n1\n")));
		other.query("select 1");
		assertThat(onlyRequest(server).getUrl()).isEqualTo("/api/v1/sql?tenant=t%26x%3D1&db=my%20db");
		assertThat(onlyRequest(server).queryParameter("tenant").firstValue()).isEqualTo("t&x=1");
		assertThat(onlyRequest(server).queryParameter("db").firstValue()).isEqualTo("my db");
	}

	record Demo(Instant time, String host, Double d, Long i, BigInteger u, Boolean b, String s) {
	}

}
