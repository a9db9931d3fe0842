package io.cnosdb.client.write;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

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
 * For hot loops, {@link #row(String)} writes a line without building a {@link Point} and
 * allocates nothing:
 *
 * <pre class="code">
 * buffer.row("air")
 *     .tag("station", station)
 *     .field("temperature", 69.5)
 *     .field("visibility", 53L)
 *     .at(time, TimeUnit.MILLISECONDS);
 * </pre>
 *
 * A row is checked and escaped as a point is; it is written in the order of the calls (a
 * point sorts its tags and fields by key, so the same calls in key order give the same
 * bytes). Until {@link Row#at(long, TimeUnit)} (or another {@code at…}) ends it, a row is
 * not part of the buffer: it is not counted, and the buffer cannot be read, sent or
 * appended to.
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

	/** The writer of rows, made at the first row and reused. */
	private @Nullable Row row;

	/** Where the unfinished row starts, or {@code -1}. */
	private int rowStart = -1;

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
		requireNoRow();
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
		requireNoRow();
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
	 * Append one line that its writer encoded and checked by the rules of this class (for
	 * {@link LineProtocolChunker#appendEncodedLine}); it is copied as it is.
	 * @param line the bytes of the line, without its {@code \n}
	 * @param offset the index of its first byte
	 * @param length its number of bytes
	 */
	void appendEncodedLine(byte[] line, int offset, int length) {
		requireNoRow();
		beginLine();
		this.bytes.writeBytes(line, offset, length);
		endLine();
	}

	/**
	 * Return the number of bytes in the buffer.
	 * @return the size in bytes
	 */
	public int size() {
		return (this.rowStart >= 0) ? this.rowStart : this.bytes.size();
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
	 * Remove every line and the unfinished row, if any, keeping the allocated memory.
	 */
	public void clear() {
		this.bytes.truncate(0);
		this.lineCount = 0;
		this.rowStart = -1;
	}

	/**
	 * Return the number of bytes the buffer has room for before it grows.
	 * @return the capacity in bytes
	 */
	public int capacity() {
		return this.bytes.capacity();
	}

	/**
	 * Whether a row started by {@link #row(String)} is not ended yet.
	 * @return whether a row is unfinished
	 */
	public boolean hasUnfinishedRow() {
		return this.rowStart >= 0;
	}

	/**
	 * Start writing a line without building a {@link Point}: give its tags, then its
	 * fields, then end it with one of the {@code at…} methods of the returned writer.
	 * Nothing is allocated; the returned writer is this buffer's one writer of rows.
	 * Every call checks what it is given as {@link Point.Builder} does; when a call
	 * throws, the row is dropped, and the buffer is as it was before the row.
	 * @param measurement the measurement (table) name, with the rules of
	 * {@link Point#measurement(String)}
	 * @return the writer of the row
	 * @throws IllegalArgumentException if the measurement cannot be written exactly
	 * @throws IllegalStateException if the previous row is unfinished
	 */
	public Row row(String measurement) {
		requireNoRow();
		Row row = this.row;
		if (row == null) {
			row = new Row();
			this.row = row;
		}
		row.begin(measurement);
		return row;
	}

	/**
	 * Return how many leading lines fit in {@code maxBytes}: where a body that has grown
	 * past its limit is cut.
	 * @param maxBytes the most bytes a request body may have
	 * @return the number of whole lines, from the first, whose bytes add up to at most
	 * {@code maxBytes} (0 if the first line alone is larger)
	 */
	public int fittingLines(long maxBytes) {
		requireNoRow();
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
		requireNoRow();
		target.requireNoRow();
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
		requireNoRow();
		this.bytes.writeTo(out);
	}

	/**
	 * Return a copy of the bytes.
	 * @return the encoded lines
	 */
	public byte[] toByteArray() {
		requireNoRow();
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
		requireNoRow();
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
		this.lineStarts[this.lineCount] = this.bytes.size();
	}

	private void requireNoRow() {
		if (this.rowStart >= 0) {
			throw new IllegalStateException("The row of measurement '" + Objects.requireNonNull(this.row).measurement
					+ "' is unfinished: end it with at(…) or atNow(), or cancel it, before the buffer is read, sent "
					+ "or appended to");
		}
	}

	private void endLine() {
		this.bytes.writeAscii('\n');
		this.lineCount++;
	}

	/**
	 * Writes one line of a {@link LineProtocolBuffer} without building a {@link Point}:
	 * tags first, then fields, then one of the {@code at…} methods, which ends the line.
	 * Names and values are checked and escaped as {@link Point.Builder} does, with
	 * messages that start {@code Row '<measurement>'}. A key may appear once per row. A
	 * call that throws drops the row, leaving the buffer as it was before
	 * {@link LineProtocolBuffer#row(String)}. Not thread-safe.
	 */
	public final class Row {

		private String measurement = "";

		private String[] keys = new String[8];

		private int keyCount;

		/**
		 * The kind ({@link LineProtocolRules#TAG_KEY} or {@code FIELD_KEY}) of each key.
		 */
		private int[] kinds = new int[8];

		/**
		 * How many of {@link #keys} (with {@link #kinds}) were checked in order in the
		 * last row: a row that gives the same key objects in the same order needs no
		 * check of them again, as rows written in a loop do.
		 */
		private int checkedCount;

		/** Whether every key of this row so far is the checked key at its place. */
		private boolean asChecked;

		/** The measurement of the last row that was checked, or {@code null}. */
		private @Nullable String checkedMeasurement;

		private int fieldCount;

		private Row() {
		}

		void begin(String measurement) {
			if (measurement != this.checkedMeasurement) {
				if (!LineProtocolRules.isPlain(measurement, LineProtocolRules.MEASUREMENT)) {
					LineProtocolRules.checkMeasurement(() -> "measurement", measurement);
				}
				this.checkedMeasurement = measurement;
			}
			this.measurement = measurement;
			this.keyCount = 0;
			this.asChecked = true;
			this.fieldCount = 0;
			LineProtocolBuffer buffer = LineProtocolBuffer.this;
			buffer.beginLine();
			buffer.rowStart = buffer.bytes.size();
			buffer.bytes.writeEscaped(measurement, LineProtocolWriter.Position.MEASUREMENT);
		}

		/**
		 * Add a tag; tags come before fields.
		 * @param key the tag key
		 * @param value the value, or {@code null} for no tag (nothing is written)
		 * @return this writer
		 * @throws IllegalArgumentException if the key or value cannot be written exactly
		 * (see {@link Point.Builder#tag(String, String)}) or the key is already in the
		 * row
		 * @throws IllegalStateException if no row is started or a field was written
		 */
		public Row tag(String key, @Nullable String value) {
			try {
				requireOpen();
				if (this.fieldCount > 0) {
					throw new IllegalStateException(describe("tag '" + key + "'")
							+ " comes after a field: a line has its tags before its fields");
				}
				checkKey("tag key", key, LineProtocolRules.TAG_KEY);
				if (value == null) {
					return this;
				}
				if (!LineProtocolRules.isPlain(value, LineProtocolRules.TAG_VALUE)) {
					LineProtocolRules.checkTagValue(() -> describe("tag '" + key + "' value"), value);
				}
				remember(key, LineProtocolRules.TAG_KEY);
				LineProtocolWriter out = LineProtocolBuffer.this.bytes;
				out.writeAscii(',');
				out.writeEscaped(key, LineProtocolWriter.Position.KEY);
				out.writeAscii('=');
				out.writeEscaped(value, LineProtocolWriter.Position.KEY);
				return this;
			}
			catch (RuntimeException ex) {
				throw dropped(ex);
			}
		}

		/**
		 * Add a DOUBLE field.
		 * @param key the field key
		 * @param value the value; must be finite
		 * @return this writer
		 * @throws IllegalArgumentException if the key cannot be written exactly, is
		 * already in the row, or the value is {@code NaN} or infinite
		 * @throws IllegalStateException if no row is started
		 */
		public Row field(String key, double value) {
			try {
				startField(key);
				if (!Double.isFinite(value)) {
					LineProtocolRules.checkDouble(() -> describe("field '" + key + "'"), value);
				}
				writeKey(key);
				LineProtocolBuffer.this.bytes.writeDouble(value);
				return this;
			}
			catch (RuntimeException ex) {
				throw dropped(ex);
			}
		}

		/**
		 * Add a BIGINT (signed 64-bit) field.
		 * @param key the field key
		 * @param value the value
		 * @return this writer
		 * @throws IllegalArgumentException if the key cannot be written exactly or is
		 * already in the row
		 * @throws IllegalStateException if no row is started
		 */
		public Row field(String key, long value) {
			try {
				startField(key);
				writeKey(key);
				LineProtocolBuffer.this.bytes.writeFieldValue(Point.LONG, value, null);
				return this;
			}
			catch (RuntimeException ex) {
				throw dropped(ex);
			}
		}

		/**
		 * Add a BOOLEAN field.
		 * @param key the field key
		 * @param value the value
		 * @return this writer
		 * @throws IllegalArgumentException if the key cannot be written exactly or is
		 * already in the row
		 * @throws IllegalStateException if no row is started
		 */
		public Row field(String key, boolean value) {
			try {
				startField(key);
				writeKey(key);
				LineProtocolBuffer.this.bytes.writeFieldValue(Point.BOOLEAN, value ? 1 : 0, null);
				return this;
			}
			catch (RuntimeException ex) {
				throw dropped(ex);
			}
		}

		/**
		 * Add a STRING field (see {@link Point.Builder#field(String, String)}).
		 * @param key the field key
		 * @param value the value, or {@code null} for no field (nothing is written)
		 * @return this writer
		 * @throws IllegalArgumentException if the key cannot be written exactly, is
		 * already in the row, or the text has an unpaired surrogate or a backslash
		 * directly before a double quote
		 * @throws IllegalStateException if no row is started
		 */
		public Row field(String key, @Nullable String value) {
			try {
				if (value == null) {
					requireOpen();
					checkKey("field key", key, LineProtocolRules.FIELD_KEY);
					return this;
				}
				startField(key);
				if (!LineProtocolRules.isPlainString(value)) {
					LineProtocolRules.checkStringValue(() -> describe("field '" + key + "'"), value);
				}
				writeKey(key);
				LineProtocolBuffer.this.bytes.writeFieldValue(Point.STRING, 0, value);
				return this;
			}
			catch (RuntimeException ex) {
				throw dropped(ex);
			}
		}

		/**
		 * Add a BIGINT UNSIGNED field.
		 * @param key the field key
		 * @param value the value; must not be negative
		 * @return this writer
		 * @throws IllegalArgumentException if the key cannot be written exactly, is
		 * already in the row, or the value is negative
		 * @throws IllegalStateException if no row is started
		 */
		public Row unsignedField(String key, long value) {
			try {
				startField(key);
				if (value < 0) {
					LineProtocolRules.checkUnsigned(() -> describe("field '" + key + "'"), value);
				}
				writeKey(key);
				LineProtocolBuffer.this.bytes.writeFieldValue(Point.UNSIGNED, value, null);
				return this;
			}
			catch (RuntimeException ex) {
				throw dropped(ex);
			}
		}

		/**
		 * End the row with a timestamp, in the buffer's precision.
		 * @param time the number of units since the epoch
		 * @param unit the unit of {@code time}; seconds and coarser units are converted
		 * @throws IllegalArgumentException if the row has no field, the timestamp is
		 * outside the range of nanoseconds in a signed 64-bit number, or has digits below
		 * the buffer's precision
		 * @throws IllegalStateException if no row is started
		 */
		public void at(long time, TimeUnit unit) {
			try {
				requireOpen();
				Assert.notNull(unit, "'unit' must not be null");
				long nanos;
				try {
					nanos = Math.multiplyExact(time, unit.toNanos(1));
				}
				catch (ArithmeticException ex) {
					throw outOfRange(time + " " + unit.name().toLowerCase(java.util.Locale.ROOT));
				}
				end(true, nanos);
			}
			catch (RuntimeException ex) {
				throw dropped(ex);
			}
		}

		/**
		 * End the row with a timestamp, in the buffer's precision.
		 * @param time the timestamp
		 * @throws IllegalArgumentException if the row has no field, or the instant is
		 * outside 1677-09-21 to 2262-04-11 or has digits below the buffer's precision
		 * @throws IllegalStateException if no row is started
		 */
		public void at(Instant time) {
			try {
				requireOpen();
				Assert.notNull(time, "'time' must not be null");
				long nanos;
				try {
					nanos = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
				}
				catch (ArithmeticException ex) {
					throw outOfRange(time.toString());
				}
				end(true, nanos);
			}
			catch (RuntimeException ex) {
				throw dropped(ex);
			}
		}

		/**
		 * End the row without a timestamp: the server stamps it with its clock, which
		 * only works with {@link WritePrecision#NS}.
		 * @throws IllegalArgumentException if the row has no field, or the buffer's
		 * precision is not {@link WritePrecision#NS}
		 * @throws IllegalStateException if no row is started
		 */
		public void atNow() {
			try {
				requireOpen();
				end(false, 0);
			}
			catch (RuntimeException ex) {
				throw dropped(ex);
			}
		}

		/**
		 * Drop the unfinished row, if any, leaving the buffer as it was before it.
		 */
		public void cancel() {
			LineProtocolBuffer buffer = LineProtocolBuffer.this;
			if (buffer.rowStart >= 0) {
				buffer.bytes.truncate(buffer.rowStart);
				buffer.rowStart = -1;
			}
			forgetKeys();
		}

		private void end(boolean hasTime, long nanos) {
			if (this.fieldCount == 0) {
				throw new IllegalArgumentException(describe("row") + " has no field: CnosDB needs at least one, "
						+ "and a line without fields would swallow the line after it");
			}
			LineProtocolBuffer buffer = LineProtocolBuffer.this;
			WritePrecision precision = buffer.precision;
			if (hasTime) {
				long time;
				try {
					time = precision.fromNanos(nanos);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("Row '" + this.measurement + "' at "
							+ Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
									Math.floorMod(nanos, 1_000_000_000L))
							+ " cannot be written with precision " + precision.parameter() + ": " + ex.getMessage());
				}
				buffer.bytes.writeAscii(' ');
				buffer.bytes.writeLong(time);
			}
			else if (!precision.allowsLinesWithoutTimestamp()) {
				throw new IllegalArgumentException("Row '" + this.measurement
						+ "' has no timestamp; CnosDB stamps such lines in nanoseconds and overflows under precision "
						+ precision.parameter() + ": give it a timestamp or write it with precision ns");
			}
			buffer.rowStart = -1;
			buffer.endLine();
			forgetKeys();
		}

		private void requireOpen() {
			if (LineProtocolBuffer.this.rowStart < 0) {
				throw new IllegalStateException("No row is started: call row(measurement) first");
			}
		}

		private void startField(String key) {
			requireOpen();
			checkKey("field key", key, LineProtocolRules.FIELD_KEY);
		}

		private void writeKey(String key) {
			LineProtocolWriter out = LineProtocolBuffer.this.bytes;
			out.writeAscii((this.fieldCount == 0) ? ' ' : ',');
			out.writeEscaped(key, LineProtocolWriter.Position.KEY);
			out.writeAscii('=');
			remember(key, LineProtocolRules.FIELD_KEY);
			this.fieldCount++;
		}

		private void checkKey(String what, String key, int kind) {
			int at = this.keyCount;
			if (this.asChecked && at < this.checkedCount && this.keys[at] == key && this.kinds[at] == kind) {
				// Checked in the last row, at the same place after the same keys.
				return;
			}
			this.asChecked = false;
			if (!LineProtocolRules.isPlain(key, kind)) {
				LineProtocolRules.checkKey(() -> describe(what), key, kind == LineProtocolRules.FIELD_KEY);
			}
			if (key.equals("time")) {
				throw new IllegalArgumentException(describe(what)
						+ " 'time' is the name of CnosDB's timestamp column; end the row with at(…) to set it");
			}
			for (int i = 0; i < at; i++) {
				if (this.keys[i].equals(key)) {
					throw new IllegalArgumentException(
							describe("key '" + key + "'") + " is already in this row; a line holds each column once");
				}
			}
		}

		private void remember(String key, int kind) {
			if (this.keyCount == this.keys.length) {
				this.keys = Arrays.copyOf(this.keys, 2 * this.keys.length);
				this.kinds = Arrays.copyOf(this.kinds, 2 * this.kinds.length);
			}
			this.kinds[this.keyCount] = kind;
			this.keys[this.keyCount++] = key;
		}

		/**
		 * End the keys of this row: those given (each checked, none twice) are the
		 * checked keys of the next row; those after them, of an earlier row, are dropped.
		 */
		private void forgetKeys() {
			Arrays.fill(this.keys, this.keyCount, Math.max(this.keyCount, this.checkedCount), null);
			this.checkedCount = this.keyCount;
			this.keyCount = 0;
		}

		private String describe(String what) {
			return "Row '" + this.measurement + "': " + what;
		}

		private IllegalArgumentException outOfRange(String value) {
			return new IllegalArgumentException(describe("timestamp") + " " + value
					+ " is outside 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z, "
					+ "the range of nanoseconds in a signed 64-bit number");
		}

		/** Drop the row after a refused call. */
		private RuntimeException dropped(RuntimeException ex) {
			cancel();
			return ex;
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

}
