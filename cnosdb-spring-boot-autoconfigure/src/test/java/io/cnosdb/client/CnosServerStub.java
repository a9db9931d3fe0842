package io.cnosdb.client;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Responses exactly as CnosDB v2.4 sends them (status, headers, body bytes), taken from
 * the wire-protocol reference ({@code shared/cnosdb-http-api.md}) and checked against a
 * live 2.4.2.1 server, and a WireMock server bound to loopback on a random port.
 * <p>
 * CnosDB sends every non-streamed answer with a {@code content-length} (0 for an empty
 * body) and only streamed results chunked; WireMock chunks unless told the length, so the
 * helpers set it.
 */
public final class CnosServerStub {

	/** {@code Authorization} for {@code root} with an empty password (reference §9). */
	public static final String ROOT_EMPTY_PASSWORD = "Basic cm9vdDo=";

	private CnosServerStub() {
	}

	/**
	 * A WireMock server on 127.0.0.1 and a random port.
	 * @return the extension to register
	 */
	public static WireMockExtension server() {
		return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
	}

	/**
	 * A successful non-streamed CSV result. CnosDB names the encoding it chose from the
	 * request's {@code Accept-Encoding}, {@code identity} included (reference §3.2).
	 * @param body the CSV bytes
	 * @return the response
	 */
	public static ResponseDefinitionBuilder csv(String body) {
		return aResponse().withStatus(200)
			.withHeader("content-type", "application/csv")
			.withHeader("content-encoding", "identity")
			.withHeader("content-length", contentLength(body))
			.withBody(body);
	}

	/**
	 * A successful streamed ({@code chunked=true}) CSV result, sent in several chunks.
	 * @param body the CSV bytes
	 * @return the response
	 */
	public static ResponseDefinitionBuilder streamedCsv(String body) {
		return aResponse().withStatus(200)
			.withHeader("content-type", "application/csv")
			.withHeader("content-encoding", "identity")
			.withBody(body)
			.withChunkedDribbleDelay(Math.max(1, Math.min(body.length(), 4)), 20);
	}

	/**
	 * A CnosDB error: JSON body {@code {"error_code":…,"error_message":…}}, compact, no
	 * trailing newline, no {@code content-encoding}.
	 * @param status 400 or 422
	 * @param body the exact JSON body
	 * @return the response
	 */
	public static ResponseDefinitionBuilder error(int status, String body) {
		return aResponse().withStatus(status)
			.withHeader("content-type", "application/json")
			.withHeader("content-length", contentLength(body))
			.withBody(body);
	}

	/**
	 * A bodiless answer (404, 405, 413, 500: no content-type, {@code content-length: 0}).
	 * @param status the status
	 * @return the response
	 */
	public static ResponseDefinitionBuilder empty(int status) {
		return aResponse().withStatus(status).withHeader("content-length", "0");
	}

	private static String contentLength(String body) {
		return String.valueOf(body.getBytes(StandardCharsets.UTF_8).length);
	}

	/**
	 * The one request the server received.
	 * @param server the server
	 * @return the request
	 */
	public static LoggedRequest onlyRequest(WireMockExtension server) {
		List<LoggedRequest> requests = server.findAll(com.github.tomakehurst.wiremock.client.WireMock
			.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	/**
	 * Assert that a request to {@code /api/v1/sql} carried what CnosDB needs: the tenant
	 * and database as query parameters, Basic credentials, exactly one
	 * {@code Accept: application/csv}, a known body length and the SQL.
	 * @param request the request
	 * @param sql the expected body
	 * @param chunked whether {@code chunked=true} was expected
	 */
	public static void assertSqlRequest(LoggedRequest request, String sql, boolean chunked) {
		assertThat(request.getMethod().getName()).isEqualTo("POST");
		String query = "tenant=cnosdb&db=public" + (chunked ? "&chunked=true" : "");
		assertThat(request.getUrl()).isEqualTo("/api/v1/sql?" + query);
		assertThat(request.getHeaders().getHeader("Authorization").values()).containsExactly(ROOT_EMPTY_PASSWORD);
		assertThat(request.getHeaders().getHeader("Accept").values()).containsExactly("application/csv");
		assertThat(request.getHeaders().getHeader("Accept-Encoding").values()).containsExactly("identity");
		assertThat(request.getHeader("Content-Length")).isEqualTo(String.valueOf(sql.getBytes().length));
		assertThat(request.containsHeader("Transfer-Encoding")).isFalse();
		assertThat(request.getHeader("User-Agent")).startsWith("cnosdb-spring-boot-starter/");
		assertThat(request.getBodyAsString()).isEqualTo(sql);
	}

}
