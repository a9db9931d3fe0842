package io.cnosdb.client.batch;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * One point or raw line buffered by a {@link CnosBatchWriter}, the write call it belongs
 * to, and what has happened to it so far. The mutable state is guarded by the lock of the
 * {@link BatchQueue}.
 *
 * @author CnosDB Spring Boot contributors
 */
final class BatchEntry {

	private final Object item;

	private final WriteCall call;

	private final long number;

	private final long acceptedAt;

	/** Whether the entry is acknowledged or reported; it is settled only once. */
	boolean settled;

	/** Whether a request carrying the entry is waiting for its answer now. */
	boolean sending;

	/** Whether an earlier request carrying the entry may have reached CnosDB. */
	boolean possiblyWritten;

	/** How many requests carried the entry. */
	int attempts;

	/** Why the last request carrying the entry failed, or {@code null}. */
	@Nullable DataAccessException lastFailure;

	/**
	 * Create an entry.
	 * @param item a {@link io.cnosdb.client.write.Point} or one checked line of line
	 * protocol
	 * @param call the write call, settled once all its entries are
	 * @param number the position in acceptance order, from 1
	 * @param acceptedAt when it was accepted, in {@link System#nanoTime()}
	 */
	BatchEntry(Object item, WriteCall call, long number, long acceptedAt) {
		this.item = item;
		this.call = call;
		this.number = number;
		this.acceptedAt = acceptedAt;
	}

	Object item() {
		return this.item;
	}

	WriteCall call() {
		return this.call;
	}

	long number() {
		return this.number;
	}

	long acceptedAt() {
		return this.acceptedAt;
	}

}
