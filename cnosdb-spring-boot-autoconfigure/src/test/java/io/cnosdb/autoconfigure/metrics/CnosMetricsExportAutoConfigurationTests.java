package io.cnosdb.autoconfigure.metrics;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.autoconfigure.CnosAutoConfiguration;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.micrometer.CnosMeterRegistry;
import io.cnosdb.micrometer.CnosRegistryConfig;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.WriteStubs.WRITE_PATH;
import static io.cnosdb.client.WriteStubs.writeOk;
import static io.cnosdb.client.WriteStubs.writeRequests;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CnosMetricsExportAutoConfiguration}: when it applies, how the
 * {@code management.cnosdb.metrics.export.*} properties are bound and checked, and which
 * client the registry writes with.
 */
@ExtendWith(OutputCaptureExtension.class)
class CnosMetricsExportAutoConfigurationTests {

	/** {@code Authorization} for {@code grafana:s3cret}. */
	private static final String GRAFANA = "Basic Z3JhZmFuYTpzM2NyZXQ=";

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, CnosAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					CnosMetricsExportAutoConfiguration.class))
		.withPropertyValues("cnosdb.url=" + server.baseUrl());

	@Test
	void theExportIsOffUnlessEnabled() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(CnosMeterRegistry.class)
			.hasSingleBean(SimpleMeterRegistry.class));
		this.contextRunner.withPropertyValues("management.cnosdb.metrics.export.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CnosMeterRegistry.class));
	}

	@Test
	void enabledItReplacesTheSimpleRegistryAndWritesThroughAViewOfTheApplicationsClient() {
		stubCreateDatabase();
		this.contextRunner.withPropertyValues("management.cnosdb.metrics.export.enabled=true", "cnosdb.tenant=t1")
			.run((context) -> {
				assertThat(context).hasSingleBean(CnosMeterRegistry.class).doesNotHaveBean(SimpleMeterRegistry.class);
				CnosMeterRegistry registry = context.getBean(CnosMeterRegistry.class);
				assertThat(registry.getOperations()).isNotSameAs(context.getBean(CnosOperations.class));
				assertThat(registry.getOperations().getTenant()).isEqualTo("t1");
				assertThat(registry.getOperations().getDatabase()).isEqualTo("metrics");
				// The only registry: Boot makes it the primary one.
				assertThat(context.getBean(MeterRegistry.class)).isSameAs(registry);
			});
		// Created on start with the default TTL, in the application's tenant.
		LoggedRequest create = server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/sql"))).get(0);
		assertThat(create.getUrl()).isEqualTo("/api/v1/sql?tenant=t1&db=metrics");
		assertThat(create.getBodyAsString()).isEqualTo("CREATE DATABASE IF NOT EXISTS \"metrics\" WITH TTL '30d'");
	}

	@Test
	void theClientIsLookedUpAfterTheObservedRestClientHasItsMeterRegistry() {
		// RestClient.Builder -> observation registry -> meter registries -> this
		// registry -> CnosTemplate -> RestClient.Builder: a cycle unless the registry
		// looks its client up later.
		stubCreateDatabase();
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
					RestClientObservationAutoConfiguration.class))
			.withPropertyValues("management.cnosdb.metrics.export.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(CnosMeterRegistry.class);
				assertThat(context.getBean(CnosMeterRegistry.class).getOperations().getDatabase()).isEqualTo("metrics");
			});
		assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/sql")))).hasSize(1);
	}

	@Test
	void theGlobalSwitchOfMetricsExportsCannotTurnItOnAlone() {
		this.contextRunner.withPropertyValues("management.defaults.metrics.export.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(CnosMeterRegistry.class));
	}

	@Test
	void itNeedsSpringBootsMetricsSupport() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
					ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
					CnosAutoConfiguration.class, CnosMetricsExportAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.micrometer.metrics"))
			.withBean(Clock.class, () -> Clock.SYSTEM)
			.withPropertyValues("cnosdb.url=" + server.baseUrl(), "management.cnosdb.metrics.export.enabled=true",
					"management.cnosdb.metrics.export.create-database=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CnosMeterRegistry.class));
	}

	@Test
	void itNeedsAMicrometerClock() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
					ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
					CnosAutoConfiguration.class, CnosMetricsExportAutoConfiguration.class))
			.withPropertyValues("cnosdb.url=" + server.baseUrl(), "management.cnosdb.metrics.export.enabled=true",
					"management.cnosdb.metrics.export.create-database=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CnosMeterRegistry.class));
	}

	@Test
	void itNeedsMicrometer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
					ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
					CnosAutoConfiguration.class, CnosMetricsExportAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.withPropertyValues("management.cnosdb.metrics.export.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CnosMeterRegistry.class));
	}

	@Test
	void propertiesAreBound() {
		this.contextRunner.withPropertyValues("management.cnosdb.metrics.export.enabled=true",
				"management.cnosdb.metrics.export.step=30s", "management.cnosdb.metrics.export.batch-size=500",
				"management.cnosdb.metrics.export.tenant=ops", "management.cnosdb.metrics.export.database=app_metrics",
				"management.cnosdb.metrics.export.create-database=false", "management.cnosdb.metrics.export.ttl=7d")
			.run((context) -> {
				CnosRegistryConfig config = context.getBean(CnosRegistryConfig.class);
				assertThat(config.enabled()).isTrue();
				assertThat(config.step()).isEqualTo(Duration.ofSeconds(30));
				assertThat(config.batchSize()).isEqualTo(500);
				assertThat(config.tenant()).isEqualTo("ops");
				assertThat(config.database()).isEqualTo("app_metrics");
				assertThat(config.createDatabase()).isFalse();
				assertThat(config.ttl()).isEqualTo(Duration.ofDays(7));
				CnosOperations operations = context.getBean(CnosMeterRegistry.class).getOperations();
				assertThat(operations.getTenant()).isEqualTo("ops");
				assertThat(operations.getDatabase()).isEqualTo("app_metrics");
			});
		assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/sql")))).isEmpty();
	}

	@Test
	void theDefaultsAreThoseOfTheRegistryConfig() {
		this.contextRunner
			.withPropertyValues("management.cnosdb.metrics.export.enabled=true",
					"management.cnosdb.metrics.export.create-database=false")
			.run((context) -> {
				CnosRegistryConfig config = context.getBean(CnosRegistryConfig.class);
				assertThat(config.step()).isEqualTo(CnosRegistryConfig.DEFAULT.step());
				assertThat(config.batchSize()).isEqualTo(CnosRegistryConfig.DEFAULT.batchSize());
				assertThat(config.database()).isEqualTo(CnosRegistryConfig.DEFAULT.database());
				assertThat(config.ttl()).isEqualTo(CnosRegistryConfig.DEFAULT.ttl());
				assertThat(config.tenant()).isNull();
			});
	}

	@Test
	void anotherUrlGivesTheExportItsOwnClientWithTheApplicationsCredentials() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.contextRunner
			.withPropertyValues("cnosdb.url=http://127.0.0.1:9", "cnosdb.user=grafana", "cnosdb.password=s3cret",
					"management.cnosdb.metrics.export.enabled=true",
					"management.cnosdb.metrics.export.create-database=false",
					"management.cnosdb.metrics.export.url=" + server.baseUrl())
			.run((context) -> {
				CnosMeterRegistry registry = context.getBean(CnosMeterRegistry.class);
				assertThat(registry.getOperations()).isInstanceOfSatisfying(CnosTemplate.class,
						(template) -> assertThat(template.getUrl()).isEqualTo(server.baseUrl()));
				context.getBean(MeterRegistry.class).counter("exported.on.close").increment(4);
			});
		// Closing the context publishes the last step, to the export's URL.
		List<LoggedRequest> writes = writeRequests(server);
		assertThat(writes).hasSize(1);
		assertThat(writes.get(0).getUrl()).isEqualTo(WRITE_PATH + "?tenant=cnosdb&db=metrics&precision=ns");
		assertThat(writes.get(0).getHeader("Authorization")).isEqualTo(GRAFANA);
		assertThat(writes.get(0).getBodyAsString()).contains("exported_on_close value=4 ");
	}

	@Test
	void aTimeoutOfItsOwnGivesTheExportItsOwnClient() {
		this.contextRunner
			.withPropertyValues("management.cnosdb.metrics.export.enabled=true",
					"management.cnosdb.metrics.export.create-database=false",
					"management.cnosdb.metrics.export.read-timeout=2s")
			.run((context) -> {
				CnosOperations operations = context.getBean(CnosMeterRegistry.class).getOperations();
				assertThat(operations).isInstanceOf(CnosTemplate.class)
					.isNotSameAs(context.getBean(CnosOperations.class));
				assertThat(((CnosTemplate) operations).getUrl()).isEqualTo(server.baseUrl());
				assertThat(operations.getDatabase()).isEqualTo("metrics");
			});
	}

	@Test
	void aServerThatCannotCreateTheDatabaseDoesNotStopTheApplication(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("cnosdb.url=http://127.0.0.1:9", "management.cnosdb.metrics.export.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(CnosMeterRegistry.class));
		assertThat(output).contains("Failed to create CnosDB database 'metrics' for metrics")
			.contains("CnosResourceFailureException");
	}

	@Test
	void invalidValuesFailStartNamingTheProperty() {
		assertInvalid("management.cnosdb.metrics.export.batch-size=0", "management.cnosdb.metrics.export.batch-size");
		assertInvalid("management.cnosdb.metrics.export.database= ", "management.cnosdb.metrics.export.database");
		assertInvalid("management.cnosdb.metrics.export.ttl=0s", "management.cnosdb.metrics.export.ttl");
		assertInvalid("management.cnosdb.metrics.export.step=-1s", "management.cnosdb.metrics.export.step");
		this.contextRunner
			.withPropertyValues("management.cnosdb.metrics.export.enabled=true",
					"management.cnosdb.metrics.export.url=ftp://grafana:s3cret@host")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("management.cnosdb.metrics.export.url")
					.hasMessageNotContaining("s3cret");
			});
	}

	@Test
	void itBacksOffFromARegistryOfTheApplication() {
		CnosMeterRegistry own = CnosMeterRegistry
			.builder((key) -> key.endsWith("createDatabase") || key.endsWith("enabled") ? "false" : null,
					CnosTemplate.builder().url(server.baseUrl()).build())
			.clock(Clock.SYSTEM)
			.build();
		this.contextRunner.withPropertyValues("management.cnosdb.metrics.export.enabled=true")
			.withBean(CnosMeterRegistry.class, () -> own)
			.run((context) -> assertThat(context).getBean(CnosMeterRegistry.class).isSameAs(own));
	}

	private void assertInvalid(String property, String name) {
		this.contextRunner.withPropertyValues("management.cnosdb.metrics.export.enabled=true", property)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining(name);
			});
	}

	private static void stubCreateDatabase() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(CnosServerStub.csv("")));
	}

	@Test
	void exportUrlWithCredentialsFailsStartupWithoutShowingThem() {
		this.contextRunner
			.withPropertyValues("management.cnosdb.metrics.export.enabled=true",
					"management.cnosdb.metrics.export.url=ftp://root:hunter2@cnosdb.example")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(io.cnosdb.autoconfigure.InvalidCnosUrlException.class)
					.hasMessageContaining("management.cnosdb.metrics.export.url")
					.hasMessageContaining("ftp://******@cnosdb.example")
					.hasMessageNotContaining("hunter2");
			});
	}

}
