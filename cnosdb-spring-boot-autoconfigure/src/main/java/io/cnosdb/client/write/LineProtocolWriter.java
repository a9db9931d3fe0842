package io.cnosdb.client.write;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import io.cnosdb.client.support.AsciiDigits;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of a {@link LineProtocolBuffer}: a growing byte array that the tokens of line
 * protocol are encoded into, as UTF-8 and escaped the way CnosDB's parser reads them
 * (reference §6.2), with no intermediate string per token. {@link Point} writes its line
 * through it; raw lines are copied through {@link #writeUtf8(CharSequence, int, int)}.
 * <p>
 * It knows tokens, not lines: the buffer that owns it keeps track of where lines start.
 * Not thread-safe.
 *
 * @author CnosDB Spring Boot contributors
 */
final class LineProtocolWriter {

	private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

	/** Eight bytes of an array at once, little-endian. */
	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	/** The bytes of {@code true}, little-endian. */
	private static final long TRUE = 't' | 'r' << 8 | 'u' << 16 | (long) 'e' << 24;

	/** The bytes of {@code false}, little-endian. */
	private static final long FALSE = 'f' | 'a' << 8 | 'l' << 16 | (long) 's' << 24 | (long) 'e' << 32;

	/** The powers of ten a double holds exactly, 10<sup>0</sup> to 10<sup>18</sup>. */
	private static final double[] POWERS_OF_TEN = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
			1e13, 1e14, 1e15, 1e16, 1e17, 1e18 };

	private byte[] bytes;

	private int size;

	LineProtocolWriter(int initialCapacity) {
		this.bytes = new byte[initialCapacity];
	}

	/** Where a token stands in a line, which decides what is escaped in it. */
	enum Position {

		/** A measurement: escape {@code ,} and space. */
		MEASUREMENT(",", " "),

		/** A tag key, tag value or field key: escape {@code ,}, {@code =} and space. */
		KEY(",", "=", " "),

		/** A string field value, inside quotes: escape {@code "} and {@code \}. */
		STRING("\"", "\\");

		/** Bit {@code c - 32} set for each escaped ASCII character {@code c}. */
		final long escaped;

		Position(String... escaped) {
			long bits = 0;
			for (String c : escaped) {
				bits |= 1L << (c.charAt(0) - 32);
			}
			this.escaped = bits;
		}

	}

	void writeAscii(char c) {
		ensureCapacity(1);
		this.bytes[this.size++] = (byte) c;
	}

	/**
	 * Write the bytes of a checked text as they are, a word at a time.
	 * @param checked the text
	 */
	void writeChecked(LineProtocolRules.Checked checked) {
		long[] words = checked.words;
		int count = words.length;
		// whole words: up to seven bytes after the text are overwritten later
		ensureCapacity(8L * count);
		byte[] out = this.bytes;
		int at = this.size;
		LONGS.set(out, at, words[0]);
		for (int i = 1; i < count; i++) {
			LONGS.set(out, at + 8 * i, words[i]);
		}
		this.size = at + checked.length;
	}

	/**
	 * Change a byte already written.
	 * @param index the index of the byte
	 * @param c the ASCII char it becomes
	 */
	void replaceByte(int index, char c) {
		this.bytes[index] = (byte) c;
	}

	void writeAscii(String text) {
		int length = text.length();
		ensureCapacity(length);
		for (int i = 0; i < length; i++) {
			this.bytes[this.size++] = (byte) text.charAt(i);
		}
	}

	/**
	 * Copy bytes that are already line protocol (checked and escaped by their writer).
	 * @param source the bytes
	 * @param offset the index of the first byte
	 * @param length the number of bytes
	 */
	void writeBytes(byte[] source, int offset, int length) {
		ensureCapacity(length);
		System.arraycopy(source, offset, this.bytes, this.size, length);
		this.size += length;
	}

	/**
	 * Write text that was checked when its point was built, escaped for its position.
	 * @param text the text
	 * @param position where the text stands in the line
	 * @throws IllegalArgumentException if the text has an unpaired surrogate (a point's
	 * checks keep that from happening)
	 */
	void writeEscaped(String text, Position position) {
		// ASCII without escapes, the usual text, straight from the String; at the first
		// other char the general loop takes over from there.
		int length = text.length();
		ensureCapacity(length);
		byte[] out = this.bytes;
		int at = this.size;
		long escaped = position.escaped;
		int i = 0;
		while (i < length) {
			char c = text.charAt(i);
			if (c >= 0x80 || (c >= 32 && c < 96 && ((escaped >>> (c - 32)) & 1) != 0)) {
				break;
			}
			out[at++] = (byte) c;
			i++;
		}
		this.size = at;
		if (i == length) {
			return;
		}
		if (writeUtf8(text, i, length, position) >= 0) {
			this.size -= i;
			throw new IllegalArgumentException("unpaired surrogate in " + LineProtocolRules.show(text));
		}
	}

	/**
	 * Copy {@code text[start, end)} as UTF-8, escaping nothing.
	 * @param text the text
	 * @param start the index of the first char
	 * @param end the index after the last char
	 * @return {@code -1}, or the index (from {@code start}) of an unpaired surrogate, in
	 * which case nothing is written
	 */
	int writeUtf8(CharSequence text, int start, int end) {
		return writeUtf8(text, start, end, null);
	}

	/**
	 * Encode {@code text[start, end)} as UTF-8 straight into the array, with a backslash
	 * before each character that {@code position} escapes ({@code null}: copy as is).
	 * Return {@code -1}, or the index (from {@code start}) of an unpaired surrogate,
	 * which has no UTF-8 form; then nothing is written.
	 */
	private int writeUtf8(CharSequence text, int start, int end, @Nullable Position position) {
		// Worst case: every char a 3-byte UTF-8 sequence or an escaped ASCII char.
		ensureCapacity((end - start) * 3L);
		byte[] out = this.bytes;
		int at = this.size;
		long escaped = (position != null) ? position.escaped : 0;
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				if (c >= 32 && c < 96 && ((escaped >>> (c - 32)) & 1) != 0) {
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
				return i - start;
			}
			else {
				out[at++] = (byte) (0xE0 | (c >> 12));
				out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				out[at++] = (byte) (0x80 | (c & 0x3F));
			}
		}
		this.size = at;
		return -1;
	}

	/**
	 * Write a field value in the form of its type: a float as plain digits, integers with
	 * their {@code i} or {@code u} suffix, a boolean as {@code true} or {@code false}, a
	 * string in quotes.
	 * @param type the type of the field
	 * @param number the value of a numeric or boolean field, as {@link Point} keeps it
	 * @param text the value of a string field
	 */
	void writeFieldValue(byte type, long number, @Nullable String text) {
		switch (type) {
			case Point.DOUBLE -> writeDouble(Double.longBitsToDouble(number));
			case Point.LONG -> {
				writeLong(number);
				writeAscii('i');
			}
			case Point.UNSIGNED -> {
				writeUnsignedLong(number);
				writeAscii('u');
			}
			case Point.BOOLEAN -> {
				// a word of "true" or "false", then zeros that are overwritten later
				ensureCapacity(8);
				LONGS.set(this.bytes, this.size, (number != 0) ? TRUE : FALSE);
				this.size += (number != 0) ? 4 : 5;
			}
			default -> {
				writeAscii('"');
				writeEscaped(Objects.requireNonNull(text), Position.STRING);
				writeAscii('"');
			}
		}
	}

	void writeLong(long value) {
		ensureCapacity(AsciiDigits.LONG_ROOM);
		this.size = AsciiDigits.putLong(this.bytes, this.size, value);
	}

	private void writeUnsignedLong(long value) {
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
	 * with a digit or a sign ({@code 0.5}, never {@code .5}). Values from 10<sup>-3</sup>
	 * to 10<sup>7</sup> with few decimals, the common case, are written without a string:
	 * the fewest decimals that read back as the same double, which is the form
	 * {@link Double#toString(double)} has for them.
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
		if (writeShortDecimal(value)) {
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

	/**
	 * Write a value of {@link Double#toString(double)}'s plain range (10<sup>-3</sup> to
	 * 10<sup>7</sup>) as the fewest decimals that read back as the same double, if there
	 * are at most 15 significant digits. A decimal {@code m / 10^k} with {@code m} below
	 * 2<sup>53</sup> reads back as {@code v} exactly when the (correctly rounded)
	 * division {@code m / 10^k} gives {@code v}, since a parser rounds the same exact
	 * quotient; the smallest such {@code k} gives the shortest form.
	 * @return whether the value was written
	 */
	private boolean writeShortDecimal(double value) {
		double magnitude = Math.abs(value);
		if (!(magnitude >= 1e-3 && magnitude < 1e7)) {
			return false;
		}
		for (int scale = 1; scale < POWERS_OF_TEN.length; scale++) {
			double power = POWERS_OF_TEN[scale];
			double scaled = magnitude * power;
			if (scaled >= 1e15) {
				return false;
			}
			long unscaled = (long) Math.rint(scaled);
			if (unscaled / power == magnitude) {
				writeDecimal(value < 0, unscaled, scale);
				return true;
			}
		}
		return false;
	}

	/** Write {@code unscaled / 10^scale} in plain notation, {@code scale > 0}. */
	private void writeDecimal(boolean negative, long unscaled, int scale) {
		int digits = AsciiDigits.digitCount(unscaled);
		// sign, digits, point and leading zeros, and the bytes putDigits may write after
		ensureCapacity(3L + Math.max(digits, scale) + 8);
		byte[] out = this.bytes;
		int at = this.size;
		if (negative) {
			out[at++] = '-';
		}
		if (digits > scale) {
			at = AsciiDigits.putDigits(out, at, unscaled, digits);
			// the last scale digits move one place on, for the point before them
			for (int i = at - 1; i >= at - scale; i--) {
				out[i + 1] = out[i];
			}
			out[at - scale] = '.';
			at++;
		}
		else {
			out[at++] = '0';
			out[at++] = '.';
			at = AsciiDigits.putDigits(out, at, unscaled, scale);
		}
		this.size = at;
	}

	// The bytes written so far

	int size() {
		return this.size;
	}

	int capacity() {
		return this.bytes.length;
	}

	/** Drop every byte from {@code size} on. */
	void truncate(int size) {
		this.size = size;
	}

	byte byteAt(int index) {
		return this.bytes[index];
	}

	/** Whether the bytes from {@code at} on start with {@code wanted}. */
	boolean regionMatches(int at, byte[] wanted) {
		return at + wanted.length <= this.size
				&& Arrays.equals(this.bytes, at, at + wanted.length, wanted, 0, wanted.length);
	}

	/** Append the bytes from {@code start} on to {@code target} and drop them here. */
	void moveTailTo(int start, LineProtocolWriter target) {
		int length = this.size - start;
		target.ensureCapacity(length);
		System.arraycopy(this.bytes, start, target.bytes, target.size, length);
		target.size += length;
		this.size = start;
	}

	String toString(int start, int length) {
		return new String(this.bytes, start, length, StandardCharsets.UTF_8);
	}

	void writeTo(OutputStream out) throws IOException {
		out.write(this.bytes, 0, this.size);
	}

	byte[] toByteArray() {
		return Arrays.copyOf(this.bytes, this.size);
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

}
