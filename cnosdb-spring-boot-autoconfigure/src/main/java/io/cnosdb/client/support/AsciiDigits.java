package io.cnosdb.client.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes decimal numbers as ASCII digits into a byte array, eight digits at a time (with
 * stores of eight bytes), for the line-protocol encoders: {@code Point}'s writer and the
 * CSV import's whole lines. The stores may overwrite up to eight bytes after the digits,
 * which the caller must have room for and write over afterwards. Internal: not API.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class AsciiDigits {

	/**
	 * The room {@link #putLong(byte[], int, long)} needs from where it writes: 20 chars
	 * at most, and the 8 bytes it may overwrite after them.
	 */
	public static final int LONG_ROOM = 20 + 8;

	/** Eight bytes of an array at once, little-endian. */
	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	/** The powers of ten in a {@code long}, 10<sup>0</sup> to 10<sup>18</sup>. */
	private static final long[] LONG_POWERS_OF_TEN = new long[19];

	/** The digits of {@link Long#MIN_VALUE}, which has no positive counterpart. */
	private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

	static {
		long power = 1;
		for (int i = 0; i < LONG_POWERS_OF_TEN.length; i++) {
			LONG_POWERS_OF_TEN[i] = power;
			power *= 10;
		}
	}

	private AsciiDigits() {
	}

	/**
	 * Write a number in decimal, with a minus if it is negative; the array must have
	 * {@link #LONG_ROOM} bytes from {@code at} on.
	 * @param out the array
	 * @param at where to write
	 * @param value the number
	 * @return the index after the last digit
	 */
	public static int putLong(byte[] out, int at, long value) {
		if (value == Long.MIN_VALUE) {
			System.arraycopy(MIN_LONG, 0, out, at, MIN_LONG.length);
			return at + MIN_LONG.length;
		}
		int next = at;
		long rest = value;
		if (rest < 0) {
			out[next++] = '-';
			rest = -rest;
		}
		return putDigits(out, next, rest, digitCount(rest));
	}

	/**
	 * Return the number of decimal digits of a number that is not negative.
	 * @param value the number
	 * @return the number of digits, at least 1
	 */
	public static int digitCount(long value) {
		// floor(log10(2) * bit length) is the count or one less
		int guess = ((64 - Long.numberOfLeadingZeros(value | 1)) * 1233) >>> 12;
		return (value >= LONG_POWERS_OF_TEN[guess]) ? guess + 1 : Math.max(guess, 1);
	}

	/**
	 * Write the last {@code count} decimal digits (1 to 19) of a number that is not
	 * negative, with leading zeros, from {@code at} on, eight at a time; up to eight
	 * bytes after them are overwritten, so the array must have room for them.
	 * @param out the array
	 * @param at where to write
	 * @param value the number
	 * @param count how many of its last digits to write
	 * @return the index after the last digit
	 */
	public static int putDigits(byte[] out, int at, long value, int count) {
		if (count > 16) {
			long high = value / 10_000_000_000_000_000L;
			long rest = value - 10_000_000_000_000_000L * high;
			long middle = rest / 100_000_000L;
			int next = putUpToEight(out, at, high, count - 16);
			LONGS.set(out, next, eightDigits(middle));
			LONGS.set(out, next + 8, eightDigits(rest - 100_000_000L * middle));
			return next + 16;
		}
		if (count > 8) {
			long high = value / 100_000_000L;
			int next = putUpToEight(out, at, high, count - 8);
			LONGS.set(out, next, eightDigits(value - 100_000_000L * high));
			return next + 8;
		}
		return putUpToEight(out, at, value, count);
	}

	/**
	 * Write the last {@code count} decimal digits (1 to 8) of a number below
	 * 10<sup>8</sup> from {@code at} on, with a store of eight bytes.
	 */
	private static int putUpToEight(byte[] out, int at, long value, int count) {
		LONGS.set(out, at, eightDigits(value) >>> (8 * (8 - count)));
		return at + count;
	}

	/**
	 * Return the eight decimal digits of a number below 10<sup>8</sup>, with leading
	 * zeros, as ASCII bytes in a word, the first digit in the lowest byte: the digits are
	 * found in parallel, in lanes of the word (halves of 4 digits, then quarters of 2).
	 */
	private static long eightDigits(long value) {
		long high = value / 10_000;
		long halves = high | ((value - 10_000 * high) << 32);
		// each half divided by 100 (x * 10486 >> 20 is x / 100 for x below 10^4)
		long hundreds = ((halves * 10486) >>> 20) & 0x0000_007F_0000_007FL;
		long quarters = ((halves - 100 * hundreds) << 16) + hundreds;
		// each quarter divided by 10 (x * 103 >> 10 is x / 10 for x below 100)
		long tens = ((quarters * 103) >>> 10) & 0x000F_000F_000F_000FL;
		long digits = tens + ((quarters - 10 * tens) << 8);
		return digits + 0x3030_3030_3030_3030L;
	}

}
