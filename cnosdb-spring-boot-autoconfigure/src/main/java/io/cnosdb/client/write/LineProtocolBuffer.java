package io.cnosdb.client.write;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The body of one write request: complete lines of line protocol, encoded as UTF-8
 * straight into a growing byte array (no intermediate string per point), each ended by
 * {@code \n}, all for one {@link WritePrecision}.
 * <p>
 * Points are encoded as CnosDB's parser reads them (reference §6.2): in a measurement
 * {@code ,} and space are escaped; in tag keys, tag values and field keys {@code ,},
 * {@code =} and space are escaped; string field values escape only {@code "} and
 * {@code \} and keep newlines raw; floats always start with a digit or a sign; unsigned
 * and signed integers carry their {@code u} and {@code i} suffix.
 * <p>
 * Raw text given to {@link #appendLines(CharSequence)} is copied as it is, line by line,
 * after a structural check that catches what CnosDB would get wrong without an error: a
 * line without a field set (which swallows the next line) and, under
 * {@link WritePrecision#US} and {@link WritePrecision#MS}, a line without a timestamp
 * (which overflows). Blank lines and {@code #} comments are dropped; {@code \r\n} line
 * ends become {@code \n}.
 * <p>
 * The buffer remembers where each line starts, so that a byte offset named by a server
 * error can be turned back into a line ({@link #lineIndexAt(int)}). Not thread-safe.
 * <p>
 * The jobs are shared out: {@code LineProtocolWriter} holds and encodes the bytes,
 * {@code LineProtocolScanner} finds and checks raw lines, {@code ParseErrorLocator} reads
 * a server's parse error; this class keeps the lines.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class LineProtocolBuffer {

	private final WritePrecision precision;

	private final LineProtocolWriter bytes;

	private int[] lineStarts = new int[64];

	private int lineCount;

	/**
	 * Create an empty buffer.
	 * @param precision the precision of the request this buffer becomes
	 */
	public LineProtocolBuffer(WritePrecision precision) {
		this(precision, 4096);
	}

	/**
	 * Create an empty buffer with room for {@code initialCapacity} bytes.
	 * @param precision the precision of the request this buffer becomes
	 * @param initialCapacity the initial capacity in bytes
	 */
	public LineProtocolBuffer(WritePrecision precision, int initialCapacity) {
		Assert.notNull(precision, "'precision' must not be null");
		Assert.isTrue(initialCapacity > 0, "'initialCapacity' must be positive");
		this.precision = precision;
		this.bytes = new LineProtocolWriter(initialCapacity);
	}

	/**
	 * Return the precision of the timestamps in this buffer.
	 * @return the precision
	 */
	public WritePrecision getPrecision() {
		return this.precision;
	}

	/**
	 * Append a point as one line.
	 * @param point the point
	 * @throws IllegalArgumentException if the point's timestamp has digits below the
	 * precision of this buffer, or the point has no timestamp and the precision is not
	 * {@link WritePrecision#NS}; the buffer is then unchanged
	 */
	public void append(Point point) {
		Assert.notNull(point, "'point' must not be null");
		int mark = this.bytes.size();
		try {
			beginLine();
			point.encodeTo(this.bytes, this.precision);
			endLine();
		}
		catch (RuntimeException ex) {
			this.bytes.truncate(mark);
			throw ex;
		}
	}

	/**
	 * Append raw line-protocol text: one line, or several separated by {@code \n} (a
	 * newline inside a quoted string value belongs to the value). The text is checked for
	 * what CnosDB would misread without an error, then copied unchanged.
	 * @param text the lines
	 * @return the number of lines appended (blank lines and comments do not count)
	 * @throws IllegalArgumentException naming the line (counted from 1 within
	 * {@code text}) if a line has no field set, has no timestamp under a precision other
	 * than {@link WritePrecision#NS}, has an unterminated string value or contains an
	 * unpaired surrogate; the buffer is then unchanged
	 */
	public int appendLines(CharSequence text) {
		Assert.notNull(text, "'text' must not be null");
		int mark = this.bytes.size();
		int lines = this.lineCount;
		try {
			int appended = 0;
			int start = LineProtocolScanner.nextLineStart(text, 0);
			while (start < text.length()) {
				int lineNumber = appended + 1;
				int end = LineProtocolScanner.checkLine(text, start, lineNumber, this.precision);
				copyLine(text, start, end, lineNumber);
				appended++;
				start = LineProtocolScanner.nextLineStart(text, end);
			}
			return appended;
		}
		catch (RuntimeException ex) {
			this.bytes.truncate(mark);
			this.lineCount = lines;
			throw ex;
		}
	}

	private void copyLine(CharSequence text, int start, int end, int lineNumber) {
		beginLine();
		int unpaired = this.bytes.writeUtf8(text, start, end);
		if (unpaired >= 0) {
			throw LineProtocolScanner.unpairedSurrogate(text, start, end, lineNumber, unpaired);
		}
		endLine();
	}

	/**
	 * Return the number of bytes in the buffer.
	 * @return the size in bytes
	 */
	public int size() {
		return this.bytes.size();
	}

	/**
	 * Return the number of lines in the buffer.
	 * @return the number of lines
	 */
	public int lineCount() {
		return this.lineCount;
	}

	/**
	 * Whether the buffer holds no line.
	 * @return whether the buffer is empty
	 */
	public boolean isEmpty() {
		return this.lineCount == 0;
	}

	/**
	 * Remove every line, keeping the allocated memory.
	 */
	public void clear() {
		this.bytes.truncate(0);
		this.lineCount = 0;
	}

	/**
	 * Return how many leading lines fit in {@code maxBytes}: where a body that has grown
	 * past its limit is cut.
	 * @param maxBytes the most bytes a request body may have
	 * @return the number of whole lines, from the first, whose bytes add up to at most
	 * {@code maxBytes} (0 if the first line alone is larger)
	 */
	public int fittingLines(long maxBytes) {
		if (size() <= maxBytes) {
			return this.lineCount;
		}
		int fitting = 0;
		while (fitting < this.lineCount && endOfLine(fitting) <= maxBytes) {
			fitting++;
		}
		return fitting;
	}

	/**
	 * Move the lines from {@code firstLine} on to the end of {@code target}, in order.
	 * @param firstLine the index of the first line to move
	 * @param target the buffer that receives the lines (another buffer, same precision)
	 */
	public void moveLinesTo(int firstLine, LineProtocolBuffer target) {
		Assert.isTrue(firstLine >= 0 && firstLine <= this.lineCount, () -> "No line " + firstLine + " in " + this);
		Assert.isTrue(target != this && target.precision == this.precision,
				"The target must be another buffer of the same precision");
		if (firstLine == this.lineCount) {
			return;
		}
		int start = this.lineStarts[firstLine];
		int shift = target.size() - start;
		this.bytes.moveTailTo(start, target.bytes);
		for (int line = firstLine; line < this.lineCount; line++) {
			target.beginLine();
			target.lineStarts[target.lineCount++] = this.lineStarts[line] + shift;
		}
		this.lineCount = firstLine;
	}

	/**
	 * Write the bytes of every line to a stream.
	 * @param out the stream
	 * @throws IOException if the stream fails
	 */
	public void writeTo(OutputStream out) throws IOException {
		this.bytes.writeTo(out);
	}

	/**
	 * Return a copy of the bytes.
	 * @return the encoded lines
	 */
	public byte[] toByteArray() {
		return this.bytes.toByteArray();
	}

	/**
	 * Return the index of the line that holds a byte offset, such as the position CnosDB
	 * names in a parse error.
	 * @param byteOffset the offset from the start of the buffer
	 * @return the zero-based line index, or {@code -1} if the offset is outside the
	 * buffer
	 */
	public int lineIndexAt(int byteOffset) {
		if (byteOffset < 0 || byteOffset >= size()) {
			return -1;
		}
		int index = Arrays.binarySearch(this.lineStarts, 0, this.lineCount, byteOffset);
		return (index >= 0) ? index : -index - 2;
	}

	/**
	 * Find the line of this buffer that a CnosDB line-protocol parse error
	 * ({@code 040004}) is about, when the buffer was the request body. Every release
	 * counts positions in bytes from the start of the (uncompressed) body, and names them
	 * in one of these forms:
	 * <ul>
	 * <li>{@code unexpect token ',' at 31}, {@code fail to parse timestamp at 42} (all
	 * releases; without quotes)</li>
	 * <li>{@code unexpect end line start at '15'} (2.4.3 and later; in quotes)</li>
	 * <li>{@code invalid field value: 'tRUE'} (all releases; no position, the value is
	 * looked up after an {@code =} in the body)</li>
	 * </ul>
	 * {@code invalid line protocol syntax} names nothing and gives {@code null}.
	 * @param message the server's error message
	 * @return where the error is, or {@code null} if the message names neither a position
	 * nor a value found in this buffer
	 */
	public @Nullable ErrorLocation locateParseError(@Nullable String message) {
		return ParseErrorLocator.locate(this, this.bytes, message);
	}

	/**
	 * Return the text of one line, without its {@code \n}.
	 * @param index the zero-based line index
	 * @return the line
	 */
	public String line(int index) {
		Assert.isTrue(index >= 0 && index < this.lineCount, () -> "No line " + index + " in " + this);
		int start = this.lineStarts[index];
		return this.bytes.toString(start, endOfLine(index) - start - 1);
	}

	@Override
	public String toString() {
		return "LineProtocolBuffer[precision=" + this.precision.parameter() + ", lines=" + this.lineCount + ", bytes="
				+ size() + "]";
	}

	/** Return the offset of the first byte of a line. */
	int startOfLine(int index) {
		return this.lineStarts[index];
	}

	/** Return the offset after the {@code \n} of a line. */
	int endOfLine(int index) {
		return (index + 1 < this.lineCount) ? this.lineStarts[index + 1] : size();
	}

	private void beginLine() {
		if (this.lineCount == this.lineStarts.length) {
			this.lineStarts = Arrays.copyOf(this.lineStarts, this.lineStarts.length * 2);
		}
		this.lineStarts[this.lineCount] = size();
	}

	private void endLine() {
		this.bytes.writeAscii('\n');
		this.lineCount++;
	}

	/**
	 * Where in a request body a server's parse error is.
	 *
	 * @param lineIndex the zero-based index of the line, or {@code -1} if the position
	 * the server names is outside the body
	 * @param clue what the server named, such as {@code byte 31 of the request body} or
	 * {@code the value "tRUE"}
	 */
	public record ErrorLocation(int lineIndex, String clue) {
	}

}
