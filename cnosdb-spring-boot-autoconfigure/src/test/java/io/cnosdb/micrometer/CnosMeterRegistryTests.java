package io.cnosdb.micrometer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.validate.ValidationException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.CnosServerStub.error;
import static io.cnosdb.client.WriteStubs.WRITE_PATH;
import static io.cnosdb.client.WriteStubs.assertWriteRequest;
import static io.cnosdb.client.WriteStubs.writeOk;
import static io.cnosdb.client.WriteStubs.writeRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link CnosMeterRegistry} against byte-faithful CnosDB answers: the exact
 * line protocol each step sends, batches, and what happens when CnosDB refuses.
 */
@ExtendWith(OutputCaptureExtension.class)
class CnosMeterRegistryTests {

	/** The query of every write: the registry's database, sent in nanoseconds. */
	private static final String METRICS_NS = "tenant=cnosdb&db=metrics&precision=ns";

	/** MockClock starts at 1 ms; one step of a minute later, in nanoseconds. */
	private static final String STEP_TIME = "60001000000";

	private static final String TYPE_CONFLICT = "{\"error_code\":\"050014\",\"error_message\":\"Apply engine failed: "
			+ "DataSchemaError: Column 'value' type error, found F64 expected I64\"}";

	private static final String AUTH_FAILED = "{\"error_code\":\"010016\",\"error_message\":\"Auth error: "
			+ "username or password invalid\"}";

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private final MockClock clock = new MockClock();

	private @Nullable CnosMeterRegistry registry;

	@AfterEach
	void closeRegistry() {
		if (this.registry != null) {
			this.registry.close();
		}
	}

	@Test
	void oneStepWritesEveryKindOfMeterAsOneRowWithTypedFields() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		CnosMeterRegistry registry = registry(Map.of());
		Counter.builder("orders.placed").tag("region", "eu").register(registry).increment(3);
		AtomicInteger queue = registry.gauge("queue.size", new AtomicInteger(5));
		Timer timer = Timer.builder("http.server.requests").tags("method", "GET", "uri", "/api").register(registry);
		timer.record(Duration.ofMillis(10));
		timer.record(Duration.ofMillis(30));
		DistributionSummary summary = DistributionSummary.builder("payload.size").baseUnit("bytes").register(registry);
		summary.record(100);
		summary.record(300);
		LongTaskTimer longTask = LongTaskTimer.builder("batch.job").register(registry);
		longTask.start();
		AtomicLong evictions = new AtomicLong(7);
		FunctionCounter.builder("cache.evictions", evictions, AtomicLong::get).register(registry);
		AtomicLong calls = new AtomicLong(4);
		FunctionTimer.builder("db.calls", calls, AtomicLong::get, (c) -> 2.5 * c.get(), TimeUnit.SECONDS)
			.register(registry);
		TimeGauge.builder("uptime", () -> 1.5, TimeUnit.SECONDS).register(registry);
		Meter
			.builder("custom", Meter.Type.OTHER,
					List.of(new Measurement(() -> 12.0, Statistic.TOTAL_TIME),
							new Measurement(() -> 2.0, Statistic.COUNT)))
			.register(registry);
		this.clock.add(Duration.ofMinutes(1));

		registry.publish();

