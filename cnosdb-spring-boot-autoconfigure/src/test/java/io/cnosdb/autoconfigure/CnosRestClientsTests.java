package io.cnosdb.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.support.IdleReadTimeoutRequestFactory;
import io.cnosdb.client.support.JdkHttpClientRequestFactory;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.thread.Threading;
import org.springframework.core.Ordered;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@link RestClient} of the auto-configured template
 * ({@link CnosRestClients}): what the application's {@code RestClient.Builder} would
 * carry applies without Spring Boot's builder being created, an application's own builder
 * is used, the HTTP client is built on the first request, and the JDK client sends
 * through the starter's own request factory unless the application customizes its
 * builder.
 */
class CnosRestClientsTests {

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
						RestClientAutoConfiguration.class, CnosAutoConfiguration.class))
		.withPropertyValues("cnosdb.url=" + server.baseUrl());

	@BeforeEach
	void stubQuery() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(CnosServerStub.csv("Int64(1)\n1\n")));
	}

	@Test
	void restClientCustomizersApplyInTheirOrderWithoutCreatingSpringBootsBuilder() {
		this.contextRunner.withBean(BuilderCounter.class, BuilderCounter::new)
			.withBean("second", RestClientCustomizer.class, () -> new HeaderCustomizer(2, "second"))
			.withBean("first", RestClientCustomizer.class, () -> new HeaderCustomizer(1, "first"))
			.run((context) -> {
				assertThat(context.getBean(CnosTemplate.class).queryForObject("SELECT 1", Long.class)).isEqualTo(1L);
				assertThat(onlyQuery().getHeader("X-Customized")).isEqualTo("second");
				assertThat(context.getBean(BuilderCounter.class).builders).hasValue(0);
			});
	}

	@Test
	void springBootsClientObservationApplies() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
					RestClientObservationAutoConfiguration.class))
			.withBean(ObservationRegistry.class, () -> registry)
			.run((context) -> {
				assertThat(context.getBean(CnosTemplate.class).queryForObject("SELECT 1", Long.class)).isEqualTo(1L);
				TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo("http.client.requests")
					.that()
					.hasLowCardinalityKeyValue("method", "POST")
					.hasLowCardinalityKeyValue("status", "200");
				assertThat(onlyQuery().getBodyAsString()).isEqualTo("SELECT 1");
			});
	}

	@Test
	void anApplicationsOwnRestClientBuilderIsUsed() {
		this.contextRunner
			.withBean("myRestClientBuilder", RestClient.Builder.class,
					() -> RestClient.builder().defaultHeader("X-Application", "mine"))
			.withBean(RestClientCustomizer.class, () -> new HeaderCustomizer(1, "customizer"))
			.run((context) -> {
				assertThat(context.getBean(CnosTemplate.class).queryForObject("SELECT 1", Long.class)).isEqualTo(1L);
				LoggedRequest request = onlyQuery();
				assertThat(request.getHeader("X-Application")).isEqualTo("mine");
				// Spring Boot applies the customizers to its own builder only.
				assertThat(request.containsHeader("X-Customized")).isFalse();
				assertThat(request.getHeader("Authorization")).isEqualTo("Basic cm9vdDo=");
			});
	}

	@Test
	void withoutSpringBootsRestClientAutoConfigurationCustomizersDoNotApply() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
					ImperativeHttpClientAutoConfiguration.class, CnosAutoConfiguration.class))
			.withPropertyValues("cnosdb.url=" + server.baseUrl())
			.withBean(RestClientCustomizer.class, () -> new HeaderCustomizer(1, "customizer"))
			.run((context) -> {
				assertThat(context.getBean(CnosTemplate.class).queryForObject("SELECT 1", Long.class)).isEqualTo(1L);
				assertThat(onlyQuery().containsHeader("X-Customized")).isFalse();
			});
	}

	@Test
	void theHttpClientIsBuiltOnTheFirstRequestOnly() {
		AtomicInteger clients = new AtomicInteger();
		this.contextRunner
			.withBean(JdkClientHttpRequestFactoryBuilder.class,
					() -> ClientHttpRequestFactoryBuilder.jdk()
						.withHttpClientCustomizer((builder) -> clients.incrementAndGet()))
			.run((context) -> {
				CnosTemplate template = context.getBean(CnosTemplate.class);
				assertThat(clients).as("after start-up").hasValue(0);
				assertThat(template.queryForObject("SELECT 1", Long.class)).isEqualTo(1L);
				assertThat(template.queryForObject("SELECT 1", Long.class)).isEqualTo(1L);
				assertThat(clients).hasValue(1);
				assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/sql")))).hasSize(2);
			});
	}

	@Test
	void concurrentFirstRequestsBuildOneHttpClient() {
		AtomicInteger clients = new AtomicInteger();
		this.contextRunner
			.withBean(JdkClientHttpRequestFactoryBuilder.class,
					() -> ClientHttpRequestFactoryBuilder.jdk()
						.withHttpClientCustomizer((builder) -> clients.incrementAndGet()))
			.run((context) -> {
				CnosTemplate template = context.getBean(CnosTemplate.class);
				int threads = 8;
				CountDownLatch start = new CountDownLatch(1);
				ExecutorService executor = Executors.newFixedThreadPool(threads);
				try {
					List<Future<Long>> answers = new ArrayList<>();
					for (int i = 0; i < threads; i++) {
						answers.add(executor.submit(() -> {
							start.await();
							return template.queryForObject("SELECT 1", Long.class);
						}));
					}
					start.countDown();
					for (Future<Long> answer : answers) {
						assertThat(answer.get()).isEqualTo(1L);
					}
				}
				finally {
					executor.shutdownNow();
				}
				assertThat(clients).hasValue(1);
				assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/sql")))).hasSize(threads);
			});
	}

	@Test
	void springBootsOwnJdkBuilderWithoutCustomizersSendsThroughTheStartersJdkFactory() {
		this.contextRunner.withPropertyValues("spring.http.clients.imperative.factory=jdk").run((context) -> {
			assertThat(CnosRestClients.isUncustomized(context.getBeanFactory())).isTrue();
			assertThat(delegate(context.getBean(ClientHttpRequestFactoryBuilder.class), true))
				.isInstanceOf(JdkHttpClientRequestFactory.class);
			assertThat(context.getBean(CnosTemplate.class).queryForObject("SELECT 1", Long.class)).isEqualTo(1L);
			assertThat(onlyQuery().getBodyAsString()).isEqualTo("SELECT 1");
		});
	}

	@Test
	void withoutABuilderBeanTheDetectedJdkClientIsUncustomized() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CnosAutoConfiguration.class))
			.withPropertyValues("cnosdb.url=" + server.baseUrl())
			.run((context) -> {
				assertThat(CnosRestClients.isUncustomized(context.getBeanFactory())).isTrue();
				assertThat(context.getBean(CnosTemplate.class).queryForObject("SELECT 1", Long.class)).isEqualTo(1L);
			});
	}

	@Test
	void aBuilderCustomizerKeepsSpringsJdkFactoryWithItsCustomizations() {
		AtomicInteger clients = new AtomicInteger();
		this.contextRunner.withPropertyValues("spring.http.clients.imperative.factory=jdk")
			.withBean(ClientHttpRequestFactoryBuilderCustomizer.class,
					() -> (ClientHttpRequestFactoryBuilderCustomizer<JdkClientHttpRequestFactoryBuilder>) (
							builder) -> builder.withHttpClientCustomizer((client) -> clients.incrementAndGet()))
			.run((context) -> {
				assertThat(CnosRestClients.isUncustomized(context.getBeanFactory())).isFalse();
				assertThat(context.getBean(CnosTemplate.class).queryForObject("SELECT 1", Long.class)).isEqualTo(1L);
				assertThat(clients).hasValue(1);
			});
	}

	@Test
	void anApplicationsOwnBuilderBeanKeepsSpringsJdkFactory() {
		this.contextRunner
			.withBean(JdkClientHttpRequestFactoryBuilder.class, () -> ClientHttpRequestFactoryBuilder.jdk())
			.run((context) -> assertThat(CnosRestClients.isUncustomized(context.getBeanFactory())).isFalse());
		assertThat(delegate(ClientHttpRequestFactoryBuilder.jdk(), false))
			.isInstanceOf(JdkClientHttpRequestFactory.class);
	}

	@Test
	void virtualThreadsKeepSpringBootsJdkFactoryAndItsExecutor() {
		this.contextRunner.withPropertyValues("spring.http.clients.imperative.factory=jdk")
			.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> assertThat(CnosRestClients.isUncustomized(context.getBeanFactory()))
				.isEqualTo(!Threading.VIRTUAL.isActive(context.getEnvironment())));
	}

	private static ClientHttpRequestFactory delegate(ClientHttpRequestFactoryBuilder<?> builder, boolean uncustomized) {
		ClientHttpRequestFactory factory = CnosRestClients.requestFactory(builder, uncustomized,
				HttpClientSettings.defaults(), Duration.ofSeconds(5));
		assertThat(factory).isInstanceOf(IdleReadTimeoutRequestFactory.class);
		return ((IdleReadTimeoutRequestFactory) factory).getDelegate();
	}

	private static LoggedRequest onlyQuery() {
		List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/sql")));
		assertThat(requests).hasSize(1);
		assertThat(requests.get(0).getUrl()).isEqualTo("/api/v1/sql?tenant=cnosdb&db=public");
		return requests.get(0);
	}

	record HeaderCustomizer(int order, String value) implements RestClientCustomizer, Ordered {

		@Override
		public void customize(RestClient.Builder builder) {
			builder.defaultHeader("X-Customized", this.value);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	/** Counts the {@code RestClient.Builder} beans created. */
	static class BuilderCounter implements BeanPostProcessor {

		final AtomicInteger builders = new AtomicInteger();

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof RestClient.Builder) {
				this.builders.incrementAndGet();
			}
			return bean;
		}

	}

}
