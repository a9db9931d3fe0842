package io.cnosdb.sample;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cnosdb.client.CnosServerStub;
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
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots the sample application against a WireMock stand-in for CnosDB and calls its
 * endpoints, its page and {@code /actuator/health} over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.sensor.enabled=false")
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
		cnosdb.verify(postRequestedFor(urlEqualTo("/api/v1/sql?tenant=cnosdb&db=sample"))
			.withHeader("Accept", equalTo("application/csv"))
			.withHeader("Authorization", equalTo("Basic cm9vdDo="))
			.withRequestBody(equalTo("SHOW DATABASES")));
	}

	@Test
	void tableEndpointReportsCnosdbErrorsAsProblemDetails() {
		cnosdb.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(aResponse().withStatus(422)
			.withHeader("content-type", "application/json")
			.withBody("{\"error_code\":\"030017\",\"error_message\":\"Database not found: \\\"sample\\\"\"}")));
		ResponseEntity<String> response = this.http.get().uri("/api/tables").retrieve().toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(502);
		JsonNode problem = JsonMapper.shared().readTree(response.getBody());
		assertThat(problem.at("/cnosdbErrorCode").asString()).isEqualTo("030017");
		assertThat(problem.at("/detail").asString()).contains("Database not found: \"sample\"");
		cnosdb.verify(postRequestedFor(urlEqualTo("/api/v1/sql?tenant=cnosdb&db=sample"))
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

	@Test
	void pageIsServedAtTheRootWithTheChartLibraryFromTheApplicationItself() {
		ResponseEntity<String> page = this.http.get().uri("/").retrieve().toEntity(String.class);
		assertThat(page.getStatusCode().value()).isEqualTo(200);
		assertThat(page.getHeaders().getContentType()).hasToString("text/html;charset=UTF-8");
		assertThat(page.getBody()).contains("<script src=\"/webjars/uplot/dist/uPlot.iife.min.js\"></script>")
			.contains("href=\"/air.csv\"")
			.doesNotContain("://");
		ResponseEntity<String> uplot = this.http.get()
			.uri("/webjars/uplot/dist/uPlot.iife.min.js")
			.retrieve()
			.toEntity(String.class);
		assertThat(uplot.getStatusCode().value()).isEqualTo(200);
		assertThat(uplot.getHeaders().getContentType()).hasToString("text/javascript");
		assertThat(uplot.getBody()).contains("uPlot");
		ResponseEntity<String> csv = this.http.get().uri("/air.csv").retrieve().toEntity(String.class);
		assertThat(csv.getStatusCode().value()).isEqualTo(200);
		assertThat(csv.getBody()).startsWith("time,station,temperature,visibility\n2026-01-01T00:00:00Z,XiaoMaiDao,");
		assertThat(cnosdb.getAllServeEvents()).isEmpty();
	}

	@Test
	void readingsWithoutStationAnswer400ProblemNamingTheParameter() {
		ResponseEntity<String> response = this.http.get()
			.uri("/api/admin-demo/readings")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.getBody());
		assertThat(problem.at("/detail").asString()).isEqualTo("Required parameter 'station' is not present.");
		assertThat(response.getBody()).doesNotContain("Exception");
		assertThat(cnosdb.getAllServeEvents()).isEmpty();
	}

	@Test
	void readingsWithAnUnreadableSinceAnswer400ProblemNamingTheParameter() {
		ResponseEntity<String> response = this.http.get()
			.uri("/api/admin-demo/readings?station=XiaoMaiDao&since=yesterday")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		JsonNode problem = JsonMapper.shared().readTree(response.getBody());
		assertThat(problem.at("/detail").asString()).isEqualTo("Failed to convert 'since' with value: 'yesterday'");
		assertThat(cnosdb.getAllServeEvents()).isEmpty();
	}

	@Test
	void readingsWithoutSinceQueryTheSampleDatabase() {
		cnosdb.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(CnosServerStub
			.csv("time,station,temperature,visibility\n2026-12-01T10:00:00.000000000,XiaoMaiDao,69.5,53.0\n")));
		String body = this.http.get().uri("/api/admin-demo/readings?station=XiaoMaiDao").retrieve().body(String.class);
		assertThat(body).isEqualTo("[{\"time\":\"2026-12-01T10:00:00Z\",\"station\":\"XiaoMaiDao\","
				+ "\"temperature\":69.5,\"visibility\":53.0}]");
		cnosdb.verify(postRequestedFor(urlEqualTo("/api/v1/sql?tenant=cnosdb&db=sample"))
			.withRequestBody(matching("SELECT time, station, temperature, visibility FROM air"
					+ " WHERE station = 'XiaoMaiDao' AND time >= '[-0-9T:.]+Z' ORDER BY time")));
	}

	@Test
	void writerCountersAreServedAsJson() {
		JsonNode counters = JsonMapper.shared()
			.readTree(this.http.get().uri("/api/writer").retrieve().body(String.class));
		assertThat(counters.propertyNames()).containsExactlyInAnyOrder("buffered", "written", "retried", "failed");
	}

	@Test
	void sensorWindowOutOfRangeIsA400Problem() {
		ResponseEntity<String> response = this.http.get()
			.uri("/api/sensor?minutes=0")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(JsonMapper.shared().readTree(response.getBody()).at("/detail").asString())
			.isEqualTo("minutes must be between 1 and 60 but was 0");
	}

	private JsonNode health() {
		String body = this.http.get().uri("/actuator/health").retrieve().body(String.class);
		return JsonMapper.shared().readTree(body);
	}

}
