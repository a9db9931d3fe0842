package io.cnosdb.client.batch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * One write call to a {@link CnosBatchWriter}: its future completes when all its points
 * are settled, normally if all were acknowledged, else exceptionally with the first
 * failure.
 *
 * @author CnosDB Spring Boot contributors
 */
final class WriteCall {

	private final CompletableFuture<Void> future = new CompletableFuture<>();

	private final AtomicInteger remaining;

	private final AtomicReference<@Nullable DataAccessException> failure = new AtomicReference<>();

	/**
	 * When the call was accepted, in {@link System#nanoTime()}; set under the queue's
	 * lock.
	 */
	long acceptedAt;

	/**
	 * Create a call.
	 * @param points the number of its points, at least one
	 */
	WriteCall(int points) {
		this.remaining = new AtomicInteger(points);
	}

	/**
	 * Return the future for the caller. Nothing of the writer depends on it: a caller
	 * that completes it itself changes only what it sees.
	 * @return the future
	 */
	CompletableFuture<Void> future() {
		return this.future;
	}

	/**
	 * Settle one point of the call.
	 * @param ex why it failed, or {@code null} if it was acknowledged
	 */
	void settle(@Nullable DataAccessException ex) {
		if (ex != null) {
			this.failure.compareAndSet(null, ex);
		}
		if (this.remaining.decrementAndGet() == 0) {
			DataAccessException first = this.failure.get();
			if (first == null) {
				this.future.complete(null);
			}
			else {
				this.future.completeExceptionally(first);
			}
		}
	}

}
