package io.cnosdb.client.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * Reads the timestamp layout CnosDB renders, {@code yyyy-MM-ddTHH:mm:ss} with an optional
 * fraction of 1 to 9 digits and an optional offset ({@code Z} or {@code ±HH:MM}), without
 * the general ISO parser; for CSV imports also with a space for the {@code T}. Anything
 * else, including any value out of range, is not taken and is left to the general parser,
 * which decides whether it is valid: a value read here is exactly the value the general
 * parser returns. Used by the query path (instants and offset date-times) and the CSV
 * import (nanoseconds since the epoch).
 *
 * @author CnosDB Spring Boot contributors
 */
public final class FastTimestamp {

	/** What {@link #epochNanos(String, boolean)} returns for text it does not take. */
	public static final long NOT_TAKEN = Long.MIN_VALUE;

	private static final int SECONDS_PER_DAY = 86_400;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	/** The length of CnosDB's own layout, {@code 2023-07-28T02:12:11.000000000}. */
	private static final int CNOSDB_LENGTH = 29;

	private FastTimestamp() {
	}

	/**
	 * Read a timestamp as an instant (UTC when it has no offset).
	 * @param text the text
	 * @return the instant, or {@code null} if the text is not in the fixed layout
	 */
	public static @Nullable Instant instant(String text) {
		if (text.length() == CNOSDB_LENGTH) {
			long seconds = cnosDbEpochSecond(text);
			int nanos = (seconds != Long.MIN_VALUE) ? cnosDbNanos(text) : -1;
			if (nanos >= 0) {
				return Instant.ofEpochSecond(seconds, nanos);
			}
		}
		int end = fractionEnd(text, false);
		long seconds = (end < 0) ? Long.MIN_VALUE : epochSecond(text, end);
		return (seconds != Long.MIN_VALUE) ? Instant.ofEpochSecond(seconds, nanos(text, end)) : null;
	}

	/**
	 * Read a timestamp as nanoseconds since the epoch (UTC when it has no offset).
	 * @param text the text
	 * @param spaceForT whether a space may stand for the {@code T} between date and time
	 * @return the nanoseconds, or {@link #NOT_TAKEN} if the text is not in the layout or
	 * outside the range of nanoseconds in a signed 64-bit number (which the general
	 * parser then reads or refuses)
	 */
	public static long epochNanos(String text, boolean spaceForT) {
		int end = fractionEnd(text, spaceForT);
		long seconds = (end < 0) ? Long.MIN_VALUE : epochSecond(text, end);
		// Near or outside the ends of the range: the general parser decides.
		if (seconds < -9_223_372_036L || seconds > 9_223_372_035L) {
			return NOT_TAKEN;
		}
		return seconds * NANOS_PER_SECOND + nanos(text, end);
	}

	/**
	 * Return the second since the epoch of a text of {@link #CNOSDB_LENGTH} characters in
	 * the layout CnosDB renders its {@code time} column in,
	 * {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnn}, read in one pass; or {@link Long#MIN_VALUE}
	 * if the text is not exactly that layout or a field is out of its range (the general
	 * route then decides). The digits are checked all at once: {@code c - '0'} and
	 * {@code '9' - c} are both non-negative only for a digit.
	 */
	private static long cnosDbEpochSecond(String text) {
		if (text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
				|| text.charAt(16) != ':' || text.charAt(19) != '.') {
			return Long.MIN_VALUE;
		}
		int y0 = text.charAt(0) - '0';
		int y1 = text.charAt(1) - '0';
		int y2 = text.charAt(2) - '0';
		int y3 = text.charAt(3) - '0';
		int mo0 = text.charAt(5) - '0';
		int mo1 = text.charAt(6) - '0';
		int d0 = text.charAt(8) - '0';
		int d1 = text.charAt(9) - '0';
		int h0 = text.charAt(11) - '0';
		int h1 = text.charAt(12) - '0';
		int mi0 = text.charAt(14) - '0';
		int mi1 = text.charAt(15) - '0';
		int s0 = text.charAt(17) - '0';
		int s1 = text.charAt(18) - '0';
		int checked = y0 | y1 | y2 | y3 | mo0 | mo1 | d0 | d1 | h0 | h1 | mi0 | mi1 | s0 | s1;
		checked |= (9 - y0) | (9 - y1) | (9 - y2) | (9 - y3) | (9 - mo0) | (9 - mo1) | (9 - d0) | (9 - d1) | (9 - h0)
				| (9 - h1) | (9 - mi0) | (9 - mi1) | (9 - s0) | (9 - s1);
		if (checked < 0) {
			return Long.MIN_VALUE;
		}
		return localEpochSecond(y0 * 1000 + y1 * 100 + y2 * 10 + y3, mo0 * 10 + mo1, d0 * 10 + d1, h0 * 10 + h1,
				mi0 * 10 + mi1, s0 * 10 + s1);
	}

	/**
	 * The nine-digit fraction of a text that {@link #cnosDbEpochSecond(String)} took, or
	 * -1 if one of them is not a digit.
	 */
	private static int cnosDbNanos(String text) {
		int nanos = 0;
		int checked = 0;
		for (int i = 20; i < CNOSDB_LENGTH; i++) {
			int digit = text.charAt(i) - '0';
			checked |= digit | (9 - digit);
			nanos = nanos * 10 + digit;
		}
		return (checked < 0) ? -1 : nanos;
	}

