package io.cnosdb.autoconfigure.metrics;

import java.time.Duration;
import java.util.function.Supplier;

import io.cnosdb.autoconfigure.CnosAutoConfiguration;
import io.cnosdb.autoconfigure.CnosConnectionDetails;
import io.cnosdb.autoconfigure.CnosProperties;
import io.cnosdb.autoconfigure.CnosRestClients;
import io.cnosdb.autoconfigure.CnosTemplateBuilderCustomizer;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.micrometer.CnosMeterRegistry;
import io.cnosdb.micrometer.CnosRegistryConfig;
import io.micrometer.core.instrument.Clock;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.ConditionalOnEnabledMetricsExport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for exporting metrics to CnosDB: a {@link CnosMeterRegistry} that
 * joins the application's composite meter registry, when Micrometer and Spring Boot's
 * metrics support ({@code spring-boot-micrometer-metrics}, part of the actuator) are on
 * the classpath and {@code management.cnosdb.metrics.export.enabled=true}. The export is
 * opt-in because the starter is there for the application's own data.
 * <p>
 * The registry writes through a view of the application's {@link CnosOperations}, unless
 * {@code management.cnosdb.metrics.export.url} or one of its timeouts is set: then it
 * gets a {@link CnosTemplate} of its own with the credentials of {@code cnosdb.user} and
 * {@code cnosdb.password}.
 *
 * @author CnosDB Spring Boot contributors
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" },
		after = CnosAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnClass(name = { "io.micrometer.core.instrument.step.StepMeterRegistry",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.ConditionalOnEnabledMetricsExport" })
@ConditionalOnBean(Clock.class)
@ConditionalOnSingleCandidate(CnosOperations.class)
@ConditionalOnBooleanProperty("management.cnosdb.metrics.export.enabled")
@EnableConfigurationProperties({ CnosMetricsExportProperties.class, CnosProperties.class })
public final class CnosMetricsExportAutoConfiguration {

	/**
	 * The beans, in a class of their own: its condition is a class of
	 * {@code spring-boot-micrometer-metrics}, which is only read once the outer class has
	 * found that module on the classpath.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledMetricsExport("cnosdb")
	static final class RegistryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CnosRegistryConfig cnosRegistryConfig(CnosMetricsExportProperties properties) {
			return new CnosPropertiesConfigAdapter(properties);
		}

		@Bean
		@ConditionalOnMissingBean
		CnosMeterRegistry cnosMeterRegistry(CnosRegistryConfig config, Clock clock,
				ObjectProvider<CnosOperations> operations, CnosMetricsExportProperties properties,
				CnosProperties cnosProperties, ObjectProvider<CnosConnectionDetails> connectionDetails,
				ConfigurableListableBeanFactory beanFactory,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
				ObjectProvider<HttpClientSettings> httpClientSettings, ResourceLoader resourceLoader,
				ObjectProvider<CnosTemplateBuilderCustomizer> customizers) {
			// The client is looked up when it is first needed: its RestClient is
			// observed,
			// and the observation registry needs the meter registries first.
			Supplier<CnosOperations> client = () -> {
				if (!properties.needsOwnClient()) {
					return operations.getObject();
				}
				CnosConnectionDetails details = connectionDetails
					.getIfAvailable(() -> propertiesDetails(cnosProperties));
				CnosTemplate.Builder builder = CnosTemplate.builder()
					.restClientBuilder(CnosRestClients.restClientBuilder(beanFactory, requestFactoryBuilder,
							httpClientSettings, resourceLoader.getClassLoader(),
							orElse(properties.getConnectTimeout(), cnosProperties.getConnectTimeout()),
							orElse(properties.getReadTimeout(), cnosProperties.getReadTimeout()),
							details.getSslBundle()))
					.url(details.getUrl())
					.credentials(details.getUser(), details.getPassword())
					.tenant(cnosProperties.getTenant())
					.database(properties.getDatabase())
					.maxRequestSize(cnosProperties.getWrite().getMaxRequestSize())
					.gzip(cnosProperties.getWrite().isGzip());
				customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
				String url = properties.getUrl();
				if (url != null) {
					builder.url(url);
				}
				return builder.build();
			};
			return CnosMeterRegistry.builder(config, client).clock(clock).build();
		}

		/**
		 * Create the database once every singleton exists (the registry's client is only
		 * looked up then).
		 * @param registry the registry
		 * @param config its configuration
		 * @return the callback
		 */
		@Bean
		SmartInitializingSingleton cnosMetricsDatabaseInitializer(ObjectProvider<CnosMeterRegistry> registry,
				CnosRegistryConfig config) {
			return () -> {
				if (config.enabled()) {
					registry.ifAvailable(CnosMeterRegistry::createDatabaseIfNecessary);
				}
			};
		}

		private static Duration orElse(@Nullable Duration value, Duration fallback) {
			return (value != null) ? value : fallback;
		}

		private static CnosConnectionDetails propertiesDetails(CnosProperties properties) {
			return new CnosConnectionDetails() {

				@Override
				public String getUrl() {
					return properties.getUrl();
				}

				@Override
				public String getUser() {
					return properties.getUser();
				}

				@Override
				public String getPassword() {
					return properties.getPassword();
				}

			};
		}

	}

}
