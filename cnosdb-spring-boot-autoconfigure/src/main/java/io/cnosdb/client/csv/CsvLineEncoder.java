package io.cnosdb.client.csv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.cnosdb.client.support.AsciiDigits;
import io.cnosdb.client.support.FastTimestamp;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.LineProtocolChunker;
import org.jspecify.annotations.Nullable;

/**
 * Writes one CSV record straight into a line of line protocol, without building a
 * {@link io.cnosdb.client.write.Point}: tags and fields are given sorted by name, so the
 * line is the one the point that {@link CsvRowConverter} would build encodes to, byte for
 * byte. It has two ways:
 * <ul>
 * <li>The usual record is written into a byte array of its own and appended as a whole
 * line ({@link LineProtocolChunker#appendEncodedLine}): the measurement and the keys are
 * escaped once per import ({@link LineProtocolChunker#encodedKey}), values that need no
 * escape (ASCII text without separators, quotes or backslashes) are copied as they are,
 * numbers already in the form the row writer gives them are copied without being parsed
 * and formatted again, and ISO-8601 times of the same minute as the row before are read
 * from their seconds alone.</li>
 * <li>Any other record goes through the row writer of the chunker
 * ({@link LineProtocolChunker#row(String)}), which checks and escapes each name and value
 * as a point does and encodes numbers and times the same way.</li>
 * </ul>
 * <p>
 * It takes only records whose every value it is sure of: decimal numbers, integers of at
 * most 18 digits, {@code true} or {@code false} in any case, text the row writer accepts,
 * times as integers or in the ISO-8601 forms of {@link FastTimestamp}. For any other
 * record it drops the row and answers {@code false}, and the caller converts the record
 * with {@link CsvRowConverter}, which either builds its point or names what is wrong with
 * it, as before. Not thread-safe.
 *
 * @author CnosDB Spring Boot contributors
 */
final class CsvLineEncoder {

	/** What a time not read here is. */
	private static final long NOT_TAKEN = FastTimestamp.NOT_TAKEN;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	/**
	 * The first and the last minute (in nanoseconds since the epoch) whose seconds are
	 * all inside the range {@link FastTimestamp} reads.
	 */
	private static final long FIRST_MINUTE = -9_223_372_036L * NANOS_PER_SECOND;

	private static final long LAST_MINUTE = (9_223_372_035L - 59) * NANOS_PER_SECOND;

	/** The measurement. */
	private final String measurement;

	/** The time column, or -1. */
	private final int timeColumn;

	/** Tag columns, sorted by name. */
	private final int[] tagColumns;

	/** The name of each tag column. */
	private final String[] tagKeys;

	/** Field columns, sorted by name. */
	private final int[] fieldColumns;

	/** The name of each field column. */
	private final String[] fieldKeys;

	private final CsvColumnType[] fieldTypes;

	private final int columns;

	private final TimeUnit timeUnit;

	/**
	 * The escaped measurement, or {@code null} if lines are written by the row writer.
	 */
	private final byte @Nullable [] measurementBytes;

	/** The escaped key of each tag column. */
	private final byte[][] tagKeyBytes;

	/** The escaped key of each field column. */
	private final byte[][] fieldKeyBytes;

	private final long nanosPerTimeUnit;

	private final long nanosPerPrecisionUnit;

	/** The line being written. */
	private byte[] line = new byte[256];

	private int length;

	/**
	 * The last ISO-8601 time read whose minute is remembered (its first 17 characters,
	 * {@code yyyy-MM-ddTHH:mm:}); at first the minute of the epoch, which is never
	 * {@code null}, so that the first row of an import takes the usual path of a new
	 * minute instead of a branch that the compiled code of an earlier import never took.
	 */
	private String minuteText = "1970-01-01T00:00:";

	/** The start of that minute in nanoseconds since the epoch. */
	private long minuteNanos = 0;

