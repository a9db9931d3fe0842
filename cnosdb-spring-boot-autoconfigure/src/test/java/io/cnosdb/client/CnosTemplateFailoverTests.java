package io.cnosdb.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.cnosdb.client.CnosServerStub.csv;
import static io.cnosdb.client.CnosServerStub.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Failover between several nodes ({@link CnosTemplate.Builder#urls(List)}): which node
 * served which request (the WireMock request journals), the cool-down of a dead node,
 * what is never sent twice, and what does not count as a node failure.
 */
class CnosTemplateFailoverTests {

	private static final String PING = "{\"version\":\"2.4.2, revision UNKNOWN\",\"status\":\"healthy\"}";

	private static final Duration COOL_DOWN = Duration.ofSeconds(10);

	@RegisterExtension
	static final WireMockExtension first = CnosServerStub.server();

	@RegisterExtension
	static final WireMockExtension second = CnosServerStub.server();

	/** A node that takes every request and answers after the read timeout. */
	@RegisterExtension
	static final WireMockExtension hanging = CnosServerStub.server();

	private final TestClock clock = new TestClock();

	@BeforeEach
	void stubNodes() {
		for (WireMockExtension node : List.of(first, second)) {
			node.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("node\n" + node.getPort() + "\n")));
			node.stubFor(post(urlPathEqualTo("/api/v1/write")).willReturn(WriteStubs.writeOk()));
			node.stubFor(get(urlEqualTo("/api/v1/ping")).willReturn(ping()));
		}
		int late = (int) FaultSuite.READ_TIMEOUT.multipliedBy(4).toMillis();
		hanging.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("node\nhanging\n").withFixedDelay(late)));
		hanging.stubFor(post(urlPathEqualTo("/api/v1/write")).willReturn(WriteStubs.writeOk().withFixedDelay(late)));
		hanging.stubFor(get(urlEqualTo("/api/v1/ping")).willReturn(ping().withFixedDelay(late)));
	}

	@Test
	void requestsGoToTheFirstNodeWhileItAnswers() {
		CnosTemplate template = template(first.baseUrl(), second.baseUrl());
		assertThat(template.queryForObject("SELECT node FROM nodes", String.class))
			.isEqualTo(String.valueOf(first.getPort()));
		template.writeLines("m v=1i 1");
		template.ping();
		assertThat(requests(first)).hasSize(3);
		assertThat(requests(second)).isEmpty();
		assertThat(template.getUrls()).containsExactly(first.baseUrl(), second.baseUrl());
		assertThat(template.getNodeStates()).noneMatch(CnosNodeState::isCoolingDown);
	}

	@Test
	void aNodeThatRefusesTheConnectionIsSkippedForTheCoolDownAndComesBackAfterIt() throws IOException {
		String dead = FaultSuite.refusingUrl();
		CnosTemplate template = template(dead, second.baseUrl());
		assertThat(template.queryForObject("SELECT node FROM nodes", String.class))
			.isEqualTo(String.valueOf(second.getPort()));
		CnosNodeState state = template.getNodeStates().get(0);
		assertThat(state.isCoolingDown()).isTrue();
		assertThat(state.coolingDownSince()).isEqualTo(this.clock.instant());
		assertThat(state.coolingDownUntil()).isEqualTo(this.clock.instant().plus(COOL_DOWN));
		assertThat(state.lastFailure()).contains("cannot reach CnosDB at " + dead);
		// The node is back, but cooling down: nothing goes to it yet.
		WireMockServer revived = new WireMockServer(
				wireMockConfig().port(URI.create(dead).getPort()).bindAddress("127.0.0.1"));
		revived.start();
		try {
			revived.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("node\nrevived\n")));
			this.clock.advance(COOL_DOWN.minusMillis(1));
			assertThat(template.queryForObject("SELECT node FROM nodes", String.class))
				.isEqualTo(String.valueOf(second.getPort()));
			assertThat(revived.findAll(anyRequestedFor(anyUrl()))).isEmpty();
			this.clock.advance(Duration.ofMillis(1));
			assertThat(template.queryForObject("SELECT node FROM nodes", String.class)).isEqualTo("revived");
			assertThat(revived.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
			assertThat(requests(second)).hasSize(2);
			assertThat(template.getNodeStates()).noneMatch(CnosNodeState::isCoolingDown);
		}
		finally {
			revived.stop();
		}
	}

	@Test
	void aWriteGoesToTheNextNodeWhenTheConnectionIsRefused() throws IOException {
		CnosTemplate template = template(FaultSuite.refusingUrl(), second.baseUrl());
		template.writeLines("m v=1i 1");
		WriteStubs.assertWriteRequest(WriteStubs.onlyWriteRequest(second), "tenant=cnosdb&db=public&precision=ns",
				"m v=1i 1\n");
	}

	@Test
	void aQueryAndPingGoToTheNextNodeWhenOneDoesNotAnswerInTime() {
		CnosTemplate template = template(hanging.baseUrl(), second.baseUrl());
		assertThat(template.queryForObject("SELECT node FROM nodes", String.class))
			.isEqualTo(String.valueOf(second.getPort()));
		assertThat(requests(hanging)).singleElement()
			.satisfies((request) -> assertThat(request.getBodyAsString()).isEqualTo("SELECT node FROM nodes"));
		assertThat(template.getNodeStates().get(0).lastFailure()).contains(hanging.baseUrl())
			.contains("did not answer within the read timeout");
		// Past the cool-down the hanging node is tried first again.
		this.clock.advance(COOL_DOWN);
		assertThat(template.ping().version()).isEqualTo("2.4.2");
		assertThat(requests(hanging)).hasSize(2);
		assertThat(requests(second)).hasSize(2);
	}

	@Test
	void aWriteThatWasSentIsNotSentAgainToAnotherNode() {
		CnosTemplate template = template(hanging.baseUrl(), second.baseUrl());
		Throwable thrown = catchThrowable(() -> template.writeLines("m v=1i 1"));
		assertThat(thrown).isInstanceOf(CnosQueryTimeoutException.class)
			.hasMessageContaining("CnosDB at " + hanging.baseUrl() + " did not answer within the read timeout");
		assertThat(requests(hanging)).hasSize(1);
		assertThat(requests(second)).isEmpty();
		// The node cools down: the next write (a batching writer's retry) goes on.
		assertThat(template.getNodeStates().get(0).isCoolingDown()).isTrue();
		template.writeLines("m v=1i 1");
		assertThat(WriteStubs.writeRequests(second)).hasSize(1);
		assertThat(requests(hanging)).hasSize(1);
	}

	@Test
	void aStatementThatChangesDataIsNotSentAgainToAnotherNode() {
		CnosTemplate template = template(hanging.baseUrl(), second.baseUrl());
		for (String sql : List.of("INSERT INTO m (time, v) VALUES (1, 2)", "DROP TABLE m", "SELECT 1; DROP TABLE m")) {
			this.clock.advance(COOL_DOWN);
			Throwable thrown = catchThrowable(() -> template.execute(sql));
			assertThat(thrown).isInstanceOf(CnosQueryTimeoutException.class).hasMessageContaining(hanging.baseUrl());
		}
		assertThat(requests(hanging)).extracting(LoggedRequest::getBodyAsString)
			.containsExactly("INSERT INTO m (time, v) VALUES (1, 2)", "DROP TABLE m", "SELECT 1; DROP TABLE m");
		assertThat(requests(second)).isEmpty();
	}

	@Test
	void anErrorThatCnosDbAnswersIsNotANodeFailure() {
		first.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(error(422,
				"{\"error_code\":\"010001\",\"error_message\":\"Datafusion: Error during planning: Invalid function 'nosuch'\"}")));
		first.stubFor(post(urlPathEqualTo("/api/v1/write")).willReturn(CnosServerStub.empty(503)));
		CnosTemplate template = template(first.baseUrl(), second.baseUrl());
		Throwable query = catchThrowable(() -> template.query("SELECT nosuch(1)"));
		assertThat(query).isInstanceOf(CnosBadSqlException.class)
			.hasMessageContaining("CnosDB error 010001 (HTTP 422 from " + first.baseUrl() + ")");
		Throwable write = catchThrowable(() -> template.writeLines("m v=1i 1"));
		assertThat(write).isInstanceOf(CnosTransientException.class)
			.hasMessageContaining("HTTP 503 from " + first.baseUrl());
		assertThat(requests(first)).hasSize(2);
		assertThat(requests(second)).isEmpty();
		assertThat(template.getNodeStates()).noneMatch(CnosNodeState::isCoolingDown);
	}

	@Test
	void whenEveryNodeFailsOneExceptionNamesEachNodeAndKeepsTheLastCause() throws IOException {
		String dead = FaultSuite.refusingUrl();
		CnosTemplate template = template(dead, hanging.baseUrl());
		Throwable thrown = catchThrowable(() -> template.query("SELECT node FROM nodes"));
		assertThat(thrown).isInstanceOf(CnosResourceFailureException.class)
			.hasMessageStartingWith("Query failed: no CnosDB node could take it (2 nodes): cannot reach CnosDB at "
					+ dead + " (ConnectException")
			.hasMessageContaining("; CnosDB at " + hanging.baseUrl() + " did not answer within the read timeout")
			.hasMessageEndingWith("; SQL [SELECT node FROM nodes]");
		assertThat(thrown.getCause()).isInstanceOf(CnosQueryTimeoutException.class)
			.hasMessageContaining(hanging.baseUrl());
		assertThat(thrown.getSuppressed()).singleElement()
			.isInstanceOf(CnosResourceFailureException.class)
			.satisfies((ex) -> assertThat(ex).hasMessageContaining(dead));
		// Both cool down: the next request still tries them, the dead one first.
		Throwable again = catchThrowable(() -> template.ping());
		assertThat(again).isInstanceOf(CnosResourceFailureException.class)
			.hasMessageStartingWith("Ping failed: no CnosDB node could take it (2 nodes): ");
		assertThat(requests(hanging)).hasSize(2);
	}

	@Test
	void aNodeSkippedForItsCoolDownIsNamedWhenTheOthersFail() throws IOException {
		String dead = FaultSuite.refusingUrl();
		WireMockServer other = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		other.start();
		String otherUrl = other.baseUrl();
		try {
			other.stubFor(get(urlEqualTo("/api/v1/ping")).willReturn(ping()));
			CnosTemplate template = template(dead, otherUrl);
			template.ping();
			other.stop();
			Throwable thrown = catchThrowable(template::ping);
			assertThat(thrown).isInstanceOf(CnosResourceFailureException.class)
				.hasMessageContaining(dead + " skipped: cooling down since " + this.clock.instant() + " after: "
						+ "cannot reach CnosDB at " + dead)
				.hasMessageContaining("cannot reach CnosDB at " + otherUrl);
		}
		finally {
			other.stop();
		}
	}

	@Test
	void aViewOfOneNodeDoesNotFailOverAndSharesTheCoolDown() throws IOException {
		String dead = FaultSuite.refusingUrl();
		CnosTemplate template = template(dead, second.baseUrl());
		Throwable thrown = catchThrowable(() -> template.forNode(dead).ping());
		assertThat(thrown).isInstanceOf(CnosResourceFailureException.class)
			.hasMessageStartingWith("Ping failed: cannot reach CnosDB at " + dead);
		assertThat(template.getNodeStates().get(0).isCoolingDown()).isTrue();
		assertThat(template.forNode(second.baseUrl()).ping().version()).isEqualTo("2.4.2");
		assertThat(template.forDatabase("other").getNodeStates().get(0).isCoolingDown()).isTrue();
	}

	@Test
	void theObservationNamesTheNodeThatServedTheRequest() throws IOException {
		TestObservationRegistry registry = TestObservationRegistry.create();
		CnosTemplate template = CnosTemplate.builder()
			.urls(FaultSuite.refusingUrl(), second.baseUrl())
			.observationRegistry(registry)
			.build();
		template.query("SELECT node FROM nodes");
		TestObservationRegistryAssert.assertThat(registry)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("db.operation", "query")
			.hasLowCardinalityKeyValue("server.address", URI.create(second.baseUrl()).getHost())
			.hasLowCardinalityKeyValue("server.port", String.valueOf(second.getPort()))
			.doesNotHaveError();
	}

	@Test
	void theBuilderChecksEachUrl() {
		assertThat(catchThrowable(() -> CnosTemplate.builder().urls("http://a:1", "ftp://b").build()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("The URL must start with http:// or https:// (ftp://b)");
		assertThat(catchThrowable(() -> CnosTemplate.builder().urls("http://a:1", "http://u:secret@b").build()))
			.hasMessage("The URL must not contain credentials; set the user and password separately "
					+ "(http://******@b)");
		assertThat(catchThrowable(() -> CnosTemplate.builder().urls("http://a:1", "http://a:1/").build()))
			.hasMessage("The URL http://a:1 is listed twice");
		assertThat(CnosTemplate.builder().urls("http://a:1", "http://b:2").build().toString())
			.startsWith("CnosTemplate[urls=[http://a:1, http://b:2], user=root");
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ping() {
		return com.github.tomakehurst.wiremock.client.WireMock.aResponse()
			.withStatus(200)
			.withHeader("content-type", "application/json")
			.withHeader("content-length", String.valueOf(PING.length()))
			.withBody(PING);
	}

	private static List<LoggedRequest> requests(WireMockExtension server) {
		return server.findAll(anyRequestedFor(anyUrl()));
	}

	private CnosTemplate template(String... urls) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(1))
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
		factory.setReadTimeout(FaultSuite.READ_TIMEOUT);
		return CnosTemplate.builder()
			.restClientBuilder(RestClient.builder().requestFactory(factory))
			.urls(urls)
			.failoverCoolDown(COOL_DOWN)
			.clock(this.clock)
			.build();
	}

	/** A clock that moves only when told. */
	static final class TestClock extends Clock {

		private final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

		void advance(Duration duration) {
			this.millis.addAndGet(duration.toMillis());
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public long millis() {
			return this.millis.get();
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(millis());
		}

	}

}
