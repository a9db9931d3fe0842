package io.cnosdb.autoconfigure;

import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosTemplate;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.client.RestClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for CnosDB: a {@link CnosTemplate} whose {@link RestClient} carries
 * what the application's {@link RestClient.Builder} would (its
 * {@code RestClientCustomizer} beans, so Spring Boot's message converters and observation
 * apply; see {@link CnosRestClients}), with the {@code cnosdb.*} timeouts on top of the
 * application's HTTP client settings and the application's {@link ObservationRegistry},
 * then {@link CnosTemplateBuilderCustomizer} beans. The properties check their own values
 * when they are bound.
 *
 * @author CnosDB Spring Boot contributors
 */
@AutoConfiguration(afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass({ RestClient.class, ClientHttpRequestFactoryBuilder.class })
@EnableConfigurationProperties(CnosProperties.class)
public final class CnosAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(CnosConnectionDetails.class)
	PropertiesCnosConnectionDetails cnosConnectionDetails(CnosProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		return new PropertiesCnosConnectionDetails(properties, sslBundles.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean(CnosOperations.class)
	CnosTemplate cnosTemplate(CnosConnectionDetails connectionDetails, CnosProperties properties,
			ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ResourceLoader resourceLoader,
			ObjectProvider<CnosTemplateBuilderCustomizer> customizers,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		CnosTemplate.Builder builder = CnosTemplate.builder()
			.restClientBuilder(CnosRestClients.restClientBuilder(beanFactory, requestFactoryBuilder, httpClientSettings,
					resourceLoader.getClassLoader(), properties.getConnectTimeout(), properties.getReadTimeout(),
					connectionDetails.getSslBundle()))
			.urls(connectionDetails.getUrls())
			.failoverCoolDown(properties.getFailover().getCoolDown())
			.credentials(connectionDetails.getUser(), connectionDetails.getPassword())
			.tenant(orElse(connectionDetails.getTenant(), properties.getTenant()))
			.database(orElse(connectionDetails.getDatabase(), properties.getDatabase()))
			.maxRequestSize(properties.getWrite().getMaxRequestSize())
			.gzip(properties.getWrite().isGzip())
			.observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	private static String orElse(@Nullable String value, String fallback) {
		return (value != null) ? value : fallback;
	}

}
