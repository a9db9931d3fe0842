package io.cnosdb.client.support;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that write request bodies for Spring's {@code JdkClientHttpRequestFactory}:
 * it hands every request body (a write's lines, a query's SQL) to an executor that writes
 * it into the JDK client's publisher, and without one of its own it starts a new thread
 * per request ({@code SimpleAsyncTaskExecutor}), which on a small machine also makes the
 * JDK client complete the request's future on yet another new thread. This executor keeps
 * its threads for reuse instead: daemon threads, as many as requests are being written at
 * once, each ended after {@value #KEEP_ALIVE_SECONDS} s idle.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class RequestBodyExecutor {

	/** How long an idle thread is kept before it ends. */
	static final int KEEP_ALIVE_SECONDS = 30;

	private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

	private RequestBodyExecutor() {
	}

	/**
	 * Return the executor shared by the request factories the starter builds.
	 * @return the executor
	 */
	public static Executor shared() {
		return Holder.executor;
	}

	/** Creates the executor on first use. */
	private static final class Holder {

		static final ThreadPoolExecutor executor = create();

		private static ThreadPoolExecutor create() {
			// A direct hand-off: a body waits for no other body, as with a thread per
			// request, but a thread is reused while requests keep coming.
			return new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
					new SynchronousQueue<>(), (task) -> {
						Thread thread = new Thread(task, "cnosdb-request-body-" + THREAD_NUMBER.incrementAndGet());
						thread.setDaemon(true);
						return thread;
					});
		}

	}

}
