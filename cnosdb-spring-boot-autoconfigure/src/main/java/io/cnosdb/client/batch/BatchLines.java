package io.cnosdb.client.batch;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * Lines of a {@link CnosBatchWriter} taken out of its queue to be sent (a batch) or
 * settled (what is left at a close): for each line its item, its write call, and what has
 * happened to it so far, kept in arrays indexed by the line's place in the batch rather
 * than in an object per line. The mutable state is guarded by the lock of the
 * {@link BatchQueue}; the sender works on {@link Range ranges} of the lines.
 * <p>
 * A row is kept only as the bytes of its line: its item is {@link #ROW}, and the text of
 * its line is read out of those bytes ({@link #rowLine}) only when it is to be reported.
 *
 * @author CnosDB Spring Boot contributors
 */
final class BatchLines {

	/** The item of a row written with {@link CnosBatchWriter#writeRows}. */
	static final Object ROW = new Object() {

		@Override
		public String toString() {
			return "row";
		}

	};

	private static final byte SETTLED = 1;

	private static final byte SENDING = 2;

	private static final byte POSSIBLY_WRITTEN = 4;

	private final Object[] items;

	private final WriteCall[] calls;

	/**
	 * Per line: whether it is settled (acknowledged or reported, once), whether a request
	 * carrying it is waiting for its answer now, whether an earlier request carrying it
	 * may have reached CnosDB.
	 */
	private final byte[] flags;

	/** Per line: how many requests carried it; created with the first request. */
	private int @Nullable [] attempts;

	/** Per line: why the last request carrying it failed; created with a failure. */
	private @Nullable DataAccessException @Nullable [] lastFailures;

	/** Per line: the text of a row's line once read; created with the first one. */
	private @Nullable String @Nullable [] rowLines;

	/**
	 * Create the lines.
	 * @param items the item of each line: a {@link io.cnosdb.client.write.Point}, one
	 * checked line of line protocol, or {@link #ROW}; kept, not copied
	 * @param calls the write call of each line; kept, not copied
	 */
	BatchLines(Object[] items, WriteCall[] calls) {
		this.items = items;
		this.calls = calls;
		this.flags = new byte[items.length];
	}

	int size() {
		return this.items.length;
	}

	Object item(int index) {
		return this.items[index];
	}

	WriteCall call(int index) {
		return this.calls[index];
	}

	/**
	 * Return every line.
	 * @return the range of all the lines
	 */
	Range all() {
		return new Range(this, 0, this.items.length, null);
	}

	boolean isSettled(int index) {
		return (this.flags[index] & SETTLED) != 0;
	}

	void settle(int index) {
		this.flags[index] |= SETTLED;
	}

	/** Whether a request carrying the line may have reached CnosDB, or is under way. */
	boolean isPossiblyWritten(int index) {
		return (this.flags[index] & (POSSIBLY_WRITTEN | SENDING)) != 0;
	}

	void beginAttempt(int index) {
		this.flags[index] |= SENDING;
		int[] attempts = this.attempts;
		if (attempts == null) {
			attempts = new int[this.items.length];
			this.attempts = attempts;
		}
		attempts[index]++;
	}

	void endAttempt(int index, boolean possiblyWritten, @Nullable DataAccessException failure) {
		this.flags[index] = (byte) ((this.flags[index] & ~SENDING) | (possiblyWritten ? POSSIBLY_WRITTEN : 0));
		if (failure != null) {
			@Nullable DataAccessException[] failures = this.lastFailures;
			if (failures == null) {
				failures = new DataAccessException[this.items.length];
				this.lastFailures = failures;
			}
			failures[index] = failure;
		}
	}

	int attempts(int index) {
		int[] attempts = this.attempts;
		return (attempts != null) ? attempts[index] : 0;
	}

	@Nullable DataAccessException lastFailure(int index) {
		@Nullable DataAccessException[] failures = this.lastFailures;
		return (failures != null) ? failures[index] : null;
	}

	@Nullable String rowLine(int index) {
		@Nullable String[] lines = this.rowLines;
		return (lines != null) ? lines[index] : null;
	}

	void rowLine(int index, String line) {
		@Nullable String[] lines = this.rowLines;
		if (lines == null) {
			lines = new String[this.items.length];
			this.rowLines = lines;
		}
		lines[index] = line;
	}

	/**
	 * Lines of a batch sent in one request, in order: a run of consecutive lines, or the
	 * lines left of one once some were taken out (to isolate a bad line).
	 */
	static final class Range {

		private final BatchLines lines;

		private final int from;

		private final int to;

		/** The indices of the lines, or {@code null} for the run from..to. */
		private final int @Nullable [] indices;

		private Range(BatchLines lines, int from, int to, int @Nullable [] indices) {
			this.lines = lines;
			this.from = from;
			this.to = to;
			this.indices = indices;
		}

		BatchLines lines() {
			return this.lines;
		}

		int size() {
			return this.to - this.from;
		}

		/**
		 * Return the index in the batch of a line of the range.
		 * @param position the place of the line in the range
		 * @return its index in the batch
		 */
		int index(int position) {
			int[] indices = this.indices;
			return (indices != null) ? indices[this.from + position] : this.from + position;
		}

		/**
		 * Return the lines from {@code start} to {@code end} (exclusive) of the range.
		 * @param start the place of the first line in the range
		 * @param end the place after the last
		 * @return the lines
		 */
		Range sub(int start, int end) {
			return new Range(this.lines, this.from + start, this.from + end, this.indices);
		}

		/**
		 * Return the lines of the range without one of them.
		 * @param position the place of the line to leave out
		 * @return the other lines, in order
		 */
		Range without(int position) {
			int size = size();
			int[] indices = new int[size - 1];
			for (int i = 0, at = 0; i < size; i++) {
				if (i != position) {
					indices[at++] = index(i);
				}
			}
			return new Range(this.lines, 0, size - 1, indices);
		}

		@Override
		public String toString() {
			int[] indices = this.indices;
			return (indices != null) ? Arrays.toString(Arrays.copyOfRange(indices, this.from, this.to))
					: "[" + this.from + ".." + this.to + ")";
		}

	}

}
