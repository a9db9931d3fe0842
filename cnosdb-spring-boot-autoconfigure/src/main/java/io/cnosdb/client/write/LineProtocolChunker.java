package io.cnosdb.client.write;

import java.nio.charset.StandardCharsets;

import io.cnosdb.client.support.Texts;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Cuts encoded line protocol into request bodies of at most a given size, at line
 * boundaries, and hands each finished body to a {@link Sink}: the one place that bounds a
 * write request. Memory stays at about one body whatever is written through it.
 * <p>
 * Append points or raw lines; whenever the body grows past the limit, the whole lines
 * that fit are sent and the rest stays for the next body. {@link #flush()} sends what is
 * left. A single line larger than the limit is refused with an
 * {@link IllegalArgumentException} naming it, after the lines before it were sent; the
 * chunker stays usable. Not thread-safe.
 * <p>
 * It keeps one buffer of about a body's size: the lines left over when a body is cut are
 * moved back to the start of the same buffer, so a long write (such as a CSV import)
 * holds one body's worth of memory, not two.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class LineProtocolChunker {

	/** The default most bytes of one write request, for every writer of this client. */
	public static final DataSize DEFAULT_MAX_REQUEST_SIZE = DataSize.ofMegabytes(8);

	private static final int MAX_LINE_IN_MESSAGE = 200;

	private static final int INITIAL_CAPACITY = 64 * 1024;

	private final long maxRequestSize;

	private final Sink sink;

	private final LineProtocolBuffer body;

	private final LineProtocolBuffer spare;

	private int requestsSent;

	private long linesSent;

	private long linesRefused;

	/**
	 * Create a chunker.
	 * @param precision the precision of every body
	 * @param maxRequestSize the most bytes one body may have
	 * @param sink receives each finished body, to send as one request
	 */
	public LineProtocolChunker(WritePrecision precision, long maxRequestSize, Sink sink) {
		this(maxRequestSize, sink, newBody(precision, maxRequestSize), newSpare(precision, maxRequestSize));
	}

	/**
	 * Create a chunker whose buffer starts with room for {@code initialCapacity} bytes:
	 * for a long write, room for a full body and the line that overflows it
	 * ({@link #fullBodyCapacity(long)}) spares the copies of a buffer that grows by
	 * doubling, and a buffer twice as large as a body.
	 * @param precision the precision of every body
	 * @param maxRequestSize the most bytes one body may have
	 * @param initialCapacity the bytes the buffer has room for at first
	 * @param sink receives each finished body, to send as one request
	 */
	public LineProtocolChunker(WritePrecision precision, long maxRequestSize, int initialCapacity, Sink sink) {
		this(maxRequestSize, sink, new LineProtocolBuffer(precision, positive(initialCapacity)),
				new LineProtocolBuffer(precision, Math.min(initialCapacity, 1024)));
	}

	private static int positive(int initialCapacity) {
		Assert.isTrue(initialCapacity > 0, "'initialCapacity' must be positive");
		return initialCapacity;
	}

	/**
	 * Create a chunker that fills two buffers of the caller, so that a caller that writes
	 * often can keep the memory they grew to: the body being filled and a spare that
	 * takes the lines cut off a full body (they move back into the body once it is sent,
	 * so the body stays the large one). The buffers must not be used elsewhere until the
	 * chunker is done with (after {@link #flush()} or a failure); then
	 * {@link LineProtocolBuffer#clear()} makes them ready for the next chunker.
	 * @param maxRequestSize the most bytes one body may have
	 * @param sink receives each finished body, to send as one request
	 * @param body an empty buffer, whose precision is that of every body
	 * @param spare another empty buffer of the same precision
	 */
	public LineProtocolChunker(long maxRequestSize, Sink sink, LineProtocolBuffer body, LineProtocolBuffer spare) {
		Assert.isTrue(maxRequestSize > 0, "'maxRequestSize' must be positive");
		Assert.notNull(sink, "'sink' must not be null");
		Assert.notNull(body, "'body' must not be null");
		Assert.notNull(spare, "'spare' must not be null");
		Assert.isTrue(body != spare && body.getPrecision() == spare.getPrecision(),
				"The body and the spare must be two buffers of the same precision");
		Assert.isTrue(body.isEmpty() && spare.isEmpty() && !body.hasUnfinishedRow() && !spare.hasUnfinishedRow(),
				"The body and the spare must be empty");
		this.maxRequestSize = maxRequestSize;
		this.sink = sink;
		this.body = body;
		this.spare = spare;
	}

	/**
	 * Return a new empty buffer the size a chunker starts its body with.
	 * @param precision the precision of the buffer
	 * @param maxRequestSize the most bytes one body may have
	 * @return the buffer
	 */
	public static LineProtocolBuffer newBody(WritePrecision precision, long maxRequestSize) {
		return new LineProtocolBuffer(precision, (int) Math.min(maxRequestSize + 1, INITIAL_CAPACITY));
	}

	/**
	 * Return a new empty buffer the size a chunker starts its spare with.
	 * @param precision the precision of the buffer
	 * @param maxRequestSize the most bytes one body may have
	 * @return the buffer
	 */
	public static LineProtocolBuffer newSpare(WritePrecision precision, long maxRequestSize) {
		return new LineProtocolBuffer(precision, (int) Math.min(maxRequestSize + 1, 1024));
	}

	/**
	 * Return a buffer capacity with room for a full body of {@code maxRequestSize} bytes
	 * and one more line of up to 64 KB, for
	 * {@link #LineProtocolChunker(WritePrecision, long, int, Sink)}.
	 * @param maxRequestSize the most bytes one body may have
	 * @return the capacity
	 */
	public static int fullBodyCapacity(long maxRequestSize) {
		return (int) Math.min(maxRequestSize + INITIAL_CAPACITY, Integer.MAX_VALUE - 16);
	}

	/**
	 * Append a point as one line, sending a body when it is full.
	 * @param point the point
	 * @throws IllegalArgumentException if the point cannot be encoded in this precision,
	 * or its line alone is larger than one request may be
	 */
	public void append(Point point) {
		this.body.append(point);
		cut();
	}

	/**
	 * Append raw line-protocol text (see {@link LineProtocolBuffer#appendLines}), sending
	 * bodies as they fill.
	 * @param text one or more lines
	 * @return the number of lines appended
	 * @throws IllegalArgumentException if a line is malformed (nothing of the text is
	 * kept) or larger than one request may be
	 */
	public int appendLines(CharSequence text) {
		int lines = this.body.appendLines(text);
		cut();
		return lines;
	}

	/**
	 * Start a line in the body being filled, without building a {@link Point}: the row
	 * writer of {@link LineProtocolBuffer#row(String)}, with its checks and escaping. End
	 * the row with one of its {@code at…} methods, then call {@link #endRow()}, which
	 * sends a body when it is full. A row is never sent unfinished, and a body is never
	 * sent larger than the limit, even if {@link #endRow()} is not called: the next
	 * {@code append}, {@code endRow} or {@link #flush()} cuts it first.
	 * @param measurement the measurement (table) name
	 * @return the writer of the row
	 * @throws IllegalArgumentException if the measurement cannot be written exactly
	 * @throws IllegalStateException if the previous row is unfinished
	 */
	public LineProtocolBuffer.Row row(String measurement) {
		return this.body.row(measurement);
	}

	/**
	 * Append one line that the caller has already encoded, for writers that build lines
	 * faster than the row writer can (the CSV importer, whose names are the same on every
	 * row): the bytes must be exactly what the row writer of
	 * {@link LineProtocolBuffer#row(String)} writes for the same names and values, every
	 * one of them checked by its rules, without the {@code \n} that ends the line. They
	 * are copied as they are, <em>not checked</em>: anything else should use
	 * {@link #appendLines(CharSequence)} or the row writer. As after a row, call
	 * {@link #endRow()} next, which sends a body when it is full.
	 * @param line the bytes of the line
	 * @param offset the index of its first byte
	 * @param length its number of bytes
	 * @throws IllegalStateException if a row started by {@link #row(String)} is
	 * unfinished
	 */
	public void appendEncodedLine(byte[] line, int offset, int length) {
		Assert.notNull(line, "'line' must not be null");
		Assert.isTrue(offset >= 0 && length > 0 && length <= line.length - offset,
				"The line must be a non-empty range of the array");
		this.body.appendEncodedLine(line, offset, length);
	}

	/**
	 * Return the bytes the row writer writes for a measurement, for lines given to
	 * {@link #appendEncodedLine}: escaped and encoded as UTF-8.
	 * @param measurement the measurement (table) name
	 * @return the bytes
	 * @throws IllegalArgumentException if the row writer would refuse the measurement
	 */
	public static byte[] encodedMeasurement(String measurement) {
		LineProtocolRules.checkMeasurement(() -> "measurement", measurement);
		return encoded(measurement, LineProtocolWriter.Position.MEASUREMENT);
	}

	/**
	 * Return the bytes the row writer writes for a tag key or field key, for lines given
	 * to {@link #appendEncodedLine}: escaped and encoded as UTF-8.
	 * @param key the key
	 * @param field whether it is a field key (whose first character has a stricter rule)
	 * @return the bytes
	 * @throws IllegalArgumentException if the row writer would refuse the key
	 */
	public static byte[] encodedKey(String key, boolean field) {
		LineProtocolRules.checkKey(() -> field ? "field key" : "tag key", key, field);
		Assert.isTrue(!key.equals("time"), "'time' is the name of CnosDB's timestamp column, not a key");
		return encoded(key, LineProtocolWriter.Position.KEY);
	}

	private static byte[] encoded(String name, LineProtocolWriter.Position position) {
		LineProtocolWriter bytes = new LineProtocolWriter(name.length() * 3 + 1);
		bytes.writeEscaped(name, position);
		return bytes.toByteArray();
	}

	/**
	 * After a row started by {@link #row(String)} is ended (or dropped), or a line is
	 * appended with {@link #appendEncodedLine}: send a body if the buffered lines are
	 * more than one request may carry.
	 * @throws IllegalArgumentException if the row alone is larger than one request may be
	 * (it is dropped, the lines before it were sent)
	 * @throws IllegalStateException if the row is not ended
	 */
	public void endRow() {
		Assert.state(!this.body.hasUnfinishedRow(), "The row is not ended: call one of its at… methods first");
		cut();
	}

	/**
	 * Send what is buffered, if anything, as bodies of at most the limit.
	 * @throws IllegalArgumentException if the last line appended is larger than one
	 * request may be (the lines before it were sent)
	 */
	public void flush() {
		cut();
		if (!this.body.isEmpty()) {
			send(this.body);
			this.body.clear();
		}
	}

	/**
	 * Return the number of lines appended but not sent yet.
	 * @return the buffered lines
	 */
	public int pendingLines() {
		return this.body.lineCount();
	}

	/**
	 * Return the number of bodies handed to the sink so far.
	 * @return the requests sent
	 */
	public int requestsSent() {
		return this.requestsSent;
	}

	/**
	 * Return the number of lines handed to the sink so far.
	 * @return the lines sent
	 */
	public long linesSent() {
		return this.linesSent;
	}

	/**
	 * Return the most bytes one body may have.
	 * @return the limit
	 */
	public long maxRequestSize() {
		return this.maxRequestSize;
	}

	private void cut() {
		while (this.body.size() > this.maxRequestSize) {
			int fitting = this.body.fittingLines(this.maxRequestSize);
			if (fitting == 0) {
				refuseFirstLine();
				continue;
			}
			this.spare.clear();
			this.body.moveLinesTo(fitting, this.spare);
			send(this.body);
			keepOnly(this.spare);
		}
	}

	/**
	 * The first buffered line alone is over the limit: drop it, keep the lines after it,
	 * and say which line it was.
	 */
	private void refuseFirstLine() {
		String line = this.body.line(0);
		long number = this.linesSent + this.linesRefused + 1;
		this.spare.clear();
		this.body.moveLinesTo(1, this.spare);
		keepOnly(this.spare);
		this.linesRefused++;
		throw new IllegalArgumentException("Line " + number + " is "
				+ (line.getBytes(StandardCharsets.UTF_8).length + 1) + " bytes, more than the " + this.maxRequestSize
				+ " bytes one write request may carry (max request size): "
				+ Texts.abbreviate(line, MAX_LINE_IN_MESSAGE));
	}

	/**
	 * Empty the body and move the lines left over back into it, so that the large buffer
	 * stays the body and the spare stays small.
	 */
	private void keepOnly(LineProtocolBuffer leftOver) {
		this.body.clear();
		leftOver.moveLinesTo(0, this.body);
	}

	private void send(LineProtocolBuffer finished) {
		// Counted before: the sink may move the lines out to send them later.
		int lines = finished.lineCount();
		this.sink.accept(finished);
		this.requestsSent++;
		this.linesSent += lines;
	}

	/**
	 * Receives each finished body. It must not keep the buffer, which is reused once
	 * {@code accept} returns; it may move the lines out of it
	 * ({@link LineProtocolBuffer#moveLinesTo(int, LineProtocolBuffer) moveLinesTo(0, …)})
	 * to send them later, while the next body is filled.
	 */
	@FunctionalInterface
	public interface Sink {

		/**
		 * Send one body as one write request.
		 * @param body the lines, at most the chunker's limit
		 */
		void accept(LineProtocolBuffer body);

	}

}
