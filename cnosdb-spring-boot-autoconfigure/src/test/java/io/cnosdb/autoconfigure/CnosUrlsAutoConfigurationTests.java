package io.cnosdb.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cnosdb.autoconfigure.health.CnosHealthContributorAutoConfiguration;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code cnosdb.urls}: binding, validation, and the health of each node.
 */
class CnosUrlsAutoConfigurationTests {

	private static final String PING = "{\"version\":\"2.4.2, revision UNKNOWN\",\"status\":\"healthy\"}";

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, CnosAutoConfiguration.class,
					HealthContributorAutoConfiguration.class, CnosHealthContributorAutoConfiguration.class));

	@Test
	void urlsAreBoundInOrderWithTheCoolDown() {
		this.contextRunner
			.withPropertyValues("cnosdb.urls[0]=http://cnosdb-a.example.test:8902/",
					"cnosdb.urls[1]=https://cnosdb-b.example.test:8443", "cnosdb.failover.cool-down=30s")
			.run((context) -> {
				CnosTemplate template = context.getBean(CnosTemplate.class);
				assertThat(template.getUrls()).containsExactly("http://cnosdb-a.example.test:8902",
						"https://cnosdb-b.example.test:8443");
				assertThat(template.getUrl()).isEqualTo("http://cnosdb-a.example.test:8902");
				CnosConnectionDetails details = context.getBean(CnosConnectionDetails.class);
				assertThat(details.getUrls()).containsExactly("http://cnosdb-a.example.test:8902/",
						"https://cnosdb-b.example.test:8443");
				assertThat(details.getUrl()).isEqualTo("http://cnosdb-a.example.test:8902/");
				assertThat(context.getBean(CnosProperties.class).getFailover().getCoolDown())
					.isEqualTo(Duration.ofSeconds(30));
			});
	}

	@Test
	void aCommaSeparatedListBindsToo() {
		this.contextRunner.withPropertyValues("cnosdb.urls=http://a.example.test:8902,http://b.example.test:8902")
			.run((context) -> assertThat(context.getBean(CnosTemplate.class).getUrls())
				.containsExactly("http://a.example.test:8902", "http://b.example.test:8902"));
	}

	@Test
	void theCoolDownIsTenSecondsUnlessSet() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(CnosProperties.class).getFailover().getCoolDown())
				.isEqualTo(Duration.ofSeconds(10));
			assertThat(context.getBean(CnosTemplate.class).getUrls()).containsExactly("http://localhost:8902");
		});
	}

	@Test
	void urlsTakePrecedenceOverUrlSoThatAListOverridesAPackagedUrl() {
		this.contextRunner
			.withPropertyValues("cnosdb.url=http://a.example.test:8902",
					"cnosdb.urls=http://b.example.test:8902,http://c.example.test:8902")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CnosConnectionDetails.class).getUrls())
					.containsExactly("http://b.example.test:8902", "http://c.example.test:8902");
				assertThat(context.getBean(CnosTemplate.class).getUrls()).containsExactly("http://b.example.test:8902",
						"http://c.example.test:8902");
			});
	}

	@Test
	void eachUrlIsCheckedNamingItsIndexWithoutEchoingCredentials() {
		this.contextRunner
			.withPropertyValues("cnosdb.urls[0]=http://a.example.test:8902",
					"cnosdb.urls[1]=http://root:hunter2@b.example.test:8902")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidCnosUrlException.class)
					.hasMessageContaining("Property cnosdb.urls[1] with value")
					.hasMessageContaining("must not contain credentials")
					.hasMessageNotContaining("hunter2");
			});
		this.contextRunner.withPropertyValues("cnosdb.urls=http://a.example.test:8902,localhost:8902")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cnosdb.urls[1]")
				.hasMessageContaining("must start with http:// or https://"));
		this.contextRunner.withPropertyValues("cnosdb.urls=http://a.example.test:8902,http://a.example.test:8902/")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("cnosdb.urls[1]")
				.hasMessageContaining("is listed twice"));
		this.contextRunner.withPropertyValues("cnosdb.failover.cool-down=-1s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Property cnosdb.failover.cool-down with value")
				.hasMessageContaining("must not be negative"));
	}

	@Test
	void healthShowsEachNodeAndIsUpWhileOneIs() throws IOException {
		server.stubFor(get(urlEqualTo("/api/v1/ping")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "application/json")
			.withHeader("content-length", String.valueOf(PING.length()))
			.withBody(PING)));
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(CnosServerStub.csv("Int64(1)\n1\n")));
		String dead = refusingUrl();
		this.contextRunner.withPropertyValues("cnosdb.urls=" + dead + "," + server.baseUrl()).run((context) -> {
			Health health = ((HealthIndicator) context.getBean("cnosdbHealthContributor")).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("tenant", "cnosdb").containsEntry("database", "public");
			@SuppressWarnings("unchecked")
			Map<String, Map<String, Object>> nodes = (Map<String, Map<String, Object>>) health.getDetails()
				.get("nodes");
			assertThat(nodes).containsOnlyKeys(dead, server.baseUrl());
			assertThat(nodes.get(server.baseUrl()))
				.containsExactlyInAnyOrderEntriesOf(Map.of("status", "UP", "version", "2.4.2"));
			assertThat(nodes.get(dead)).containsEntry("status", "DOWN")
				.containsEntry("reason", "The node failed ping")
				.containsKey("coolingDownSince");
			assertThat(nodes.get(dead).get("error").toString())
				.startsWith("Ping failed: cannot reach CnosDB at " + dead);
		});
	}

	@Test
	void healthIsDownWhenNoNodeIsUp() throws IOException {
		String dead = refusingUrl();
		String alsoDead = refusingUrl();
		this.contextRunner.withPropertyValues("cnosdb.urls=" + dead + "," + alsoDead).run((context) -> {
			Health health = ((HealthIndicator) context.getBean("cnosdbHealthContributor")).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			@SuppressWarnings("unchecked")
			Map<String, Object> nodes = (Map<String, Object>) health.getDetails().get("nodes");
			assertThat(nodes).containsOnlyKeys(dead, alsoDead);
		});
	}

	private static String refusingUrl() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
	}

}
