package io.cnosdb.client.batch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.Point;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * The bounded queue of a {@link CnosBatchWriter} and the settlement of its entries: it
 * accepts whole write calls or none (waiting for room or failing, by the
 * {@link OverflowPolicy}), hands batches to a {@link BatchSender} on one thread of its
 * own, and settles every entry exactly once: its call's future, the failure report, the
 * counters, and then the progress that {@link #awaitSettled} waits for. It also keeps the
 * writer's open, closing and closed states and the shutdown deadline, and what each line
 * taken for sending went through ({@link BatchLines}), so that
 * {@link #abandonUnsettled()} can settle whatever is left at the deadline, the request in
 * flight included, and say which of it CnosDB may have stored. An entry is settled once:
 * whatever settles it first wins, and a late answer for an abandoned entry changes
 * nothing.
 * <p>
 * A point is encoded once, by the caller (straight into the queue's last block when the
 * lock is free, else outside the lock and then copied in), and the queue keeps its line
 * as bytes: queued entries are a ring of items and their write calls (no object per
 * entry), and their lines are kept in order in blocks of about {@value #BLOCK_BYTES}
 * bytes, so that the memory held stays close to the bytes of the lines. A batch taken for
 * sending is its items and calls (copied out of the ring into arrays, with the state of
 * its lines in arrays too: no object per line) and the blocks of their lines, taken out
 * of the queue under the lock; the sending thread copies them into one request body
 * outside it, so that writers never wait for that copy. Writers signal the sending thread
 * only when the queue becomes non-empty (to start the flush interval) and when a batch is
 * full.
 *
 * @author CnosDB Spring Boot contributors
 */
final class BatchQueue {

	/** The writer's own log category, as users know it. */
	private static final Log logger = LogFactory.getLog(CnosBatchWriter.class);

	private final CnosBatchWriterOptions options;

	private final BatchSender sender;

	private final FailureReporter reporter;

	private final ThreadFactory threadFactory;

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled when a batch may be ready, and when the writer closes. */
	private final Condition workAvailable = this.lock.newCondition();

	/** Signalled when buffer room frees up, and when the writer closes. */
	private final Condition notFull = this.lock.newCondition();

	/** Signalled when entries are settled. */
	private final Condition progress = this.lock.newCondition();

	/** Signalled when the writer closes, to cut a retry delay short. */
	private final Condition closing = this.lock.newCondition();

	/** Signalled when the body of the batch in flight is filled, or the batch ends. */
	private final Condition bodyFilled = this.lock.newCondition();

	/** The bytes of a block of queued lines (one larger line gets a block of its own). */
	static final int BLOCK_BYTES = 64 * 1024;

	/**
	 * The size from which the lines of a call, in a buffer the queue may keep, become a
	 * block of their own rather than being copied.
	 */
	private static final int ADOPT_BYTES = BLOCK_BYTES / 2;

	/**
	 * The room a block must have left for a point to be encoded into it; a point whose
	 * line is longer grows the block.
	 */
	private static final int BLOCK_HEADROOM = 4 * 1024;

	/** The most empty blocks kept for reuse. */
	private static final int MAX_SPARE_BLOCKS = 4;

	/** The largest batch body kept for the next batch. */
	private static final int MAX_KEPT_BODY_BYTES = 1024 * 1024;

	/**
	 * The items of the queued entries (a Point or a raw line), a ring whose length is a
	 * power of two; guarded by lock.
	 */
	private Object[] items = new Object[16];

	/** The write call of each queued entry, parallel to items; guarded by lock. */
	private WriteCall[] calls = new WriteCall[16];

	/** The index of the first queued entry in the ring; guarded by lock. */
	private int head;

	/** The number of queued entries; guarded by lock. */
	private int count;

	/** The lines of the queued entries, in order, one per entry; guarded by lock. */
	private final ArrayDeque<LineProtocolBuffer> blocks = new ArrayDeque<>();

	/**
	 * Empty blocks to reuse (at most {@value #MAX_SPARE_BLOCKS}), so that a steady flow
	 * of points does not allocate a block for every {@value #BLOCK_BYTES} bytes; guarded
	 * by lock.
	 */
	private final ArrayDeque<LineProtocolBuffer> spareBlocks = new ArrayDeque<>(MAX_SPARE_BLOCKS);

	/** An empty batch body to reuse; guarded by lock. */
	private @Nullable LineProtocolBuffer spareBody;

	/** The batch the sending thread is working on, or {@code null}; guarded by lock. */
	private @Nullable BatchLines inFlight;

	/**
	 * The body of the batch in flight, line {@code i} the line of entry {@code i}, once
	 * it is filled and as long as the sender leaves it as it is: the lines of rows to
	 * report are read out of it. Guarded by lock.
	 */
	private @Nullable LineProtocolBuffer inFlightBody;

	/** Points buffered or in flight; bounded by the buffer limit. Guarded by lock. */
	private int pending;

	/** Number of points ever accepted; guarded by lock. */
	private long accepted;

	/** Number of points settled, in acceptance order; guarded by lock. */
	private long completed;

	/** Points accepted up to this number are sent without waiting; guarded by lock. */
	private long flushRequested;

	/** Written under the lock; volatile for lock-free reads. */
	private volatile State state = State.OPEN;

	private long shutdownDeadline;

	private @Nullable Thread thread;

	private final AtomicLong written = new AtomicLong();

	private final AtomicLong retried = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	BatchQueue(CnosBatchWriterOptions options, BatchSender sender, FailureReporter reporter,
			ThreadFactory threadFactory) {
		this.options = options;
		this.sender = sender;
		this.reporter = reporter;
		this.threadFactory = threadFactory;
	}

	/**
	 * Accept the items of one write call (points or checked raw lines), all or none.
	 * @param items the items
	 * @param encoded the line of each item, in order, in a buffer of the call's own; kept
	 * by the queue if they are accepted
	 * @return a future settled when all the items are
	 */
	CompletableFuture<Void> accept(List<?> items, LineProtocolBuffer encoded) {
		return accept(items.size(), items, encoded);
	}

	/**
	 * Accept the rows of one write call, all or none: each is kept only as its line, and
	 * its item as {@link BatchLines#ROW}.
	 * @param encoded the lines of the rows, in order, in a buffer of the call's own; kept
	 * by the queue if they are accepted
	 * @return a future settled when all the rows are
	 */
	CompletableFuture<Void> acceptRows(LineProtocolBuffer encoded) {
		return accept(encoded.lineCount(), null, encoded);
	}

	/**
	 * Accept the entries of one write call, all or none.
	 * @param count the number of entries
	 * @param items the item of each entry, or {@code null} for rows
	 * @param encoded the line of each entry, in order
	 * @return a future settled when all the entries are
	 */
	private CompletableFuture<Void> accept(int count, @Nullable List<?> items, LineProtocolBuffer encoded) {
		if (count == 0) {
			return CompletableFuture.completedFuture(null);
		}
		checkSize(count);
		WriteCall call = new WriteCall(count);
		this.lock.lock();
		try {
			admit(count, call, encoded, true);
			if (items != null) {
				for (Object item : items) {
					addLast(item, call);
				}
			}
			else {
				for (int i = 0; i < count; i++) {
					addLast(BatchLines.ROW, call);
				}
			}
			signalWork(count);
		}
		finally {
			this.lock.unlock();
		}
		return call.future();
	}

	/**
	 * Accept the one item of a write call.
	 * @param item the item (a point or a checked raw line)
	 * @param encoded its line; moved into the queue (left empty) if it is accepted
	 * @return a future settled when the item is
	 */
	CompletableFuture<Void> accept(Object item, LineProtocolBuffer encoded) {
		checkSize(1);
		WriteCall call = new WriteCall(1);
		this.lock.lock();
		try {
			admit(1, call, encoded, false);
			addLast(item, call);
			signalWork(1);
		}
		finally {
			this.lock.unlock();
		}
		return call.future();
	}

	/**
	 * Accept one point by encoding it straight into the last block, if no other thread
	 * holds the lock: no buffer of the caller's and no copy of its line. Under the lock
	 * only while the point is encoded, a few hundred nanoseconds; when another thread
	 * holds it, the caller encodes outside it instead and calls
	 * {@link #accept(Object, LineProtocolBuffer)}, so that writers on many threads do not
	 * queue up behind each other's encoding.
	 * @param point the point
	 * @return a future settled when the point is, or {@code null} if the lock was busy
	 * (nothing was done)
	 * @throws IllegalArgumentException if the point cannot be written in the writer's
	 * precision; nothing was accepted
	 */
	@Nullable CompletableFuture<Void> tryAcceptPoint(Point point) {
		checkSize(1);
		if (!this.lock.tryLock()) {
			return null;
		}
		try {
			WriteCall call = new WriteCall(1);
			admitting(1);
			LineProtocolBuffer last = this.blocks.peekLast();
			// A point of more than the headroom grows the block: rare, and still one
			// line in order.
			boolean fresh = last == null || last.size() > BLOCK_BYTES - BLOCK_HEADROOM;
			LineProtocolBuffer block = fresh ? newBlock(0) : last;
			try {
				block.append(point);
			}
			catch (RuntimeException ex) {
				if (fresh) {
					recycleBlock(block, block.capacity());
				}
				throw ex;
			}
			if (fresh) {
				this.blocks.addLast(block);
			}
			admitted(1, call);
			addLast(point, call);
			signalWork(1);
			return call.future();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void checkSize(int count) {
		int limit = this.options.bufferLimit();
		if (count > limit) {
			throw new IllegalArgumentException("A write of " + count + " points cannot fit in a buffer of " + limit
					+ "; split it or raise the buffer limit");
		}
	}

	/**
	 * Wait for room, then keep the lines of an accepted call; under the lock.
	 * @param owned whether {@code encoded} is the call's own, to keep as it is (else its
	 * lines are moved out of it, leaving it empty)
	 */
	private void admit(int count, WriteCall call, LineProtocolBuffer encoded, boolean owned) {
		admitting(count);
		LineProtocolBuffer block = this.blocks.peekLast();
		int bytes = encoded.size();
		if (owned && bytes >= ADOPT_BYTES) {
			// Large enough to be a block of its own: kept without copying its bytes.
			this.blocks.addLast(encoded);
		}
		else {
			if (block == null || block.size() + bytes > BLOCK_BYTES) {
				block = newBlock(bytes);
				this.blocks.addLast(block);
			}
			encoded.moveLinesTo(0, block);
		}
		admitted(count, call);
	}

	/** Check that the writer is open and wait for room; under the lock. */
	private void admitting(int count) {
		checkOpen();
		if (this.pending + count > this.options.bufferLimit()) {
			waitForRoom(count);
		}
	}

	/** Count the entries of a call whose lines are kept; under the lock. */
	private void admitted(int count, WriteCall call) {
		call.acceptedAt = System.nanoTime();
		this.accepted += count;
		this.pending += count;
		int needed = this.count + count;
		if (needed > this.items.length) {
			grow(needed);
		}
	}

	private LineProtocolBuffer newBlock(int bytes) {
		if (bytes <= BLOCK_BYTES) {
			LineProtocolBuffer spare = this.spareBlocks.pollLast();
			if (spare != null) {
				return spare;
			}
		}
		return new LineProtocolBuffer(this.options.precision(), Math.max(BLOCK_BYTES, bytes));
	}

	private void recycleBlock(LineProtocolBuffer block, int bytes) {
		if (bytes <= BLOCK_BYTES && this.spareBlocks.size() < MAX_SPARE_BLOCKS) {
			block.clear();
			this.spareBlocks.addLast(block);
		}
	}

	private void grow(int needed) {
		// A power of two, to find a place in the ring with a mask.
		int capacity = Integer.highestOneBit(needed - 1) << 1;
		Object[] items = new Object[capacity];
		WriteCall[] calls = new WriteCall[capacity];
		for (int i = 0; i < this.count; i++) {
			int at = (this.head + i) & (this.items.length - 1);
			items[i] = this.items[at];
			calls[i] = this.calls[at];
		}
		this.items = items;
		this.calls = calls;
		this.head = 0;
	}

	private void addLast(Object item, WriteCall call) {
		int at = (this.head + this.count) & (this.items.length - 1);
		this.items[at] = item;
		this.calls[at] = call;
		this.count++;
	}

	private void signalWork(int added) {
		ensureThread();
		// The sending thread waits only while the queue is empty, or holds less than a
		// batch: wake it when one of these ends, not for every point.
		int batchSize = this.options.batchSize();
		if (this.count == added || (this.count >= batchSize && this.count - added < batchSize)) {
			this.workAvailable.signal();
		}
	}

	/**
	 * Take every queued line out of the queue, as lines to settle, with the line of each
	 * row read out of the blocks; under the lock.
	 */
	private BatchLines drainQueued() {
		BatchLines drained = takeLines(this.count);
		Iterator<LineProtocolBuffer> blocks = this.blocks.iterator();
		LineProtocolBuffer block = null;
		int line = 0;
		for (int i = 0; i < drained.size(); i++) {
			while (block == null || line == block.lineCount()) {
				block = blocks.next();
				line = 0;
			}
			if (drained.item(i) == BatchLines.ROW) {
				drained.rowLine(i, block.line(line));
			}
			line++;
		}
		this.blocks.clear();
		return drained;
	}

	/**
	 * Take the first {@code size} queued items and calls out of the ring, into arrays of
	 * their own; under the lock.
	 */
	private BatchLines takeLines(int size) {
		Object[] items = new Object[size];
		WriteCall[] calls = new WriteCall[size];
		int first = Math.min(size, this.items.length - this.head);
		System.arraycopy(this.items, this.head, items, 0, first);
		System.arraycopy(this.calls, this.head, calls, 0, first);
		Arrays.fill(this.items, this.head, this.head + first, null);
		Arrays.fill(this.calls, this.head, this.head + first, null);
		if (first < size) {
			System.arraycopy(this.items, 0, items, first, size - first);
			System.arraycopy(this.calls, 0, calls, first, size - first);
			Arrays.fill(this.items, 0, size - first, null);
			Arrays.fill(this.calls, 0, size - first, null);
		}
		this.head = (this.head + size) & (this.items.length - 1);
		this.count -= size;
		return new BatchLines(items, calls);
	}

	private void waitForRoom(int count) {
		int limit = this.options.bufferLimit();
		String full = "The CnosBatchWriter buffer holds " + this.pending + " of " + limit + " points and cannot take "
				+ count + " more";
		if (this.options.overflowPolicy() == OverflowPolicy.FAIL) {
			throw new CnosWriteBufferFullException(full + " (overflow policy FAIL); nothing was accepted", null);
		}
		if (isOwnThread()) {
			throw new CnosWriteBufferFullException(
					full + ", and the writer's own thread cannot wait for room; nothing was accepted", null);
		}
		Duration timeout = this.options.blockTimeout();
		long nanos = timeout.toNanos();
		try {
			while (this.pending + count > limit) {
				if (nanos <= 0) {
					throw new CnosWriteBufferFullException(
							full + " after waiting " + timeout.toMillis() + " ms; nothing was accepted", null);
				}
				nanos = this.notFull.awaitNanos(nanos);
				checkOpen();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CnosWriteBufferFullException(full + "; interrupted while waiting, nothing was accepted", ex);
		}
	}

	private void checkOpen() {
		if (this.state != State.OPEN) {
			throw new IllegalStateException("The CnosBatchWriter is closed; nothing was accepted");
		}
	}

	private void ensureThread() {
		if (this.thread == null) {
			Thread thread = this.threadFactory.newThread(this::run);
			this.thread = thread;
			thread.start();
		}
	}

	/**
	 * Whether the caller is the queue's own thread (that sends batches and settles).
	 * @return whether it is
	 */
	boolean isOwnThread() {
		return Thread.currentThread() == this.thread;
	}

	/**
	 * Send what is buffered now and wait until everything accepted before this call is
	 * settled.
	 * @param timeout the most time to wait, or {@code null} for no limit
	 * @return whether everything was settled in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitSettled(@Nullable Duration timeout) throws InterruptedException {
		this.lock.lock();
		try {
			long target = this.accepted;
			if (this.completed >= target) {
				return true;
			}
			this.flushRequested = Math.max(this.flushRequested, target);
			this.workAvailable.signal();
			long nanos = (timeout != null) ? timeout.toNanos() : Long.MAX_VALUE;
			while (this.completed < target) {
				if (timeout == null) {
					this.progress.await();
				}
				else {
					if (nanos <= 0) {
						return false;
					}
					nanos = this.progress.awaitNanos(nanos);
				}
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Refuse new writes and start the shutdown timeout, unless closing already.
	 * @return false if the queue is closed already
	 */
	boolean beginClose() {
		this.lock.lock();
		try {
			if (this.state == State.CLOSED) {
				return false;
			}
			if (this.state == State.OPEN) {
				this.state = State.CLOSING;
				this.shutdownDeadline = System.nanoTime() + this.options.shutdownTimeout().toNanos();
				this.workAvailable.signalAll();
				this.notFull.signalAll();
				this.closing.signalAll();
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return the thread that sends batches, if there is one now.
	 * @return the thread, or {@code null}
	 */
	@Nullable Thread thread() {
		this.lock.lock();
		try {
			return this.thread;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Mark the queue closed once the sending thread is done or given up on, and report
	 * what is still queued as {@link CnosWriteAbandonedException}. A sending thread given
	 * up on is retired: it settles nothing more and sends nothing more once its request
	 * returns, and a reopened writer starts a new one.
	 * @param thread the sending thread that was waited for, or {@code null}
	 */
	void finishClose(@Nullable Thread thread) {
		BatchLines stranded;
		this.lock.lock();
		try {
			// Left when close() was called from the sending thread itself.
			stranded = drainQueued();
			this.state = State.CLOSED;
			// Closed from its own thread (a failure listener), the thread finishes its
			// batch; otherwise it is done or retired.
			this.thread = (thread != null && thread == Thread.currentThread()) ? thread : null;
		}
		finally {
			this.lock.unlock();
		}
		settle(claim(stranded.all()), this::abandoned);
	}

	/**
	 * At the shutdown deadline, settle every entry not settled yet (queued, being
	 * retried, or in a request still waiting for its answer) as
	 * {@link CnosWriteAbandonedException}, saying for each whether CnosDB may have stored
	 * it.
	 */
	void abandonUnsettled() {
		List<Claimed> unsettled;
		this.lock.lock();
		try {
			awaitBodyFilled();
			BatchLines inFlight = this.inFlight;
			unsettled = (inFlight != null) ? claim(inFlight.all()) : new ArrayList<>();
			unsettled.addAll(claim(drainQueued().all()));
		}
		finally {
			this.lock.unlock();
		}
		settle(unsettled, this::abandoned);
	}

	/**
	 * Wait until the body of the batch in flight is filled (the sending thread copies the
	 * lines into it outside the lock, which takes no longer than copying bytes), so that
	 * the lines of its rows can be read; under the lock.
	 */
	private void awaitBodyFilled() {
		BatchLines batch = this.inFlight;
		while (batch != null && this.inFlight == batch && this.inFlightBody == null && this.thread != null
				&& this.thread.isAlive()) {
			this.bodyFilled.awaitUninterruptibly();
		}
	}

	/**
	 * Read the lines of the rows of the batch in flight that are not settled yet out of
	 * its body, before the sender changes the body (to cut it into requests or to isolate
	 * bad lines): from then on the lines of the body are no longer those of the entries
	 * at the same index.
	 */
	void detachRowLines() {
		this.lock.lock();
		try {
			LineProtocolBuffer body = this.inFlightBody;
			BatchLines batch = this.inFlight;
			if (body == null || batch == null || this.thread != Thread.currentThread()) {
				return;
			}
			for (int i = 0; i < batch.size(); i++) {
				if (batch.item(i) == BatchLines.ROW && !batch.isSettled(i) && batch.rowLine(i) == null) {
					batch.rowLine(i, body.line(i));
				}
			}
			this.inFlightBody = null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Read the line of a row of the batch in flight out of its body; under the lock. */
	private void readRowLine(BatchLines lines, int index) {
		LineProtocolBuffer body = this.inFlightBody;
		if (body != null && lines == this.inFlight) {
			lines.rowLine(index, body.line(index));
		}
	}

	/**
	 * Settle lines not settled yet as {@link CnosWriteAbandonedException}: the sender
	 * found the shutdown deadline passed before it could send them (again).
	 * @param entries the lines
	 */
	void abandon(BatchLines.Range entries) {
		settle(claim(entries), this::abandoned);
	}

	private DataAccessException abandoned(boolean possiblyWritten, @Nullable DataAccessException lastFailure) {
		String timeout = "(shutdown timeout " + this.options.shutdownTimeout().toMillis() + " ms)";
		String last = (lastFailure != null) ? "; the last attempt failed with: " + lastFailure.getMessage() : "";
		if (possiblyWritten) {
			return new CnosWriteAbandonedException("The CnosBatchWriter closed " + timeout
					+ " before CnosDB acknowledged these points; a request carrying them was abandoned while waiting"
					+ " for its answer, or got none, so CnosDB may have stored them" + last, lastFailure);
		}
		return new CnosWriteAbandonedException(
				"The CnosBatchWriter closed before these points could be written " + timeout + last, lastFailure);
	}

	/**
	 * Accept writes again after a close.
	 * @throws IllegalStateException if still closing
	 */
	void reopen() {
		this.lock.lock();
		try {
			if (this.state == State.CLOSED) {
				this.state = State.OPEN;
			}
			if (this.state != State.OPEN) {
				throw new IllegalStateException("The CnosBatchWriter is still closing");
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	State state() {
		return this.state;
	}

	/**
	 * Return the time left until the shutdown deadline.
	 * @return the nanoseconds left, or a negative number if it has passed
	 */
	long nanosUntilShutdownDeadline() {
		this.lock.lock();
		try {
			return this.shutdownDeadline - System.nanoTime();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether the queue is closing or closed, and its shutdown deadline has passed.
	 * @return whether to give up on what is not written yet
	 */
	boolean isPastShutdownDeadline() {
		this.lock.lock();
		try {
			return this.state != State.OPEN && System.nanoTime() - this.shutdownDeadline >= 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait before a retry, cut short by a close whose deadline comes first.
	 * @param millis the delay
	 * @return whether to retry; false if the shutdown deadline comes first
	 */
	boolean pause(long millis) {
		long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		this.lock.lock();
		try {
			while (true) {
				if (this.thread != Thread.currentThread()) {
					// Retired at shutdown: its entries are settled already.
					return false;
				}
				if (this.state != State.OPEN && this.shutdownDeadline - end < 0) {
					// Closing, and the retry would come after the shutdown deadline.
					return false;
				}
				long left = end - System.nanoTime();
				if (left <= 0) {
					return true;
				}
				this.closing.awaitNanos(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Note that a request carrying {@code entries} is about to be sent.
	 * @param entries the entries of the request
	 * @return false if it must not be sent: the calling thread was retired at shutdown,
	 * or every entry is settled already
	 */
	boolean beginAttempt(BatchLines.Range entries) {
		this.lock.lock();
		try {
			if (this.thread != Thread.currentThread() || allSettled(entries)) {
				return false;
			}
			BatchLines lines = entries.lines();
			for (int i = 0, size = entries.size(); i < size; i++) {
				lines.beginAttempt(entries.index(i));
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Note that a request carrying {@code entries} came back (answered or failed).
	 * @param entries the entries of the request
	 * @param possiblyWritten whether CnosDB may have stored them
	 */
	void endAttempt(BatchLines.Range entries, boolean possiblyWritten) {
		endAttempt(entries, possiblyWritten, null);
	}

	/**
	 * Note that a request carrying {@code entries} came back with a failure that may be
	 * retried.
	 * @param entries the entries of the request
	 * @param possiblyWritten whether CnosDB may have stored them
	 * @param failure why the request failed, kept as the cause should the entries be
	 * abandoned at shutdown before the next attempt ends
	 */
	void endAttempt(BatchLines.Range entries, boolean possiblyWritten, @Nullable DataAccessException failure) {
		this.lock.lock();
		try {
			BatchLines lines = entries.lines();
			for (int i = 0, size = entries.size(); i < size; i++) {
				lines.endAttempt(entries.index(i), possiblyWritten, failure);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Count points about to be sent again.
	 * @param points the number of points
	 */
	void countRetried(int points) {
		this.retried.addAndGet(points);
	}

	/**
	 * Return a snapshot of the counters.
	 * @return the counters
	 */
	CnosBatchWriter.Statistics statistics() {
		int buffered;
		this.lock.lock();
		try {
			buffered = this.pending;
		}
		finally {
			this.lock.unlock();
		}
		return new CnosBatchWriter.Statistics(buffered, this.written.get(), this.retried.get(), this.failed.get());
	}

	private void run() {
		try {
			while (true) {
				Batch batch = takeBatch();
				if (batch == null) {
					return;
				}
				LineProtocolBuffer body = batch.body();
				int bodyBytes = 0;
				try {
					// Copied out of the blocks here, outside the lock, so that writers do
					// not wait for it.
					batch.fillBody();
					bodyBytes = body.size();
					publishBody(batch);
					this.sender.send(batch.lines(), body, this);
				}
				finally {
					this.lock.lock();
					try {
						if (this.inFlight == batch.lines()) {
							this.inFlight = null;
							this.inFlightBody = null;
						}
						this.bodyFilled.signalAll();
						for (LineProtocolBuffer block : batch.blocks()) {
							recycleBlock(block, block.capacity());
						}
						if (bodyBytes <= MAX_KEPT_BODY_BYTES) {
							body.clear();
							this.spareBody = body;
						}
					}
					finally {
						this.lock.unlock();
					}
				}
			}
		}
		finally {
			this.lock.lock();
			try {
				this.bodyFilled.signalAll();
				if (this.thread == Thread.currentThread()) {
					this.thread = null;
					if (this.state == State.OPEN && this.count > 0) {
						// Interrupted by someone else while open: keep serving the queue.
						ensureThread();
					}
				}
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/** Make the filled body of the batch in flight the one its rows are read from. */
	private void publishBody(Batch batch) {
		this.lock.lock();
		try {
			if (this.inFlight == batch.lines()) {
				this.inFlightBody = batch.body();
			}
			this.bodyFilled.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Wait until a batch is ready and take it, or return null when closed and empty. */
	private @Nullable Batch takeBatch() {
		this.lock.lock();
		try {
			int batchSize = this.options.batchSize();
			long interval = this.options.flushInterval().toNanos();
			while (true) {
				if (this.thread != Thread.currentThread()) {
					// Retired at shutdown.
					return null;
				}
				if (this.count == 0) {
					if (this.state != State.OPEN) {
						return null;
					}
					this.workAvailable.await();
					continue;
				}
				long waited = System.nanoTime() - this.calls[this.head].acceptedAt;
				long headNumber = this.accepted - this.count + 1;
				if (this.state != State.OPEN || this.count >= batchSize || headNumber <= this.flushRequested
						|| waited >= interval) {
					break;
				}
				this.workAvailable.awaitNanos(interval - waited);
			}
			int size = Math.min(batchSize, this.count);
			BatchLines batch = takeLines(size);
			this.inFlight = batch;
			List<LineProtocolBuffer> blocks = takeBlocks(size);
			if (blocks.size() == 1) {
				// The lines of the batch are one block (such as the buffer of a call of
				// writeRows): it is the body, and its bytes are not copied.
				return new Batch(batch, List.of(), blocks.get(0));
			}
			return new Batch(batch, blocks, takeBody());
		}
		catch (InterruptedException ex) {
			// Only close() interrupts this thread, after the deadline: leave what is
			// queued for close() to report.
			Thread.currentThread().interrupt();
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Take the blocks of the first {@code lines} queued lines out of the queue, splitting
	 * the last one if it holds lines after them; under the lock. Their bytes are copied
	 * into the batch body later, outside the lock ({@link Batch#fillBody}).
	 */
	private List<LineProtocolBuffer> takeBlocks(int lines) {
		List<LineProtocolBuffer> taken = new ArrayList<>(lines / 256 + 2);
		int left = lines;
		while (left > 0) {
			LineProtocolBuffer block = this.blocks.pollFirst();
			int bytes = block.size();
			int inBlock = block.lineCount();
			if (inBlock > left) {
				// Keep the lines after the batch's as the first block.
				LineProtocolBuffer rest = newBlock(bytes);
				block.moveLinesTo(left, rest);
				this.blocks.addFirst(rest);
				inBlock = left;
			}
			taken.add(block);
			left -= inBlock;
		}
		return taken;
	}

	/** Take the body kept from the last batch, or a new one; under the lock. */
	private LineProtocolBuffer takeBody() {
		LineProtocolBuffer body = this.spareBody;
		this.spareBody = null;
		return (body != null) ? body : new LineProtocolBuffer(this.options.precision(), BLOCK_BYTES);
	}

	/**
	 * Settle lines: complete the futures of their calls, report a failure, then count
	 * them as done, so that {@link #awaitSettled} returns only after listeners have seen
	 * the failures. Lines settled already (abandoned at shutdown) are left as they are.
	 * @param entries the lines
	 * @param failure why they failed, or {@code null} if they were written
	 */
	void complete(BatchLines.Range entries, @Nullable DataAccessException failure) {
		if (failure == null) {
			acknowledge(entries);
			return;
		}
		settle(claim(entries), (possiblyWritten, lastFailure) -> failure);
	}

	/**
	 * Settle lines the server acknowledged: the common case, without the bookkeeping of a
	 * failure report.
	 */
	private void acknowledge(BatchLines.Range entries) {
		BatchLines lines = entries.lines();
		int size = entries.size();
		int claimed = 0;
		// Which lines this call settles, when some were settled already (abandoned at
		// shutdown): null while they are all of them.
		boolean[] mine = null;
		this.lock.lock();
		try {
			for (int i = 0; i < size; i++) {
				int index = entries.index(i);
				if (!lines.isSettled(index)) {
					lines.settle(index);
					claimed++;
					if (mine != null) {
						mine[i] = true;
					}
				}
				else if (mine == null) {
					mine = new boolean[size];
					Arrays.fill(mine, 0, i, true);
				}
			}
			this.pending -= claimed;
			this.notFull.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		if (claimed < size) {
			logger.info("CnosDB acknowledged " + (size - claimed)
					+ " points after the CnosBatchWriter had reported them as abandoned at shutdown");
		}
		if (claimed == 0) {
			return;
		}
		this.written.addAndGet(claimed);
		boolean[] settledHere = mine;
		settleRuns(size, (i) -> (settledHere == null || settledHere[i]) ? lines.call(entries.index(i)) : null, null);
		completed(claimed);
	}

	/**
	 * Settle the write calls of lines in order. The lines of one call come one after the
	 * other: each run of them is settled at once.
	 * @param size how many lines
	 * @param callAt the call of the line at an index, or {@code null} for a line this
	 * settling leaves out
	 * @param failure why the lines failed, or {@code null} if they are written
	 */
	private static void settleRuns(int size, IntFunction<@Nullable WriteCall> callAt,
			@Nullable DataAccessException failure) {
		WriteCall call = null;
		int run = 0;
		for (int i = 0; i < size; i++) {
			WriteCall next = callAt.apply(i);
			if (next == null) {
				continue;
			}
			if (next != call) {
				if (call != null) {
					call.settle(failure, run);
				}
				call = next;
				run = 0;
			}
			run++;
		}
		if (call != null) {
			call.settle(failure, run);
		}
	}

	/** Whether every line of the range is settled; under the lock. */
	private static boolean allSettled(BatchLines.Range entries) {
		BatchLines lines = entries.lines();
		for (int i = 0, size = entries.size(); i < size; i++) {
			if (!lines.isSettled(entries.index(i))) {
				return false;
			}
		}
		return true;
	}

	/** Count settled lines and wake those waiting for progress (flush, close). */
	private void completed(int count) {
		this.lock.lock();
		try {
			this.completed += count;
			this.progress.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Take the lines not settled yet, with what is known of each, under the lock. */
	private List<Claimed> claim(BatchLines.Range entries) {
		List<Claimed> claimed = new ArrayList<>(entries.size());
		BatchLines lines = entries.lines();
		this.lock.lock();
		try {
			for (int i = 0, size = entries.size(); i < size; i++) {
				int index = entries.index(i);
				if (!lines.isSettled(index)) {
					lines.settle(index);
					Object item = lines.item(index);
					String rowLine = null;
					if (item == BatchLines.ROW) {
						if (lines.rowLine(index) == null) {
							readRowLine(lines, index);
						}
						rowLine = lines.rowLine(index);
					}
					claimed.add(new Claimed(item, rowLine, lines.call(index), lines.isPossiblyWritten(index),
							lines.attempts(index), lines.lastFailure(index)));
				}
			}
			this.pending -= claimed.size();
			this.notFull.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		return claimed;
	}

	/**
	 * Settle claimed lines, reporting those that CnosDB may have stored apart from those
	 * it did not.
	 */
	private void settle(List<Claimed> claimed,
			BiFunction<Boolean, @Nullable DataAccessException, @Nullable DataAccessException> failureFor) {
		if (claimed.isEmpty()) {
			return;
		}
		for (boolean possiblyWritten : new boolean[] { false, true }) {
			List<Claimed> group = new ArrayList<>();
			int attempts = 0;
			DataAccessException lastFailure = null;
			for (Claimed each : claimed) {
				if (each.possiblyWritten() == possiblyWritten) {
					group.add(each);
					attempts = Math.max(attempts, each.attempts());
					lastFailure = (each.lastFailure() != null) ? each.lastFailure() : lastFailure;
				}
			}
			if (!group.isEmpty()) {
				settleGroup(group, failureFor.apply(possiblyWritten, lastFailure), attempts, possiblyWritten);
			}
		}
		completed(claimed.size());
	}

	private void settleGroup(List<Claimed> group, @Nullable DataAccessException failure, int attempts,
			boolean possiblyWritten) {
		if (failure == null) {
			this.written.addAndGet(group.size());
		}
		else {
			this.failed.addAndGet(group.size());
		}
		settleRuns(group.size(), (i) -> group.get(i).call(), failure);
		if (failure != null) {
			List<Point> points = new ArrayList<>();
			List<String> lines = new ArrayList<>();
			for (Claimed each : group) {
				if (each.item() instanceof Point point) {
					points.add(point);
				}
				else if (each.item() == BatchLines.ROW) {
					// Read out of the bytes when the row was claimed for this report.
					lines.add((each.rowLine() != null) ? each.rowLine() : "(the line of this row could not be read)");
				}
				else {
					lines.add((String) each.item());
				}
			}
			this.reporter.report(points, lines, failure, attempts, possiblyWritten);
		}
	}

	/** A line taken for settling, and what was known of it then. */
	private record Claimed(Object item, @Nullable String rowLine, WriteCall call, boolean possiblyWritten, int attempts,
			@Nullable DataAccessException lastFailure) {
	}

	/**
	 * Lines taken for sending, the blocks of their bytes (one line each, in order), and
	 * the body to copy the lines into.
	 */
	private record Batch(BatchLines lines, List<LineProtocolBuffer> blocks, LineProtocolBuffer body) {

		/** Move the lines of the blocks into the body, leaving the blocks empty. */
		void fillBody() {
			for (LineProtocolBuffer block : this.blocks) {
				block.moveLinesTo(0, this.body);
			}
		}

	}

	enum State {

		OPEN, CLOSING, CLOSED

	}

}
