package io.cnosdb.client.support;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.mock.http.client.MockClientHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link IdleReadTimeoutRequestFactory} given its delegate as a supplier: the
 * delegate is created on the first request, once.
 */
class IdleReadTimeoutRequestFactoryTests {

	private static final URI URL = URI.create("http://127.0.0.1:8902/api/v1/ping");

	@Test
	void aSuppliedDelegateIsCreatedOnTheFirstRequestOnce() throws IOException {
		AtomicInteger created = new AtomicInteger();
		AtomicInteger requests = new AtomicInteger();
		IdleReadTimeoutRequestFactory factory = new IdleReadTimeoutRequestFactory(() -> {
			created.incrementAndGet();
			return counting(requests);
		}, Duration.ofSeconds(1));
		assertThat(created).hasValue(0);
		ClientHttpRequest first = factory.createRequest(URL, HttpMethod.GET);
		factory.createRequest(URL, HttpMethod.GET);
		assertThat(created).hasValue(1);
		assertThat(requests).hasValue(2);
		assertThat(first.getURI()).isEqualTo(URL);
		assertThat(first.getMethod()).isEqualTo(HttpMethod.GET);
		assertThat(factory.getDelegate()).isSameAs(factory.getDelegate());
		assertThat(created).hasValue(1);
	}

	@Test
	void aDelegateThatCannotBeCreatedFailsThatRequestAndIsTriedAgain() throws IOException {
		AtomicInteger attempts = new AtomicInteger();
		IdleReadTimeoutRequestFactory factory = new IdleReadTimeoutRequestFactory(() -> {
			if (attempts.incrementAndGet() == 1) {
				throw new IllegalStateException("no client yet");
			}
			return counting(new AtomicInteger());
		}, Duration.ofSeconds(1));
		assertThatIllegalStateException().isThrownBy(() -> factory.createRequest(URL, HttpMethod.GET))
			.withMessage("no client yet");
		assertThat(factory.createRequest(URL, HttpMethod.GET).getURI()).isEqualTo(URL);
		assertThat(attempts).hasValue(2);
	}

	private static ClientHttpRequestFactory counting(AtomicInteger requests) {
		return (uri, method) -> {
			requests.incrementAndGet();
			return new MockClientHttpRequest(method, uri);
		};
	}

}
