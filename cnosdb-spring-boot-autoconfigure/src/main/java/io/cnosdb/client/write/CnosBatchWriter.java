package io.cnosdb.client.write;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosQueryTimeoutException;
import io.cnosdb.client.CnosResourceFailureException;
import io.cnosdb.client.CnosServerException;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.CnosTransientException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.unit.DataSize;

/**
 * Collects points from any number of threads and writes them to CnosDB in batches, in the
 * background, without losing any: every point ends either acknowledged by the server or
 * handed to the registered {@link WriteFailureListener}s.
 * <ul>
 * <li>A batch is sent when {@code batchSize} points are buffered, when the oldest
 * buffered point has waited {@code flushInterval}, on {@link #flush()} and on
 * {@link #close()}. One batch is one request.</li>
 * <li>The buffer is bounded by {@code bufferLimit} points (buffered and in flight). A
 * write that does not fit waits or fails at once, by the {@link OverflowPolicy}; it is
 * accepted whole or not at all, never dropped.</li>
 * <li>Failures that may pass are retried with exponential backoff and jitter, at least as
 * long as a {@code Retry-After} asks, up to {@code maxRetries} retries and
 * {@code maxRetryTime}: connection failures and timeouts, HTTP 5xx, 429, and CnosDB's
 * "retry later" codes ({@code 050033} memory exhausted, {@code 030024} rate limit,
 * {@code 010012} too many requests). Data errors (a malformed line, an unknown database,
 * bad credentials) are not retried. CnosDB may have applied part of a failed batch;
 * writes are idempotent per series and timestamp, so the whole batch is sent again.</li>
 * <li>Each write call returns a {@link CompletableFuture} that completes when all its
 * points are acknowledged, or exceptionally with the first failure once all of them are
 * settled. Dependent stages that are not {@code …Async} run on the writer's thread and
 * must not block.</li>
 * <li>{@link #flush()} returns when every point written before it is acknowledged or
 * reported. {@link #close()} (and, in a Spring context, {@link #stop()}) refuses new
 * writes at once and flushes what is buffered, giving up after the shutdown timeout; what
 * could not be written by then is reported as {@link CnosWriteAbandonedException}.</li>
 * </ul>
 * Thread-safe. One background thread sends the batches, in order; no lock is held while
 * it waits on the network.
 *
 * @author CnosDB Spring Boot contributors
 */
public class CnosBatchWriter implements SmartLifecycle, AutoCloseable {

	/**
	 * The lifecycle phase: stopped after the web server (which stops at
	 * {@code DEFAULT_PHASE - 2048}), so that writes from requests still in progress are
	 * flushed, and before the beans it uses are destroyed.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Log logger = LogFactory.getLog(CnosBatchWriter.class);

	private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

	private final CnosOperations operations;

	private final Settings settings;

	private final List<WriteFailureListener> failureListeners;

	private final ThreadFactory threadFactory;

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled when a batch may be ready, and when the writer closes. */
	private final Condition workAvailable = this.lock.newCondition();

	/** Signalled when buffer room frees up, and when the writer closes. */
	private final Condition notFull = this.lock.newCondition();

	/** Signalled when batches complete. */
	private final Condition progress = this.lock.newCondition();

	/** Signalled when the writer closes, to cut a retry delay short. */
	private final Condition closing = this.lock.newCondition();

	private final ArrayDeque<Entry> queue = new ArrayDeque<>();

	/** Points buffered or in flight; bounded by the buffer limit. Guarded by lock. */
	private int pending;

	/** Number of points ever accepted; guarded by lock. */
	private long accepted;

	/**
	 * Number of points acknowledged or reported, in acceptance order; guarded by lock.
	 */
	private long completed;

	/** Points accepted up to this number are sent without waiting; guarded by lock. */
	private long flushRequested;

	/** Written under the lock; volatile for the lock-free reads of isRunning(). */
	private volatile State state = State.OPEN;

	private long shutdownDeadline;

	private @Nullable Thread sender;

	private final AtomicLong written = new AtomicLong();

	private final AtomicLong retried = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private volatile boolean started;

