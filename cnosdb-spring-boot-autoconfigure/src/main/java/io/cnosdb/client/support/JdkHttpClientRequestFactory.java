package io.cnosdb.client.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.AbstractStreamingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;
import org.springframework.util.StreamUtils;

/**
 * Sends requests with the JDK {@link HttpClient}'s blocking {@code send}, on the calling
 * thread, with bodies that are in memory: the client the starter builds for itself.
 * <p>
 * Spring's {@code JdkClientHttpRequestFactory} is made for bodies of any size: it writes
 * each body on a thread of an executor into a publisher, copying it into buffers, and
 * waits for the JDK client's asynchronous {@code sendAsync}, whose answer the JDK hands
 * to the common pool, or on a machine of two processors or fewer to a new thread for
 * every request. The starter's bodies (SQL, a batch of lines, a part of a CSV file) are
 * already in memory: here a {@link ByteArrayBody} is sent as slices of its array, without
 * a copy and without another thread; any other body is first written into an array on the
 * calling thread.
 * <p>
 * The factory has no read timeout of its own: wrap it in an
 * {@link IdleReadTimeoutRequestFactory}. An interrupt of the sending thread makes the JDK
 * client abandon the exchange (and its connection).
 *
 * @author CnosDB Spring Boot contributors
 */
public final class JdkHttpClientRequestFactory implements ClientHttpRequestFactory {

	/** Headers the JDK client sets itself and refuses from the caller. */
	private static final Set<String> DISALLOWED_HEADERS = disallowedHeaders();

	private final HttpClient httpClient;

	/**
	 * Send requests with a JDK client.
	 * @param httpClient the client
	 */
	public JdkHttpClientRequestFactory(HttpClient httpClient) {
		Assert.notNull(httpClient, "'httpClient' must not be null");
		this.httpClient = httpClient;
	}

	private static Set<String> disallowedHeaders() {
		Set<String> headers = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		headers.addAll(Set.of("connection", "content-length", "expect", "host", "upgrade"));
		return headers;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new Request(this.httpClient, uri, httpMethod);
	}

	private static final class Request extends AbstractStreamingClientHttpRequest {

		private final HttpClient httpClient;

		private final URI uri;

		private final HttpMethod method;

		Request(HttpClient httpClient, URI uri, HttpMethod method) {
			this.httpClient = httpClient;
			this.uri = uri;
			this.method = method;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		protected ClientHttpResponse executeInternal(HttpHeaders headers,
				StreamingHttpOutputMessage.@Nullable Body body) throws IOException {
			HttpRequest.Builder request = HttpRequest.newBuilder(this.uri);
			headers.forEach((name, values) -> {
				if (!DISALLOWED_HEADERS.contains(name)) {
					for (String value : values) {
						request.header(name, value);
					}
				}
			});
			request.method(this.method.name(), publisher(headers, body));
			try {
				return new Response(this.httpClient.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
			}
			catch (InterruptedException ex) {
				// The JDK client has abandoned the exchange.
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while waiting for the answer", ex);
			}
		}

		private static HttpRequest.BodyPublisher publisher(HttpHeaders headers,
				StreamingHttpOutputMessage.@Nullable Body body) throws IOException {
			if (body == null) {
				return HttpRequest.BodyPublishers.noBody();
			}
			ByteArrayBody bytes = (body instanceof ByteArrayBody inMemory) ? inMemory : written(headers, body);
			if (bytes.length() == 0) {
				return HttpRequest.BodyPublishers.noBody();
			}
			return HttpRequest.BodyPublishers.fromPublisher(new Slices(bytes), bytes.length());
		}

		private static ByteArrayBody written(HttpHeaders headers, StreamingHttpOutputMessage.Body body)
				throws IOException {
			long contentLength = headers.getContentLength();
			ByteArrayOutputStream out = new ByteArrayOutputStream(
					(contentLength >= 0 && contentLength <= Integer.MAX_VALUE - 8) ? (int) contentLength : 256);
			body.writeTo(out);
			return ByteArrayBody.capture(out::writeTo);
		}

	}

	/**
	 * The bytes of a body as read-only slices of its array, as many as the JDK client
	 * asks for.
	 */
	private static final class Slices implements Flow.Publisher<ByteBuffer> {

		private final ByteArrayBody body;

		Slices(ByteArrayBody body) {
			this.body = body;
		}

		@Override
		public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
			subscriber.onSubscribe(new SliceSubscription(subscriber, this.body));
		}

	}

	private static final class SliceSubscription implements Flow.Subscription {

		private final Flow.Subscriber<? super ByteBuffer> subscriber;

		private final byte[] array;

		private final int end;

		private final AtomicLong demand = new AtomicLong();

		/** Guards the emitting loop against re-entry and concurrent requests. */
		private final AtomicInteger work = new AtomicInteger();

		private volatile boolean cancelled;

		/** Only read and written inside the emitting loop. */
		private int position;

		/** Only read and written inside the emitting loop. */
		private boolean done;

		SliceSubscription(Flow.Subscriber<? super ByteBuffer> subscriber, ByteArrayBody body) {
			this.subscriber = subscriber;
			this.array = body.array();
			this.position = body.offset();
			this.end = body.offset() + body.length();
		}

		@Override
		public void request(long n) {
			if (n <= 0) {
				if (!this.cancelled) {
					this.cancelled = true;
					this.subscriber.onError(new IllegalArgumentException("non-positive request: " + n));
				}
				return;
			}
			this.demand.getAndAccumulate(n, (current, added) -> {
				long sum = current + added;
				return (sum < 0) ? Long.MAX_VALUE : sum;
			});
			emit();
		}

		@Override
		public void cancel() {
			this.cancelled = true;
		}

		private void emit() {
			if (this.work.getAndIncrement() != 0) {
				return;
			}
			int missed = 1;
			do {
				long requested = this.demand.get();
				long emitted = 0;
				while (emitted != requested && !this.cancelled && this.position < this.end) {
					int length = Math.min(ByteArrayBody.SLICE, this.end - this.position);
					ByteBuffer slice = ByteBuffer.wrap(this.array, this.position, length).slice().asReadOnlyBuffer();
					this.position += length;
					emitted++;
					this.subscriber.onNext(slice);
				}
				if (emitted != 0) {
					this.demand.addAndGet(-emitted);
				}
				if (!this.cancelled && !this.done && this.position >= this.end) {
					this.done = true;
					this.subscriber.onComplete();
				}
				missed = this.work.addAndGet(-missed);
			}
			while (missed != 0);
		}

	}

	/**
	 * The JDK client's answer; closing it reads what is left of the body (so that the
	 * connection can be used again) and closes it, as Spring's does.
	 */
	private static final class Response implements ClientHttpResponse {

		private final HttpResponse<InputStream> response;

		private final HttpHeaders headers;

		Response(HttpResponse<InputStream> response) {
			this.response = response;
			HttpHeaders headers = new HttpHeaders();
			response.headers().map().forEach(headers::put);
			this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatusCode.valueOf(this.response.statusCode());
		}

		@Override
		public String getStatusText() {
			HttpStatus status = HttpStatus.resolve(this.response.statusCode());
			return (status != null) ? status.getReasonPhrase() : "";
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public InputStream getBody() {
			return this.response.body();
		}

		@Override
		public void close() {
			InputStream body = this.response.body();
			try {
				try {
					StreamUtils.drain(body);
				}
				finally {
					body.close();
				}
			}
			catch (IOException ex) {
				// Nothing more to read.
			}
		}

	}

}
