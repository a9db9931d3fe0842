package io.cnosdb.client.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RequestBodyExecutor}.
 *
 * @author CnosDB Spring Boot contributors
 */
class RequestBodyExecutorTests {

	@Test
	void requestBodiesWrittenOneAfterAnotherShareAKeptDaemonThread() throws Exception {
		Thread first = writerOfOneBody();
		Thread second = writerOfOneBody();
		assertThat(first).isSameAs(second);
		assertThat(first.isDaemon()).isTrue();
		assertThat(first.getName()).startsWith("cnosdb-request-body-");
	}

	@Test
	void bodiesWrittenAtOnceEachGetAThread() throws Exception {
		// A body's writer waits for the HTTP client to take its bytes: one body never
		// waits for another.
		CompletableFuture<Void> release = new CompletableFuture<>();
		CompletableFuture<Thread> blocked = new CompletableFuture<>();
		RequestBodyExecutor.shared().execute(() -> {
			blocked.complete(Thread.currentThread());
			release.join();
		});
		try {
			Thread other = writerOfOneBody();
			assertThat(other).isNotSameAs(blocked.get(10, TimeUnit.SECONDS));
		}
		finally {
			release.complete(null);
		}
	}

	private static Thread writerOfOneBody() throws Exception {
		CompletableFuture<Thread> ran = new CompletableFuture<>();
		RequestBodyExecutor.shared().execute(() -> ran.complete(Thread.currentThread()));
		Thread thread = ran.get(10, TimeUnit.SECONDS);
		// Let the thread go back to waiting for the next task.
		Thread.sleep(50);
		return thread;
	}

}
