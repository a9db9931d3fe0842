package io.cnosdb.client.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.Measurement;
import io.cnosdb.client.write.Point;
import io.cnosdb.client.write.PointMapper;
import io.cnosdb.client.write.WritePrecision;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Collects points from any number of threads and writes them to CnosDB in batches, in the
 * background, without losing any: every point ends either acknowledged by the server or
 * handed to the registered {@link WriteFailureListener}s.
 * <ul>
 * <li>A batch is sent when {@code batchSize} points are buffered, when the oldest
 * buffered point has waited {@code flushInterval}, on {@link #flush()} and on
 * {@link #close()}. One batch is one request, or several in order when it is larger than
 * {@code maxRequestSize}; a single line larger than that fails alone.</li>
 * <li>The buffer is bounded by {@code bufferLimit} points (buffered and in flight). A
 * write that does not fit waits or fails at once, by the {@link OverflowPolicy}; it is
 * accepted whole or not at all, never dropped.</li>
 * <li>Failures that may pass are retried with exponential backoff and jitter, at least as
 * long as a {@code Retry-After} asks, up to {@code maxRetries} retries and
 * {@code maxRetryTime}: connection failures and timeouts, HTTP 5xx, 429, and CnosDB's
 * "retry later" codes ({@code 050033} memory exhausted, {@code 030024} rate limit,
 * {@code 010012} too many requests). Other errors (a malformed line, an unknown database,
 * bad credentials) are not retried. CnosDB may have applied part of a failed request;
 * writes are idempotent per series and timestamp, so the whole request is sent
 * again.</li>
 * <li>One bad point does not sink the others: when CnosDB refuses a request for a data
 * error (a malformed line, a type conflict), the lines it is about are isolated (the line
 * the server's message names, else by splitting the request in halves, at most
 * {@value BatchSender#MAX_ISOLATION_REQUESTS} extra requests per request) and the rest is
 * written; only the bad points are reported, each with the server's answer about it.</li>
 * <li>Each write call returns a {@link CompletableFuture} that completes when all its
 * points are acknowledged, or exceptionally with the first failure once all of them are
 * settled. Dependent stages that are not {@code …Async} run on the writer's thread and
 * must not block.</li>
 * <li>{@link #writeRows(Consumer)} writes rows without building a {@link Point} per row
 * (nor any other object per row): the rows of one call go straight into a buffer of that
 * call, with the checks, escaping and messages of {@link Point}, and are accepted
 * together when the call returns.</li>
 * <li>Each report ({@link WriteFailure}) says whether CnosDB may have stored its points
 * all the same ({@link WriteFailure#possiblyWritten()}): delivery is at least once, and
 * writing a point twice leaves one row.</li>
 * <li>{@link #flush()} returns when every point written before it is acknowledged or
 * reported. {@link #close()} (and, in a Spring context, {@link #stop()}) refuses new
 * writes at once and flushes what is buffered, and returns by the shutdown timeout even
 * if CnosDB hangs: what could not be written by then, the request in flight included, is
 * reported as {@link CnosWriteAbandonedException}.</li>
 * </ul>
 * Thread-safe. One background thread sends the batches, in order; no lock is held while
 * it waits on the network. Each point is encoded once, by the thread that writes it; the
 * writer keeps its line as bytes until it is acknowledged (and the point itself, for the
 * failure report). The settings are {@link CnosBatchWriterOptions}, set on the
 * {@link Builder}.
 * <p>
 * Rows, for a steady flow of many points (a call of a batch of rows at a time keeps the
 * writer sending while the next call writes its rows):
 *
 * <pre class="code">
 * CompletableFuture&lt;Void&gt; written = writer.writeRows((rows) -&gt; {
 *     for (Reading reading : readings) {
 *         rows.row("air")
 *             .tag("station", reading.station())
 *             .field("temperature", reading.temperature())
 *             .field("visibility", reading.visibility())
 *             .at(reading.time(), TimeUnit.MILLISECONDS);
 *     }
 * });
 * </pre>
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

	/** How long {@link #close()} waits for the sending thread after interrupting it. */
	private static final long INTERRUPT_GRACE_MILLIS = 200;

	/** The initial size of a buffer that points are encoded into. */
	private static final int SCRATCH_BYTES = 256;

	/** The largest scratch buffer kept for a next write. */
	private static final int MAX_KEPT_SCRATCH_BYTES = 16 * 1024;

	/**
	 * The number of scratch buffers kept, a power of two: a writing thread takes the one
	 * of its slot (by thread id), or makes a new one if another thread holds it.
	 */
	private static final int SCRATCH_SLOTS = 8;

	/** The largest buffer a call of {@link #writeRows} starts with. */
	private static final int MAX_ROWS_START_BYTES = 8 * 1024 * 1024;

	private final CnosOperations operations;

	private final CnosBatchWriterOptions options;

	private final BatchQueue queue;

	/**
	 * Buffers to encode one point into, outside the queue's lock, when another thread
	 * holds it (otherwise the point is encoded straight into the queue): taken from a
	 * slot for the time of one write and put back (cheaper than a thread-local lookup).
	 */
	private final AtomicReferenceArray<@Nullable LineProtocolBuffer> scratch = new AtomicReferenceArray<>(
			SCRATCH_SLOTS);

	private volatile boolean started;

	/**
	 * The bytes the last call of {@link #writeRows} wrote (and a little more), to start
	 * the buffer of the next at about the right size; read and written without a lock (a
	 * stale value only costs a resize).
	 */
	private volatile int rowsStartBytes = SCRATCH_BYTES;

	private CnosBatchWriter(Builder builder) {
		this.operations = builder.operations;
		this.options = builder.buildOptions();
		ThreadFactory threadFactory = (builder.threadFactory != null) ? builder.threadFactory : (runnable) -> {
			Thread thread = new Thread(runnable, "cnosdb-batch-writer-" + THREAD_NUMBER.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		this.queue = new BatchQueue(this.options,
				new BatchSender(this.operations, this.options, builder.observationRegistry),
				new FailureReporter(builder.failureListeners, this.options.precision()), threadFactory);
	}

	/**
	 * Start building a writer that sends its batches through {@code operations} (to its
	 * tenant and database).
	 * @param operations the client to write with, such as a
	 * {@link io.cnosdb.client.CnosTemplate}
	 * @return a new builder
	 */
	public static Builder builder(CnosOperations operations) {
		return new Builder(operations);
	}

	/**
	 * Return the settings of this writer.
	 * @return the options
	 */
	public CnosBatchWriterOptions getOptions() {
		return this.options;
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
		CompletableFuture<Void> accepted = this.queue.tryAcceptPoint(point);
		if (accepted != null) {
			return accepted;
		}
		// Another thread holds the queue: encode outside it, then hand the line over.
		int slot = (int) Thread.currentThread().getId() & (SCRATCH_SLOTS - 1);
		LineProtocolBuffer encoded = this.scratch.getAndSet(slot, null);
		if (encoded == null) {
			encoded = new LineProtocolBuffer(this.options.precision(), SCRATCH_BYTES);
		}
		int bytes = 0;
		try {
			// Encoded once, here: a point that cannot be written is refused to the caller
			// now (such as a timestamp with digits below the precision), and the queue
			// keeps its bytes.
			encoded.append(point);
			bytes = encoded.size();
			return this.queue.accept(point, encoded);
		}
		finally {
			if (bytes <= MAX_KEPT_SCRATCH_BYTES) {
				encoded.clear();
				this.scratch.setRelease(slot, encoded);
			}
		}
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
		List<Point> items = new ArrayList<>();
		LineProtocolBuffer encoded = newBuffer();
		int index = 0;
		for (Point point : points) {
			index++;
			Assert.notNull(point, "A point must not be null");
			try {
				// Encoded once, here: refused now if it cannot be written.
				encoded.append(point);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("point " + index + ": " + ex.getMessage(), ex);
			}
			items.add(point);
		}
		return this.queue.accept(items, encoded);
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
		LineProtocolBuffer checked = newBuffer();
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
		List<String> items = new ArrayList<>(checked.lineCount());
		for (int i = 0; i < checked.lineCount(); i++) {
			items.add(checked.line(i));
		}
		return this.queue.accept(items, checked);
	}

	/**
	 * Buffer rows written by {@code rows} without building a {@link Point} for each: the
	 * consumer is called once, on the calling thread, with a {@link Rows} whose
	 * {@link Rows#row(String) row(measurement)} starts a row to give its tags, then its
	 * fields, then end with {@code at(…)} or {@code atNow()}. Each row is checked and
	 * escaped as a point is, and a refused row throws from the call that refused it (such
	 * as {@code field(…)}), with the message a point would have; the refused row is
	 * dropped and the consumer may go on. The rows are written into a buffer of this call
	 * alone, so that calls from several threads never mix their rows; when the consumer
	 * returns, all its rows are accepted, in order, or none (if the consumer throws,
	 * leaves a row unfinished, or the rows do not fit). Nothing stays outside the writer
	 * after the call: {@link #flush()} and {@link #close()} see every row.
	 * <p>
	 * No object is made per row, and the call has one future for all its rows. A row that
	 * cannot be written is reported as a raw line with its text
	 * ({@link WriteFailure#lines()}) to the {@link WriteFailureListener}s, the counters
	 * and the metrics, as any point; the future completes exceptionally with the first
	 * failure once all the rows are settled.
	 * @param rows writes the rows, through the {@link Rows} it is given (valid only
	 * during the call, on the calling thread)
	 * @return a future that completes when all the rows are acknowledged, or
	 * exceptionally with the first failure once all are settled; completed at once if no
	 * row was written
	 * @throws IllegalArgumentException if a row is refused and the consumer does not
	 * catch it, or there are more rows than the buffer limit
	 * @throws IllegalStateException if the consumer leaves a row unfinished, or the
	 * writer is closed
	 * @throws CnosWriteBufferFullException if the rows do not fit in the buffer
	 */
	public CompletableFuture<Void> writeRows(Consumer<? super Rows> rows) {
		Assert.notNull(rows, "'rows' must not be null");
		LineProtocolBuffer encoded = new LineProtocolBuffer(this.options.precision(), this.rowsStartBytes);
		Rows writer = new Rows(encoded);
		try {
			rows.accept(writer);
		}
		finally {
			writer.buffer = null;
		}
		if (encoded.hasUnfinishedRow()) {
			throw new IllegalStateException("A row written in writeRows is unfinished when the call returns: end it "
					+ "with at(…) or atNow(), or cancel it; nothing was accepted");
		}
		int bytes = encoded.size();
		this.rowsStartBytes = Math.max(SCRATCH_BYTES, Math.min(MAX_ROWS_START_BYTES, bytes + bytes / 16 + 64));
		return this.queue.acceptRows(encoded);
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

	private LineProtocolBuffer newBuffer() {
		return new LineProtocolBuffer(this.options.precision());
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
		Assert.state(!this.queue.isOwnThread(), "flush() cannot be called from the CnosBatchWriter's own thread");
		try {
			return this.queue.awaitSettled(timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while flushing the CnosBatchWriter", ex);
		}
	}

	/**
	 * Refuse new writes, send everything buffered and wait for it, up to the shutdown
	 * timeout; report whatever is still undelivered then as
	 * {@link CnosWriteAbandonedException}, a request still waiting for its answer
	 * included (cancelled, and reported as possibly written). Returns within the shutdown
	 * timeout and a fraction of a second. Idempotent.
	 */
	@Override
	public void close() {
		if (!this.queue.beginClose()) {
			return;
		}
		Thread thread = this.queue.thread();
		if (thread != null && thread != Thread.currentThread()) {
			awaitSender(thread);
		}
		this.queue.finishClose(thread);
	}

	/**
	 * Wait for the sending thread until the shutdown deadline. If it is still busy then
	 * (a request waiting for its answer, a retry pending), settle everything left as
	 * abandoned and interrupt the thread: with the JDK {@code HttpClient} (Spring's
	 * {@code JdkClientHttpRequestFactory}, the default) the interrupt cancels the request
	 * and closes its connection at once; with another client the thread stays blocked
	 * until its read timeout, retired: its answer, if one comes, changes nothing.
	 */
	private void awaitSender(Thread thread) {
		try {
			long left = this.queue.nanosUntilShutdownDeadline();
			if (left > 0) {
				TimeUnit.NANOSECONDS.timedJoin(thread, left);
			}
			if (thread.isAlive()) {
				this.queue.abandonUnsettled();
				thread.interrupt();
				thread.join(INTERRUPT_GRACE_MILLIS);
				if (thread.isAlive()) {
					logger.warn("The CnosBatchWriter thread is still blocked in the HTTP client after the shutdown "
							+ "timeout of " + this.options.shutdownTimeout().toMillis() + " ms; its points are "
							+ "reported as abandoned and the thread is left to end on its own");
				}
			}
		}
		catch (InterruptedException ex) {
			this.queue.abandonUnsettled();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Open the writer again after {@link #stop()}, so that a restarted application
	 * context can write. A new writer starts open; calling this is not required.
	 */
	@Override
	public void start() {
		this.queue.reopen();
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
		return this.started && this.queue.state() == BatchQueue.State.OPEN;
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
		return this.queue.statistics();
	}

	/** The client this writer sends through. */
	CnosOperations operations() {
		return this.operations;
	}

	@Override
	public String toString() {
		return "CnosBatchWriter[" + this.operations + ", state=" + this.queue.state() + ", " + getStatistics() + "]";
	}

	/**
	 * Writes the rows of one call of {@link CnosBatchWriter#writeRows(Consumer)}. Valid
	 * only during that call, on the thread that made it; not thread-safe.
	 */
	public static final class Rows {

		private @Nullable LineProtocolBuffer buffer;

		private Rows(LineProtocolBuffer buffer) {
			this.buffer = buffer;
		}

		/**
		 * Start a row: give its tags, then its fields, then end it with one of the
		 * {@code at…} methods of the returned writer. See
		 * {@link LineProtocolBuffer#row(String)}; the returned writer is the same for
		 * every row of the call.
		 * @param measurement the measurement (table) name, with the rules of
		 * {@link Point#measurement(String)}
		 * @return the writer of the row
		 * @throws IllegalArgumentException if the measurement cannot be written exactly
		 * @throws IllegalStateException if the previous row is unfinished, or the call of
		 * {@code writeRows} has returned
		 */
		public LineProtocolBuffer.Row row(String measurement) {
			LineProtocolBuffer buffer = this.buffer;
			if (buffer == null) {
				throw new IllegalStateException("Rows can only be written during their call of writeRows");
			}
			return buffer.row(measurement);
		}

		/**
		 * Return the number of rows written (ended) so far in this call.
		 * @return the number of rows
		 */
		public int count() {
			LineProtocolBuffer buffer = this.buffer;
			return (buffer != null) ? buffer.lineCount() : 0;
		}

	}

	/**
	 * Counters of a {@link CnosBatchWriter}, in points (a raw line or a row counts as one
	 * point).
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

	/**
	 * Builds a {@link CnosBatchWriter}: its {@link CnosBatchWriterOptions} (from their
	 * defaults), its failure listeners and the factory of its thread.
	 */
	public static final class Builder extends CnosBatchWriterOptions.AbstractBuilder<Builder> {

		private final CnosOperations operations;

		private final List<WriteFailureListener> failureListeners = new ArrayList<>();

		private @Nullable ThreadFactory threadFactory;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private Builder(CnosOperations operations) {
			Assert.notNull(operations, "'operations' must not be null");
			this.operations = operations;
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
		 * Set the registry of the observation of each batch flush
		 * ({@code cnosdb.client.operations} with {@code db.operation=batch.flush}, see
		 * {@link io.cnosdb.client.CnosObservations}). Defaults to none.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
			this.observationRegistry = observationRegistry;
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
