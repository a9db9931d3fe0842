package io.cnosdb.autoconfigure;

import java.net.http.HttpClient;
import java.time.Duration;

import io.cnosdb.client.support.IdleReadTimeoutRequestFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The {@link RestClient.Builder} of an auto-configured CnosDB client: the application's
 * builder (its customizers, message converters and observation) with a request factory of
 * the application's HTTP client settings, the CnosDB timeouts and SSL bundle on top, and
 * HTTP/1.1 for the JDK client. With the JDK client the read timeout bounds each wait for
 * data ({@link IdleReadTimeoutRequestFactory}), not the whole answer, so that a long
 * streamed result completes. Shared by the auto-configurations of this module; not API.
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
		ClientHttpRequestFactory factory;
		if (factoryBuilder instanceof JdkClientHttpRequestFactoryBuilder jdk) {
			// CnosDB speaks HTTP/1.1; skip the JDK client's h2c upgrade attempt on every
			// plain-http connection.
			jdk = jdk.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1));
			// The JDK factory's own read timeout bounds the whole exchange and would cut
			// off a long streamed result: bound each wait for data instead.
			Duration idleTimeout = settings.readTimeout();
			factory = (idleTimeout != null)
					? new IdleReadTimeoutRequestFactory(jdk.build(settings.withReadTimeout(null)), idleTimeout)
					: jdk.build(settings);
		}
		else {
			factory = factoryBuilder.build(settings);
		}
		return restClientBuilder.getIfAvailable(RestClient::builder).requestFactory(factory);
	}

}