	private CnosBatchWriter(Builder builder) {
		this.operations = builder.operations;
		this.settings = new Settings(builder);
		this.failureListeners = List.copyOf(builder.failureListeners);
		this.threadFactory = (builder.threadFactory != null) ? builder.threadFactory : (runnable) -> {
			Thread thread = new Thread(runnable, "cnosdb-batch-writer-" + THREAD_NUMBER.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Start building a writer that sends its batches through {@code operations} (to its
	 * tenant and database).
	 * @param operations the client to write with, such as a {@link CnosTemplate}
	 * @return a new builder
	 */
	public static Builder builder(CnosOperations operations) {
		return new Builder(operations);
	}

	// Writes

	/**
	 * Buffer one point.
	 * @param point the point
	 * @return a future that completes when the point is acknowledged, or exceptionally
	 * with the reason it failed
	 * @throws IllegalArgumentException if the point's timestamp cannot be written in the
	 * writer's precision
	 * @throws IllegalStateException if the writer is closed
	 * @throws CnosWriteBufferFullException if the point does not fit in the buffer
	 */
	public CompletableFuture<Void> writePoint(Point point) {
		Assert.notNull(point, "'point' must not be null");
		point.timestampIn(this.settings.precision);
		return submit(List.of(point));
	}

	/**
	 * Buffer points; all are accepted or none.
	 * @param points the points
	 * @return a future that completes when all the points are acknowledged, or
	 * exceptionally with the first failure once all are settled
	 * @throws IllegalArgumentException if a point's timestamp cannot be written in the
	 * writer's precision, or there are more points than the buffer limit
	 * @throws IllegalStateException if the writer is closed
	 * @throws CnosWriteBufferFullException if the points do not fit in the buffer
	 */
	public CompletableFuture<Void> writePoints(Iterable<Point> points) {
		Assert.notNull(points, "'points' must not be null");
		List<Object> items = new ArrayList<>();
		int index = 0;
		for (Point point : points) {
			index++;
			Assert.notNull(point, "A point must not be null");
			try {
				point.timestampIn(this.settings.precision);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("point " + index + ": " + ex.getMessage(), ex);
			}
			items.add(point);
		}
		return submit(items);
	}

	/**
	 * Buffer raw line protocol in the writer's precision: one line or several separated
	 * by {@code \n}. The text is checked as by
	 * {@link LineProtocolBuffer#appendLines(CharSequence)} before it is accepted.
	 * @param lines the lines
	 * @return a future that completes when all the lines are acknowledged, or
	 * exceptionally with the first failure once all are settled
	 * @throws IllegalArgumentException naming the line if a line is malformed
	 * @throws IllegalStateException if the writer is closed
	 * @throws CnosWriteBufferFullException if the lines do not fit in the buffer
	 */
	public CompletableFuture<Void> writeLines(String lines) {
		Assert.notNull(lines, "'lines' must not be null");
		return writeLines(List.of(lines));
	}

	/**
	 * Buffer raw lines of line protocol in the writer's precision; see
	 * {@link #writeLines(String)}.
	 * @param lines the lines (an element may hold several lines)
	 * @return a future that completes when all the lines are acknowledged, or
	 * exceptionally with the first failure once all are settled
	 * @throws IllegalArgumentException naming the element and line if a line is malformed
	 * @throws IllegalStateException if the writer is closed
	 * @throws CnosWriteBufferFullException if the lines do not fit in the buffer
	 */
	public CompletableFuture<Void> writeLines(Iterable<? extends CharSequence> lines) {
		Assert.notNull(lines, "'lines' must not be null");
		LineProtocolBuffer checked = new LineProtocolBuffer(this.settings.precision, 256);
		int index = 0;
		for (CharSequence text : lines) {
			index++;
			try {
				checked.appendLines(text);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("element " + index + ": " + ex.getMessage(), ex);
			}
		}
		List<Object> items = new ArrayList<>(checked.lineCount());
		for (int i = 0; i < checked.lineCount(); i++) {
			items.add(checked.line(i));
		}
		return submit(items);
	}

	/**
	 * Buffer an object of a class annotated with {@link Measurement}, mapped by
	 * {@link PointMapper#of(Class)}.
	 * @param object the object
	 * @return a future that completes when the point is acknowledged, or exceptionally
	 * with the reason it failed
	 * @throws IllegalArgumentException if the object cannot be mapped or written exactly
	 * @throws IllegalStateException if the writer is closed
	 * @throws CnosWriteBufferFullException if the point does not fit in the buffer
	 */
	public CompletableFuture<Void> writeObject(Object object) {
		Assert.notNull(object, "'object' must not be null");
		return writeObjects(List.of(object));
	}

	/**
	 * Buffer objects of classes annotated with {@link Measurement}; all are accepted or
	 * none.
	 * @param objects the objects
	 * @return a future that completes when all the points are acknowledged, or
	 * exceptionally with the first failure once all are settled
	 * @throws IllegalArgumentException if an object cannot be mapped or written exactly
	 * @throws IllegalStateException if the writer is closed
	 * @throws CnosWriteBufferFullException if the points do not fit in the buffer
	 */
	public CompletableFuture<Void> writeObjects(Iterable<?> objects) {
		Assert.notNull(objects, "'objects' must not be null");
		List<Point> points = new ArrayList<>();
		for (Object object : objects) {
			Assert.notNull(object, "An object must not be null");
			points.add(mapperFor(object).toPoint(object));
		}
		return writePoints(points);
	}

	/**
	 * Buffer objects mapped to points by {@code mapper}; all are accepted or none.
	 * @param <T> the type of object
	 * @param objects the objects
	 * @param mapper maps each object to a point
	 * @return a future that completes when all the points are acknowledged, or
	 * exceptionally with the first failure once all are settled
	 * @throws IllegalArgumentException if an object cannot be written exactly
	 * @throws IllegalStateException if the writer is closed
	 * @throws CnosWriteBufferFullException if the points do not fit in the buffer
	 */
	public <T> CompletableFuture<Void> writeObjects(Iterable<? extends T> objects, PointMapper<? super T> mapper) {
		Assert.notNull(objects, "'objects' must not be null");
		Assert.notNull(mapper, "'mapper' must not be null");
		List<Point> points = new ArrayList<>();
		for (T object : objects) {
			Assert.notNull(object, "An object must not be null");
			Point point = mapper.toPoint(object);
			Assert.notNull(point, "The mapper returned null");
			points.add(point);
		}
		return writePoints(points);
	}

	@SuppressWarnings("unchecked")
	private static <T> PointMapper<T> mapperFor(T object) {
		return PointMapper.of((Class<T>) object.getClass());
	}

	private CompletableFuture<Void> submit(List<Object> items) {
		int count = items.size();
		if (count == 0) {
			return CompletableFuture.completedFuture(null);
		}
		if (count > this.settings.bufferLimit) {
			throw new IllegalArgumentException("A write of " + count + " points cannot fit in a buffer of "
					+ this.settings.bufferLimit + "; split it or raise the buffer limit");
		}
		Call call = new Call(count);
		this.lock.lock();
		try {
			checkOpen();
			if (this.pending + count > this.settings.bufferLimit) {
				waitForRoom(count);
			}
			long now = System.nanoTime();
			boolean wasEmpty = this.queue.isEmpty();
			for (Object item : items) {
				this.queue.addLast(new Entry(item, call, ++this.accepted, now));
			}
			this.pending += count;
			ensureSender();
			if (wasEmpty || this.queue.size() >= this.settings.batchSize) {
				this.workAvailable.signal();
			}
		}
		finally {
			this.lock.unlock();
		}
		return call.future.copy();
	}

	private void waitForRoom(int count) {
		String full = "The CnosBatchWriter buffer holds " + this.pending + " of " + this.settings.bufferLimit
				+ " points and cannot take " + count + " more";
		if (this.settings.overflowPolicy == OverflowPolicy.FAIL) {
			throw new CnosWriteBufferFullException(full + " (overflow policy FAIL); nothing was accepted", null);
		}
		if (Thread.currentThread() == this.sender) {
			throw new CnosWriteBufferFullException(
					full + ", and the writer's own thread cannot wait for room; nothing was accepted", null);
		}
		long nanos = this.settings.blockTimeout.toNanos();
		try {
			while (this.pending + count > this.settings.bufferLimit) {
				if (nanos <= 0) {
					throw new CnosWriteBufferFullException(full + " after waiting "
							+ this.settings.blockTimeout.toMillis() + " ms; nothing was accepted", null);
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

	private void ensureSender() {
		if (this.sender == null) {
			Thread thread = this.threadFactory.newThread(this::run);
			this.sender = thread;
			thread.start();
		}
	}

	// Flush and lifecycle

	/**
	 * Wait until every point written before this call is acknowledged or reported to the
	 * failure listeners. Batches are sent at once rather than at their interval.
	 * @throws IllegalStateException if called from the writer's own thread (from a
	 * future's dependent stage or a failure listener), or if interrupted
	 */
	public void flush() {
		flush(null);
	}

	/**
	 * Wait, at most {@code timeout}, until every point written before this call is
	 * acknowledged or reported.
	 * @param timeout the most time to wait, or {@code null} for no limit
	 * @return whether everything was settled in time
	 * @throws IllegalStateException if called from the writer's own thread, or if
	 * interrupted
	 */
	public boolean flush(@Nullable Duration timeout) {
		Assert.state(Thread.currentThread() != this.sender,
				"flush() cannot be called from the CnosBatchWriter's own thread");
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
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while flushing the CnosBatchWriter", ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Refuse new writes, send everything buffered and wait for it, up to the shutdown
	 * timeout; report whatever is still undelivered then as
	 * {@link CnosWriteAbandonedException}. Idempotent.
	 */
	@Override
	public void close() {
		Thread thread;
		this.lock.lock();
		try {
			if (this.state == State.CLOSED) {
				return;
			}
			if (this.state == State.OPEN) {
				this.state = State.CLOSING;
				this.shutdownDeadline = System.nanoTime() + this.settings.shutdownTimeout.toNanos();
				this.workAvailable.signalAll();
				this.notFull.signalAll();
				this.closing.signalAll();
			}
			thread = this.sender;
		}
		finally {
			this.lock.unlock();
		}
		if (thread != null && thread != Thread.currentThread()) {
			awaitSender(thread);
		}
		List<Entry> stranded;
		this.lock.lock();
		try {
			// Left only if the sender is stuck on the network past the deadline.
			stranded = new ArrayList<>(this.queue);
			this.queue.clear();
			this.state = State.CLOSED;
			this.sender = (thread != null && thread.isAlive()) ? thread : null;
		}
		finally {
			this.lock.unlock();
		}
		if (!stranded.isEmpty()) {
			complete(stranded,
					new CnosWriteAbandonedException(
							"The CnosBatchWriter closed before these points could be sent (shutdown timeout "
									+ this.settings.shutdownTimeout.toMillis() + " ms)",
							null),
					0);
		}
	}

	private void awaitSender(Thread thread) {
		try {
			long grace = Math.max(1000, this.settings.shutdownTimeout.toMillis() / 10);
			thread.join(this.settings.shutdownTimeout.toMillis() + grace);
			if (thread.isAlive()) {
				logger.warn("The CnosBatchWriter thread is still waiting on CnosDB after the shutdown timeout; "
						+ "interrupting it");
				thread.interrupt();
				thread.join(grace);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Open the writer again after {@link #stop()}, so that a restarted application
	 * context can write. A new writer starts open; calling this is not required.
	 */
	@Override
	public void start() {
		this.lock.lock();
		try {
			if (this.state == State.CLOSED) {
				this.state = State.OPEN;
			}
			Assert.state(this.state == State.OPEN, "The CnosBatchWriter is still closing");
		}
		finally {
			this.lock.unlock();
		}
		this.started = true;
	}

	/**
	 * Close the writer as the application context stops; see {@link #close()}.
	 */
	@Override
	public void stop() {
		this.started = false;
		close();
	}

	@Override
	public boolean isRunning() {
		return this.started && this.state == State.OPEN;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Return a snapshot of the writer's counters.
	 * @return the counters
	 */
	public Statistics getStatistics() {
		int buffered;
		this.lock.lock();
		try {
			buffered = this.pending;
		}
		finally {
			this.lock.unlock();
		}
		return new Statistics(buffered, this.written.get(), this.retried.get(), this.failed.get());
	}

	@Override
	public String toString() {
		return "CnosBatchWriter[" + this.operations + ", state=" + this.state + ", " + getStatistics() + "]";
	}

	// The sending thread

	private void run() {
		LineProtocolBuffer body = new LineProtocolBuffer(this.settings.precision, 64 * 1024);
		try {
			while (true) {
				List<Entry> batch = takeBatch();
				if (batch == null) {
					return;
				}
				send(batch, body);
			}
		}
		finally {
			this.lock.lock();
			try {
				if (this.sender == Thread.currentThread()) {
					this.sender = null;
					if (this.state == State.OPEN && !this.queue.isEmpty()) {
						// Interrupted by someone else while open: keep serving the queue.
						ensureSender();
					}
				}
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/** Wait until a batch is ready and take it, or return null when closed and empty. */
	private @Nullable List<Entry> takeBatch() {
		this.lock.lock();
		try {
			while (true) {
				Entry head = this.queue.peekFirst();
				if (head == null) {
					if (this.state != State.OPEN) {
						return null;
					}
					this.workAvailable.await();
					continue;
				}
				long waited = System.nanoTime() - head.acceptedAt;
				long interval = this.settings.flushInterval.toNanos();
				if (this.state != State.OPEN || this.queue.size() >= this.settings.batchSize
						|| head.number <= this.flushRequested || waited >= interval) {
					break;
				}
				this.workAvailable.awaitNanos(interval - waited);
			}
			int size = Math.min(this.settings.batchSize, this.queue.size());
			List<Entry> batch = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				batch.add(this.queue.pollFirst());
			}
			return batch;
		}
		catch (InterruptedException ex) {
			// Only close() interrupts this thread, after the deadline: drain what is
			// left so that close() reports it.
			Thread.currentThread().interrupt();
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Send one batch and settle every entry of it; never throws, so that no point is left
	 * unaccounted for.
	 */
	private void send(List<Entry> taken, LineProtocolBuffer body) {
		List<Entry> batch;
		try {
			batch = encode(taken, body);
		}
		catch (RuntimeException ex) {
			complete(taken, new InvalidDataAccessApiUsageException("Encoding a batch failed: " + ex, ex), 0);
			return;
		}
		if (batch.isEmpty()) {
			return;
		}
		BackOffExecution delays = null;
		long start = System.nanoTime();
		int attempts = 0;
		while (true) {
			if (isPastShutdownDeadline()) {
				complete(batch,
						new CnosWriteAbandonedException(
								"The CnosBatchWriter closed before these points could be written (shutdown timeout "
										+ this.settings.shutdownTimeout.toMillis() + " ms)",
								null),
						attempts);
				return;
			}
			DataAccessException failure;
			try {
				attempts++;
				this.operations.writeLineProtocol(body);
				complete(batch, null, attempts);
				return;
			}
			catch (DataAccessException ex) {
				failure = ex;
			}
			catch (RuntimeException ex) {
				// Not a translated CnosDB failure: a bug or a misconfiguration, not
				// retried.
				failure = new InvalidDataAccessApiUsageException(String.valueOf(ex.getMessage()), ex);
			}
			if (!isRetryable(failure) || attempts > this.settings.maxRetries) {
				complete(batch, failure, attempts);
				return;
			}
			if (delays == null) {
				delays = this.settings.backOff().start();
			}
			long delay = Math.max(0, delays.nextBackOff());
			if (failure instanceof CnosTransientException transientFailure
					&& transientFailure.getRetryAfter() != null) {
				delay = Math.max(delay, transientFailure.getRetryAfter().toMillis());
			}
			long elapsed = System.nanoTime() - start;
			if (elapsed + TimeUnit.MILLISECONDS.toNanos(delay) > this.settings.maxRetryTime.toNanos()) {
				complete(batch, failure, attempts);
				return;
			}
			this.retried.addAndGet(batch.size());
			if (!pause(delay)) {
				complete(batch,
						new CnosWriteAbandonedException(
								"The CnosBatchWriter closed while these points were being retried (shutdown timeout "
										+ this.settings.shutdownTimeout.toMillis()
										+ " ms); the last attempt failed with: " + failure.getMessage(),
								failure),
						attempts);
				return;
			}
		}
	}

	/**
	 * Encode the batch into the body, stopping before the request would grow past its
	 * size limit; entries that do not fit go back to the front of the queue.
	 */
	private List<Entry> encode(List<Entry> batch, LineProtocolBuffer body) {
		body.clear();
		long max = this.settings.maxRequestSize;
		for (int i = 0; i < batch.size(); i++) {
			Entry entry = batch.get(i);
			if (entry.item instanceof Point point) {
				body.append(point);
			}
			else {
				body.appendCheckedLine((String) entry.item);
			}
			if (body.size() > max) {
				body.truncateLines(i);
				if (i == 0) {
					complete(List.of(entry), new InvalidDataAccessApiUsageException("A line is larger than the " + max
							+ " bytes one write request may carry (max request size)"), 0);
					requeue(batch.subList(1, batch.size()));
					return List.of();
				}
				requeue(batch.subList(i, batch.size()));
				return batch.subList(0, i);
			}
		}
		return batch;
	}

	private void requeue(List<Entry> entries) {
		this.lock.lock();
		try {
			for (int i = entries.size() - 1; i >= 0; i--) {
				this.queue.addFirst(entries.get(i));
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	static boolean isRetryable(DataAccessException ex) {
		if (ex instanceof CnosTransientException || ex instanceof CnosQueryTimeoutException) {
			return true;
		}
		if (ex instanceof CnosResourceFailureException failure) {
			// No answer at all: the connection failed. (404/405 carry an answer.)
			return failure.getErrorResponse() == null;
		}
		if (ex instanceof CnosServerException server) {
			return server.getErrorResponse() != null && server.getErrorResponse().httpStatus() >= 500;
		}
		return false;
	}

	private boolean isPastShutdownDeadline() {
		this.lock.lock();
		try {
			return this.state != State.OPEN && System.nanoTime() - this.shutdownDeadline >= 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait before a retry; return false if the shutdown deadline comes first.
	 */
	private boolean pause(long millis) {
		long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		this.lock.lock();
		try {
			while (true) {
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
	 * Settle entries: complete their futures, report failures, then count them as done,
	 * so that {@link #flush()} returns only after listeners have seen the failures.
	 */
	private void complete(List<Entry> batch, @Nullable DataAccessException failure, int attempts) {
		this.lock.lock();
		try {
			this.pending -= batch.size();
			this.notFull.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		if (failure == null) {
			this.written.addAndGet(batch.size());
		}
		else {
			this.failed.addAndGet(batch.size());
		}
		for (Entry entry : batch) {
			entry.call.settle(failure);
		}
		if (failure != null) {
			report(batch, failure, attempts);
		}
		this.lock.lock();
		try {
			this.completed += batch.size();
			this.progress.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void report(List<Entry> batch, DataAccessException failure, int attempts) {
		List<Point> points = new ArrayList<>();
		List<String> lines = new ArrayList<>();
		for (Entry entry : batch) {
			if (entry.item instanceof Point point) {
				points.add(point);
			}
			else {
				lines.add((String) entry.item);
			}
		}
		WriteFailure report = new WriteFailure(points, lines, failure, attempts, this.settings.precision);
		if (this.failureListeners.isEmpty()) {
			logger.error("CnosDB batch write failed; " + report.size() + " points were not written after " + attempts
					+ " attempt(s) (register a WriteFailureListener to handle them): " + failure.getMessage());
			return;
		}
		for (WriteFailureListener listener : this.failureListeners) {
			try {
				listener.onFailure(report);
			}
			catch (RuntimeException ex) {
				logger.error("WriteFailureListener " + listener + " failed on " + report, ex);
			}
		}
	}

	/**
	 * Counters of a {@link CnosBatchWriter}, in points (a raw line counts as one point).
	 *
	 * @param buffered points accepted and not yet acknowledged or reported (including the
	 * batch in flight)
	 * @param written points acknowledged by the server
	 * @param retried points sent again after a transient failure (a point retried twice
	 * counts twice)
	 * @param failed points reported to the failure listeners
	 */
	public record Statistics(long buffered, long written, long retried, long failed) {
	}

	private enum State {

		OPEN, CLOSING, CLOSED

	}

	/** One buffered point or raw line, and the write call it belongs to. */
	private record Entry(Object item, Call call, long number, long acceptedAt) {
	}

	/** One write call: its future completes when all its points are settled. */
	private static final class Call {

		private final CompletableFuture<Void> future = new CompletableFuture<>();

		private final AtomicInteger remaining;

		private final AtomicReference<@Nullable DataAccessException> failure = new AtomicReference<>();

		Call(int points) {
			this.remaining = new AtomicInteger(points);
		}

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

	/** The validated settings of a writer. */
	private static final class Settings {

		private final int batchSize;

		private final Duration flushInterval;

		private final int bufferLimit;

		private final OverflowPolicy overflowPolicy;

		private final Duration blockTimeout;

		private final WritePrecision precision;

		private final long maxRequestSize;

		private final int maxRetries;

		private final Duration retryInterval;

		private final double retryMultiplier;

		private final Duration maxRetryDelay;

		private final Duration retryJitter;

		private final Duration maxRetryTime;

		private final Duration shutdownTimeout;

		Settings(Builder builder) {
			Assert.isTrue(builder.batchSize > 0, "The batch size must be positive");
			Assert.isTrue(builder.bufferLimit >= builder.batchSize, "The buffer limit must be at least the batch size");
			Assert.isTrue(isPositive(builder.flushInterval), "The flush interval must be positive");
			Assert.isTrue(isNotNegative(builder.blockTimeout), "The block timeout must not be negative");
			Assert.notNull(builder.overflowPolicy, "The overflow policy must not be null");
			Assert.notNull(builder.precision, "The precision must not be null");
			Assert.isTrue(builder.maxRequestSize != null && builder.maxRequestSize.toBytes() >= 1024,
					"The max request size must be at least 1KB");
			Assert.isTrue(builder.maxRetries >= 0, "The number of retries must not be negative");
			Assert.isTrue(isNotNegative(builder.retryInterval), "The retry interval must not be negative");
			Assert.isTrue(builder.retryMultiplier >= 1, "The retry multiplier must be at least 1");
			Assert.isTrue(isNotNegative(builder.maxRetryDelay), "The max retry delay must not be negative");
			Assert.isTrue(isNotNegative(builder.retryJitter), "The retry jitter must not be negative");
			Assert.isTrue(isNotNegative(builder.maxRetryTime), "The max retry time must not be negative");
			Assert.isTrue(isNotNegative(builder.shutdownTimeout), "The shutdown timeout must not be negative");
			this.batchSize = builder.batchSize;
			this.flushInterval = builder.flushInterval;
			this.bufferLimit = builder.bufferLimit;
			this.overflowPolicy = builder.overflowPolicy;
			this.blockTimeout = builder.blockTimeout;
			this.precision = builder.precision;
			this.maxRequestSize = builder.maxRequestSize.toBytes();
			this.maxRetries = builder.maxRetries;
			this.retryInterval = builder.retryInterval;
			this.retryMultiplier = builder.retryMultiplier;
			this.maxRetryDelay = builder.maxRetryDelay;
			this.retryJitter = builder.retryJitter;
			this.maxRetryTime = builder.maxRetryTime;
			this.shutdownTimeout = builder.shutdownTimeout;
		}

		/** Exponential delays with jitter, from Spring's {@link ExponentialBackOff}. */
		ExponentialBackOff backOff() {
			ExponentialBackOff backOff = new ExponentialBackOff(this.retryInterval.toMillis(), this.retryMultiplier);
			backOff.setMaxInterval(this.maxRetryDelay.toMillis());
			backOff.setJitter(this.retryJitter.toMillis());
			return backOff;
		}

		private static boolean isPositive(@Nullable Duration duration) {
			return duration != null && !duration.isNegative() && !duration.isZero();
		}

		private static boolean isNotNegative(@Nullable Duration duration) {
			return duration != null && !duration.isNegative();
		}

	}

	/**
	 * Builds a {@link CnosBatchWriter}. The defaults suit a steady stream of points:
	 * batches of 5000 points or 1 second, a buffer of 50000 points that blocks writers up
	 * to 10 seconds when full, up to 5 retries within 2 minutes starting at 1 second
	 * (doubling, at most 30 seconds apart, 200 ms jitter), and 30 seconds to flush on
	 * close.
	 */
	public static final class Builder {

		private final CnosOperations operations;

		private int batchSize = 5000;

		private Duration flushInterval = Duration.ofSeconds(1);

		private int bufferLimit = 50_000;

		private OverflowPolicy overflowPolicy = OverflowPolicy.BLOCK;

		private Duration blockTimeout = Duration.ofSeconds(10);

		private WritePrecision precision = WritePrecision.NS;

		private DataSize maxRequestSize = LineProtocolChunker.DEFAULT_MAX_REQUEST_SIZE;

		private int maxRetries = 5;

		private Duration retryInterval = Duration.ofSeconds(1);

		private double retryMultiplier = 2;

		private Duration maxRetryDelay = Duration.ofSeconds(30);

		private Duration retryJitter = Duration.ofMillis(200);

		private Duration maxRetryTime = Duration.ofMinutes(2);

		private Duration shutdownTimeout = Duration.ofSeconds(30);

		private final List<WriteFailureListener> failureListeners = new ArrayList<>();

		private @Nullable ThreadFactory threadFactory;

		private Builder(CnosOperations operations) {
			Assert.notNull(operations, "'operations' must not be null");
			this.operations = operations;
		}

		/**
		 * Set the number of points that triggers a batch.
		 * @param batchSize the batch size
		 * @return this builder
		 */
		public Builder batchSize(int batchSize) {
			this.batchSize = batchSize;
			return this;
		}

		/**
		 * Set the longest time a point waits in the buffer before its batch is sent.
		 * @param flushInterval the interval
		 * @return this builder
		 */
		public Builder flushInterval(Duration flushInterval) {
			this.flushInterval = flushInterval;
			return this;
		}

		/**
		 * Set the most points buffered or in flight; at least the batch size.
		 * @param bufferLimit the limit
		 * @return this builder
		 */
		public Builder bufferLimit(int bufferLimit) {
			this.bufferLimit = bufferLimit;
			return this;
		}

		/**
		 * Set what a write does when the buffer is full.
		 * @param overflowPolicy the policy
		 * @return this builder
		 */
		public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
			this.overflowPolicy = overflowPolicy;
			return this;
		}

		/**
		 * Set how long a write waits for room under {@link OverflowPolicy#BLOCK}.
		 * @param blockTimeout the timeout
		 * @return this builder
		 */
		public Builder blockTimeout(Duration blockTimeout) {
			this.blockTimeout = blockTimeout;
			return this;
		}

		/**
		 * Set the precision of the requests (and of raw lines given to the writer).
		 * @param precision the precision
		 * @return this builder
		 */
		public Builder precision(WritePrecision precision) {
			this.precision = precision;
			return this;
		}

		/**
		 * Set the most bytes of one request; a batch that would be larger is sent in
		 * parts. Keep it at or below the template's own limit.
		 * @param maxRequestSize the limit
		 * @return this builder
		 */
		public Builder maxRequestSize(DataSize maxRequestSize) {
			this.maxRequestSize = maxRequestSize;
			return this;
		}

		/**
		 * Set the most retries of a batch after its first attempt ({@code 0} for none).
		 * @param maxRetries the number of retries
		 * @return this builder
		 */
		public Builder maxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
			return this;
		}

		/**
		 * Set the delay before the first retry.
		 * @param retryInterval the delay
		 * @return this builder
		 */
		public Builder retryInterval(Duration retryInterval) {
			this.retryInterval = retryInterval;
			return this;
		}

		/**
		 * Set the factor by which the delay grows after each retry.
		 * @param retryMultiplier the factor, at least 1
		 * @return this builder
		 */
		public Builder retryMultiplier(double retryMultiplier) {
			this.retryMultiplier = retryMultiplier;
			return this;
		}

		/**
		 * Set the longest delay between two attempts (a server's {@code Retry-After} may
		 * ask for more).
		 * @param maxRetryDelay the delay
		 * @return this builder
		 */
		public Builder maxRetryDelay(Duration maxRetryDelay) {
			this.maxRetryDelay = maxRetryDelay;
			return this;
		}

		/**
		 * Set the random spread added to or taken from each delay (growing with it), so
		 * that many writers do not retry in step.
		 * @param retryJitter the jitter
		 * @return this builder
		 */
		public Builder retryJitter(Duration retryJitter) {
			this.retryJitter = retryJitter;
			return this;
		}

		/**
		 * Set the longest time a batch is retried, from its first attempt.
		 * @param maxRetryTime the time
		 * @return this builder
		 */
		public Builder maxRetryTime(Duration maxRetryTime) {
			this.maxRetryTime = maxRetryTime;
			return this;
		}

		/**
		 * Set how long {@link CnosBatchWriter#close()} keeps sending what is buffered.
		 * @param shutdownTimeout the timeout
		 * @return this builder
		 */
		public Builder shutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
			return this;
		}

		/**
		 * Add a listener for batches that could not be written. Without any, failures are
		 * logged at error level.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder failureListener(WriteFailureListener listener) {
			Assert.notNull(listener, "'listener' must not be null");
			this.failureListeners.add(listener);
			return this;
		}

		/**
		 * Set the factory of the sending thread (by default a daemon thread named
		 * {@code cnosdb-batch-writer-N}).
		 * @param threadFactory the factory
		 * @return this builder
		 */
		public Builder threadFactory(ThreadFactory threadFactory) {
			this.threadFactory = threadFactory;
			return this;
		}

		/**
		 * Build the writer. It starts its thread on the first write.
		 * @return a new writer
		 * @throws IllegalArgumentException if a setting is out of range
		 */
		public CnosBatchWriter build() {
			return new CnosBatchWriter(this);
		}

	}

}
