package io.cnosdb.sample;

import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.client.CnosTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AdminDemoController} against a WireMock CnosDB answering as the
 * reference shows.
 */
class AdminDemoControllerTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private AdminDemoController controller;

	@BeforeEach
	void createController() {
		CnosTemplate template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build();
		this.controller = new AdminDemoController(template, "demo_admin");
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "application/csv")
			.withHeader("content-encoding", "identity")
			.withHeader("content-length", "0")));
	}

	@Test
	void setUpCreatesTheDatabaseWithATtlAndTheTableThroughAView() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).withRequestBody(equalTo("SHOW TABLES"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("content-type", "application/csv")
				.withHeader("content-encoding", "identity")
				.withBody("table_name\nair\n")));
		assertThat(this.controller.setUp()).containsExactly("air");
		List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).extracting(LoggedRequest::getUrl)
			.containsExactly("/api/v1/sql?tenant=cnosdb&db=public", "/api/v1/sql?tenant=cnosdb&db=demo_admin",
					"/api/v1/sql?tenant=cnosdb&db=demo_admin");
		assertThat(requests).extracting(LoggedRequest::getBodyAsString)
			.containsExactly("CREATE DATABASE IF NOT EXISTS \"demo_admin\" WITH TTL '30d'",
					"CREATE TABLE IF NOT EXISTS \"air\" (\"temperature\" DOUBLE CODEC(GORILLA), \"visibility\" DOUBLE,"
							+ " TAGS(\"station\"))",
					"SHOW TABLES");
	}

	@Test
	void readingsBindStationAndTime() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "application/csv")
			.withHeader("content-encoding", "identity")
			.withBody("time,station,temperature\n2023-01-01T01:10:00.000000000,O'Hare,69.0\n")));
		assertThat(this.controller.readings("O'Hare", Instant.parse("2023-01-01T00:00:00Z")))
			.containsExactly(new AdminDemoController.Reading(Instant.parse("2023-01-01T01:10:00Z"), "O'Hare", 69.0));
		LoggedRequest request = server.findAll(anyRequestedFor(anyUrl())).get(0);
		assertThat(request.getUrl()).isEqualTo("/api/v1/sql?tenant=cnosdb&db=demo_admin");
		assertThat(request.getBodyAsString()).isEqualTo("SELECT time, station, temperature FROM air"
				+ " WHERE station = 'O''Hare' AND time >= '2023-01-01T00:00:00Z' ORDER BY time");
	}

}
