package io.cnosdb.client.csv;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cnosdb.client.support.CnosValueConverter;
import io.cnosdb.client.support.Texts;
import io.cnosdb.client.write.Point;
import io.cnosdb.client.write.WritePrecision;
import org.jspecify.annotations.Nullable;

/**
 * Converts one CSV record into one {@link Point} by the {@link CsvTablePlan}: values are
 * read as CnosDB writes them in its own CSV. An empty value is NULL (nothing is written
 * for it); times are ISO-8601 (a space may stand for the {@code T}; UTC without an
 * offset) or integers in the plan's time unit, and must fit the table's precision.
 * <p>
 * A value that does not fit its column is a {@link CnosCsvImportException} naming its
 * line, column and value; it says no rows were written, which the caller corrects.
 * Thread-safe.
 *
 * @author CnosDB Spring Boot contributors
 */
final class CsvRowConverter {

	private static final Pattern SPACE_SEPARATED_DATE_TIME = Pattern
		.compile("([0-9]{4}-[0-9]{2}-[0-9]{2}) ([0-9]{2}:.*)");

	private static final int MAX_VALUE_SHOWN = 100;

	private final CsvTablePlan plan;

	private final long nanosPerTimeUnit;

	private final String timeUnitName;

	/**
	 * Create a converter for the rows of a planned import.
	 * @param plan the plan
	 */
	CsvRowConverter(CsvTablePlan plan) {
		this.plan = plan;
		this.nanosPerTimeUnit = plan.timeUnit().toNanos(1);
		this.timeUnitName = plan.timeUnit().name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Convert one record.
	 * @param values the values of the record, one per CSV column
	 * @param line the line of the CSV input where the record starts
	 * @return the point
	 * @throws CnosCsvImportException if the record has the wrong number of values, a
	 * value does not fit its column, or no field has a value
	 */
	Point toPoint(List<String> values, long line) {
		int columns = this.plan.columnCount();
		if (values.size() != columns) {
			throw failure("The row at line " + line + " has " + values.size() + " values but the header names "
					+ columns + " columns", line, null, null);
		}
		Point.Builder point = Point.measurement(this.plan.table());
		boolean hasField = false;
		for (int i = 0; i < columns; i++) {
			CsvColumnType type = this.plan.type(i);
			String value = values.get(i);
			if (type == null || (value.isEmpty() && type != CsvColumnType.TIME)) {
				continue;
			}
			String name = this.plan.name(i);
			try {
				switch (type) {
					case TIME -> point.time(parseTime(value), TimeUnit.NANOSECONDS);
					case TAG -> point.tag(name, value);
					case DOUBLE -> point.field(name, parseDouble(value));
					case BIGINT -> point.field(name, parseLong(value));
					case BIGINT_UNSIGNED -> point.unsignedField(name, parseUnsigned(value));
					case BOOLEAN -> point.field(name, parseBoolean(value));
					case STRING -> point.field(name, value);
				}
			}
			catch (IllegalArgumentException ex) {
				throw failure(
						"Line " + line + ", column '" + name + "': value '" + Texts.abbreviate(value, MAX_VALUE_SHOWN)
								+ "' cannot be written as " + describe(type) + " (" + CsvTablePlan.reason(ex) + ")",
						line, name, value);
			}
			hasField |= type.isField();
		}
		if (!hasField) {
			throw failure("The row at line " + line + " has no field value (all are empty); CnosDB needs at least one",
					line, null, null);
		}
		return point.build();
	}

	private long parseTime(String value) {
		if (value.isEmpty()) {
			throw new IllegalArgumentException("the time is empty");
		}
		long nanos;
		if (isInteger(value, true)) {
			try {
				nanos = Math.multiplyExact(Long.parseLong(value), this.nanosPerTimeUnit);
			}
			catch (ArithmeticException ex) {
				throw new IllegalArgumentException("out of range in " + this.timeUnitName);
			}
		}
		else {
			Matcher spaced = SPACE_SEPARATED_DATE_TIME.matcher(value);
			String text = spaced.matches() ? spaced.group(1) + "T" + spaced.group(2) : value;
			Instant instant;
			try {
				instant = CnosValueConverter.parseOffsetDateTime(text).toInstant();
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException(
						"neither an integer in " + this.timeUnitName + " nor an ISO-8601 date-time");
			}
			try {
				nanos = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
			}
			catch (ArithmeticException ex) {
				throw new IllegalArgumentException("outside the range of nanosecond timestamps");
			}
		}
		// Refuse what the table's precision would truncate.
		WritePrecision precision = this.plan.precision();
		precision.fromNanos(nanos);
		return nanos;
	}

	private static double parseDouble(String value) {
		if (!isDecimal(value)) {
			String lower = value.toLowerCase(Locale.ROOT);
			throw new IllegalArgumentException((lower.contains("nan") || lower.contains("inf"))
					? "line protocol cannot carry NaN or infinities" : "not a decimal number");
		}
		return Double.parseDouble(value);
	}

	private static long parseLong(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("not a signed 64-bit integer");
		}
	}

	private static BigInteger parseUnsigned(String value) {
		if (!isInteger(value, false)) {
			throw new IllegalArgumentException("not an unsigned 64-bit integer");
		}
		return new BigInteger(value);
	}

	private static boolean parseBoolean(String value) {
		if (value.equalsIgnoreCase("true")) {
			return true;
		}
		if (value.equalsIgnoreCase("false")) {
			return false;
		}
		throw new IllegalArgumentException("not true or false");
	}

	private static String describe(CsvColumnType type) {
		return switch (type) {
			case TIME -> "the time";
			case TAG -> "a tag";
			default -> type.sqlType();
		};
	}

	/**
	 * Whether the text is digits with an optional sign ({@code +} only if unsigned).
	 */
	private static boolean isInteger(String text, boolean signed) {
		int start = (!text.isEmpty() && (text.charAt(0) == '+' || (signed && text.charAt(0) == '-'))) ? 1 : 0;
		return digits(text, start) == text.length() && text.length() > start;
	}

	/**
	 * Whether the text is a decimal number: sign, digits, fraction, exponent.
	 * @param text the text
	 * @return whether it is one
	 */
	static boolean isDecimal(String text) {
		int length = text.length();
		int i = (length > 0 && (text.charAt(0) == '+' || text.charAt(0) == '-')) ? 1 : 0;
		int integral = digits(text, i);
		int fractionEnd = integral;
		if (integral < length && text.charAt(integral) == '.') {
			fractionEnd = digits(text, integral + 1);
		}
		if (integral == i && fractionEnd <= integral + 1) {
			// No digit before or after the point.
			return false;
		}
		if (fractionEnd < length && (text.charAt(fractionEnd) == 'e' || text.charAt(fractionEnd) == 'E')) {
			int exponent = fractionEnd + 1;
			if (exponent < length && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
				exponent++;
			}
			int exponentEnd = digits(text, exponent);
			return exponentEnd > exponent && exponentEnd == length;
		}
		return fractionEnd == length;
	}

	private static int digits(String text, int from) {
		int i = from;
		while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
			i++;
		}
		return i;
	}

	private static CnosCsvImportException failure(String message, long line, @Nullable String column,
			@Nullable String value) {
		return new CnosCsvImportException(message, line, column, value, 0, null);
	}

}
