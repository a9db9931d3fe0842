package io.cnosdb.sample;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots the sample application against a WireMock stand-in for CnosDB and calls its
 * endpoints and {@code /actuator/health} over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	private static final WireMockServer cnosdb = startCnosdb();

	@LocalServerPort
	private int port;

	private RestClient http;

	private static WireMockServer startCnosdb() {
		WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		return server;
	}

	@DynamicPropertySource
	static void cnosdbProperties(DynamicPropertyRegistry registry) {
		registry.add("cnosdb.url", cnosdb::baseUrl);
	}

	@AfterAll
	static void stopCnosdb() {
		cnosdb.stop();
	}

	@BeforeEach
	void setUp() {
		cnosdb.resetAll();
		this.http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void databasesEndpointRunsShowDatabasesAndReturnsJson() {
		cnosdb.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "application/csv")
			.withHeader("content-encoding", "identity")
			.withBody("database_name\ncluster_schema\npublic\nusage_schema\n")));
		ResponseEntity<String> response = this.http.get().uri("/api/databases").retrieve().toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).isEqualTo("[\"cluster_schema\",\"public\",\"usage_schema\"]");
		cnosdb.verify(postRequestedFor(urlEqualTo("/api/v1/sql?tenant=cnosdb&db=public"))
			.withHeader("Accept", equalTo("application/csv"))
			.withHeader("Authorization", equalTo("Basic cm9vdDo="))
			.withRequestBody(equalTo("SHOW DATABASES")));
	}

	@Test
	void tableEndpointReportsCnosdbErrorsAsProblemDetails() {
		cnosdb.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(aResponse().withStatus(422)
			.withHeader("content-type", "application/json")
			.withBody("{\"error_code\":\"030017\",\"error_message\":\"Database not found: \\\"public\\\"\"}")));
		ResponseEntity<String> response = this.http.get().uri("/api/tables").retrieve().toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(502);
		JsonNode problem = JsonMapper.shared().readTree(response.getBody());
		assertThat(problem.at("/cnosdbErrorCode").asString()).isEqualTo("030017");
		assertThat(problem.at("/detail").asString()).contains("Database not found: \"public\"");
		cnosdb.verify(postRequestedFor(urlEqualTo("/api/v1/sql?tenant=cnosdb&db=public"))
			.withRequestBody(equalTo("SHOW TABLES")));
	}

	@Test
	void healthShowsCnosdbUpWithItsVersion() {
		cnosdb.stubFor(get(urlEqualTo("/api/v1/ping")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "application/json")
			.withBody(
					"{\"status\":\"healthy\",\"version\":\"2.4.3, revision: c760943, build_time: 2025-09-26T03:40:11Z\"}")));
		cnosdb.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "application/csv")
			.withHeader("content-encoding", "identity")
			.withBody("Int64(1)\n1\n")));
		JsonNode health = health();
		assertThat(health.at("/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/cnosdb/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/cnosdb/details/version").asString()).isEqualTo("2.4.3");
	}

	@Test
	void healthShowsCnosdbDownWithTheReasonWhenTheServerIsGone() {
		cnosdb.stubFor(get(urlEqualTo("/api/v1/ping")).willReturn(aResponse().withStatus(503)));
		JsonNode health = health();
		assertThat(health.at("/status").asString()).isEqualTo("DOWN");
		assertThat(health.at("/components/cnosdb/status").asString()).isEqualTo("DOWN");
		assertThat(health.at("/components/cnosdb/details/error").asString()).contains("Ping failed: HTTP 503");
		assertThat(health.toString()).doesNotContain("cm9vdDo=");
	}

	private JsonNode health() {
		String body = this.http.get().uri("/actuator/health").retrieve().body(String.class);
		return JsonMapper.shared().readTree(body);
	}

}
