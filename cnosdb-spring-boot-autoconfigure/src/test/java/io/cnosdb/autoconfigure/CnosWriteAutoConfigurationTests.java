package io.cnosdb.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.WriteStubs;
import io.cnosdb.client.batch.CnosBatchWriter;
import io.cnosdb.client.batch.CnosBatchWriterMetrics;
import io.cnosdb.client.batch.OverflowPolicy;
import io.cnosdb.client.batch.WriteFailure;
import io.cnosdb.client.batch.WriteFailureListener;
import io.cnosdb.client.csv.CnosCsvImporter;
import io.cnosdb.client.write.Point;
import io.cnosdb.client.write.WritePrecision;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.WriteStubs.WRITE_PATH;
import static io.cnosdb.client.WriteStubs.writeOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the write side of the auto-configuration: the {@code cnosdb.write.*}
 * properties, {@link CnosWriteAutoConfiguration} and
 * {@link CnosWriteMetricsAutoConfiguration}.
 */
class CnosWriteAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, CnosAutoConfiguration.class, CnosWriteAutoConfiguration.class,
					CnosWriteMetricsAutoConfiguration.class));

	@Test
	void severalClientsLeaveTheWritersToTheApplication() {
		this.contextRunner.withPropertyValues("cnosdb.write.batch.enabled=true")
			.withBean("metrics", io.cnosdb.client.CnosTemplate.class,
					() -> io.cnosdb.client.CnosTemplate.builder().database("metrics").build())
			.withBean("events", io.cnosdb.client.CnosTemplate.class,
					() -> io.cnosdb.client.CnosTemplate.builder().database("events").build())
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CnosCsvImporter.class)
				.doesNotHaveBean(CnosBatchWriter.class));
	}

	@Test
	void writesDefaultToEightMegabyteRequestsWithoutGzip() {
		this.contextRunner.run((context) -> {
			CnosTemplate template = context.getBean(CnosTemplate.class);
			assertThat(template.getMaxRequestSize()).isEqualTo(8L * 1024 * 1024);
			assertThat(template.isGzip()).isFalse();
		});
	}

	@Test
	void writePropertiesAreBound() {
		this.contextRunner.withPropertyValues("cnosdb.write.gzip=true", "cnosdb.write.max-request-size=2MB")
			.run((context) -> {
				CnosTemplate template = context.getBean(CnosTemplate.class);
				assertThat(template.getMaxRequestSize()).isEqualTo(2L * 1024 * 1024);
				assertThat(template.isGzip()).isTrue();
			});
	}

	@Test
	void maxRequestSizeOutsideItsRangeIsAPropertyError() {
		this.contextRunner.withPropertyValues("cnosdb.write.max-request-size=10B").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cnosdb.write.max-request-size")
				.hasMessageContaining("must be from 1KB to 160MB");
		});
	}

	@Test
	void csvImporterIsAvailable() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(CnosCsvImporter.class));
	}

	@Test
	void batchWriterIsOffByDefault() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(CnosBatchWriter.class)
			.doesNotHaveBean(CnosBatchWriterMetrics.class));
	}

	@Test
	void batchPropertiesHaveTheDocumentedDefaults() {
		this.contextRunner.run((context) -> {
			CnosProperties.Batch batch = context.getBean(CnosProperties.class).getWrite().getBatch();
			assertThat(batch.isEnabled()).isFalse();
			assertThat(batch.getBatchSize()).isEqualTo(5000);
			assertThat(batch.getFlushInterval()).isEqualTo(Duration.ofSeconds(1));
			assertThat(batch.getBufferLimit()).isEqualTo(50_000);
			assertThat(batch.getOverflowPolicy()).isEqualTo(OverflowPolicy.BLOCK);
			assertThat(batch.getBlockTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(batch.getPrecision()).isEqualTo(WritePrecision.NS);
			assertThat(batch.getMaxRetries()).isEqualTo(5);
			assertThat(batch.getRetryInterval()).isEqualTo(Duration.ofSeconds(1));
			assertThat(batch.getRetryMultiplier()).isEqualTo(2.0);
			assertThat(batch.getMaxRetryDelay()).isEqualTo(Duration.ofSeconds(30));
			assertThat(batch.getRetryJitter()).isEqualTo(Duration.ofMillis(200));
			assertThat(batch.getMaxRetryTime()).isEqualTo(Duration.ofMinutes(2));
			assertThat(batch.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
		});
	}

	@Test
	void enabledBatchWriterUsesTheBatchPropertiesAndWritesThroughTheTemplate() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.contextRunner
			.withPropertyValues("cnosdb.url=" + server.baseUrl(), "cnosdb.database=metrics",
					"cnosdb.write.batch.enabled=true", "cnosdb.write.batch.batch-size=2",
					"cnosdb.write.batch.flush-interval=1h", "cnosdb.write.batch.precision=ms",
					"cnosdb.write.batch.overflow-policy=fail")
			.run((context) -> {
				assertThat(context).hasSingleBean(CnosBatchWriter.class).hasSingleBean(CnosBatchWriterMetrics.class);
				assertThat(context.getBean(CnosProperties.class).getWrite().getBatch().getOverflowPolicy())
					.isEqualTo(OverflowPolicy.FAIL);
				CnosBatchWriter writer = context.getBean(CnosBatchWriter.class);
				assertThat(writer.isRunning()).isTrue();
				writer.writeLines("m v=1 1700000000001\nm v=2 1700000000002").get(10, TimeUnit.SECONDS);
				WriteStubs.assertWriteRequest(CnosServerStub.onlyRequest(server),
						"tenant=cnosdb&db=metrics&precision=ms", "m v=1 1700000000001\nm v=2 1700000000002\n");
			});
	}

	@Test
	void failureListenerBeansAreRegisteredOnTheWriter() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(CnosServerStub.error(422, WriteStubs.PARSE_ERROR)));
		this.contextRunner.withUserConfiguration(ListenerConfiguration.class)
			.withPropertyValues("cnosdb.url=" + server.baseUrl(), "cnosdb.write.batch.enabled=true")
			.run((context) -> {
				CnosBatchWriter writer = context.getBean(CnosBatchWriter.class);
				writer.writePoint(Point.measurement("m").field("v", 1L).build());
				writer.flush();
				assertThat(context.getBean(ListenerConfiguration.class).failures).singleElement()
					.satisfies((failure) -> assertThat(failure.points()).hasSize(1));
			});
	}

	@Test
	void closingTheContextFlushesTheBatchWriter() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		List<CnosBatchWriter> writers = new ArrayList<>();
		this.contextRunner
			.withPropertyValues("cnosdb.url=" + server.baseUrl(), "cnosdb.write.batch.enabled=true",
					"cnosdb.write.batch.flush-interval=1h")
			.run((context) -> {
				CnosBatchWriter writer = context.getBean(CnosBatchWriter.class);
				writers.add(writer);
				writer.writePoint(Point.measurement("m").field("v", 1L).build());
				assertThat(server.getAllServeEvents()).isEmpty();
			});
		assertThat(writers).singleElement().satisfies((writer) -> assertThat(writer.isRunning()).isFalse());
		WriteStubs.assertWriteRequest(CnosServerStub.onlyRequest(server), "tenant=cnosdb&db=public&precision=ns",
				"m v=1i\n");
	}

	@Test
	void userDefinedBatchWriterWins() {
		this.contextRunner.withUserConfiguration(UserWriterConfiguration.class)
			.withPropertyValues("cnosdb.write.batch.enabled=true")
			.run((context) -> assertThat(context).getBean(CnosBatchWriter.class)
				.isSameAs(context.getBean(UserWriterConfiguration.class).writer));
	}

	@Test
	void metricsNeedMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.withPropertyValues("cnosdb.write.batch.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(CnosBatchWriter.class)
				.doesNotHaveBean(CnosBatchWriterMetrics.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerConfiguration {

		final List<WriteFailure> failures = new ArrayList<>();

		@Bean
		WriteFailureListener collectingListener() {
			return this.failures::add;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserWriterConfiguration {

		CnosBatchWriter writer;

		@Bean
		CnosBatchWriter myWriter(CnosOperations operations) {
			this.writer = CnosBatchWriter.builder(operations).build();
			return this.writer;
		}

	}

}
