package io.cnosdb.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.CnosServerStub.csv;
import static io.cnosdb.client.CnosServerStub.error;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CnosHealthIndicator}.
 */
class CnosHealthIndicatorTests {

	private static final String PING = "{\"version\":\"2.4.3, revision: c760943, build_time: 2025-09-26T03:40:11Z\",\"status\":\"healthy\"}";

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private Health health(String password) {
		CnosTemplate template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", password).build();
		return new CnosHealthIndicator(template).health();
	}

	private static void stubPing() {
		server.stubFor(get(urlEqualTo("/api/v1/ping")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "application/json")
			.withHeader("content-length", String.valueOf(PING.length()))
			.withBody(PING)));
	}

	@Test
	void upWithTheServerVersionWhenPingAndAnAuthenticatedQuerySucceed() {
		stubPing();
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("Int64(1)\n1\n")));
		Health health = health("");
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsExactlyInAnyOrderEntriesOf(Map.of("version", "2.4.3", "revision",
				"c760943", "buildTime", "2025-09-26T03:40:11Z", "tenant", "cnosdb", "database", "public"));
		server.verify(getRequestedFor(urlEqualTo("/api/v1/ping")));
		server.verify(postRequestedFor(urlEqualTo("/api/v1/sql?tenant=cnosdb&db=public"))
			.withHeader("Authorization", equalTo(CnosServerStub.ROOT_EMPTY_PASSWORD))
			.withRequestBody(equalTo("SELECT 1")));
	}

	@Test
	void downWhenTheServerIsUpButRefusesTheCredentials() {
		stubPing();
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(error(422,
				"{\"error_code\":\"010016\",\"error_message\":\"Auth error: Access denied for user 'root' (using xxx) username or password invalid\"}")));
		Health health = health("not-the-password");
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("version", "2.4.3")
			.containsEntry("reason", "CnosDB is reachable but refused the configured credentials");
		assertThat(health.getDetails().get("error").toString()).contains("010016")
			.contains("Access denied for user 'root'");
		assertThat(health.toString()).doesNotContain("not-the-password");
	}

	@Test
	void downWhenRootMustChangeItsPassword() {
		stubPing();
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(error(422,
				"{\"error_code\":\"010004\",\"error_message\":\"Insufficient privileges, expected [change password]\"}")));
		Health health = health("root");
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("error").toString()).contains("expected [change password]");
	}

	@Test
	void downWhenTheDatabaseCannotBeQueried() {
		stubPing();
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(
				error(422, "{\"error_code\":\"030017\",\"error_message\":\"Database not found: \\\"public\\\"\"}")));
		Health health = health("");
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "CnosDB is reachable but cannot run a query");
		assertThat(health.getDetails().get("error").toString()).contains("Database not found");
	}

	@Test
	void downWithTheReasonWhenTheServerIsUnreachable() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		CnosTemplate template = CnosTemplate.builder().url("http://127.0.0.1:" + port).build();
		Health health = new CnosHealthIndicator(template).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("error").toString())
			.contains("Ping failed: cannot reach CnosDB at http://127.0.0.1:" + port);
	}

	@Test
	void downWhenPingAnswersWithABadStatus() {
		server.stubFor(get(urlEqualTo("/api/v1/ping")).willReturn(aResponse().withStatus(404)));
		Health health = health("");
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("error").toString()).contains("HTTP 404");
		server.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/sql")));
	}

	@Test
	void hungServerIsDownWhenTheHealthTimeoutPassesNotAfterTheReadTimeout() throws InterruptedException {
		// The server accepts the request and never answers; the client's read timeout is
		// a minute.
		server.stubFor(get(urlEqualTo("/api/v1/ping"))
			.willReturn(aResponse().withStatus(200).withFixedDelay(30_000).withBody(PING)));
		CnosTemplate template = CnosTemplate.builder().url(server.baseUrl()).build();
		long start = System.nanoTime();
		Health health = new CnosHealthIndicator(template, java.time.Duration.ofMillis(300)).health();
		long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "CnosDB did not answer the health check within 300 ms");
		assertThat(elapsedMillis).as("the health check returned after the timeout, not the delay").isLessThan(10_000);
		// The check runs on a thread of its own: on a loaded machine its request may
		// reach
		// the server only after the timeout has passed.
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
		while (server.findAll(getRequestedFor(urlEqualTo("/api/v1/ping"))).isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		server.verify(getRequestedFor(urlEqualTo("/api/v1/ping")));
	}

}
