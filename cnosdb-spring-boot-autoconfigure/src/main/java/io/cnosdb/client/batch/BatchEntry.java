package io.cnosdb.client.batch;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * One point or raw line of a {@link CnosBatchWriter} taken for sending, the write call it
 * belongs to, and what has happened to it so far. The mutable state is guarded by the
 * lock of the {@link BatchQueue}.
 *
 * @author CnosDB Spring Boot contributors
 */
final class BatchEntry {

	private final Object item;

	private final WriteCall call;

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
	 */
	BatchEntry(Object item, WriteCall call) {
		this.item = item;
		this.call = call;
	}

	Object item() {
		return this.item;
	}

	WriteCall call() {
		return this.call;
	}

}
