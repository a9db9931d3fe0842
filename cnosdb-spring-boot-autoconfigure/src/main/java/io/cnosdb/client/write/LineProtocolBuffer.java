package io.cnosdb.client.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 *
 * @author CnosDB Spring Boot contributors
 */
public final class LineProtocolBuffer {

	private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

	/**
	 * A byte position at the end of a parse error: {@code at 31} (every release) or
	 * {@code at '31'} (2.4.3 and later, for an unexpected end).
	 */
	private static final Pattern PARSE_ERROR_OFFSET = Pattern.compile(" at '?(\\d+)'?$");

	/** The value a parse error names, which may span lines. */
	private static final Pattern PARSE_ERROR_VALUE = Pattern.compile("invalid field value: '(.*)'$", Pattern.DOTALL);

	private final WritePrecision precision;

	private byte[] bytes;

	private int size;

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
		this.bytes = new byte[initialCapacity];
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
		int mark = this.size;
		int lines = this.lineCount;
		try {
			point.encodeTo(this, this.precision);
		}
		catch (RuntimeException ex) {
			this.size = mark;
			this.lineCount = lines;
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
		int mark = this.size;
		int lines = this.lineCount;
		try {
			return scanAndCopy(text);
		}
		catch (RuntimeException ex) {
			this.size = mark;
			this.lineCount = lines;
			throw ex;
		}
	}

