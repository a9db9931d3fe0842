package io.cnosdb.autoconfigure;

import java.net.http.HttpClient;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.web.client.RestClient;

/**
 * The {@link RestClient.Builder} of an auto-configured CnosDB client: the application's
 * builder (its customizers, message converters and observation) with a request factory of
 * the application's HTTP client settings, the CnosDB timeouts and SSL bundle on top, and
 * HTTP/1.1 for the JDK client. Shared by the auto-configurations of this module; not API.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosRestClients {

	private CnosRestClients() {
	}

	/**
	 * Build the {@link RestClient.Builder} for a CnosDB client.
	 * @param restClientBuilder the application's builder, if any
	 * @param requestFactoryBuilder the application's request factory builder, if any
	 * @param httpClientSettings the application's HTTP client settings, if any
	 * @param classLoader where to detect an HTTP client library
	 * @param connectTimeout the connect timeout
	 * @param readTimeout the read timeout
	 * @param sslBundle the SSL bundle of this client, or {@code null}
	 * @return a builder with the request factory set
	 */
	public static RestClient.Builder restClientBuilder(ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, @Nullable ClassLoader classLoader,
			Duration connectTimeout, Duration readTimeout, @Nullable SslBundle sslBundle) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(connectTimeout, readTimeout)
			.withSslBundle(sslBundle)
			.orElse(httpClientSettings.getIfAvailable());
		ClientHttpRequestFactoryBuilder<?> factoryBuilder = requestFactoryBuilder
			.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(classLoader));
		if (factoryBuilder instanceof JdkClientHttpRequestFactoryBuilder jdk) {
			// CnosDB speaks HTTP/1.1; skip the JDK client's h2c upgrade attempt on every
			// plain-http connection.
			factoryBuilder = jdk.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1));
		}
		return restClientBuilder.getIfAvailable(RestClient::builder).requestFactory(factoryBuilder.build(settings));
	}

}
