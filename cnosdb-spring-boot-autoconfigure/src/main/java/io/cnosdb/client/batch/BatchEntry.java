package io.cnosdb.client.batch;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * One point, raw line or row of a {@link CnosBatchWriter} taken for sending, the write
 * call it belongs to, and what has happened to it so far. The mutable state is guarded by
 * the lock of the {@link BatchQueue}.
 * <p>
 * A row is kept only as the bytes of its line: its item is {@link #ROW}, and the text of
 * its line is read out of those bytes ({@link #line}) only when it is to be reported.
 *
 * @author CnosDB Spring Boot contributors
 */
final class BatchEntry {

	/** The item of a row written with {@link CnosBatchWriter#writeRows}. */
	static final Object ROW = new Object() {

		@Override
		public String toString() {
			return "row";
		}

	};

	private final Object item;

	/** The index of the entry's line in the body of its batch. */
	final int index;

	/**
	 * The text of a row's line, read out of the bytes before they may change or be
	 * reused, when the row is to be reported; {@code null} until then, and for other
	 * items.
	 */
	@Nullable String line;

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
	 * @param item a {@link io.cnosdb.client.write.Point}, one checked line of line
	 * protocol, or {@link #ROW}
	 * @param call the write call, settled once all its entries are
	 * @param index the index of the entry's line in the body of its batch
	 */
	BatchEntry(Object item, WriteCall call, int index) {
		this.item = item;
		this.call = call;
		this.index = index;
	}

	Object item() {
		return this.item;
	}

	WriteCall call() {
		return this.call;
	}

}