	/**
	 * Return the number of bytes in the buffer.
	 * @return the size in bytes
	 */
	public int size() {
		return this.size;
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
		this.size = 0;
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
		if (this.size <= maxBytes) {
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
		int length = this.size - start;
		target.ensureCapacity(length);
		for (int line = firstLine; line < this.lineCount; line++) {
			target.beginLine();
			target.lineStarts[target.lineCount++] = target.size + (this.lineStarts[line] - start);
		}
		System.arraycopy(this.bytes, start, target.bytes, target.size, length);
		target.size += length;
		this.size = start;
		this.lineCount = firstLine;
	}

	/**
	 * Write the bytes of every line to a stream.
	 * @param out the stream
	 * @throws IOException if the stream fails
	 */
	public void writeTo(OutputStream out) throws IOException {
		out.write(this.bytes, 0, this.size);
	}

	/**
	 * Return a copy of the bytes.
	 * @return the encoded lines
	 */
	public byte[] toByteArray() {
		return Arrays.copyOf(this.bytes, this.size);
	}

	/**
	 * Return the index of the line that holds a byte offset, such as the position CnosDB
	 * names in a parse error.
	 * @param byteOffset the offset from the start of the buffer
	 * @return the zero-based line index, or {@code -1} if the offset is outside the
	 * buffer
	 */
	public int lineIndexAt(int byteOffset) {
		if (byteOffset < 0 || byteOffset >= this.size) {
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
		if (message == null) {
			return null;
		}
		String text = message.strip();
		Matcher offset = PARSE_ERROR_OFFSET.matcher(text);
		if (offset.find()) {
			int position;
			try {
				position = Integer.parseInt(offset.group(1));
			}
			catch (NumberFormatException ex) {
				return null;
			}
			return new ErrorLocation(lineIndexAt(position), "byte " + position + " of the request body");
		}
		Matcher value = PARSE_ERROR_VALUE.matcher(text);
		if (value.find()) {
			return locateFieldValue(value.group(1));
		}
		return null;
	}

	private @Nullable ErrorLocation locateFieldValue(String value) {
		byte[] wanted = ("=" + value).getBytes(StandardCharsets.UTF_8);
		int first = -1;
		int lines = 0;
		int lastLine = -1;
		for (int at = 0; at + wanted.length <= this.size; at++) {
			if (!Arrays.equals(this.bytes, at, at + wanted.length, wanted, 0, wanted.length)) {
				continue;
			}
			int end = at + wanted.length;
			if (end < this.size && !isValueEnd(this.bytes[end])) {
				continue;
			}
			int line = lineIndexAt(at);
			if (at < fieldSetStart(line)) {
				// A tag value, which the parser does not read as a field value.
				continue;
			}
			if (line != lastLine) {
				lines++;
				lastLine = line;
				first = (first < 0) ? line : first;
			}
		}
		if (first < 0) {
			return null;
		}
		String shown = "the value " + LineProtocolRules.show(value);
		return new ErrorLocation(first, (lines == 1) ? shown : shown + " (first of " + lines + " lines with it)");
	}

	/** Return the offset of the first unescaped space of a line: where fields start. */
	private int fieldSetStart(int line) {
		int end = endOfLine(line);
		for (int i = this.lineStarts[line]; i < end; i++) {
			if (this.bytes[i] == '\\') {
				i++;
			}
			else if (this.bytes[i] == ' ') {
				return i;
			}
		}
		return end;
	}

	private static boolean isValueEnd(byte b) {
		return b == ',' || b == ' ' || b == '\n' || b == '\r';
	}

	/**
	 * Return the text of one line, without its {@code \n}.
	 * @param index the zero-based line index
	 * @return the line
	 */
	public String line(int index) {
		Assert.isTrue(index >= 0 && index < this.lineCount, () -> "No line " + index + " in " + this);
		int start = this.lineStarts[index];
		return new String(this.bytes, start, endOfLine(index) - start - 1, StandardCharsets.UTF_8);
	}

	private int endOfLine(int index) {
		return (index + 1 < this.lineCount) ? this.lineStarts[index + 1] : this.size;
	}

	@Override
	public String toString() {
		return "LineProtocolBuffer[precision=" + this.precision.parameter() + ", lines=" + this.lineCount + ", bytes="
				+ this.size + "]";
	}

	/**
	 * Append one line that {@link #appendLines(CharSequence)} has already checked (as
	 * returned by {@link #line(int)}), without checking it again.
	 */
	void appendCheckedLine(String line) {
		beginLine();
		copyRaw(line, 0, line.length(), this.lineCount + 1);
		endLine();
	}

	/** Keep only the first {@code lines} lines. */
	void truncateLines(int lines) {
		Assert.isTrue(lines >= 0 && lines <= this.lineCount, () -> "No line " + lines + " in " + this);
		if (lines < this.lineCount) {
			this.size = this.lineStarts[lines];
			this.lineCount = lines;
		}
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

	// Encoding primitives, used by Point

	enum Position {

		/** A measurement: escape {@code ,} and space. */
		MEASUREMENT,

		/** A tag key, tag value or field key: escape {@code ,}, {@code =} and space. */
		KEY,

		/** A string field value, inside quotes: escape {@code "} and {@code \}. */
		STRING

	}

	void beginLine() {
		if (this.lineCount == this.lineStarts.length) {
			this.lineStarts = Arrays.copyOf(this.lineStarts, this.lineStarts.length * 2);
		}
		this.lineStarts[this.lineCount] = this.size;
	}

	void endLine() {
		writeAscii('\n');
		this.lineCount++;
	}

	void writeAscii(char c) {
		ensureCapacity(1);
		this.bytes[this.size++] = (byte) c;
	}

	void writeAscii(String text) {
		int length = text.length();
		ensureCapacity(length);
		for (int i = 0; i < length; i++) {
			this.bytes[this.size++] = (byte) text.charAt(i);
		}
	}

	void writeEscaped(String text, Position position) {
		// Points are checked when built, so an unpaired surrogate never reaches here.
		writeUtf8(text, 0, text.length(), position,
				(index) -> new IllegalArgumentException("unpaired surrogate in " + LineProtocolRules.show(text)));
	}

	/**
	 * Encode {@code text[start, end)} as UTF-8 straight into the buffer, with a backslash
	 * before each character that {@code position} escapes ({@code null}: copy as is).
	 */
	private void writeUtf8(CharSequence text, int start, int end, @Nullable Position position,
			IntFunction<IllegalArgumentException> unpairedSurrogate) {
		// Worst case: every char a 3-byte UTF-8 sequence or an escaped ASCII char.
		ensureCapacity((end - start) * 3L);
		byte[] out = this.bytes;
		int at = this.size;
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				if (position != null && needsEscape(c, position)) {
					out[at++] = '\\';
				}
				out[at++] = (byte) c;
			}
			else if (c < 0x800) {
				out[at++] = (byte) (0xC0 | (c >> 6));
				out[at++] = (byte) (0x80 | (c & 0x3F));
			}
			else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
				int codePoint = Character.toCodePoint(c, text.charAt(++i));
				out[at++] = (byte) (0xF0 | (codePoint >> 18));
				out[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
				out[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
				out[at++] = (byte) (0x80 | (codePoint & 0x3F));
			}
			else if (Character.isSurrogate(c)) {
				throw unpairedSurrogate.apply(i - start);
			}
			else {
				out[at++] = (byte) (0xE0 | (c >> 12));
				out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				out[at++] = (byte) (0x80 | (c & 0x3F));
			}
		}
		this.size = at;
	}

	private static boolean needsEscape(char c, Position position) {
		return switch (position) {
			case MEASUREMENT -> c == ',' || c == ' ';
			case KEY -> c == ',' || c == ' ' || c == '=';
			case STRING -> c == '"' || c == '\\';
		};
	}

	void writeLong(long value) {
		if (value == Long.MIN_VALUE) {
			writeAscii("-9223372036854775808");
			return;
		}
		ensureCapacity(20);
		long rest = value;
		if (rest < 0) {
			this.bytes[this.size++] = '-';
			rest = -rest;
		}
		int digits = 1;
		for (long limit = 10; digits < 19 && rest >= limit; limit *= 10) {
			digits++;
		}
		int end = this.size + digits;
		for (int at = end - 1; at >= this.size; at--) {
			this.bytes[at] = (byte) ('0' + (rest % 10));
			rest /= 10;
		}
		this.size = end;
	}

	void writeUnsignedLong(long value) {
		if (value >= 0) {
			writeLong(value);
		}
		else {
			writeAscii(Long.toUnsignedString(value));
		}
	}

	/**
	 * Write a finite double so that CnosDB reads back the same value: integral values
	 * below 2<sup>53</sup> as plain digits (still a float in line protocol, which has no
	 * suffix for floats), others in Java's shortest round-trip form, which always starts
	 * with a digit or a sign ({@code 0.5}, never {@code .5}).
	 */
	void writeDouble(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
			if (value == 0 && Double.doubleToRawLongBits(value) != 0) {
				writeAscii("-0");
			}
			else {
				writeLong((long) value);
			}
			return;
		}
		String text = Double.toString(value);
		int length = text.length();
		ensureCapacity(length);
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			this.bytes[this.size++] = (byte) ((c == 'E') ? 'e' : c);
		}
	}

