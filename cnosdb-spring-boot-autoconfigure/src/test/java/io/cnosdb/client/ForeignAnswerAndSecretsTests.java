package io.cnosdb.client;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cnosdb.client.admin.CnosUserOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.CnosServerStub.assertSqlRequest;
import static io.cnosdb.client.CnosServerStub.error;
import static io.cnosdb.client.CnosServerStub.onlyRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Answers that did not come from CnosDB are failures, never successes; statements too
 * large for CnosDB are refused before they are sent; and secrets stay out of messages by
 * construction, without mangling messages that merely contain a short secret's letters.
 */
class ForeignAnswerAndSecretsTests {

	@RegisterExtension
	static final WireMockExtension server = CnosServerStub.server();

	private static final String LOGIN_PAGE = "<html><head><title>Login</title></head><body><h1>Sign in</h1>"
			+ "<p>Your session has expired &mdash; please sign in again.</p></body></html>";

	private CnosTemplate template() {
		return CnosTemplate.builder().url(server.baseUrl()).build();
	}

	@Test
	void writeAnsweredWithALoginPageIsAFailureNotASuccess() {
		server.stubFor(post(urlPathEqualTo(WriteStubs.WRITE_PATH)).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "text/html; charset=utf-8")
			.withBody(LOGIN_PAGE)));
		assertThatExceptionOfType(CnosResourceFailureException.class)
			.isThrownBy(() -> template().writeLines("air,station=a v=1 1"))
			.withMessage("Write failed: something other than CnosDB answered at " + server.baseUrl()
					+ " (HTTP 200, content type text/html; charset=utf-8, 136 bytes of body, where CnosDB sends an"
					+ " empty body without a content type): Login Sign in Your session has expired — please sign in"
					+ " again.; check cnosdb.url and any proxy in between: the request may not have reached CnosDB")
			.satisfies((ex) -> assertThat(ex.getErrorResponse()).isEqualTo(new CnosErrorResponse(200, null,
					"Login Sign in Your session has expired — please sign in again.")));
		WriteStubs.assertWriteRequest(WriteStubs.onlyWriteRequest(server), "tenant=cnosdb&db=public&precision=ns",
				"air,station=a v=1 1\n");
	}

	@Test
	void writeAnsweredWithABodyIsAFailureEvenWithoutAContentType() {
		server.stubFor(post(urlPathEqualTo(WriteStubs.WRITE_PATH))
			.willReturn(aResponse().withStatus(200).withHeader("content-length", "2").withBody("OK")));
		assertThatExceptionOfType(CnosResourceFailureException.class)
			.isThrownBy(() -> template().writeLines("air,station=a v=1 1"))
			.withMessageStartingWith("Write failed: something other than CnosDB answered at " + server.baseUrl()
					+ " (HTTP 200, content type none, 2 bytes of body, where CnosDB sends an empty body without a"
					+ " content type): OK;");
	}

	@Test
	void queryAnsweredWithHtmlIsAFailureNotAResultWithTheHtmlAsColumn() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(aResponse().withStatus(200).withHeader("content-type", "text/html").withBody(LOGIN_PAGE)));
		assertThatExceptionOfType(CnosResourceFailureException.class)
			.isThrownBy(() -> template().query("SELECT * FROM air"))
			.withMessageStartingWith("Query failed: something other than CnosDB answered at " + server.baseUrl()
					+ " (HTTP 200, content type text/html, 136 bytes of body, where CnosDB sends a CSV result"
					+ " (application/csv or text/csv)): Login Sign in")
			.withMessageEndingWith("; SQL [SELECT * FROM air]");
		assertSqlRequest(onlyRequest(server), "SELECT * FROM air", false);
	}

	@Test
	void bothCsvContentTypesAndTheEmptyDdlAnswerAreCnosDbs() {
		// 2.4.3 and later answer text/csv; an empty DDL answer is application/csv with
		// content-length 0 (live, 2.4.2.1).
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "text/csv")
			.withHeader("content-encoding", "identity")
			.withHeader("content-length", "6")
			.withBody("n\n1\n2\n")));
		assertThat(template().query("SELECT n FROM t", Long.class)).containsExactly(1L, 2L);
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(CnosServerStub.csv("")));
		assertThat(template().execute("CREATE DATABASE IF NOT EXISTS d")).isZero();
	}

	@Test
	void statementAboveTheServersSqlLimitIsRefusedBeforeSending() {
		String sql = "SELECT '" + "x".repeat(16 * 1024 * 1024) + "'";
		assertThatExceptionOfType(CnosUnsupportedOperationException.class).isThrownBy(() -> template().query(sql))
			.withMessageStartingWith("Query failed: the statement is 16777225 bytes of UTF-8, above CnosDB's limit of"
					+ " 16 MiB (16777216 bytes, server option query_sql_limit); it was not sent; SQL [SELECT 'xxx")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(500));
		assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void shortPasswordDoesNotMangleMessagesThatContainItsLetters() {
		CnosTemplate template = CnosTemplate.builder().url(server.baseUrl()).credentials("bob", "p").build();
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(error(400,
				"{\"error_code\":\"040005\",\"error_message\":\"Invalid header: Invalid header: accept type not support: text/xml\"}")));
		assertThatExceptionOfType(CnosUnsupportedOperationException.class).isThrownBy(() -> template.query("select 1"))
			.withMessage("Query failed: CnosDB error 040005 (HTTP 400): Invalid header: Invalid header: accept type"
					+ " not support: text/xml; SQL [select 1]");
		assertThat(onlyRequest(server).getHeader("Authorization")).isEqualTo("Basic Ym9iOnA=");
	}

	@Test
	void shortPasswordOfAStatementDoesNotMangleItsMessageAndIsShownMasked() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(error(422,
				"{\"error_code\":\"010013\",\"error_message\":\"Multi-statement not allow, found num:2, sql:CREATE USER \\\"u\\\" WITH PASSWORD = 'p'; SELECT 1\"}")));
		assertThatExceptionOfType(CnosBadSqlException.class)
			.isThrownBy(() -> template().admin().createUser("u", CnosUserOptions.password("p")))
			.withMessage("Query failed: CnosDB error 010013 (HTTP 422): Multi-statement not allow, found num:2,"
					+ " sql:CREATE USER \"u\" WITH PASSWORD = '******'; SELECT 1;"
					+ " SQL [CREATE USER \"u\" WITH PASSWORD = '******']");
		assertSqlRequest(onlyRequest(server), "CREATE USER \"u\" WITH PASSWORD = 'p'", false);
	}

	@Test
	void passwordLiteralInSqlGivenAsTextIsMaskedWhateverItsLength() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(error(422,
				"{\"error_code\":\"010009\",\"error_message\":\"sql parser error: Expected end of statement, found: oops\"}")));
		assertThatExceptionOfType(CnosBadSqlException.class)
			.isThrownBy(() -> template().execute("ALTER USER bob SET password='it''s' oops"))
			.withMessage("Query failed: CnosDB error 010009 (HTTP 422): sql parser error: Expected end of statement,"
					+ " found: oops; SQL [ALTER USER bob SET password='******' oops]")
			.satisfies((ex) -> assertThat(ex.getSql()).isEqualTo("ALTER USER bob SET password='******' oops"));
		assertSqlRequest(onlyRequest(server), "ALTER USER bob SET password='it''s' oops", false);
	}

	@Test
	void longSecretsAreStillRemovedWhereverTheServerEchoesThem() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(error(422,
				"{\"error_code\":\"010009\",\"error_message\":\"sql parser error: Expected a concrete value, found: hunter2hunter2\"}")));
		assertThatExceptionOfType(CnosBadSqlException.class)
			.isThrownBy(
					() -> template().execute("CREATE USER bob WITH PASSWORD = 'hunter2hunter2', X = hunter2hunter2"))
			.withMessage("Query failed: CnosDB error 010009 (HTTP 422): sql parser error: Expected a concrete value,"
					+ " found: ******; SQL [CREATE USER bob WITH PASSWORD = '******', X = ******]");
	}

	@Test
	void echoedAuthorizationOfAnUnknownShapeIsNotShownAtAll() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(error(400, "{\"error_code\":\"040006\",\"error_message\":\"Bad auth Basic Ym9iOnA=\"}")));
		assertThatExceptionOfType(CnosAuthenticationException.class).isThrownBy(
				() -> CnosTemplate.builder().url(server.baseUrl()).credentials("bob", "p").build().query("select 1"))
			.withMessage("Query failed: CnosDB error 040006 (HTTP 400): ******; SQL [select 1]");
	}

}
