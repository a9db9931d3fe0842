package io.cnosdb.client.csv;

/**
 * Reads the times of a CSV import in the forms most files use, without a
 * {@link java.time.format.DateTimeFormatter}: {@code yyyy-MM-ddTHH:mm:ss}, a space for
 * the {@code T}, an optional fraction of one to nine digits, and {@code Z}, an offset
 * {@code ±HH:mm}, or none (UTC). Any other text, and any field out of its range, gives
 * {@link Long#MIN_VALUE}, so that the caller falls back to the general ISO-8601 parser,
 * which reads or refuses it.
 *
 * @author CnosDB Spring Boot contributors
 */
final class CsvTimestamps {

	/** What the readers return for text they do not take. */
	static final long NOT_TAKEN = Long.MIN_VALUE;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private static final long SECONDS_PER_DAY = 86_400L;

	private CsvTimestamps() {
	}

	/**
	 * Whether the text is an optional sign followed by one or more ASCII digits.
	 * @param text the text
	 * @return whether it is a plain integer
	 */
	static boolean isPlainInteger(String text) {
		int length = text.length();
		int start = (length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) ? 1 : 0;
		if (length == start) {
			return false;
		}
		for (int i = start; i < length; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Read an ISO-8601 date-time in one of the common forms as nanoseconds since the
	 * epoch.
	 * @param text the text
	 * @return the nanoseconds, or {@link #NOT_TAKEN}
	 */
	static long parseIsoNanos(String text) {
		int length = text.length();
		if (length < 19 || text.charAt(4) != '-' || text.charAt(7) != '-'
				|| (text.charAt(10) != 'T' && text.charAt(10) != ' ') || text.charAt(13) != ':'
				|| text.charAt(16) != ':') {
			return NOT_TAKEN;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
				|| minute < 0 || minute > 59 || second < 0 || second > 59) {
			return NOT_TAKEN;
		}
		int i = 19;
		long nanos = 0;
		if (i < length && text.charAt(i) == '.') {
			i++;
			int start = i;
			while (i < length && i - start < 9 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
				nanos = nanos * 10 + (text.charAt(i) - '0');
				i++;
			}
			int fractionDigits = i - start;
			if (fractionDigits == 0) {
				return NOT_TAKEN;
			}
			for (int scale = fractionDigits; scale < 9; scale++) {
				nanos *= 10;
			}
		}
		int offsetSeconds = 0;
		if (i < length) {
			char c = text.charAt(i);
			if (c == 'Z' && i + 1 == length) {
				i++;
			}
			else if ((c == '+' || c == '-') && i + 6 == length && text.charAt(i + 3) == ':') {
				int offsetHours = digits(text, i + 1, 2);
				int offsetMinutes = digits(text, i + 4, 2);
				if (offsetHours < 0 || offsetHours > 17 || offsetMinutes < 0 || offsetMinutes > 59) {
					return NOT_TAKEN;
				}
				offsetSeconds = ((c == '-') ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
				i += 6;
			}
			else {
				return NOT_TAKEN;
			}
		}
		long seconds = epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second
				- offsetSeconds;
		// Outside the range of nanosecond timestamps: the general parser says so.
		if (seconds < -9_223_372_036L || seconds > 9_223_372_035L) {
			return NOT_TAKEN;
		}
		return seconds * NANOS_PER_SECOND + nanos;
	}

	/** The value of {@code count} ASCII digits at {@code from}, or -1. */
	private static int digits(String text, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static int daysInMonth(int year, int month) {
		return switch (month) {
			case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
			case 4, 6, 9, 11 -> 30;
			default -> 31;
		};
	}

	/** Days since 1970-01-01 of a proleptic Gregorian date. */
	private static long epochDay(int year, int month, int day) {
		long y = (month <= 2) ? year - 1 : year;
		long era = Math.floorDiv(y, 400);
		long yearOfEra = y - era * 400;
		long dayOfYear = (153L * (month + ((month > 2) ? -3 : 9)) + 2) / 5 + day - 1;
		long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
		return era * 146097 + dayOfEra - 719468;
	}

}