	private void ensureCapacity(long extra) {
		long needed = this.size + extra;
		if (needed <= this.bytes.length) {
			return;
		}
		if (needed > MAX_ARRAY) {
			throw new IllegalStateException("A line-protocol buffer cannot grow beyond " + MAX_ARRAY + " bytes");
		}
		long grown = Math.max(needed, Math.min((long) this.bytes.length * 2, MAX_ARRAY));
		this.bytes = Arrays.copyOf(this.bytes, (int) grown);
	}

	// Raw text

	private int scanAndCopy(CharSequence text) {
		int length = text.length();
		int i = 0;
		int appended = 0;
		while (i < length) {
			char c = text.charAt(i);
			if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
				i++;
				continue;
			}
			if (c == '#') {
				while (i < length && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
					i++;
				}
				continue;
			}
			int start = i;
			int end = scanLine(text, start, appended + 1);
			int next = end;
			if (next < length && text.charAt(next) == '\r') {
				next++;
			}
			if (next < length && text.charAt(next) == '\n') {
				next++;
			}
			beginLine();
			copyRaw(text, start, end, appended + 1);
			endLine();
			appended++;
			i = next;
		}
		return appended;
	}

	/**
	 * Find the end of the line starting at {@code start} (the index of its {@code \r} or
	 * {@code \n}, or the end of the text), checking its structure on the way.
	 */
	private int scanLine(CharSequence text, int start, int lineNumber) {
		int length = text.length();
		int i = start;
		// Measurement: ends at an unescaped ',' (tags follow) or space (fields follow).
		boolean tags = false;
		while (true) {
			if (i >= length || isLineEnd(text.charAt(i))) {
				throw lineError(text, start, i, lineNumber,
						"has no field set (CnosDB would read the next line into it)");
			}
			char c = text.charAt(i);
			if (c == '\\') {
				i = skipEscape(text, i, start, lineNumber);
			}
			else if (c == ',') {
				i++;
				tags = true;
				break;
			}
			else if (c == ' ') {
				break;
			}
			else {
				i++;
			}
		}
		// Tags: a key ends at '=' (',' and space do not end it in CnosDB); a value at ','
		// or space.
		while (tags) {
			i = skipTo(text, i, '=', start, lineNumber);
			i++;
			while (true) {
				if (i >= length || isLineEnd(text.charAt(i))) {
					throw lineError(text, start, i, lineNumber,
							"has no field set (CnosDB would read the next line into it)");
				}
				char c = text.charAt(i);
				if (c == '\\') {
					i = skipEscape(text, i, start, lineNumber);
				}
				else if (c == ',') {
					i++;
					break;
				}
				else if (c == ' ') {
					tags = false;
					break;
				}
				else {
					i++;
				}
			}
		}
		while (i < length && text.charAt(i) == ' ') {
			i++;
		}
		// Fields: key '=' value { ',' key '=' value }.
		while (true) {
			i = skipTo(text, i, '=', start, lineNumber);
			i++;
			if (i < length && text.charAt(i) == '"') {
				i++;
				while (true) {
					if (i >= length) {
						throw lineError(text, start, i, lineNumber, "has a string value without its closing quote");
					}
					char c = text.charAt(i);
					if (c == '\\') {
						i = skipEscape(text, i, start, lineNumber);
					}
					else if (c == '"') {
						i++;
						break;
					}
					else {
						i++;
					}
				}
			}
			while (i < length && !isLineEnd(text.charAt(i)) && text.charAt(i) != ',' && text.charAt(i) != ' ') {
				i++;
			}
			if (i < length && text.charAt(i) == ',') {
				i++;
				continue;
			}
			break;
		}
		// Optional timestamp after one or more spaces.
		while (i < length && text.charAt(i) == ' ') {
			i++;
		}
		boolean timestamp = i < length && !isLineEnd(text.charAt(i));
		while (i < length && !isLineEnd(text.charAt(i))) {
			i++;
		}
		if (!timestamp && !this.precision.allowsLinesWithoutTimestamp()) {
			throw lineError(text, start, i, lineNumber,
					"has no timestamp; CnosDB stamps such lines in nanoseconds and overflows under precision "
							+ this.precision.parameter());
		}
		return i;
	}

	/** Skip to the next unescaped {@code target} on this line (a key's '='). */
	private int skipTo(CharSequence text, int from, char target, int start, int lineNumber) {
		int length = text.length();
		int i = from;
		while (true) {
			if (i >= length || isLineEnd(text.charAt(i))) {
				throw lineError(text, start, i, lineNumber,
						"has a key without '=' and value (CnosDB would read the next line into it)");
			}
			char c = text.charAt(i);
			if (c == '\\') {
				i = skipEscape(text, i, start, lineNumber);
			}
			else if (c == target) {
				return i;
			}
			else {
				i++;
			}
		}
	}

	/** Step over a backslash and the character it escapes. */
	private static int skipEscape(CharSequence text, int backslash, int start, int lineNumber) {
		int next = backslash + 1;
		if (next >= text.length() || isLineEnd(text.charAt(next))) {
			throw lineError(text, start, next, lineNumber, "ends with a backslash, which escapes nothing");
		}
		return next + 1;
	}

	private static boolean isLineEnd(char c) {
		return c == '\n' || c == '\r';
	}

	private void copyRaw(CharSequence text, int start, int end, int lineNumber) {
		writeUtf8(text, start, end, null, (index) -> lineError(text, start, end, lineNumber,
				"contains an unpaired surrogate at index " + index + ", which has no UTF-8 form"));
	}

	private static IllegalArgumentException lineError(CharSequence text, int start, int end, int lineNumber,
			String reason) {
		int shownEnd = Math.min(Math.max(end, start), text.length());
		return new IllegalArgumentException("Line " + lineNumber + " " + reason + ": "
				+ LineProtocolRules.show(text.subSequence(start, shownEnd).toString()));
	}

}
