package io.cnosdb.autoconfigure;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Consumer;

import io.cnosdb.client.support.IdleReadTimeoutRequestFactory;
import io.cnosdb.client.support.JdkHttpClientRequestFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkHttpClientBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.core.type.MethodMetadata;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

/**
 * The {@link RestClient.Builder} of an auto-configured CnosDB client: what the
 * application's builder would carry (its {@code RestClientCustomizer} beans, such as
 * Spring Boot's message converters and observation) with a request factory of the
 * application's HTTP client settings, the CnosDB timeouts and SSL bundle on top, and
 * HTTP/1.1 for the JDK client. With the JDK client the read timeout bounds each wait for
 * data ({@link IdleReadTimeoutRequestFactory}), not the whole answer, so that a long
 * streamed result completes, and the JDK {@link HttpClient} is only built on the first
 * request. Shared by the auto-configurations of this module; not API.
 * <p>
 * Spring Boot's own {@code RestClient.Builder} bean is not asked for: each one comes with
 * a request factory of its own (for the JDK client, an {@link HttpClient} and the JVM's
 * default TLS context) that the CnosDB client would replace at once. Instead the builder
 * starts from {@link RestClient#builder()} and gets the application's
 * {@code RestClientCustomizer} beans in their order, as Spring Boot's builder does. A
 * {@code RestClient.Builder} bean that the application defines itself is used as it is.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosRestClients {

	private static final String BOOT_REST_CLIENT_AUTO_CONFIGURATION = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration";

	private static final String REST_CLIENT_CUSTOMIZER = "org.springframework.boot.restclient.RestClientCustomizer";

	private static final String BOOT_HTTP_CLIENT_AUTO_CONFIGURATION = "org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration";

	private CnosRestClients() {
	}

	/**
	 * Build the {@link RestClient.Builder} for a CnosDB client.
	 * @param beanFactory the application's bean factory, for its
	 * {@code RestClient.Builder} or {@code RestClientCustomizer} beans
	 * @param requestFactoryBuilder the application's request factory builder, if any
	 * @param httpClientSettings the application's HTTP client settings, if any
	 * @param classLoader where to detect an HTTP client library
	 * @param connectTimeout the connect timeout
	 * @param readTimeout the read timeout
	 * @param sslBundle the SSL bundle of this client, or {@code null}
	 * @return a builder with the request factory set
	 * @throws IllegalStateException if the SSL bundle cannot make an SSL context
	 */
	public static RestClient.Builder restClientBuilder(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, @Nullable ClassLoader classLoader,
			Duration connectTimeout, Duration readTimeout, @Nullable SslBundle sslBundle) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(connectTimeout, readTimeout)
			.withSslBundle(sslBundle)
			.orElse(httpClientSettings.getIfAvailable());
		ClientHttpRequestFactoryBuilder<?> factoryBuilder = requestFactoryBuilder
			.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(classLoader));
		return builder(beanFactory, classLoader)
			.requestFactory(requestFactory(factoryBuilder, isUncustomized(beanFactory), settings, readTimeout));
	}

	/**
	 * The request factory of the CnosDB client.
	 * @param factoryBuilder the application's request factory builder
	 * @param uncustomized whether the builder is Spring Boot's own, or detected, with no
	 * customizer: only its settings apply
	 * @param settings the HTTP client settings
	 * @param readTimeout the read timeout
	 * @return the request factory
	 */
	static ClientHttpRequestFactory requestFactory(ClientHttpRequestFactoryBuilder<?> factoryBuilder,
			boolean uncustomized, HttpClientSettings settings, Duration readTimeout) {
		if (!(factoryBuilder instanceof JdkClientHttpRequestFactoryBuilder jdk)) {
			return factoryBuilder.build(settings);
		}
		// CnosDB speaks HTTP/1.1; skip the JDK client's h2c upgrade attempt on every
		// plain-http connection.
		Consumer<HttpClient.Builder> http11 = (client) -> client.version(HttpClient.Version.HTTP_1_1);
		// The client is built on the first request, but a bundle that cannot make an SSL
		// context still fails start-up, as it did when the client was built here.
		SslBundle sslBundle = settings.sslBundle();
		if (sslBundle != null) {
			sslBundle.createSslContext();
		}
		// The JDK factory's own read timeout bounds the whole exchange and would cut off
		// a long streamed result: bound each wait for data instead.
		HttpClientSettings withoutReadTimeout = settings.withReadTimeout(null);
		if (uncustomized) {
			// Only the settings apply: the same JDK client, from Spring Boot's builder of
			// it, sending on the calling thread with bodies as they are in memory instead
			// of through Spring's JDK factory.
			JdkHttpClientBuilder client = new JdkHttpClientBuilder().withCustomizer(http11);
			return new IdleReadTimeoutRequestFactory(
					() -> new JdkHttpClientRequestFactory(client.build(withoutReadTimeout)), readTimeout);
		}
		JdkClientHttpRequestFactoryBuilder customized = jdk.withHttpClientCustomizer(http11);
		return new IdleReadTimeoutRequestFactory(() -> customized.build(withoutReadTimeout), readTimeout);
	}

	/**
	 * Whether the application's request factory builder is the one Spring Boot makes of
	 * its {@code spring.http.clients.imperative.*} properties (or none, so that it is
	 * detected) and no {@code ClientHttpRequestFactoryBuilderCustomizer} changes it, and
	 * virtual threads are off (Spring Boot then gives the JDK client an executor of
	 * virtual threads).
	 */
	static boolean isUncustomized(ConfigurableListableBeanFactory beanFactory) {
		String[] builders = beanFactory.getBeanNamesForType(ClientHttpRequestFactoryBuilder.class, true, false);
		if (builders.length > 1 || (builders.length == 1
				&& !isDeclaredBy(beanFactory, builders[0], BOOT_HTTP_CLIENT_AUTO_CONFIGURATION))) {
			return false;
		}
		if (beanFactory.getBeanNamesForType(ClientHttpRequestFactoryBuilderCustomizer.class, true, false).length > 0) {
			return false;
		}
		return !Threading.VIRTUAL.isActive(beanFactory.getBean(Environment.class));
	}

	/**
	 * The builder to start from: the application's own {@code RestClient.Builder} bean if
	 * it defines one; else, when Spring Boot's is there, a new builder with the
	 * customizers Spring Boot's would have; else a new builder.
	 */
	private static RestClient.Builder builder(ConfigurableListableBeanFactory beanFactory,
			@Nullable ClassLoader classLoader) {
		boolean boots = false;
		for (String name : beanFactory.getBeanNamesForType(RestClient.Builder.class, true, false)) {
			if (!isBootsBuilder(beanFactory, name)) {
				return beanFactory.getBeanProvider(RestClient.Builder.class).getIfAvailable(RestClient::builder);
			}
			boots = true;
		}
		// The CnosDB client streams bodies itself and never converts them: one converter
		// instead of the defaults (a JSON mapper of its own, and more); Spring Boot's
		// customizer adds the application's converters to it.
		RestClient.Builder builder = RestClient.builder()
			.configureMessageConverters(
					(converters) -> converters.addCustomConverter(new ByteArrayHttpMessageConverter()));
		if (boots && ClassUtils.isPresent(REST_CLIENT_CUSTOMIZER, classLoader)) {
			Customizers.apply(beanFactory, builder);
		}
		return builder;
	}

	private static boolean isBootsBuilder(ConfigurableListableBeanFactory beanFactory, String name) {
		return isDeclaredBy(beanFactory, name, BOOT_REST_CLIENT_AUTO_CONFIGURATION);
	}

	/** Whether a bean is made by a {@code @Bean} method of the named class. */
	private static boolean isDeclaredBy(ConfigurableListableBeanFactory beanFactory, String name,
			String configurationClass) {
		if (!beanFactory.containsBeanDefinition(name)) {
			return false;
		}
		BeanDefinition definition = beanFactory.getBeanDefinition(name);
		MethodMetadata factoryMethod = (definition instanceof AnnotatedBeanDefinition annotated)
				? annotated.getFactoryMethodMetadata() : null;
		return factoryMethod != null && configurationClass.equals(factoryMethod.getDeclaringClassName());
	}

	/**
	 * Applies the {@code RestClientCustomizer} beans; a class of its own so that the type
	 * is only loaded when {@code spring-boot-restclient} is there.
	 */
	private static final class Customizers {

		static void apply(ConfigurableListableBeanFactory beanFactory, RestClient.Builder builder) {
			beanFactory.getBeanProvider(RestClientCustomizer.class)
				.orderedStream()
				.forEach((customizer) -> customizer.customize(builder));
		}

	}

}
