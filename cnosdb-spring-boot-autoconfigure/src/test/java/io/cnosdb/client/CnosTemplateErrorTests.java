package io.cnosdb.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.DataAccessException;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.CnosServerStub.assertSqlRequest;
import static io.cnosdb.client.CnosServerStub.csv;
import static io.cnosdb.client.CnosServerStub.empty;
import static io.cnosdb.client.CnosServerStub.error;
import static io.cnosdb.client.CnosServerStub.onlyRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests that every way CnosDB refuses a request becomes the right
 * {@link DataAccessException}, carrying CnosDB's code and message and never a secret.
 */
class CnosTemplateErrorTests {

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private CnosTemplate template;

	@BeforeEach
	void createTemplate() {
		this.template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build();
	}

	static Stream<Arguments> serverErrors() {
		return Stream.of(
				arguments("X8 unknown table", 422,
						"{\"error_code\":\"030019\",\"error_message\":\"Table not found: \\\"cnosdb.public.air\\\"\"}",
						CnosObjectNotFoundException.class, "030019", "Table not found: \"cnosdb.public.air\""),
				arguments("E8 unknown database", 422,
						"{\"error_code\":\"030017\",\"error_message\":\"Database not found: \\\"public\\\"\"}",
						CnosObjectNotFoundException.class, "030017", "Database not found: \"public\""),
				arguments("X15 syntax error", 422,
						"{\"error_code\":\"010009\",\"error_message\":\"sql parser error: Expected an SQL statement, found: 1\"}",
						CnosBadSqlException.class, "010009", "sql parser error: Expected an SQL statement, found: 1"),
				arguments("2.4.2 unknown table (live)", 422,
						"{\"error_code\":\"010001\",\"error_message\":\"Datafusion: Error during planning: Table not found, tenant: cnosdb db: public, table: air\"}",
						CnosObjectNotFoundException.class, "010001",
						"Datafusion: Error during planning: Table not found, tenant: cnosdb db: public, table: air"),
				arguments("2.4.2 table of an unknown database (live)", 422,
						"{\"error_code\":\"010001\",\"error_message\":\"Datafusion: Error during planning: Table not found, tenant: cnosdb db: nosuchdb, table: air\"}",
						CnosObjectNotFoundException.class, "010001",
						"Datafusion: Error during planning: Table not found, tenant: cnosdb db: nosuchdb, table: air"),
				arguments("2.3.0 unknown table", 422,
						"{\"error_code\":\"010001\",\"error_message\":\"Datafusion: Error during planning: failed to resolve tenant:cnosdb  db: public, table: air\"}",
						CnosObjectNotFoundException.class, "010001",
						"Datafusion: Error during planning: failed to resolve tenant:cnosdb  db: public, table: air"),
				arguments("unknown column (live)", 422,
						"{\"error_code\":\"010001\",\"error_message\":\"Datafusion: Schema error: No field named sss. Valid fields are air.time, air.station, air.temperature.\"}",
						CnosObjectNotFoundException.class, "010001",
						"Datafusion: Schema error: No field named sss. Valid fields are air.time, air.station, air.temperature."),
				arguments("unknown column in INSERT (live)", 422,
						"{\"error_code\":\"010044\",\"error_message\":\"Semantic error: Insert column 'sss' does not exist in target table, expect time,station,temperature\"}",
						CnosObjectNotFoundException.class, "010044",
						"Semantic error: Insert column 'sss' does not exist in target table, expect time,station,temperature"),
				arguments("unknown column in ALTER TABLE (live)", 422,
						"{\"error_code\":\"010029\",\"error_message\":\"Semantic error: Column sss not exists in table air\"}",
						CnosObjectNotFoundException.class, "010029",
						"Semantic error: Column sss not exists in table air"),
				arguments("unknown tenant (live)", 422,
						"{\"error_code\":\"010016\",\"error_message\":\"Auth error: The tenant nosuchtenant not found\"}",
						CnosObjectNotFoundException.class, "010016", "Auth error: The tenant nosuchtenant not found"),
				arguments("unknown function (live)", 422,
						"{\"error_code\":\"010001\",\"error_message\":\"Datafusion: Error during planning: Invalid function 'no_such_function'.\\nDid you mean 'array_position'?\"}",
						CnosBadSqlException.class, "010001",
						"Datafusion: Error during planning: Invalid function 'no_such_function'.\nDid you mean 'array_position'?"),
				arguments("VALUES of mixed types (live)", 422,
						"{\"error_code\":\"010001\",\"error_message\":\"Datafusion: Error during planning: Inconsistent data type across values list at row 1 column 2\"}",
						CnosBadSqlException.class, "010001",
						"Datafusion: Error during planning: Inconsistent data type across values list at row 1 column 2"),
				arguments("string into BIGINT by INSERT (live)", 422,
						"{\"error_code\":\"010002\",\"error_message\":\"Arrow: Cast error: Cannot cast string 'abc' to value of Int64 type\"}",
						CnosInvalidDataException.class, "010002",
						"Arrow: Cast error: Cannot cast string 'abc' to value of Int64 type"),
				arguments("negative into BIGINT UNSIGNED by INSERT (live)", 422,
						"{\"error_code\":\"010002\",\"error_message\":\"Arrow: Cast error: Can't cast value -1 to type UInt64\"}",
						CnosInvalidDataException.class, "010002",
						"Arrow: Cast error: Can't cast value -1 to type UInt64"),
				arguments("division by zero (live)", 422,
						"{\"error_code\":\"010002\",\"error_message\":\"Arrow: Divide by zero error\"}",
						CnosInvalidDataException.class, "010002", "Arrow: Divide by zero error"),
				arguments("cast of a constant, folded by the planner (live)", 422,
						"{\"error_code\":\"010001\",\"error_message\":\"Datafusion: Optimizer rule 'simplify_expressions' failed\\ncaused by\\nArrow error: Cast error: Cannot cast string 'abc' to value of Int64 type\"}",
						CnosInvalidDataException.class, "010001",
						"Datafusion: Optimizer rule 'simplify_expressions' failed\ncaused by\nArrow error: Cast error: Cannot cast string 'abc' to value of Int64 type"),
				arguments("unparsable timestamp constant (live)", 422,
						"{\"error_code\":\"010001\",\"error_message\":\"Datafusion: Optimizer rule 'simplify_expressions' failed\\ncaused by\\nArrow error: Parser error: Error parsing timestamp from 'abc': timestamp must contain at least 10 characters\"}",
						CnosInvalidDataException.class, "010001",
						"Datafusion: Optimizer rule 'simplify_expressions' failed\ncaused by\nArrow error: Parser error: Error parsing timestamp from 'abc': timestamp must contain at least 10 characters"),
				arguments("syntax error (live)", 422,
						"{\"error_code\":\"010009\",\"error_message\":\"sql parser error: Expected an SQL statement, found: SELEC\"}",
						CnosBadSqlException.class, "010009",
						"sql parser error: Expected an SQL statement, found: SELEC"),
				arguments("database of DESCRIBE DATABASE (live)", 422,
						"{\"error_code\":\"030017\",\"error_message\":\"Database not found: \\\"nosuchdb\\\"\"}",
						CnosObjectNotFoundException.class, "030017", "Database not found: \"nosuchdb\""),
				arguments("semantic DDL error", 422,
						"{\"error_code\":\"010032\",\"error_message\":\"Semantic error: at least one field column\"}",
						CnosBadSqlException.class, "010032", "Semantic error: at least one field column"),
				arguments("X9 wrong password", 422,
						"{\"error_code\":\"010016\",\"error_message\":\"Auth error: Access denied for user 'root' (using xxx) username or password invalid\"}",
						CnosAuthenticationException.class, "010016",
						"Auth error: Access denied for user 'root' (using xxx) username or password invalid"),
				arguments("E2 not a tenant member", 422,
						"{\"error_code\":\"010016\",\"error_message\":\"Auth error: The member tester of tenant test not found\"}",
						CnosAuthenticationException.class, "010016",
						"Auth error: The member tester of tenant test not found"),
				arguments("X10 must change password", 422,
						"{\"error_code\":\"010004\",\"error_message\":\"Insufficient privileges, expected [change password]\"}",
						CnosPermissionDeniedException.class, "010004",
						"Insufficient privileges, expected [change password]"),
				arguments("X11 missing Authorization", 400,
						"{\"error_code\":\"000000\",\"error_message\":\"Missing request header \\\"authorization\\\"\"}",
						CnosAuthenticationException.class, "000000", "Missing request header \"authorization\""),
				arguments("E12 database exists", 422,
						"{\"error_code\":\"030018\",\"error_message\":\"Database \\\"db1\\\" already exists\"}",
						CnosObjectExistsException.class, "030018", "Database \"db1\" already exists"),
				arguments("X20 not implemented", 422,
						"{\"error_code\":\"010005\",\"error_message\":\"This feature is not implemented: Filtering on the field column on the tskv table in delete statement\"}",
						CnosUnsupportedOperationException.class, "010005",
						"This feature is not implemented: Filtering on the field column on the tskv table in delete statement"),
				arguments("X13 bad Accept", 400,
						"{\"error_code\":\"040005\",\"error_message\":\"Invalid header: Invalid header: accept type not support: xx\"}",
						CnosUnsupportedOperationException.class, "040005",
						"Invalid header: Invalid header: accept type not support: xx"),
				arguments("memory exhausted", 422,
						"{\"error_code\":\"050033\",\"error_message\":\"Memory Exhausted Retry Later\"}",
						CnosTransientException.class, "050033", "Memory Exhausted Retry Later"),
				arguments("tenant rate limit", 422,
						"{\"error_code\":\"030024\",\"error_message\":\"HttpQueries reached limit\"}",
						CnosTransientException.class, "030024", "HttpQueries reached limit"),
				arguments("X7 bad line protocol", 422,
						"{\"error_code\":\"040004\",\"error_message\":\"Error parsing message: unexpect end line start at '17'\"}",
						CnosInvalidDataException.class, "040004",
						"Error parsing message: unexpect end line start at '17'"),
				arguments("internal error", 422,
						"{\"error_code\":\"019998\",\"error_message\":\"Internal error: oops. This was likely caused by a bug\"}",
						CnosServerException.class, "019998", "Internal error: oops. This was likely caused by a bug"),
				arguments("unknown code", 422, "{\"error_code\":\"069999\",\"error_message\":\"Something new\"}",
						CnosServerException.class, "069999", "Something new"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("serverErrors")
	void cnosDbErrorIsTranslatedByItsCode(String situation, int status, String body,
			Class<? extends DataAccessException> type, String code, String message) {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(error(status, body)));
		assertThatExceptionOfType(type).isThrownBy(() -> this.template.query("SELECT * FROM air"))
			.withMessage("Query failed: CnosDB error " + code + " (HTTP " + status + "): " + message
					+ "; SQL [SELECT * FROM air]")
			.satisfies((ex) -> {
				CnosErrorAware aware = (CnosErrorAware) ex;
				assertThat(aware.getErrorCode()).isEqualTo(code);
				assertThat(aware.getErrorResponse()).isEqualTo(new CnosErrorResponse(status, code, message));
				assertThat(aware.getSql()).isEqualTo("SELECT * FROM air");
			});
		assertSqlRequest(onlyRequest(server), "SELECT * FROM air", false);
	}

	static Stream<Arguments> bodilessStatuses() {
		return Stream.of(arguments(404, CnosResourceFailureException.class, "check that cnosdb.url points"),
				arguments(405, CnosResourceFailureException.class, "check that cnosdb.url points"),
				arguments(413, CnosUnsupportedOperationException.class, "above the server's size limit"),
				arguments(500, CnosServerException.class, "HTTP 500"),
				arguments(503, CnosTransientException.class, "HTTP 503"));
	}

	@ParameterizedTest(name = "HTTP {0}")
	@MethodSource("bodilessStatuses")
	void bodilessStatusIsTranslatedByStatus(int status, Class<? extends DataAccessException> type, String text) {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(empty(status)));
		assertThatExceptionOfType(type).isThrownBy(() -> this.template.query("select 1"))
			.withMessageStartingWith("Query failed: HTTP " + status)
			.withMessageContaining(text)
			.satisfies((ex) -> assertThat(((CnosErrorAware) ex).getErrorResponse())
				.isEqualTo(new CnosErrorResponse(status, null, null)));
	}

	@Test
	void proxyPageIsReportedWithTheStartOfItsTextWithoutMarkup() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(aResponse().withStatus(502)
			.withHeader("content-type", "text/html")
			.withBody("<html><body>Bad Gateway</body></html>")));
		assertThatExceptionOfType(CnosTransientException.class).isThrownBy(() -> this.template.query("select 1"))
			.withMessage("Query failed: HTTP 502: Bad Gateway; SQL [select 1]");
	}

	@Test
	void echoedAuthorizationHeaderNeverReachesTheException() {
		CnosTemplate secret = CnosTemplate.builder().url(server.baseUrl()).credentials("admin", "s3cret-Pa55").build();
		// CnosDB echoes the whole header it could not parse (reference §2.1, E14).
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(error(400,
				"{\"error_code\":\"040006\",\"error_message\":\"Parse auth, malformed basic auth encoding: Basic YWRtaW46czNjcmV0LVBhNTU=\"}")));
		assertThatExceptionOfType(CnosAuthenticationException.class).isThrownBy(() -> secret.query("select 1"))
			.withMessage(
					"Query failed: CnosDB error 040006 (HTTP 400): Parse auth, malformed basic auth encoding: ******"
							+ "; SQL [select 1]")
			.satisfies((ex) -> assertThat(ex.getErrorResponse().message()).doesNotContain("YWRtaW46"));
		assertThat(onlyRequest(server).getHeader("Authorization")).isEqualTo("Basic YWRtaW46czNjcmV0LVBhNTU=");
		assertThat(secret.toString()).doesNotContain("s3cret-Pa55").doesNotContain("YWRtaW46");
	}

	@Test
	void passwordIsScrubbedFromAnyServerMessageAndSql() {
		CnosTemplate secret = CnosTemplate.builder().url(server.baseUrl()).credentials("admin", "s3cret-Pa55").build();
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(error(422,
				"{\"error_code\":\"010009\",\"error_message\":\"sql parser error: unexpected s3cret-Pa55\"}")));
		assertThatExceptionOfType(CnosBadSqlException.class)
			.isThrownBy(() -> secret.query("ALTER USER admin SET PASSWORD = 's3cret-Pa55' oops"))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).doesNotContain("s3cret-Pa55").contains("unexpected ******");
				assertThat(ex.getSql()).isEqualTo("ALTER USER admin SET PASSWORD = '******' oops");
			});
	}

	@Test
	void unreachableServerIsAResourceFailureNamingTheUrl() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		String url = "http://127.0.0.1:" + port;
		CnosTemplate offline = CnosTemplate.builder().url(url).build();
		assertThatExceptionOfType(CnosResourceFailureException.class).isThrownBy(() -> offline.query("select 1"))
			.withMessageStartingWith("Query failed: cannot reach CnosDB at " + url)
			.satisfies((ex) -> assertThat(ex.getErrorResponse()).isNull());
		assertThatExceptionOfType(CnosResourceFailureException.class).isThrownBy(offline::ping)
			.withMessageStartingWith("Ping failed: cannot reach CnosDB at " + url);
	}

	@Test
	void connectionResetIsAResourceFailure() {
		server.stubFor(
				post(urlPathEqualTo("/api/v1/sql")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThatExceptionOfType(CnosResourceFailureException.class).isThrownBy(() -> this.template.query("select 1"))
			.withMessageStartingWith("Query failed: I/O error talking to CnosDB at " + server.baseUrl());
	}

	@Test
	void slowServerIsAQueryTimeout() {
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
		factory.setReadTimeout(Duration.ofMillis(200));
		CnosTemplate impatient = CnosTemplate.builder()
			.restClientBuilder(RestClient.builder().requestFactory(factory))
			.url(server.baseUrl())
			.build();
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("Int64(1)\n1\n").withFixedDelay(3000)));
		assertThatExceptionOfType(CnosQueryTimeoutException.class).isThrownBy(() -> impatient.query("select 1"))
			.withMessageStartingWith(
					"Query failed: CnosDB at " + server.baseUrl() + " did not answer within the read timeout");
	}

}
