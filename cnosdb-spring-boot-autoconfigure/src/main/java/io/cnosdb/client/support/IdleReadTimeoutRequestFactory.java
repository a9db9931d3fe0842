package io.cnosdb.client.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * A read timeout that bounds each wait for data, not the whole exchange: the wait for the
 * answer's status and headers, and then each read of its body. A streamed result of any
 * length completes as long as data keeps coming.
 * <p>
 * For a delegate without a read timeout of its own, such as Spring's
 * {@code JdkClientHttpRequestFactory}, whose read timeout bounds the whole exchange and
 * would cut off a long streamed result. When the answer does not start in time, the
 * waiting thread is interrupted (the JDK client then abandons the exchange) and the
 * interrupt is cleared again; when a body read waits too long, the body is closed. Both
 * are reported as an {@link HttpTimeoutException}. One daemon thread, started with the
 * first exchange, checks the waits of every exchange a few times per timeout.
 * <p>
 * The delegate can be given as a {@link Supplier}: it is then created on the first
 * request, once, so that an application that has not talked to CnosDB yet has not built
 * an HTTP client (for the JDK client: nor the JVM's default TLS context).
 *
 * @author CnosDB Spring Boot contributors
 */
public final class IdleReadTimeoutRequestFactory implements ClientHttpRequestFactory {

	private final SingletonSupplier<ClientHttpRequestFactory> delegate;

	private final long timeoutNanos;

	private final long checkNanos;

	/**
	 * Wrap a request factory that has no read timeout of its own.
	 * @param delegate the factory that sends the requests
	 * @param readTimeout the longest wait for the answer to start and for each read of
	 * its body
	 */
	public IdleReadTimeoutRequestFactory(ClientHttpRequestFactory delegate, Duration readTimeout) {
		Assert.notNull(delegate, "'delegate' must not be null");
		this.delegate = SingletonSupplier.of(delegate);
		this.timeoutNanos = positiveNanos(readTimeout);
		this.checkNanos = checkNanos(this.timeoutNanos);
	}

	/**
	 * Wrap a request factory that has no read timeout of its own and is created on the
	 * first request (once, also when several threads send the first requests together).
	 * When creating it fails, that request fails and the next one tries again.
	 * @param delegate creates the factory that sends the requests; must not return
	 * {@code null}
	 * @param readTimeout the longest wait for the answer to start and for each read of
	 * its body
	 */
	public IdleReadTimeoutRequestFactory(Supplier<? extends ClientHttpRequestFactory> delegate, Duration readTimeout) {
		Assert.notNull(delegate, "'delegate' must not be null");
		this.delegate = SingletonSupplier.of(delegate::get);
		this.timeoutNanos = positiveNanos(readTimeout);
		this.checkNanos = checkNanos(this.timeoutNanos);
	}

	private static long positiveNanos(Duration readTimeout) {
		Assert.isTrue(readTimeout != null && !readTimeout.isNegative() && !readTimeout.isZero(),
				"'readTimeout' must be positive");
		return readTimeout.toNanos();
	}

	private static long checkNanos(long timeoutNanos) {
		return Math.max(TimeUnit.MILLISECONDS.toNanos(5), timeoutNanos / 10);
	}

	/**
	 * Return the factory that sends the requests, creating it if it was given as a
	 * {@link Supplier} and no request has created it yet.
	 * @return the delegate
	 */
	public ClientHttpRequestFactory getDelegate() {
		return this.delegate.obtain();
	}

	/**
	 * Return the read timeout.
	 * @return the longest wait for data
	 */
	public Duration getReadTimeout() {
		return Duration.ofNanos(this.timeoutNanos);
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		return new Request(getDelegate().createRequest(uri, httpMethod));
	}

	private HttpTimeoutException timeout(String what, IOException cause) {
		HttpTimeoutException timeout = new HttpTimeoutException(
				what + " for " + Duration.ofNanos(this.timeoutNanos).toMillis() + " ms (read timeout)");
		timeout.initCause(cause);
		return timeout;
	}

	/**
	 * The thread that checks the waits, created with the first exchange.
	 */
	private static final class Watchdog {

		static final ScheduledThreadPoolExecutor executor = create();

		private static ScheduledThreadPoolExecutor create() {
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, "cnosdb-read-timeout");
				thread.setDaemon(true);
				return thread;
			});
			executor.setRemoveOnCancelPolicy(true);
			return executor;
		}

	}

	/**
	 * The waits of one exchange: the thread waiting for the answer, or the time since
	 * which a body read has waited.
	 */
	private final class Watch implements Runnable {

		private final Thread thread;

		private volatile long since;

		private volatile boolean waiting;

		private boolean answered;

		private boolean interrupted;

		private volatile boolean bodyTimedOut;

		private volatile @Nullable InputStream body;

		private @Nullable ScheduledFuture<?> check;

		Watch(Thread thread) {
			this.thread = thread;
		}

		void start() {
			this.since = System.nanoTime();
			this.waiting = true;
			this.check = Watchdog.executor.scheduleWithFixedDelay(this, IdleReadTimeoutRequestFactory.this.checkNanos,
					IdleReadTimeoutRequestFactory.this.checkNanos, TimeUnit.NANOSECONDS);
		}

		/**
		 * The answer started (or failed): stop interrupting, and clear an interrupt
		 * delivered here.
		 * @return whether the wait timed out
		 */
		synchronized boolean answered() {
			this.waiting = false;
			this.answered = true;
			if (this.interrupted) {
				Thread.interrupted();
				return true;
			}
			return false;
		}

		void watchBody(InputStream body) {
			this.body = body;
		}

		void beforeRead() {
			this.since = System.nanoTime();
			this.waiting = true;
		}

		void afterRead() {
			this.waiting = false;
		}

		void stop() {
			this.waiting = false;
			ScheduledFuture<?> scheduled = this.check;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
		}

		@Override
		public void run() {
			if (!this.waiting || System.nanoTime() - this.since < IdleReadTimeoutRequestFactory.this.timeoutNanos) {
				return;
			}
			InputStream stalled = null;
			synchronized (this) {
				if (!this.answered) {
					if (!this.interrupted) {
						this.interrupted = true;
						this.thread.interrupt();
					}
				}
				else if (this.waiting
						&& System.nanoTime() - this.since >= IdleReadTimeoutRequestFactory.this.timeoutNanos) {
					this.bodyTimedOut = true;
					stalled = this.body;
				}
			}
			if (stalled != null) {
				stop();
				try {
					stalled.close();
				}
				catch (IOException | RuntimeException ex) {
					// The blocked read fails either way.
				}
			}
		}

	}

	private final class Request implements ClientHttpRequest, StreamingHttpOutputMessage {

		private final ClientHttpRequest request;

		Request(ClientHttpRequest request) {
			this.request = request;
		}

		@Override
		public HttpMethod getMethod() {
			return this.request.getMethod();
		}

		@Override
		public URI getURI() {
			return this.request.getURI();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.request.getAttributes();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.request.getHeaders();
		}

		@Override
		public OutputStream getBody() throws IOException {
			return this.request.getBody();
		}

		@Override
		public void setBody(Body body) {
			if (this.request instanceof StreamingHttpOutputMessage streaming) {
				streaming.setBody(body);
				return;
			}
			try {
				body.writeTo(this.request.getBody());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public ClientHttpResponse execute() throws IOException {
			Watch watch = new Watch(Thread.currentThread());
			watch.start();
			ClientHttpResponse response;
			try {
				response = this.request.execute();
			}
			catch (IOException ex) {
				watch.stop();
				if (watch.answered()) {
					throw timeout("no answer", ex);
				}
				throw ex;
			}
			catch (RuntimeException | Error ex) {
				watch.stop();
				watch.answered();
				throw ex;
			}
			// An interrupt that came after the answer is cleared; the answer is used.
			watch.answered();
			return new Response(response, watch);
		}

	}

	private final class Response extends ReadWatchingResponse {

		private final Watch watch;

		Response(ClientHttpResponse response, Watch watch) {
			super(response);
			this.watch = watch;
		}

		@Override
		protected void bodyOpened(InputStream body) {
			this.watch.watchBody(body);
		}

		@Override
		protected void beforeRead() {
			this.watch.beforeRead();
		}

		@Override
		protected void afterRead() {
			this.watch.afterRead();
		}

		@Override
		protected IOException translate(IOException ex) {
			return (this.watch.bodyTimedOut) ? timeout("no data", ex) : ex;
		}

		@Override
		protected void closing() {
			this.watch.stop();
		}

	}

}
