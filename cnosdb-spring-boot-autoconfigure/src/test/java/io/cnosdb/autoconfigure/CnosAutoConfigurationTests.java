package io.cnosdb.autoconfigure;

import java.time.Duration;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosQueryTimeoutException;
import io.cnosdb.client.CnosTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link CnosAutoConfiguration}.
 */
class CnosAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, CnosAutoConfiguration.class));

	@Test
	void defaultsMatchAFreshCnosDbServer() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CnosTemplate.class).hasSingleBean(CnosConnectionDetails.class);
			CnosTemplate template = context.getBean(CnosTemplate.class);
			assertThat(template.getUrl()).isEqualTo("http://localhost:8902");
			assertThat(template.getTenant()).isEqualTo("cnosdb");
			assertThat(template.getDatabase()).isEqualTo("public");
			CnosProperties properties = context.getBean(CnosProperties.class);
			assertThat(properties.getUser()).isEqualTo("root");
			assertThat(properties.getPassword()).isEmpty();
			assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofSeconds(60));
		});
	}

	@Test
	void propertiesAreBound() {
		this.contextRunner
			.withPropertyValues("cnosdb.url=https://cnosdb.example.test:8443/", "cnosdb.user=writer",
					"cnosdb.password=p@ss", "cnosdb.tenant=acme", "cnosdb.database=metrics",
					"cnosdb.connect-timeout=2s", "cnosdb.read-timeout=5m")
			.run((context) -> {
				CnosTemplate template = context.getBean(CnosTemplate.class);
				assertThat(template.getUrl()).isEqualTo("https://cnosdb.example.test:8443");
				assertThat(template.getTenant()).isEqualTo("acme");
				assertThat(template.getDatabase()).isEqualTo("metrics");
				CnosConnectionDetails details = context.getBean(CnosConnectionDetails.class);
				assertThat(details.getUser()).isEqualTo("writer");
				assertThat(details.getPassword()).isEqualTo("p@ss");
				CnosProperties properties = context.getBean(CnosProperties.class);
				assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofMinutes(5));
				assertThat(template.toString()).contains("user=writer").doesNotContain("p@ss");
				assertThat(properties.toString()).doesNotContain("p@ss");
				assertThat(details.toString()).doesNotContain("p@ss");
			});
	}

	@Test
	void userTemplateWins() {
		this.contextRunner.withUserConfiguration(UserTemplateConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(CnosOperations.class);
			assertThat(context.getBean(CnosTemplate.class).getDatabase()).isEqualTo("mine");
		});
	}

	@Test
	void userOperationsBeanWins() {
		this.contextRunner.withBean(CnosOperations.class, () -> mock(CnosOperations.class))
			.run((context) -> assertThat(context).hasSingleBean(CnosOperations.class)
				.doesNotHaveBean(CnosTemplate.class));
	}

	@Test
	void userConnectionDetailsWin() {
		this.contextRunner.withBean(CnosConnectionDetails.class, () -> new CnosConnectionDetails() {

			@Override
			public String getUrl() {
				return "http://127.0.0.1:18902";
			}

			@Override
			public String getUser() {
				return "tc";
			}

			@Override
			public String getPassword() {
				return "secret";
			}

		}).run((context) -> {
			assertThat(context).hasSingleBean(CnosConnectionDetails.class)
				.doesNotHaveBean(PropertiesCnosConnectionDetails.class);
			assertThat(context.getBean(CnosTemplate.class).getUrl()).isEqualTo("http://127.0.0.1:18902");
		});
	}

	@Test
	void restClientCustomizersOfTheApplicationApply() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> assertThat(context.getBean(CustomizerConfiguration.class).customized).isTrue());
	}

	@Test
	void badUrlFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("cnosdb.url=localhost:8902").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cnosdb.url")
				.hasMessageContaining("must start with http:// or https://");
		});
	}

	@Test
	void blankDatabaseFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("cnosdb.database= ").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cnosdb.database")
				.hasMessageContaining("must not be empty");
		});
	}

	@Test
	void urlWithCredentialsFailsStartupWithoutEchoingThem() {
		this.contextRunner.withPropertyValues("cnosdb.url=http://root:hunter2@localhost:8902").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cnosdb.url")
				.hasMessageContaining("must not contain credentials")
				.hasMessageNotContaining("hunter2");
		});
	}

	@Test
	void templateBuilderCustomizersRunInOrderAfterTheProperties() {
		this.contextRunner.withPropertyValues("cnosdb.database=from_properties")
			.withBean("second", CnosTemplateBuilderCustomizer.class, () -> new OrderedCustomizer(2, "second"))
			.withBean("first", CnosTemplateBuilderCustomizer.class, () -> new OrderedCustomizer(1, "first"))
			.run((context) -> assertThat(context.getBean(CnosTemplate.class).getDatabase()).isEqualTo("second"));
	}

	@Test
	void badPropertyFailsWhenBoundEvenWithAnApplicationTemplate() {
		this.contextRunner.withBean(CnosOperations.class, () -> mock(CnosOperations.class))
			.withPropertyValues("cnosdb.write.max-request-size=2GB")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("cnosdb.write.max-request-size")
					.hasMessageContaining("must be from 1KB to 160MB");
			});
	}

	@Test
	void connectionDetailsThatNameTenantAndDatabaseWinOverProperties() {
		this.contextRunner.withPropertyValues("cnosdb.tenant=from_properties", "cnosdb.database=from_properties")
			.withBean(CnosConnectionDetails.class, () -> new CnosConnectionDetails() {

				@Override
				public String getUrl() {
					return "http://127.0.0.1:18902";
				}

				@Override
				public String getUser() {
					return "root";
				}

				@Override
				public String getPassword() {
					return "";
				}

				@Override
				public String getTenant() {
					return "from_details";
				}

			})
			.run((context) -> {
				CnosTemplate template = context.getBean(CnosTemplate.class);
				assertThat(template.getUrl()).isEqualTo("http://127.0.0.1:18902");
				assertThat(template.getTenant()).isEqualTo("from_details");
				assertThat(template.getDatabase()).as("not named by the details").isEqualTo("from_properties");
			});
	}

	@Test
	void unknownSslBundleFailsStartupNamingIt() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration.class))
			.withPropertyValues("cnosdb.ssl.bundle=cnosdb-missing")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("cnosdb-missing");
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "cnosdb.user=a:b|cnosdb.user|must not contain ':'",
			"cnosdb.read-timeout=-5s|cnosdb.read-timeout|must be positive",
			"cnosdb.connect-timeout=0s|cnosdb.connect-timeout|must be positive",
			"cnosdb.write.max-request-size=200MB|cnosdb.write.max-request-size|must be from 1KB to 160MB",
			"cnosdb.write.batch.batch-size=0|cnosdb.write.batch.batch-size|must be positive",
			"cnosdb.write.batch.buffer-limit=10|cnosdb.write.batch.buffer-limit|must be at least the batch size (5000)",
			"cnosdb.write.batch.max-retries=-1|cnosdb.write.batch.max-retries|must not be negative",
			"cnosdb.write.batch.retry-multiplier=0.5|cnosdb.write.batch.retry-multiplier|must be at least 1",
			"cnosdb.write.batch.shutdown-timeout=0s|cnosdb.write.batch.shutdown-timeout|must be positive" })
	void badPropertyFailsStartupNamingItselfAndTheReason(String setting, String property, String reason) {
		this.contextRunner.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Property " + property + " with value")
				.hasMessageContaining(reason);
		});
	}

	@Test
	void noTemplateWithoutRestClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CnosOperations.class));
	}

	@Test
	void noTemplateWithoutBootHttpClientSupport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ClientHttpRequestFactoryBuilder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CnosOperations.class));
	}

	@Test
	void readTimeoutPropertyReachesTheHttpClient() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "application/csv")
			.withHeader("content-encoding", "identity")
			.withHeader("content-length", "11")
			.withBody("Int64(1)\n1\n")
			.withFixedDelay(3000)));
		this.contextRunner.withPropertyValues("cnosdb.url=" + server.baseUrl(), "cnosdb.read-timeout=250ms")
			.run((context) -> assertThatExceptionOfType(CnosQueryTimeoutException.class)
				.isThrownBy(() -> context.getBean(CnosTemplate.class).query("select 1")));
	}

	@Test
	void readTimeoutBoundsEachWaitForDataNotTheWholeStreamedResult() {
		// Eight pieces 300 ms apart: the answer takes twice the read timeout, and each
		// wait a fifth of it (a margin for a loaded machine).
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "application/csv")
			.withHeader("content-encoding", "identity")
			.withBody("n\n1\n2\n3\n4\n5\n6\n7\n8\n")
			.withChunkedDribbleDelay(8, 2400)));
		this.contextRunner.withPropertyValues("cnosdb.url=" + server.baseUrl(), "cnosdb.read-timeout=1200ms")
			.run((context) -> {
				try (Stream<Long> rows = context.getBean(CnosTemplate.class)
					.queryForStream("SELECT n FROM t", (row, rowNum) -> row.getLong("n"))) {
					assertThat(rows).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
				}
				LoggedRequest request = server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/sql"))).get(0);
				assertThat(request.getUrl()).isEqualTo("/api/v1/sql?tenant=cnosdb&db=public&chunked=true");
				assertThat(request.getBodyAsString()).isEqualTo("SELECT n FROM t");
			});
	}

	@Test
	void autoConfiguredTemplateSpeaksPlainHttp11WithCredentialsAndUserAgent() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "application/csv")
			.withHeader("content-encoding", "identity")
			.withHeader("content-length", "11")
			.withBody("Int64(1)\n1\n")));
		this.contextRunner
			.withPropertyValues("cnosdb.url=" + server.baseUrl(), "cnosdb.user=app", "cnosdb.password=pw",
					"cnosdb.tenant=acme", "cnosdb.database=metrics")
			.run((context) -> {
				assertThat(context.getBean(CnosTemplate.class).queryForObject("select 1", Long.class)).isEqualTo(1L);
				LoggedRequest request = server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/sql"))).get(0);
				assertThat(request.getUrl()).isEqualTo("/api/v1/sql?tenant=acme&db=metrics");
				assertThat(request.getHeader("Authorization")).isEqualTo("Basic YXBwOnB3");
				assertThat(request.getHeader("User-Agent")).startsWith("cnosdb-spring-boot-starter/");
				assertThat(request.containsHeader("Upgrade")).isFalse();
				assertThat(request.getHeaders().getHeader("Accept-Encoding").values()).containsExactly("identity");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplateConfiguration {

		@Bean
		CnosTemplate myTemplate() {
			return CnosTemplate.builder().database("mine").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		boolean customized;

		@Bean
		RestClientCustomizer recordingCustomizer() {
			return (builder) -> this.customized = true;
		}

	}

	record OrderedCustomizer(int order,
			String database) implements CnosTemplateBuilderCustomizer, org.springframework.core.Ordered {

		@Override
		public void customize(CnosTemplate.Builder builder) {
			builder.database(this.database);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
