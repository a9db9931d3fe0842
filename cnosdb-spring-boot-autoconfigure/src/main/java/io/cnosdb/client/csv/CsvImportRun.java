package io.cnosdb.client.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.cnosdb.client.CnosErrorAware;
import io.cnosdb.client.CnosErrorResponse;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.LineProtocolChunker;
import io.cnosdb.client.write.Point;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * One run of a CSV import: reads the header and plans the table ({@link CsvTablePlan}),
 * then reads each record, converts it ({@link CsvRowConverter}) and appends it to a
 * {@link LineProtocolChunker}, whose full bodies are written with
 * {@link CnosOperations#writeLineProtocol}. It remembers the CSV line of each row not yet
 * written, to say which rows a failed request held and, for a parse error of the server,
 * which row it was.
 * <p>
 * Reading and sending overlap: the calling thread reads the header, plans the table and
 * sends every request, while a thread of the run reads and encodes the records into the
 * next body. A full body is handed over (moved into a second buffer) only when the
 * request before it has been answered, so requests are sent one at a time and in order,
 * the memory stays at two bodies, and every write (with its observation) happens on the
 * caller's thread. Where a second body would be more than a sixteenth of the largest
 * heap, the body itself is handed over and the reading thread waits until it is sent: one
 * body, no overlap. The reading thread has ended when {@link #run} returns.
 * <p>
 * A failure stops the run: the rows before a malformed one are written, none after it is,
 * and the {@link CnosCsvImportException} says how many were written. Used once.
 *
 * @author CnosDB Spring Boot contributors
 */
final class CsvImportRun {

	/** The error code of CnosDB for line protocol it cannot parse. */
	private static final String PARSE_ERROR = "040004";

	/** What the reading thread ends with when it read every record. */
	private static final Object ALL_READ = new Object();

	private final CnosOperations operations;

	private final long maxRequestSize;

	private final String table;

	private final CsvRecordReader records;

	/** The size of the input in bytes, or -1 if not known. */
	private final long inputSize;

	/** The most memory the heap may take, in bytes. */
	private final long maxHeap;

	// Owned by the reading thread

	/** The CSV line of each row appended to the chunker and not handed over yet. */
	private long[] pendingLines = new long[1024];

	private int pendingCount;

	/** Set by the calling thread when it stops: the reading thread stops too. */
	private volatile boolean cancelled;

	// Handed over under the lock

	private final Object lock = new Object();

	/**
	 * The second buffer, into which a full body is moved to be sent while the next one is
	 * filled, or {@code null} if the heap is too small for it: then the body itself is
	 * handed over, and the reading thread waits until it is sent.
	 */
	private @Nullable LineProtocolBuffer outbox;

	/** The body handed over, or {@code null}. */
	private @Nullable LineProtocolBuffer handedOver;

	/** The CSV line of each row of the body handed over. */
	private long[] outboxLines = new long[0];

	/**
	 * How the reading thread ended: {@link #ALL_READ} or what it threw; {@code null}
	 * while it reads.
	 */
	private @Nullable Object end;

	// Owned by the calling thread

	private long rowsWritten;

	private int requests;

	/**
	 * Prepare a run.
	 * @param operations the client to read the schema with and write to
	 * @param maxRequestSize the most bytes of one write request
	 * @param table the table
	 * @param records the CSV input, header first
	 * @param inputSize the size of the input in bytes, or -1 if not known
	 * @param maxHeap the most memory the heap may take ({@link Runtime#maxMemory()}),
	 * which says whether a second body fits
	 */
	CsvImportRun(CnosOperations operations, long maxRequestSize, String table, CsvRecordReader records, long inputSize,
			long maxHeap) {
		this.operations = operations;
		this.maxRequestSize = maxRequestSize;
		this.table = table;
		this.records = records;
		this.inputSize = inputSize;
		this.maxHeap = maxHeap;
	}

	/**
	 * Import every record of the input.
	 * @param mapping the explicit column mapping
	 * @return what was written
	 * @throws CnosCsvImportException if the import stops
	 */
	CsvImportResult run(CsvColumnMapping mapping) {
		List<String> header = new ArrayList<>();
		if (!this.records.next(header)) {
			throw new CnosCsvImportException("The CSV input is empty; its first line must name the columns", -1, null,
					null, 0, null);
		}
		CsvTablePlan plan = CsvTablePlan.plan(this.operations, this.table, header, mapping);
		int capacity = bodyCapacity();
		// A second body only where it is a small part of the heap (the import completes
		// in a heap of 32 MB, sending the body it fills).
		long outboxSize = (capacity > 0) ? Math.min(capacity, this.maxRequestSize) : this.maxRequestSize;
		if (outboxSize <= this.maxHeap / 16) {
			// It has the room of the body, or grows as the body does.
			this.outbox = new LineProtocolBuffer(plan.precision(), (capacity > 0) ? capacity : 1024);
		}
		LineProtocolChunker chunker = (capacity > 0)
				? new LineProtocolChunker(plan.precision(), this.maxRequestSize, capacity, this::handOver)
				: new LineProtocolChunker(plan.precision(), this.maxRequestSize, this::handOver);
		Thread reading = new Thread(() -> read(plan, chunker), "cnosdb-csv-import");
		reading.setDaemon(true);
		reading.start();
		try {
			Object end = sendBodies();
			if (end != ALL_READ) {
				throw stopped(end);
			}
		}
		finally {
			stopReading(reading);
		}
		return new CsvImportResult(this.table, this.rowsWritten, this.requests, plan.precision(), plan.tableCreated());
	}

	/**
	 * The capacity of a buffer with room for a full request from the start when the input
	 * is known to be that large, so that it is never copied to grow nor twice as large as
	 * needed; 0 if the input size is not known.
	 */
	private int bodyCapacity() {
		if (this.inputSize < 0) {
			return 0;
		}
		// Line protocol takes some more bytes than the CSV of the same rows.
		long estimate = this.inputSize * 2 + 64 * 1024;
		return (int) Math.min(LineProtocolChunker.fullBodyCapacity(this.maxRequestSize), estimate);
	}

	// The calling thread

	/**
	 * Send each body handed over, until the reading thread ends.
	 * @return how the reading thread ended
	 */
	private Object sendBodies() {
		while (true) {
			LineProtocolBuffer body;
			synchronized (this.lock) {
				while (this.handedOver == null && this.end == null) {
					try {
						this.lock.wait();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new CnosCsvImportException(
								"The CSV import was interrupted; rows written before it: " + this.rowsWritten, -1, null,
								null, this.rowsWritten, ex);
					}
				}
				body = this.handedOver;
				if (body == null) {
					return Objects.requireNonNull(this.end);
				}
			}
			send(body);
			synchronized (this.lock) {
				if (body == this.outbox) {
					body.clear();
				}
				this.handedOver = null;
				this.lock.notifyAll();
			}
		}
	}

	/** Send one body as one request. */
	private void send(LineProtocolBuffer body) {
		int rows = body.lineCount();
		try {
			this.operations.writeLineProtocol(body);
		}
		catch (DataAccessException ex) {
			long first = this.outboxLines[0];
			long last = this.outboxLines[rows - 1];
			throw new CnosCsvImportException(
					"Writing the rows from line " + first + " to line " + last + " failed" + rowOfParseError(ex, body)
							+ " (the server may have applied part of them); rows written before them: "
							+ this.rowsWritten + "; " + ex.getMessage(),
					first, null, null, this.rowsWritten, ex);
		}
		this.rowsWritten += rows;
		this.requests++;
	}

	private String rowOfParseError(DataAccessException ex, LineProtocolBuffer body) {
		CnosErrorResponse error = (ex instanceof CnosErrorAware aware) ? aware.getErrorResponse() : null;
		if (error == null || !PARSE_ERROR.equals(error.code())) {
			return "";
		}
		LineProtocolBuffer.ErrorLocation location = body.locateParseError(error.message());
		if (location == null || location.lineIndex() < 0) {
			return "";
		}
		return ", at the row from line " + this.outboxLines[location.lineIndex()];
	}

	/** The exception for a reading thread that ended with {@code end}. */
	private RuntimeException stopped(Object end) {
		if (end instanceof CnosCsvImportException ex) {
			// Rows before the malformed one are written; none after it.
			return new CnosCsvImportException(ex.getMessage() + "; rows written before it: " + this.rowsWritten,
					ex.getLineNumber(), ex.getColumn(), ex.getValue(), this.rowsWritten, ex.getCause());
		}
		if (end instanceof RefusedRow refused) {
			// The rows before it are written.
			IllegalArgumentException ex = refused.reason;
			return new CnosCsvImportException(
					"The row at line " + refused.line + " cannot be written: " + ex.getMessage()
							+ "; rows written before it: " + this.rowsWritten,
					refused.line, null, null, this.rowsWritten, ex);
		}
		if (end instanceof Error error) {
			throw error;
		}
		return (RuntimeException) end;
	}

	/**
	 * Stop the reading thread, if it still reads, and wait until it has ended, so that
	 * nothing reads the input once the run returns.
	 */
	private void stopReading(Thread reading) {
		this.cancelled = true;
		synchronized (this.lock) {
			this.lock.notifyAll();
		}
		boolean interrupted = false;
		while (true) {
			try {
				reading.join();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	// The reading thread

	/** Read, convert and append every record, then say how it ended. */
	private void read(CsvTablePlan plan, LineProtocolChunker chunker) {
		Object end = ALL_READ;
		try {
			appendRecords(plan, chunker);
		}
		catch (Throwable ex) {
			end = ex;
		}
		synchronized (this.lock) {
			this.end = end;
			this.lock.notifyAll();
		}
	}

	private void appendRecords(CsvTablePlan plan, LineProtocolChunker chunker) {
		CsvRowConverter converter = new CsvRowConverter(plan);
		CsvLineEncoder encoder = new CsvLineEncoder(plan);
		List<String> values = new ArrayList<>();
		while (!this.cancelled) {
			long line;
			Point point = null;
			try {
				if (!this.records.next(values)) {
					break;
				}
				line = this.records.line();
				if (!encoder.encode(values, chunker)) {
					// Not a row the encoder is sure of: build its point, which names what
					// is wrong with it, if anything.
					point = converter.toPoint(values, line);
				}
			}
			catch (CnosCsvImportException ex) {
				// Rows before the malformed one are written; none after it.
				chunker.flush();
				throw ex;
			}
			remember(line);
			try {
				if (point == null) {
					// The encoder wrote the row.
					chunker.endRow();
				}
				else {
					chunker.append(point);
				}
			}
			catch (IllegalArgumentException ex) {
				// The chunker handed over the rows before it and refused this one.
				throw new RefusedRow(line, ex);
			}
		}
		chunker.flush();
	}

	private void remember(long line) {
		if (this.pendingCount == this.pendingLines.length) {
			this.pendingLines = Arrays.copyOf(this.pendingLines, this.pendingCount * 2);
		}
		this.pendingLines[this.pendingCount++] = line;
	}

	/**
	 * The chunker's sink: wait until the body before is sent, then move the lines into
	 * the outbox for the calling thread to send; without an outbox, hand over the body
	 * itself and wait until it is sent.
	 */
	private void handOver(LineProtocolBuffer body) {
		int rows = body.lineCount();
		synchronized (this.lock) {
			awaitSent();
			LineProtocolBuffer sent = body;
			if (this.outbox != null) {
				body.moveLinesTo(0, this.outbox);
				sent = this.outbox;
			}
			if (this.outboxLines.length < rows) {
				this.outboxLines = new long[Math.max(rows, this.pendingLines.length)];
			}
			System.arraycopy(this.pendingLines, 0, this.outboxLines, 0, rows);
			this.handedOver = sent;
			this.lock.notifyAll();
			if (sent == body) {
				awaitSent();
			}
		}
		this.pendingCount -= rows;
		System.arraycopy(this.pendingLines, rows, this.pendingLines, 0, this.pendingCount);
	}

	/**
	 * Wait, holding the lock, until the calling thread has sent the body handed over, if
	 * any.
	 * @throws Cancelled if the calling thread stopped
	 */
	private void awaitSent() {
		while (this.handedOver != null && !this.cancelled) {
			try {
				this.lock.wait();
			}
			catch (InterruptedException ex) {
				// Only the run stops this thread, by cancelling it.
			}
		}
		if (this.cancelled) {
			throw new Cancelled();
		}
	}

	/** A row the chunker refused, and its CSV line. */
	private static final class RefusedRow extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final long line;

		private final IllegalArgumentException reason;

		RefusedRow(long line, IllegalArgumentException reason) {
			super(null, null, false, false);
			this.line = line;
			this.reason = reason;
		}

	}

	/** Ends the reading thread once the calling thread stopped. */
	private static final class Cancelled extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Cancelled() {
			super(null, null, false, false);
		}

	}

}