	/**
	 * Prepare the encoder of the rows of a planned import.
	 * @param plan the plan
	 */
	CsvLineEncoder(CsvTablePlan plan) {
		this.measurement = plan.table();
		this.columns = plan.columnCount();
		int time = -1;
		List<Integer> tags = new ArrayList<>();
		List<Integer> fields = new ArrayList<>();
		for (int i = 0; i < this.columns; i++) {
			CsvColumnType type = plan.type(i);
			if (type == null) {
				continue;
			}
			switch (type) {
				case TIME -> time = i;
				case TAG -> tags.add(i);
				default -> fields.add(i);
			}
		}
		Comparator<Integer> byName = Comparator.comparing(plan::name);
		tags.sort(byName);
		fields.sort(byName);
		this.timeColumn = time;
		this.tagColumns = tags.stream().mapToInt(Integer::intValue).toArray();
		this.tagKeys = tags.stream().map(plan::name).toArray(String[]::new);
		this.fieldColumns = fields.stream().mapToInt(Integer::intValue).toArray();
		this.fieldKeys = fields.stream().map(plan::name).toArray(String[]::new);
		this.fieldTypes = fields.stream().map(plan::type).toArray(CsvColumnType[]::new);
		this.timeUnit = plan.timeUnit();
		this.nanosPerTimeUnit = this.timeUnit.toNanos(1);
		this.nanosPerPrecisionUnit = plan.precision().timeUnit().toNanos(1);
		byte[] measurementBytes;
		byte[][] tagKeyBytes = new byte[this.tagKeys.length][];
		byte[][] fieldKeyBytes = new byte[this.fieldKeys.length][];
		try {
			measurementBytes = LineProtocolChunker.encodedMeasurement(this.measurement);
			for (int i = 0; i < tagKeyBytes.length; i++) {
				tagKeyBytes[i] = LineProtocolChunker.encodedKey(this.tagKeys[i], false);
			}
			for (int i = 0; i < fieldKeyBytes.length; i++) {
				fieldKeyBytes[i] = LineProtocolChunker.encodedKey(this.fieldKeys[i], true);
			}
		}
		catch (IllegalArgumentException ex) {
			// A name the plan let through but the row writer refuses: it names it, row
			// by row.
			measurementBytes = null;
		}
		this.measurementBytes = measurementBytes;
		this.tagKeyBytes = tagKeyBytes;
		this.fieldKeyBytes = fieldKeyBytes;
	}

	/**
	 * Write the line of a record to the chunker, if the record is one this encoder takes;
	 * the caller then calls {@link LineProtocolChunker#endRow()}.
	 * @param values the values of the record
	 * @param chunker receives the line; left as it was if the record is not taken
	 * @return whether the line was written; if not, convert the record the slow way
	 */
	boolean encode(List<String> values, LineProtocolChunker chunker) {
		if (values.size() != this.columns || this.timeColumn < 0) {
			return false;
		}
		if (this.measurementBytes != null && writeLine(values, this.measurementBytes)) {
			chunker.appendEncodedLine(this.line, 0, this.length);
			return true;
		}
		return writeRow(values, chunker);
	}

	/**
	 * Return the line that the first way writes for a record (for tests).
	 * @param values the values of the record
	 * @return the line, or {@code null} if the record is left to the row writer
	 */
	@Nullable String wholeLine(List<String> values) {
		if (this.measurementBytes == null || values.size() != this.columns || this.timeColumn < 0
				|| !writeLine(values, this.measurementBytes)) {
			return null;
		}
		return new String(this.line, 0, this.length, StandardCharsets.UTF_8);
	}

	// The usual record, into the line array

	/**
	 * Write the line of a record into {@link #line}, if every value is in a form copied
	 * or read here.
	 * @return whether the line was written
	 */
	private boolean writeLine(List<String> values, byte[] measurementBytes) {
		long time = time(values.get(this.timeColumn));
		if (time == NOT_TAKEN) {
			return false;
		}
		this.length = 0;
		writeBytes(measurementBytes);
		for (int i = 0; i < this.tagColumns.length; i++) {
			String value = values.get(this.tagColumns[i]);
			if (value.isEmpty()) {
				continue;
			}
			byte[] key = this.tagKeyBytes[i];
			ensureCapacity(key.length + value.length() + 2);
			this.line[this.length++] = ',';
			writeBytes(key);
			this.line[this.length++] = '=';
			if (!writeTagValue(value)) {
				return false;
			}
		}
		boolean first = true;
		for (int i = 0; i < this.fieldColumns.length; i++) {
			String value = values.get(this.fieldColumns[i]);
			if (value.isEmpty()) {
				continue;
			}
			byte[] key = this.fieldKeyBytes[i];
			// The value with its quotes or suffix, or a leading 0 added.
			ensureCapacity(key.length + value.length() + 4);
			this.line[this.length++] = (byte) (first ? ' ' : ',');
			writeBytes(key);
			this.line[this.length++] = '=';
			if (!writeFieldValue(this.fieldTypes[i], value)) {
				return false;
			}
			first = false;
		}
		if (first) {
			// No field: the slow way names the row.
			return false;
		}
		ensureCapacity(1 + AsciiDigits.LONG_ROOM);
		this.line[this.length++] = ' ';
		this.length = AsciiDigits.putLong(this.line, this.length, time);
		return true;
	}