	/**
	 * Return the second since the epoch of the date, time and offset of a text in the
	 * layout whose fraction ends at {@code end}, or {@link Long#MIN_VALUE} if a field is
	 * out of its range or the offset is not {@code Z} or {@code ±HH:MM}.
	 */
	private static long epochSecond(String text, int end) {
		int offsetSeconds = offsetSeconds(text, end);
		if (offsetSeconds == Integer.MIN_VALUE) {
			return Long.MIN_VALUE;
		}
		long local = localEpochSecond(text);
		return (local != Long.MIN_VALUE) ? local - offsetSeconds : Long.MIN_VALUE;
	}

	/**
	 * Read a timestamp with its offset (UTC when it has none).
	 * @param text the text
	 * @return the timestamp, or {@code null} if the text is not in the fixed layout
	 */
	public static @Nullable OffsetDateTime offsetDateTime(String text) {
		int end = fractionEnd(text, false);
		if (end < 0) {
			return null;
		}
		int offsetSeconds = offsetSeconds(text, end);
		if (offsetSeconds == Integer.MIN_VALUE || localEpochSecond(text) == Long.MIN_VALUE) {
			return null;
		}
		ZoneOffset offset = (offsetSeconds != 0) ? ZoneOffset.ofTotalSeconds(offsetSeconds) : ZoneOffset.UTC;
		return OffsetDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10), digits(text, 11, 13),
				digits(text, 14, 16), digits(text, 17, 19), nanos(text, end), offset);
	}

	/**
	 * Check the date and time separators and return where the fraction (if any) ends, or
	 * -1 if the text does not start with the layout.
	 */
	private static int fractionEnd(String text, boolean spaceForT) {
		int length = text.length();
		if (length < 19 || text.charAt(4) != '-' || text.charAt(7) != '-'
				|| (text.charAt(10) != 'T' && (!spaceForT || text.charAt(10) != ' ')) || text.charAt(13) != ':'
				|| text.charAt(16) != ':') {
			return -1;
		}
		if (length == 19 || text.charAt(19) != '.') {
			return 19;
		}
		int end = 20;
		while (end < length && end < 29 && isDigit(text.charAt(end))) {
			end++;
		}
		// A dot without digits is left to the general parser.
		return (end > 20) ? end : -1;
	}

	/**
	 * Return the offset after {@code end} in seconds, 0 if there is none, or
	 * {@link Integer#MIN_VALUE} if what follows is not {@code Z} or {@code ±HH:MM}.
	 */
	private static int offsetSeconds(String text, int end) {
		int length = text.length();
		if (end == length) {
			return 0;
		}
		if (length == end + 1 && text.charAt(end) == 'Z') {
			return 0;
		}
		char sign = text.charAt(end);
		if (length != end + 6 || (sign != '+' && sign != '-') || text.charAt(end + 3) != ':') {
			return Integer.MIN_VALUE;
		}
		int hours = digits(text, end + 1, end + 3);
		int minutes = digits(text, end + 4, end + 6);
		if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59 || (hours == 18 && minutes > 0)) {
			return Integer.MIN_VALUE;
		}
		int seconds = hours * 3600 + minutes * 60;
		return (sign == '-') ? -seconds : seconds;
	}

	/**
	 * The second since the epoch of the date and time of a text in the layout, read as
	 * UTC, or {@link Long#MIN_VALUE} if a field is not digits or out of its range.
	 */
	private static long localEpochSecond(String text) {
		return localEpochSecond(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10), digits(text, 11, 13),
				digits(text, 14, 16), digits(text, 17, 19));
	}

	/**
	 * The second since the epoch of a date and time read as UTC, or
	 * {@link Long#MIN_VALUE} if a field is out of its range (-1 for a field that is not
	 * digits is).
	 */
	private static long localEpochSecond(int year, int month, int day, int hour, int minute, int second) {
		if (year < 0 || month < 1 || month > 12 || day < 1 || (day > 28 && day > lengthOfMonth(year, month)) || hour < 0
				|| hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
			return Long.MIN_VALUE;
		}
		return epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
	}

	/**
	 * The day since 1970-01-01 of a valid date of years 0 to 9999, counted in 400-year
	 * cycles of the proleptic Gregorian calendar from a year that starts on March 1, so
	 * that the leap day is the last day of its year.
	 */
	private static long epochDay(int year, int month, int day) {
		int marchYear = (month > 2) ? year : year - 1;
		// marchYear >= -1: shift by one cycle to divide non-negative numbers.
		int cycle = (marchYear + 400) / 400 - 1;
		int yearOfCycle = marchYear - cycle * 400;
		int dayOfYear = (153 * ((month > 2) ? month - 3 : month + 9) + 2) / 5 + day - 1;
		int dayOfCycle = yearOfCycle * 365 + yearOfCycle / 4 - yearOfCycle / 100 + dayOfYear;
		// 719,468 days from 0000-03-01 to 1970-01-01.
		return cycle * 146_097L + dayOfCycle - 719_468;
	}

	private static int lengthOfMonth(int year, int month) {
		return switch (month) {
			case 2 -> ((year % 4 == 0) && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
			case 4, 6, 9, 11 -> 30;
			default -> 31;
		};
	}

	/**
	 * The fraction from index 20 to {@code end} as nanoseconds; {@link #fractionEnd}
	 * checked that its characters are digits.
	 */
	private static int nanos(String text, int end) {
		if (end == 19) {
			return 0;
		}
		int nanos = 0;
		for (int i = 20; i < end; i++) {
			nanos = nanos * 10 + (text.charAt(i) - '0');
		}
		for (int i = end - 20; i < 9; i++) {
			nanos *= 10;
		}
		return nanos;
	}

	/** The decimal value of the digits in {@code [from, to)}, or -1 if one is not. */
	private static int digits(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (!isDigit(c)) {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
