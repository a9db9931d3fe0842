package io.cnosdb.client;

import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.cnosdb.client.CnosServerStub.empty;
import static io.cnosdb.client.CnosServerStub.onlyRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CnosTemplate#ping()}.
 */
class CnosTemplatePingTests {

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private CnosTemplate template;

	@BeforeEach
	void createTemplate() {
		this.template = CnosTemplate.builder().url(server.baseUrl()).build();
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"version\":\"2.4.3, revision: c760943, build_time: 2025-09-26T03:40:11Z\",\"status\":\"healthy\"}",
			"{\"status\":\"healthy\",\"version\":\"2.4.3, revision: c760943, build_time: 2025-09-26T03:40:11Z\"}" })
	void pingReadsTheCompositeVersionWhateverTheMemberOrder(String body) {
		server.stubFor(get(urlEqualTo("/api/v1/ping"))
			.willReturn(aResponse().withStatus(200).withHeader("content-type", "application/json").withBody(body)));
		assertThat(this.template.ping())
			.isEqualTo(new CnosServerInfo("healthy", "2.4.3", "c760943", Instant.parse("2025-09-26T03:40:11Z")));
		LoggedRequest request = onlyRequest(server);
		assertThat(request.getMethod().getName()).isEqualTo("GET");
		assertThat(request.getUrl()).isEqualTo("/api/v1/ping");
	}

	@Test
	void theTemplatesOwnClientSpeaksPlainHttp11WithoutAnUpgradeAttempt() {
		server.stubFor(get(urlEqualTo("/api/v1/ping")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "application/json")
			.withHeader("content-length", "56")
			.withBody("{\"status\":\"healthy\",\"version\":\"2.4.2, revision UNKNOWN\"}")));
		assertThat(this.template.ping().version()).isEqualTo("2.4.2");
		LoggedRequest request = onlyRequest(server);
		assertThat(request.containsHeader("Upgrade")).isFalse();
		assertThat(request.containsHeader("HTTP2-Settings")).isFalse();
	}

	@Test
	void pingOfABuildWithoutRevisionOrBuildTime() {
		server.stubFor(get(urlEqualTo("/api/v1/ping")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "application/json")
			.withBody("{\"status\":\"healthy\",\"version\":\"2.4.3, revision: UNKNOWN, build_time: UNKNOWN\"}")));
		assertThat(this.template.ping()).isEqualTo(new CnosServerInfo("healthy", "2.4.3", null, null));
	}

	@Test
	void pingOfA242SourceBuildAsTheRealServerAnswers() {
		// Bytes of a real v2.4.2.1 server: no colon after "revision" before 2.4.3.
		server.stubFor(get(urlEqualTo("/api/v1/ping")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "application/json")
			.withHeader("content-length", "56")
			.withBody("{\"status\":\"healthy\",\"version\":\"2.4.2, revision UNKNOWN\"}")));
		assertThat(this.template.ping()).isEqualTo(new CnosServerInfo("healthy", "2.4.2", null, null));
	}

	@Test
	void pingBefore243ReadsTheRevisionWrittenWithoutAColon() {
		server.stubFor(get(urlEqualTo("/api/v1/ping")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "application/json")
			.withBody(
					"{\"version\":\"2.3.5, revision ace7d5f3e1c2b4a5968778695a4b3c2d1e0f9a8b\",\"status\":\"healthy\"}")));
		assertThat(this.template.ping())
			.isEqualTo(new CnosServerInfo("healthy", "2.3.5", "ace7d5f3e1c2b4a5968778695a4b3c2d1e0f9a8b", null));
	}

	@Test
	void pingOfSomethingThatIsNotCnosDbIsAResourceFailure() {
		server.stubFor(get(urlEqualTo("/api/v1/ping")).willReturn(
				aResponse().withStatus(200).withHeader("content-type", "text/html").withBody("<html>hello</html>")));
		assertThatExceptionOfType(CnosResourceFailureException.class).isThrownBy(this.template::ping)
			.withMessageContaining("Ping failed: something other than CnosDB answered at " + server.baseUrl()
					+ " (HTTP 200, content type text/html, 18 bytes of body, where CnosDB sends JSON with the members"
					+ " status and version): hello; check cnosdb.url");
	}

	@Test
	void pingOnAStoreOnlyOrWrongPathIsAResourceFailure() {
		server.stubFor(get(urlEqualTo("/api/v1/ping")).willReturn(empty(404)));
		assertThatExceptionOfType(CnosResourceFailureException.class).isThrownBy(this.template::ping)
			.withMessage(
					"Ping failed: HTTP 404 (check that cnosdb.url points at a CnosDB query node, with no extra path)");
	}

}
