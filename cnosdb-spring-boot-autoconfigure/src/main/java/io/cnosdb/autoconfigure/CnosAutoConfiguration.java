package io.cnosdb.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;

import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.sql.CnosSql;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for CnosDB: a {@link CnosTemplate} built from the application's
 * {@link RestClient.Builder} (so its customizers, message converters and observation
 * apply), with the {@code cnosdb.*} timeouts on top of the application's HTTP client
 * settings.
 *
 * @author CnosDB Spring Boot contributors
 */
@AutoConfiguration(afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass({ RestClient.class, ClientHttpRequestFactoryBuilder.class })
@EnableConfigurationProperties(CnosProperties.class)
public final class CnosAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(CnosConnectionDetails.class)
	PropertiesCnosConnectionDetails cnosConnectionDetails(CnosProperties properties) {
		return new PropertiesCnosConnectionDetails(properties);
	}

	@Bean
	@ConditionalOnMissingBean(CnosOperations.class)
	CnosTemplate cnosTemplate(CnosConnectionDetails connectionDetails, CnosProperties properties,
			ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ResourceLoader resourceLoader) {
		String url = connectionDetails.getUrl();
		try {
			CnosTemplate.Builder.validateUrl(url);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("cnosdb.url", withoutUserInfo(url), ex.getMessage());
		}
		checkName("cnosdb.tenant", "tenant", properties.getTenant());
		checkName("cnosdb.database", "database", properties.getDatabase());
		DataSize maxRequestSize = properties.getWrite().getMaxRequestSize();
		if (maxRequestSize == null || maxRequestSize.toBytes() < DataSize.ofKilobytes(1).toBytes()
				|| maxRequestSize.toBytes() > DataSize.ofGigabytes(1).toBytes()) {
			throw new InvalidConfigurationPropertyValueException("cnosdb.write.max-request-size", maxRequestSize,
					"must be from 1KB to 1GB (and at most the server's write_sql_limit, 160MB by default)");
		}
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(properties.getConnectTimeout(), properties.getReadTimeout())
			.orElse(httpClientSettings.getIfAvailable());
		ClientHttpRequestFactoryBuilder<?> factoryBuilder = requestFactoryBuilder
			.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader()));
		if (factoryBuilder instanceof JdkClientHttpRequestFactoryBuilder jdk) {
			// CnosDB speaks HTTP/1.1; skip the JDK client's h2c upgrade attempt on every
			// plain-http connection.
			factoryBuilder = jdk.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1));
		}
		RestClient.Builder builder = restClientBuilder.getIfAvailable(RestClient::builder)
			.requestFactory(factoryBuilder.build(settings));
		return CnosTemplate.builder()
			.restClientBuilder(builder)
			.url(url)
			.credentials(connectionDetails.getUser(), connectionDetails.getPassword())
			.tenant(properties.getTenant())
			.database(properties.getDatabase())
			.maxRequestSize(maxRequestSize)
			.gzip(properties.getWrite().isGzip())
			.build();
	}

	private static void checkName(String property, String argument, String name) {
		try {
			CnosSql.checkName(argument, name);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, name, ex.getMessage());
		}
	}

	private static String withoutUserInfo(String url) {
		try {
			URI uri = URI.create(url.strip());
			if (uri.getRawUserInfo() != null) {
				return url.replace(uri.getRawUserInfo(), "******");
			}
		}
		catch (IllegalArgumentException ex) {
			// Not a URI at all: nothing that looks like credentials can be told apart, so
			// show nothing.
			return (url.contains("@")) ? "******" : url;
		}
		return url;
	}

}