	private boolean writeFieldValue(CsvColumnType type, String value) {
		switch (type) {
			case DOUBLE -> {
				return writeDecimal(value);
			}
			case BIGINT -> {
				return writeInteger(value, true, 'i');
			}
			case BIGINT_UNSIGNED -> {
				return writeInteger(value, false, 'u');
			}
			case BOOLEAN -> {
				if (!value.equals("true") && !value.equals("false")) {
					return false;
				}
				writeAscii(value);
				return true;
			}
			case STRING -> {
				return writeString(value);
			}
			default -> {
				return false;
			}
		}
	}

	/**
	 * Copy a tag value that the row writer writes as it is: visible ASCII without
	 * {@code ,}, {@code =} or a backslash.
	 */
	private boolean writeTagValue(String value) {
		byte[] out = this.line;
		int at = this.length;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c <= ' ' || c >= 0x7F || c == ',' || c == '=' || c == '\\') {
				return false;
			}
			out[at++] = (byte) c;
		}
		this.length = at;
		return true;
	}

	/**
	 * Copy a string value that the row writer writes as it is, in quotes: printable ASCII
	 * without a double quote or a backslash.
	 */
	private boolean writeString(String value) {
		byte[] out = this.line;
		int at = this.length;
		out[at++] = '"';
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < ' ' || c >= 0x7F || c == '"' || c == '\\') {
				return false;
			}
			out[at++] = (byte) c;
		}
		out[at++] = '"';
		this.length = at;
		return true;
	}

	/**
	 * Copy an integer of at most 18 digits in the form the row writer gives it: no sign
	 * but a minus, no leading zero, not {@code -0}.
	 */
	private boolean writeInteger(String value, boolean signed, char suffix) {
		int length = value.length();
		int start = (signed && length > 1 && value.charAt(0) == '-') ? 1 : 0;
		int digits = length - start;
		if (digits == 0 || digits > 18 || (value.charAt(start) == '0' && length > 1)) {
			return false;
		}
		for (int i = start; i < length; i++) {
			if (!isDigit(value.charAt(i))) {
				return false;
			}
		}
		writeAscii(value);
		this.line[this.length++] = (byte) suffix;
		return true;
	}

	/**
	 * Write a decimal number ({@code [+-]digits[.digits]}) as the row writer writes its
	 * double, without the double: an integral value of at most 15 digits as those digits
	 * (an integral double below 2<sup>53</sup>; {@code -0} for negative zero), and a
	 * value of 10<sup>-3</sup> to 10<sup>7</sup> with at most 15 significant digits as
	 * its digits without leading zeros before the point or trailing zeros after it (the
	 * fewest decimals that read back as the same double: no two decimals of 15
	 * significant digits or fewer are the same double). Anything else, such as an
	 * exponent or more digits, is left to the row writer.
	 */
	private boolean writeDecimal(String value) {
		int length = value.length();
		if (length == 0) {
			return false;
		}
		char sign = value.charAt(0);
		boolean negative = sign == '-';
		int integral = (negative || sign == '+') ? 1 : 0;
		int integralEnd = digits(value, integral);
		int fraction = integralEnd;
		int fractionEnd = integralEnd;
		if (integralEnd < length) {
			if (value.charAt(integralEnd) != '.') {
				return false;
			}
			fraction = integralEnd + 1;
			fractionEnd = digits(value, fraction);
			if (fractionEnd != length) {
				return false;
			}
		}
		if (integralEnd == integral && fractionEnd == fraction) {
			// No digit.
			return false;
		}
		while (integral < integralEnd && value.charAt(integral) == '0') {
			integral++;
		}
		while (fractionEnd > fraction && value.charAt(fractionEnd - 1) == '0') {
			fractionEnd--;
		}
		int integralDigits = integralEnd - integral;
		if (fractionEnd == fraction) {
			// An integral value.
			if (integralDigits > 15) {
				return false;
			}
			if (integralDigits == 0) {
				writeAscii(negative ? "-0" : "0");
			}
			else {
				if (negative) {
					this.line[this.length++] = '-';
				}
				writeAscii(value, integral, integralEnd);
			}
			return true;
		}
		int significant;
		if (integralDigits > 0) {
			significant = integralDigits + fractionEnd - fraction;
			if (integralDigits > 7) {
				// 10^7 or more.
				return false;
			}
		}
		else {
			int firstDigit = fraction;
			while (value.charAt(firstDigit) == '0') {
				firstDigit++;
			}
			if (firstDigit - fraction > 2) {
				// Less than 10^-3.
				return false;
			}
			significant = fractionEnd - firstDigit;
		}
		if (significant > 15) {
			return false;
		}
		if (negative) {
			this.line[this.length++] = '-';
		}
		if (integralDigits == 0) {
			this.line[this.length++] = '0';
		}
		else {
			writeAscii(value, integral, integralEnd);
		}
		this.line[this.length++] = '.';
		writeAscii(value, fraction, fractionEnd);
		return true;
	}

	/**
	 * Return the time of a record in the table's precision, or {@link #NOT_TAKEN} if it
	 * is not an integer of at most 19 digits within the range of a {@code long} (and of
	 * nanoseconds in one) or an ISO-8601 time that {@link FastTimestamp} reads, or the
	 * row writer would refuse it.
	 */
	private long time(String text) {
		int length = text.length();
		int start = (length > 1 && text.charAt(0) == '-') ? 1 : 0;
		long nanos;
		if (length - start <= 19 && digits(text, start) == length && length > start) {
			long units = 0;
			for (int i = start; i < length; i++) {
				int digit = text.charAt(i) - '0';
				if (units > (Long.MAX_VALUE - digit) / 10) {
					return NOT_TAKEN;
				}
				units = units * 10 + digit;
			}
			if (units > Long.MAX_VALUE / this.nanosPerTimeUnit) {
				return NOT_TAKEN;
			}
			nanos = (start == 1 ? -units : units) * this.nanosPerTimeUnit;
		}
		else {
			nanos = isoNanos(text);
			if (nanos == NOT_TAKEN) {
				return NOT_TAKEN;
			}
		}
		// Refuse what the table's precision would truncate.
		return (nanos % this.nanosPerPrecisionUnit == 0) ? nanos / this.nanosPerPrecisionUnit : NOT_TAKEN;
	}

	/**
	 * Read an ISO-8601 time as {@link FastTimestamp#epochNanos(String, boolean)} does;
	 * one without an offset in the same minute as the one remembered from its seconds and
	 * fraction alone.
	 */
	private long isoNanos(String text) {
		int length = text.length();
		String minute = this.minuteText;
		if (length >= 19 && text.regionMatches(0, minute, 0, 17)) {
			long seconds = secondsInMinute(text);
			if (seconds >= 0) {
				return this.minuteNanos + seconds;
			}
		}
		long nanos = FastTimestamp.epochNanos(text, true);
		if (nanos != NOT_TAKEN) {
			long seconds = secondsInMinute(text);
			// The minute is remembered only if every second of it can be read the fast
			// way.
			if (seconds >= 0 && nanos - seconds >= FIRST_MINUTE && nanos - seconds <= LAST_MINUTE) {
				this.minuteText = text;
				this.minuteNanos = nanos - seconds;
			}
		}
		return nanos;
	}

	/**
	 * Return the nanoseconds of {@code ss[.fffffffff]} at the end of a time from index 17
	 * on (a second of 0 to 59, a fraction of 1 to 9 digits, no offset), or -1 if the time
	 * does not end so.
	 */
	private static long secondsInMinute(String text) {
		int length = text.length();
		if (length < 19 || length == 20 || length > 29) {
			return -1;
		}
		int tens = text.charAt(17) - '0';
		int ones = text.charAt(18) - '0';
		if (tens < 0 || tens > 5 || ones < 0 || ones > 9) {
			return -1;
		}
		long fraction = 0;
		if (length > 19) {
			if (text.charAt(19) != '.') {
				return -1;
			}
			for (int i = 20; i < 29; i++) {
				int digit = 0;
				if (i < length) {
					digit = text.charAt(i) - '0';
					if (digit < 0 || digit > 9) {
						return -1;
					}
				}
				fraction = fraction * 10 + digit;
			}
		}
		return (tens * 10 + ones) * NANOS_PER_SECOND + fraction;
	}

	private void writeBytes(byte[] bytes) {
		ensureCapacity(bytes.length);
		System.arraycopy(bytes, 0, this.line, this.length, bytes.length);
		this.length += bytes.length;
	}

	/** Write ASCII text; the caller made room for it. */
	private void writeAscii(String text) {
		writeAscii(text, 0, text.length());
	}

	/**
	 * Write ASCII text from {@code start} to {@code end}; the caller made room for it.
	 */
	private void writeAscii(String text, int start, int end) {
		byte[] out = this.line;
		int at = this.length;
		for (int i = start; i < end; i++) {
			out[at++] = (byte) text.charAt(i);
		}
		this.length = at;
	}

	private void ensureCapacity(int extra) {
		if (this.length + extra > this.line.length) {
			this.line = Arrays.copyOf(this.line, Math.max(this.line.length * 2, this.length + extra));
		}
	}

	private static int digits(String text, int from) {
		int i = from;
		while (i < text.length() && isDigit(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	// Any other record, through the row writer

	/**
	 * Write the line of a record through the row writer of the chunker, if the record is
	 * one this encoder takes (package-private for tests).
	 * @param values the values of the record, as many as the columns
	 * @param chunker receives the line; left as it was if the record is not taken
	 * @return whether the line was written
	 */
	boolean writeRow(List<String> values, LineProtocolChunker chunker) {
		String time = values.get(this.timeColumn);
		boolean integerTime = isPlainInteger(time);
		long isoNanos = 0;
		if (!integerTime) {
			isoNanos = FastTimestamp.epochNanos(time, true);
			if (isoNanos == FastTimestamp.NOT_TAKEN) {
				return false;
			}
		}
		LineProtocolBuffer.Row row = null;
		try {
			row = chunker.row(this.measurement);
			for (int i = 0; i < this.tagColumns.length; i++) {
				String value = values.get(this.tagColumns[i]);
				if (!value.isEmpty()) {
					row.tag(this.tagKeys[i], value);
				}
			}
			boolean hasField = false;
			for (int i = 0; i < this.fieldColumns.length; i++) {
				String value = values.get(this.fieldColumns[i]);
				if (value.isEmpty()) {
					continue;
				}
				if (!field(row, this.fieldKeys[i], this.fieldTypes[i], value)) {
					row.cancel();
					return false;
				}
				hasField = true;
			}
			if (!hasField) {
				// No field: the slow way names the row.
				row.cancel();
				return false;
			}
			if (integerTime) {
				if (time.length() > 19) {
					row.cancel();
					return false;
				}
				row.at(Long.parseLong(time), this.timeUnit);
			}
			else {
				row.at(isoNanos, TimeUnit.NANOSECONDS);
			}
			return true;
		}
		catch (IllegalArgumentException ex) {
			// The row writer refused a value, or a number is out of range: the slow way
			// names it.
			if (row != null) {
				row.cancel();
			}
			return false;
		}
	}

	private static boolean field(LineProtocolBuffer.Row row, String key, CsvColumnType type, String value) {
		switch (type) {
			case DOUBLE -> {
				if (!CsvRowConverter.isDecimal(value)) {
					return false;
				}
				row.field(key, Double.parseDouble(value));
			}
			case BIGINT -> {
				if (!isPlainInteger(value) || value.length() > 19) {
					return false;
				}
				row.field(key, Long.parseLong(value));
			}
			case BIGINT_UNSIGNED -> {
				if (!isPlainInteger(value) || value.charAt(0) == '-' || value.length() > 19) {
					return false;
				}
				row.unsignedField(key, Long.parseLong(value));
			}
			case BOOLEAN -> {
				// The usual spellings first: equalsIgnoreCase is several times slower.
				if (value.equals("true") || value.equals("false")) {
					row.field(key, value.length() == 4);
				}
				else if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
					row.field(key, value.length() == 4);
				}
				else {
					return false;
				}
			}
			case STRING -> row.field(key, value);
			default -> {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the text is an optional sign followed by one or more ASCII digits.
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

}
