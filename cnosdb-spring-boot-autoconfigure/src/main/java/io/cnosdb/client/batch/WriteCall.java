package io.cnosdb.client.batch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

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

	private static final AtomicIntegerFieldUpdater<WriteCall> REMAINING = AtomicIntegerFieldUpdater
		.newUpdater(WriteCall.class, "remaining");

	private static final AtomicReferenceFieldUpdater<WriteCall, @Nullable DataAccessException> FAILURE = AtomicReferenceFieldUpdater
		.newUpdater(WriteCall.class, DataAccessException.class, "failure");

	private final CompletableFuture<Void> future = new CompletableFuture<>();

	/** Points not settled yet; updated through {@link #REMAINING}. */
	private volatile int remaining;

	/** The first failure; set once through {@link #FAILURE}. */
	private volatile @Nullable DataAccessException failure;

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
		this.remaining = points;
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
			FAILURE.compareAndSet(this, null, ex);
		}
		if (REMAINING.decrementAndGet(this) == 0) {
			DataAccessException first = this.failure;
			if (first == null) {
				this.future.complete(null);
			}
			else {
				this.future.completeExceptionally(first);
			}
		}
	}

}
