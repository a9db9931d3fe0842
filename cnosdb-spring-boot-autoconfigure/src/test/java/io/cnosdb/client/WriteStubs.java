package io.cnosdb.client;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CnosDB's answers on the write endpoint (reference §6.5, §9 X6, X7, X18) and checks of
 * what a write request carried.
 */
public final class WriteStubs {

	/** The write endpoint. */
	public static final String WRITE_PATH = "/api/v1/write";

	/**
	 * CnosDB's 422 for malformed line protocol, exactly as 2.4.2.1 answers the body
	 * {@code "m v=1 1\ntest v=2 x1"}: positions are byte offsets in the body, without
	 * quotes ({@code unexpect end line start at '17'}, the form of reference X7, exists
	 * only from 2.4.3 on).
	 */
	public static final String PARSE_ERROR = "{\"error_code\":\"040004\",\"error_message\":\"Error parsing message: fail to parse timestamp at 17\"}";

	private WriteStubs() {
	}

	/**
	 * A successful write: 200, {@code content-length: 0}, no content-type, empty body.
	 * @return the response
	 */
	public static ResponseDefinitionBuilder writeOk() {
		return aResponse().withStatus(200).withHeader("content-length", "0");
	}

	/**
	 * Every request the server received on the write endpoint, in order.
	 * @param server the server
	 * @return the requests
	 */
	public static List<LoggedRequest> writeRequests(WireMockExtension server) {
		return server.findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo(WRITE_PATH)));
	}

	/**
	 * The one request the server received on the write endpoint.
	 * @param server the server
	 * @return the request
	 */
	public static LoggedRequest onlyWriteRequest(WireMockExtension server) {
		List<LoggedRequest> requests = writeRequests(server);
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	/**
	 * Assert that a write request carried what CnosDB needs: tenant, database and
	 * precision as query parameters, Basic credentials, a known body length (never
	 * chunked) and exactly the expected body.
	 * @param request the request
	 * @param query the expected query string
	 * @param body the expected body
	 */
	public static void assertWriteRequest(LoggedRequest request, String query, String body) {
		assertThat(request.getMethod().getName()).isEqualTo("POST");
		assertThat(request.getUrl()).isEqualTo(WRITE_PATH + "?" + query);
		assertThat(request.getHeaders().getHeader("Authorization").values())
			.containsExactly(CnosServerStub.ROOT_EMPTY_PASSWORD);
		assertThat(request.containsHeader("Transfer-Encoding")).isFalse();
		assertThat(request.getHeader("Content-Length"))
			.isEqualTo(String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
		assertThat(request.getHeader("Content-Type")).isEqualToIgnoringCase("text/plain;charset=UTF-8");
		assertThat(request.containsHeader("Content-Encoding")).isFalse();
		assertThat(new String(request.getBody(), StandardCharsets.UTF_8)).isEqualTo(body);
	}

}
