package io.cnosdb.client.batch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * One write call to a {@link CnosBatchWriter}, and the future the caller gets for it: it
 * completes when all the call's points are settled, normally if all were acknowledged,
 * else exceptionally with the first failure. The call is its own future, so that a write
 * of one point makes one object for it rather than two.
 *
 * @author CnosDB Spring Boot contributors
 */
final class WriteCall extends CompletableFuture<Void> {

	private static final AtomicIntegerFieldUpdater<WriteCall> REMAINING = AtomicIntegerFieldUpdater
		.newUpdater(WriteCall.class, "remaining");

	private static final AtomicReferenceFieldUpdater<WriteCall, @Nullable DataAccessException> FAILURE = AtomicReferenceFieldUpdater
		.newUpdater(WriteCall.class, DataAccessException.class, "failure");

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
	 * Return the future for the caller. Nothing of the writer depends on its state: a
	 * caller that completes it itself changes only what it sees, and the writer settles
	 * the call's points all the same.
	 * @return the future
	 */
	CompletableFuture<Void> future() {
		return this;
	}

	/**
	 * Settle one point of the call.
	 * @param ex why it failed, or {@code null} if it was acknowledged
	 */
	void settle(@Nullable DataAccessException ex) {
		settle(ex, 1);
	}

	/**
	 * Settle points of the call that were settled together.
	 * @param ex why they failed, or {@code null} if they were acknowledged
	 * @param points how many
	 */
	void settle(@Nullable DataAccessException ex, int points) {
		if (ex != null) {
			FAILURE.compareAndSet(this, null, ex);
		}
		// Each point is settled once, by whoever claimed it: when these are all the
		// points left, no other thread settles any of this call, and the count needs no
		// atomic update (the common case: a call settled by one request).
		int left = this.remaining;
		if (left == points) {
			this.remaining = 0;
		}
		else {
			left = REMAINING.addAndGet(this, -points) + points;
		}
		if (left == points) {
			DataAccessException first = this.failure;
			if (first == null) {
				complete(null);
			}
			else {
				completeExceptionally(first);
			}
		}
	}

}