		assertThat(queue.get()).isEqualTo(5);
		assertWrite(onlyWrite(), METRICS_NS,
				lines("batch_job active_tasks=1i,duration=60000,upper=60000 " + STEP_TIME,
						"cache_evictions value=7 " + STEP_TIME, "custom count=2,total=12 " + STEP_TIME,
						"db_calls count=4,mean=2500,sum=10000 " + STEP_TIME,
						"http_server_requests,method=GET,uri=/api count=2i,mean=20,sum=40,upper=30 " + STEP_TIME,
						"orders_placed,region=eu value=3 " + STEP_TIME,
						"payload_size count=2i,mean=200,sum=400,upper=300 " + STEP_TIME,
						"queue_size value=5 " + STEP_TIME, "uptime value=1500 " + STEP_TIME));
	}

	@Test
	void nanAndInfiniteValuesAreLeftOutAndAMeterWithoutValuesIsNotWritten() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		CnosMeterRegistry registry = registry(Map.of());
		Gauge.builder("nan.gauge", () -> Double.NaN).register(registry);
		Gauge.builder("infinite.gauge", () -> Double.POSITIVE_INFINITY).register(registry);
		AtomicLong calls = new AtomicLong(3);
		// A total time that cannot be read leaves the count alone.
		FunctionTimer.builder("idle.calls", calls, AtomicLong::get, (c) -> Double.NaN, TimeUnit.MILLISECONDS)
			.register(registry);
		Meter
			.builder("partly", Meter.Type.OTHER,
					List.of(new Measurement(() -> Double.NaN, Statistic.MAX),
							new Measurement(() -> 4.0, Statistic.VALUE)))
			.register(registry);
		this.clock.add(Duration.ofMinutes(1));

		registry.publish();

		assertWrite(onlyWrite(), METRICS_NS, lines("idle_calls count=3 " + STEP_TIME, "partly value=4 " + STEP_TIME));
	}

	@Test
	void namesAreSnakeCaseAndTagsThatWouldClashWithAColumnAreRenamed() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		CnosMeterRegistry registry = registry(Map.of());
		Counter.builder("jobs.done/total")
			.tags("value", "a", "time", "b", "empty", "", "path", "C:\\temp", "with space", "x,y=z")
			.register(registry)
			.increment();
		this.clock.add(Duration.ofMinutes(1));

		registry.publish();

		assertWrite(onlyWrite(), METRICS_NS, lines(
				"jobs_done_total,path=C:_temp,time_tag=b,value_tag=a,with\\ space=x\\,y\\=z value=1 " + STEP_TIME));
	}

	@Test
	void metersAreSentInBatchesOfTheBatchSize() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		CnosMeterRegistry registry = registry(Map.of("cnosdb.batchSize", "2"));
		for (int i = 1; i <= 5; i++) {
			Counter.builder("c" + i).register(registry).increment(i);
		}
		this.clock.add(Duration.ofMinutes(1));

		registry.publish();

		List<LoggedRequest> requests = writeRequests(server);
		assertThat(requests).hasSize(3);
		assertWrite(requests.get(0), METRICS_NS, lines("c1 value=1 " + STEP_TIME, "c2 value=2 " + STEP_TIME));
		assertWrite(requests.get(1), METRICS_NS, lines("c3 value=3 " + STEP_TIME, "c4 value=4 " + STEP_TIME));
		assertWrite(requests.get(2), METRICS_NS, lines("c5 value=5 " + STEP_TIME));
	}

	@Test
	void aBatchRefusedForItsDataIsSplitSoThatTheOtherMetersAreWritten(CapturedOutput output) {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).atPriority(2).willReturn(writeOk()));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).atPriority(1)
			.withRequestBody(containing("conflicting"))
			.willReturn(error(422, TYPE_CONFLICT)));
		CnosMeterRegistry registry = registry(Map.of());
		Counter.builder("a.ok").register(registry).increment();
		Counter.builder("b.conflicting").register(registry).increment();
		Counter.builder("c.ok").register(registry).increment();
		Counter.builder("d.ok").register(registry).increment();
		this.clock.add(Duration.ofMinutes(1));

		registry.publish();

		List<String> bodies = writeRequests(server).stream().map(CnosMeterRegistryTests::body).toList();
		assertThat(bodies).containsExactly(
				lines("a_ok value=1 " + STEP_TIME, "b_conflicting value=1 " + STEP_TIME, "c_ok value=1 " + STEP_TIME,
						"d_ok value=1 " + STEP_TIME),
				lines("a_ok value=1 " + STEP_TIME, "b_conflicting value=1 " + STEP_TIME),
				lines("a_ok value=1 " + STEP_TIME), lines("b_conflicting value=1 " + STEP_TIME),
				lines("c_ok value=1 " + STEP_TIME, "d_ok value=1 " + STEP_TIME));
		assertThat(registry.getFailureCounts()).containsExactly(entry("refused", 1L));
		assertThat(output).containsOnlyOnce("CnosDB refused the row of 'b_conflicting'")
			.contains("050014")
			.contains("found F64 expected I64");

		// The next step carries the count of refused rows, and the refused row is
		// reported at debug level only.
		server.resetRequests();
		this.clock.add(Duration.ofMinutes(1));
		registry.publish();
		assertThat(writeRequests(server).stream().map(CnosMeterRegistryTests::body))
			.anySatisfy((body) -> assertThat(body).contains("cnosdb_metrics_export_failures,kind=refused value=1 "));
		assertThat(output).containsOnlyOnce("CnosDB refused the row of 'b_conflicting'");
	}

	@Test
	void aFailedStepIsLoggedOnceCountedAndNeverThrown(CapturedOutput output) {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(error(422, AUTH_FAILED)));
		CnosMeterRegistry registry = registry(Map.of("cnosdb.batchSize", "1"));
		Counter.builder("a").register(registry).increment();
		Counter.builder("b").register(registry).increment();
		this.clock.add(Duration.ofMinutes(1));

		assertThatNoException().isThrownBy(registry::publish);
		this.clock.add(Duration.ofMinutes(1));
		assertThatNoException().isThrownBy(registry::publish);

		// The first batch fails, the second is not tried: twice.
		assertThat(writeRequests(server)).hasSize(2);
		assertThat(output).containsOnlyOnce("Failed to publish metrics to CnosDB database 'metrics'")
			.contains("CnosAuthenticationException")
			.doesNotContain("cm9vdDo=");

		server.resetAll();
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.clock.add(Duration.ofMinutes(1));
		registry.publish();
		assertThat(output).contains("Publishing metrics to CnosDB succeeded again after 2 failure(s)");
		assertThat(writeRequests(server)).hasSize(3);
		assertThat(body(writeRequests(server).get(0))).isEqualTo(lines("a value=0 180001000000"));
		assertThat(body(writeRequests(server).get(2))).startsWith("cnosdb_metrics_export_failures,kind=publish value=");
		assertThat(registry.getFailureCounts()).containsExactly(entry("publish", 2L));
	}

	@Test
	void theDatabaseIsCreatedWithItsTtlOnStartAndAgainBeforeAStepUntilThatSucceeds(CapturedOutput output) {
		String create = "CREATE DATABASE IF NOT EXISTS \"app_metrics\" WITH TTL '7d'";
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).inScenario("create")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(CnosServerStub.empty(500))
			.willSetStateTo("up"));
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).inScenario("create")
			.whenScenarioStateIs("up")
			.willReturn(CnosServerStub.csv("")));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));

		CnosMeterRegistry registry = registry(Map.of("cnosdb.createDatabase", "true", "cnosdb.database", "app_metrics",
				"cnosdb.ttl", "7d", "cnosdb.enabled", "true"));
		assertThat(output).contains("Failed to create CnosDB database 'app_metrics' for metrics");
		this.clock.add(Duration.ofMinutes(1));
		registry.publish();
		this.clock.add(Duration.ofMinutes(1));
		registry.publish();

		List<LoggedRequest> creates = server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/sql")));
		assertThat(creates).hasSize(2).allSatisfy((request) -> {
			assertThat(request.getUrl()).isEqualTo("/api/v1/sql?tenant=cnosdb&db=app_metrics");
			assertThat(request.getBodyAsString()).isEqualTo(create);
		});
		assertThat(writeRequests(server)).hasSize(2)
			.allSatisfy((request) -> assertThat(request.getUrl()).contains("db=app_metrics"));
	}

	@Test
	void closingPublishesTheLastPartialStep() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		CnosMeterRegistry registry = registry(Map.of("cnosdb.enabled", "true"));
		Counter.builder("shutdown.counter").register(registry).increment(2);
		this.clock.add(Duration.ofSeconds(10));

		registry.close();
		this.registry = null;

		assertThat(body(onlyWrite())).startsWith("shutdown_counter value=2 ");
	}

	@Test
	void aTenantOfItsOwnIsUsedWhenConfigured() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		CnosMeterRegistry registry = registry(Map.of("cnosdb.tenant", "ops"));
		Counter.builder("c").register(registry).increment();
		this.clock.add(Duration.ofMinutes(1));

		registry.publish();

		assertThat(onlyWrite().getUrl()).isEqualTo(WRITE_PATH + "?tenant=ops&db=metrics&precision=ns");
		assertThat(registry.getOperations().getTenant()).isEqualTo("ops");
	}

	@Test
	void anInvalidConfigurationIsRefusedNamingTheProperty() {
		CnosTemplate template = CnosTemplate.builder().url(server.baseUrl()).build();
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> CnosMeterRegistry.builder((key) -> key.equals("cnosdb.ttl") ? "0s" : null, template)
				.clock(this.clock)
				.build())
			.withMessageContaining("cnosdb.ttl")
			.withMessageContaining("must be positive");
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> CnosMeterRegistry.builder((key) -> key.equals("cnosdb.database") ? " " : null, template)
				.clock(this.clock)
				.build())
			.withMessageContaining("cnosdb.database");
	}

	private CnosMeterRegistry registry(Map<String, String> properties) {
		Map<String, String> values = new java.util.HashMap<>(
				Map.of("cnosdb.enabled", "false", "cnosdb.createDatabase", "false"));
		values.putAll(properties);
		CnosRegistryConfig config = values::get;
		CnosTemplate template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build();
		this.registry = CnosMeterRegistry.builder(config, template).clock(this.clock).build();
		return this.registry;
	}

	private static void assertWrite(LoggedRequest request, String query, String body) {
		assertThat(body(request)).isEqualTo(body);
		assertWriteRequest(request, query, body);
	}

	private static LoggedRequest onlyWrite() {
		List<LoggedRequest> requests = writeRequests(server);
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private static String body(LoggedRequest request) {
		return new String(request.getBody(), StandardCharsets.UTF_8);
	}

	private static String lines(String... lines) {
		List<String> all = new ArrayList<>(List.of(lines));
		return String.join("\n", all) + "\n";
	}

}
