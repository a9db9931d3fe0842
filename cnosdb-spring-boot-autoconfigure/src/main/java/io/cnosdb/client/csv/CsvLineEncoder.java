package io.cnosdb.client.csv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes one CSV record straight into the text of its line of line protocol, without
 * building a {@link io.cnosdb.client.write.Point}: the line is the one the point that
 * {@link CsvRowConverter} would build encodes to, byte for byte (tags and fields sorted
 * by name, the same escapes, numbers in the same form, the time in the plan's precision).
 * <p>
 * It takes only records whose every value it is sure of: plain text without backslashes,
 * control characters or surrogates, plain decimal numbers, times as integers or in the
 * ISO-8601 forms of {@link CsvTimestamps}. For any other record it answers {@code false}
 * and the caller converts it with {@link CsvRowConverter}, which either builds its point
 * or names what is wrong with it, as before. Not thread-safe.
 *
 * @author CnosDB Spring Boot contributors
 */
final class CsvLineEncoder {

	private static final long TWO_TO_THE_53 = 1L << 53;

	/** The measurement, escaped. */
	private final String measurement;

	/** The time column, or -1. */
	private final int timeColumn;

	/** Tag columns, sorted by name. */
	private final int[] tagColumns;

	/** {@code ,key=} of each tag column, escaped. */
	private final String[] tagPrefixes;

	/** Field columns, sorted by name. */
	private final int[] fieldColumns;

	/** {@code key=} of each field column, escaped. */
	private final String[] fieldPrefixes;

	private final CsvColumnType[] fieldTypes;

	private final int columns;

	private final long nanosPerTimeUnit;

	private final long nanosPerPrecisionUnit;

	/**
	 * False if the measurement begins as a comment or blank would, which the checked path
	 * of raw lines would drop.
	 */
	private final boolean enabled;

	/**
	 * Prepare the encoder of the rows of a planned import.
	 * @param plan the plan
	 */
	CsvLineEncoder(CsvTablePlan plan) {
		this.measurement = escape(plan.table(), false);
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
		this.tagPrefixes = tags.stream().map((i) -> "," + escape(plan.name(i), true) + "=").toArray(String[]::new);
		this.fieldColumns = fields.stream().mapToInt(Integer::intValue).toArray();
		this.fieldPrefixes = fields.stream().map((i) -> escape(plan.name(i), true) + "=").toArray(String[]::new);
		this.fieldTypes = fields.stream().map(plan::type).toArray(CsvColumnType[]::new);
		this.nanosPerTimeUnit = plan.timeUnit().toNanos(1);
		this.nanosPerPrecisionUnit = plan.precision().timeUnit().toNanos(1);
		this.enabled = !this.measurement.isEmpty() && this.measurement.charAt(0) != '#'
				&& this.measurement.charAt(0) != '\t';
	}

	/**
	 * Write the line of a record, without its newline, if the record is one this encoder
	 * takes.
	 * @param values the values of the record
	 * @param line receives the line; left as it was if the record is not taken
	 * @return whether the line was written; if not, convert the record the slow way
	 */
	boolean encode(List<String> values, StringBuilder line) {
		if (!this.enabled || values.size() != this.columns || this.timeColumn < 0) {
			return false;
		}
		int mark = line.length();
		long time = time(values.get(this.timeColumn));
		if (time == CsvTimestamps.NOT_TAKEN) {
			return false;
		}
		line.append(this.measurement);
		for (int i = 0; i < this.tagColumns.length; i++) {
			String value = values.get(this.tagColumns[i]);
			if (value.isEmpty()) {
				continue;
			}
			line.append(this.tagPrefixes[i]);
			if (!appendTag(value, line)) {
				line.setLength(mark);
				return false;
			}
		}
		line.append(' ');
		boolean first = true;
		for (int i = 0; i < this.fieldColumns.length; i++) {
			String value = values.get(this.fieldColumns[i]);
			if (value.isEmpty()) {
				continue;
			}
			if (!first) {
				line.append(',');
			}
			first = false;
			line.append(this.fieldPrefixes[i]);
			if (!appendField(this.fieldTypes[i], value, line)) {
				line.setLength(mark);
				return false;
			}
		}
		if (first) {
			// No field: the slow way names the row.
			line.setLength(mark);
			return false;
		}
		line.append(' ').append(time);
		return true;
	}

	/**
	 * The time in the precision, or {@link CsvTimestamps#NOT_TAKEN} if not sure of it.
	 */
	private long time(String value) {
		long nanos;
		if (CsvTimestamps.isPlainInteger(value)) {
			if (value.length() > 18) {
				return CsvTimestamps.NOT_TAKEN;
			}
			long units = Long.parseLong(value);
			long limit = Long.MAX_VALUE / this.nanosPerTimeUnit;
			if (units > limit || units < -limit) {
				return CsvTimestamps.NOT_TAKEN;
			}
			nanos = units * this.nanosPerTimeUnit;
		}
		else {
			nanos = CsvTimestamps.parseIsoNanos(value);
			if (nanos == CsvTimestamps.NOT_TAKEN) {
				return CsvTimestamps.NOT_TAKEN;
			}
		}
		if (nanos % this.nanosPerPrecisionUnit != 0) {
			// Digits below the precision: the slow way refuses them.
			return CsvTimestamps.NOT_TAKEN;
		}
		return nanos / this.nanosPerPrecisionUnit;
	}

	private static boolean appendTag(String value, StringBuilder line) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c == '\\' || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c)) {
				return false;
			}
			if (c == ',' || c == ' ' || c == '=') {
				line.append('\\');
			}
			line.append(c);
		}
		return true;
	}

	private static boolean appendField(CsvColumnType type, String value, StringBuilder line) {
		return switch (type) {
			case DOUBLE -> appendDouble(value, line);
			case BIGINT -> appendInteger(value, line, 'i');
			case BIGINT_UNSIGNED -> value.charAt(0) != '-' && appendInteger(value, line, 'u');
			case BOOLEAN -> appendBoolean(value, line);
			case STRING -> appendString(value, line);
			default -> false;
		};
	}

	private static boolean appendInteger(String value, StringBuilder line, char suffix) {
		int start = (value.charAt(0) == '-' || value.charAt(0) == '+') ? 1 : 0;
		int length = value.length();
		if (length == start || length - start > 18) {
			return false;
		}
		for (int i = start; i < length; i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		line.append(Long.parseLong(value)).append(suffix);
		return true;
	}

	private static boolean appendBoolean(String value, StringBuilder line) {
		if (value.equalsIgnoreCase("true")) {
			line.append("true");
			return true;
		}
		if (value.equalsIgnoreCase("false")) {
			line.append("false");
			return true;
		}
		return false;
	}

	private static boolean appendString(String value, StringBuilder line) {
		line.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isSurrogate(c) || (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == '"')) {
				return false;
			}
			if (c == '"' || c == '\\') {
				line.append('\\');
			}
			line.append(c);
		}
		line.append('"');
		return true;
	}

	/**
	 * Write a decimal as a point writes the double it is: integral values below
	 * 2<sup>53</sup> as plain digits ({@code -0} for negative zero), others in Java's
	 * shortest form. Plain decimals of at most 15 significant digits from 0.001 to
	 * 10<sup>7</sup> are that form already, less their trailing zeros; other numbers are
	 * parsed and printed.
	 */
	private static boolean appendDouble(String value, StringBuilder line) {
		int length = value.length();
		boolean negative = value.charAt(0) == '-';
		int start = negative ? 1 : 0;
		int point = -1;
		for (int i = start; i < length; i++) {
			char c = value.charAt(i);
			if (c == '.' && point < 0) {
				point = i;
			}
			else if (c < '0' || c > '9') {
				return appendParsedDouble(value, line);
			}
		}
		int integerEnd = (point < 0) ? length : point;
		if (integerEnd == start || (point >= 0 && point == length - 1)) {
			// ".5" or "5.": let the general form decide.
			return appendParsedDouble(value, line);
		}
		int firstDigit = start;
		while (firstDigit < integerEnd - 1 && value.charAt(firstDigit) == '0') {
			firstDigit++;
		}
		int fractionEnd = length;
		if (point >= 0) {
			while (fractionEnd > point + 1 && value.charAt(fractionEnd - 1) == '0') {
				fractionEnd--;
			}
		}
		boolean integral = point < 0 || fractionEnd == point + 1;
		int integerDigits = integerEnd - firstDigit;
		boolean zeroInteger = integerDigits == 1 && value.charAt(firstDigit) == '0';
		if (integral) {
			if (integerDigits > 15) {
				return appendParsedDouble(value, line);
			}
			if (negative) {
				// -0.0 too: negative zero is written -0.
				line.append('-');
			}
			line.append(value, firstDigit, integerEnd);
			return true;
		}
		int fractionDigits = fractionEnd - point - 1;
		if (zeroInteger) {
			// 0.00ddd: at least 0.001, at most 15 significant digits.
			int leadingZeros = 0;
			while (leadingZeros < fractionDigits && value.charAt(point + 1 + leadingZeros) == '0') {
				leadingZeros++;
			}
			if (leadingZeros > 2 || fractionDigits - leadingZeros > 15) {
				return appendParsedDouble(value, line);
			}
		}
		else if (integerDigits > 7 || integerDigits + fractionDigits > 15) {
			return appendParsedDouble(value, line);
		}
		if (negative) {
			line.append('-');
		}
		line.append(value, firstDigit, fractionEnd);
		return true;
	}

	private static boolean appendParsedDouble(String value, StringBuilder line) {
		if (!CsvRowConverter.isDecimal(value)) {
			return false;
		}
		double number = Double.parseDouble(value);
		if (!Double.isFinite(number)) {
			return false;
		}
		if (number == Math.rint(number) && Math.abs(number) < TWO_TO_THE_53) {
			if (number == 0 && Double.doubleToRawLongBits(number) != 0) {
				line.append("-0");
			}
			else {
				line.append((long) number);
			}
			return true;
		}
		String text = Double.toString(number);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			line.append((c == 'E') ? 'e' : c);
		}
		return true;
	}

	/**
	 * Escape a measurement or a key as a point does.
	 */
	private static String escape(String name, boolean key) {
		StringBuilder escaped = new StringBuilder(name.length() + 4);
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == ',' || c == ' ' || (key && c == '=')) {
				escaped.append('\\');
			}
			escaped.append(c);
		}
		return escaped.toString();
	}

}
