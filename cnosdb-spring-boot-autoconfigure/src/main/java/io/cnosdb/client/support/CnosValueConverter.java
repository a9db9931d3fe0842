package io.cnosdb.client.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.io.NumberInput;

import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.TypeMismatchDataAccessException;
import org.springframework.util.ClassUtils;

/**
 * Converts the text of a result cell into the Java type a caller asks for. CnosDB sends
 * no column types in any result format, so the caller's target type decides how a value
 * is read; a value that does not fit that type fails loudly rather than being guessed.
 * <p>
 * Rules, following how CnosDB renders each SQL type: {@code BIGINT} and
 * {@code BIGINT UNSIGNED} as decimal integers (unsigned values above
 * {@link Long#MAX_VALUE} need {@link BigInteger}); {@code DOUBLE} in shortest round-trip
 * form, {@code NaN} and {@code inf}; {@code BOOLEAN} as {@code true}/{@code false};
 * timestamps as ISO-8601 UTC wall-clock time without an offset
 * ({@code 2023-07-28T02:12:11.000000000}) or with one ({@code …+00:00}).
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosValueConverter {

	private static final char[] TRUE_CHARS = "true".toCharArray();

	private static final char[] FALSE_CHARS = "false".toCharArray();

	private static final Set<Class<?>> DIRECT_TYPES = Set.of(String.class, Long.class, Integer.class, Short.class,
			Byte.class, Double.class, Float.class, Boolean.class, BigInteger.class, BigDecimal.class, Instant.class,
			OffsetDateTime.class, ZonedDateTime.class, LocalDateTime.class, Object.class);

	private CnosValueConverter() {
	}

	/**
	 * Whether values of this type are read from a single column (as opposed to records
	 * and beans, which are mapped from several columns by name).
	 * @param type the target type
	 * @return {@code true} for strings, numbers, booleans, timestamps, enums and other
	 * types with a text conversion
	 */
	public static boolean isSingleValueType(Class<?> type) {
		Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
		return DIRECT_TYPES.contains(boxed) || boxed.isEnum()
				|| (!boxed.isRecord() && !boxed.isArray() && !boxed.isInterface()
						&& DefaultConversionService.getSharedInstance().canConvert(String.class, boxed)
						&& boxed.getName().startsWith("java."));
	}

	/**
	 * Convert a cell to {@code type}.
	 * @param <T> the target type
	 * @param text the cell text, or {@code null} for SQL NULL
	 * @param type the target type (a primitive type is read as its wrapper, and NULL is
	 * refused for it)
	 * @param column the column name, for error messages
	 * @return the converted value, or {@code null} for SQL NULL
	 * @throws TypeMismatchDataAccessException if the text is not a value of that type
	 */
	public static <T> @Nullable T convert(@Nullable String text, Class<T> type, String column) {
		Class<?> target = ClassUtils.resolvePrimitiveIfNecessary(type);
		return read(text, type, target, Kind.of(target), column);
	}

	/**
	 * Return a reader of cells as {@code type}, resolved once: the same rules as
	 * {@link #convert(String, Class, String)}, without finding the rule for each value.
	 * @param <T> the target type
	 * @param type the target type (a primitive type is read as its wrapper, and NULL is
	 * refused for it)
	 * @return the reader
	 */
	public static <T> ValueReader<T> reader(Class<T> type) {
		return new Reader<>(type);
	}

	/**
	 * Read a cell as a primitive {@code long}: the rules of
	 * {@link #convert(String, Class, String)} for {@code long.class}, without boxing.
	 * @param text the cell text, or {@code null} for SQL NULL (refused)
	 * @param column the column name, for error messages
	 * @return the value
	 * @throws TypeMismatchDataAccessException if the text is NULL or not a {@code long}
	 */
	public static long readLong(@Nullable String text, String column) {
		if (text == null) {
			throw nullForPrimitive(long.class, column);
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw mismatch(text, Long.class, column, ex);
		}
	}

	/**
	 * Read a cell as a primitive {@code int}: the rules of
	 * {@link #convert(String, Class, String)} for {@code int.class}, without boxing.
	 * @param text the cell text, or {@code null} for SQL NULL (refused)
	 * @param column the column name, for error messages
	 * @return the value
	 * @throws TypeMismatchDataAccessException if the text is NULL or not an {@code int}
	 */
	public static int readInt(@Nullable String text, String column) {
		if (text == null) {
			throw nullForPrimitive(int.class, column);
		}
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw mismatch(text, Integer.class, column, ex);
		}
	}

	/**
	 * Read a cell as a primitive {@code double}: the rules of
	 * {@link #convert(String, Class, String)} for {@code double.class}, without boxing.
	 * @param text the cell text, or {@code null} for SQL NULL (refused)
	 * @param column the column name, for error messages
	 * @return the value
	 * @throws TypeMismatchDataAccessException if the text is NULL or not a {@code double}
	 */
	public static double readDouble(@Nullable String text, String column) {
		if (text == null) {
			throw nullForPrimitive(double.class, column);
		}
		try {
			return parseDouble(text);
		}
		catch (NumberFormatException ex) {
			throw mismatch(text, Double.class, column, ex);
		}
	}

	/**
	 * Read a cell as a primitive {@code boolean}: the rules of
	 * {@link #convert(String, Class, String)} for {@code boolean.class}.
	 * @param text the cell text, or {@code null} for SQL NULL (refused)
	 * @param column the column name, for error messages
	 * @return the value
	 * @throws TypeMismatchDataAccessException if the text is NULL or not {@code true} or
	 * {@code false}
	 */
	public static boolean readBoolean(@Nullable String text, String column) {
		if (text == null) {
			throw nullForPrimitive(boolean.class, column);
		}
		try {
			return parseBoolean(text);
		}
		catch (NumberFormatException ex) {
			throw mismatch(text, Boolean.class, column, ex);
		}
	}

	/**
	 * Read a cell as an {@link Instant}: the rules of
	 * {@link #convert(String, Class, String)} for {@code Instant.class}.
	 * @param text the cell text, or {@code null} for SQL NULL
	 * @param column the column name, for error messages
	 * @return the instant, or {@code null} for SQL NULL
	 * @throws TypeMismatchDataAccessException if the text is not a timestamp
	 */
	public static @Nullable Instant readInstant(@Nullable String text, String column) {
		Instant fast = (text != null) ? FastTimestamp.instant(text) : null;
		return (fast != null) ? fast : read(text, Instant.class, Instant.class, Kind.INSTANT, column);
	}

	/**
	 * Return the text of a cell given as characters of a buffer, or {@code null} for an
	 * empty cell, which is how CnosDB renders SQL NULL (and the empty string).
	 * @param buffer the buffer that holds the cell
	 * @param offset where the cell starts
	 * @param length the cell's length in characters
	 * @return the text, or {@code null}
	 */
	public static @Nullable String text(char[] buffer, int offset, int length) {
		return (length != 0) ? new String(buffer, offset, length) : null;
	}

	/**
	 * Read a cell given as characters of a buffer (empty for SQL NULL) as a primitive
	 * {@code long}: the rules and errors of {@link #readLong(String, String)}. Up to 18
	 * digits, with an optional minus, are read from the buffer; anything else is read as
	 * text.
	 * @param buffer the buffer that holds the cell
	 * @param offset where the cell starts
	 * @param length the cell's length in characters
	 * @param column the column name, for error messages
	 * @return the value
	 * @throws TypeMismatchDataAccessException if the cell is NULL or not a {@code long}
	 */
	public static long readLong(char[] buffer, int offset, int length, String column) {
		boolean negative = length > 1 && buffer[offset] == '-';
		int start = negative ? offset + 1 : offset;
		int end = offset + length;
		// 18 digits cannot overflow.
		if (length > 0 && end - start <= 18) {
			long value = 0;
			int checked = 0;
			for (int i = start; i < end; i++) {
				int digit = buffer[i] - '0';
				checked |= digit | (9 - digit);
				value = value * 10 + digit;
			}
			if (checked >= 0) {
				return negative ? -value : value;
			}
		}
		return readLong(text(buffer, offset, length), column);
	}

	/**
	 * Read a cell given as characters of a buffer (empty for SQL NULL) as a primitive
	 * {@code double}: the rules and errors of {@link #readDouble(String, String)}. A
	 * number that starts with a digit, or a sign and a digit, is read from the buffer by
	 * the same parser; anything else is read as text.
	 * @param buffer the buffer that holds the cell
	 * @param offset where the cell starts
	 * @param length the cell's length in characters
	 * @param column the column name, for error messages
	 * @return the value
	 * @throws TypeMismatchDataAccessException if the cell is NULL or not a {@code double}
	 */
	public static double readDouble(char[] buffer, int offset, int length, String column) {
		if (length > 0 && startsLikeADecimal(buffer[offset], (length > 1) ? buffer[offset + 1] : ' ')) {
			try {
				return NumberInput.parseDouble(buffer, offset, length, true);
			}
			catch (NumberFormatException ex) {
				// Reported below, naming the text.
			}
		}
		return readDouble(text(buffer, offset, length), column);
	}

	/**
	 * Read a cell given as characters of a buffer (empty for SQL NULL) as a primitive
	 * {@code boolean}: the rules and errors of {@link #readBoolean(String, String)}.
	 * @param buffer the buffer that holds the cell
	 * @param offset where the cell starts
	 * @param length the cell's length in characters
	 * @param column the column name, for error messages
	 * @return the value
	 * @throws TypeMismatchDataAccessException if the cell is NULL or not {@code true} or
	 * {@code false}
	 */
	public static boolean readBoolean(char[] buffer, int offset, int length, String column) {
		if (Arrays.equals(buffer, offset, offset + length, TRUE_CHARS, 0, TRUE_CHARS.length)) {
			return true;
		}
		if (Arrays.equals(buffer, offset, offset + length, FALSE_CHARS, 0, FALSE_CHARS.length)) {
			return false;
		}
		return readBoolean(text(buffer, offset, length), column);
	}

	private static TypeMismatchDataAccessException nullForPrimitive(Class<?> type, String column) {
		return new TypeMismatchDataAccessException(
				"Column '" + column + "' is NULL and cannot be read as primitive " + type.getName());
	}

	@SuppressWarnings("unchecked")
	private static <T> @Nullable T read(@Nullable String text, Class<T> type, Class<?> target, Kind kind,
			String column) {
		if (text == null) {
			if (type.isPrimitive()) {
				throw nullForPrimitive(type, column);
			}
			return null;
		}
		try {
			return (T) parse(text, target, kind);
		}
		catch (NumberFormatException | DateTimeParseException | ArithmeticException | ConversionException ex) {
			throw mismatch(text, target, column, ex);
		}
	}

	private static Object parse(String text, Class<?> target, Kind kind) {
		return switch (kind) {
			case TEXT -> text;
			case LONG -> Long.parseLong(text);
			case INTEGER -> Integer.parseInt(text);
			case SHORT -> Short.parseShort(text);
			case BYTE -> Byte.parseByte(text);
			case DOUBLE -> parseDouble(text);
			case FLOAT -> (float) parseDouble(text);
			case BOOLEAN -> parseBoolean(text);
			case BIG_INTEGER -> new BigInteger(text);
			case BIG_DECIMAL -> new BigDecimal(text);
			case INSTANT -> parseInstant(text);
			case OFFSET_DATE_TIME -> parseOffsetDateTime(text);
			case ZONED_DATE_TIME -> parseOffsetDateTime(text).toZonedDateTime();
			case LOCAL_DATE_TIME -> parseOffsetDateTime(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
			case OTHER -> convertOther(text, target);
		};
	}

	private static Object convertOther(String text, Class<?> target) {
		Object converted = DefaultConversionService.getSharedInstance().convert(text, target);
		if (converted == null) {
			throw new NumberFormatException("no value");
		}
		return converted;
	}

	/**
	 * Parse a CnosDB timestamp. Values without an offset are UTC wall-clock time, which
	 * is how CnosDB renders its {@code time} column.
	 * @param text the timestamp text
	 * @return the timestamp with its offset
	 */
	public static OffsetDateTime parseOffsetDateTime(String text) {
		OffsetDateTime fast = FastTimestamp.offsetDateTime(text);
		if (fast != null) {
			return fast;
		}
		TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from,
				LocalDateTime::from);
		if (parsed instanceof OffsetDateTime offsetDateTime) {
			return offsetDateTime;
		}
		return ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
	}

	/**
	 * Parse a CnosDB timestamp as an instant; the same rules as
	 * {@link #parseOffsetDateTime(String)}.
	 * @param text the timestamp text
	 * @return the instant
	 */
	public static Instant parseInstant(String text) {
		Instant fast = FastTimestamp.instant(text);
		return (fast != null) ? fast : parseOffsetDateTime(text).toInstant();
	}

	private static double parseDouble(String text) {
		int length = text.length();
		if (length > 0 && startsLikeADecimal(text.charAt(0), (length > 1) ? text.charAt(1) : ' ')) {
			// The common case, decided without the special values below, by Jackson's
			// copy of FastDoubleParser: the syntax and the correctly rounded result of
			// Double.parseDouble, in a fraction of its time.
			return NumberInput.parseDouble(text, true);
		}
		return parseOtherDouble(text);
	}

	/**
	 * The values that do not start with a digit or a sign and a digit: NaN, infinities, a
	 * leading dot.
	 */
	private static double parseOtherDouble(String text) {
		switch (text.toLowerCase(Locale.ROOT)) {
			case "nan", "+nan", "-nan":
				return Double.NaN;
			case "inf", "+inf", "infinity", "+infinity":
				return Double.POSITIVE_INFINITY;
			case "-inf", "-infinity":
				return Double.NEGATIVE_INFINITY;
			default:
				if (text.isEmpty() || !(Character.isDigit(text.charAt(0)) || text.charAt(0) == '-'
						|| text.charAt(0) == '+' || text.charAt(0) == '.')) {
					throw new NumberFormatException("not a number");
				}
				return NumberInput.parseDouble(text, true);
		}
	}

	/**
	 * Whether a number starts with a digit, or a sign and a digit (the second character
	 * is a space when there is none): the common case, without the special values.
	 */
	private static boolean startsLikeADecimal(char first, char second) {
		return isDigit(first) || ((first == '-' || first == '+') && isDigit(second));
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static Boolean parseBoolean(String text) {
		if (text.equals("true")) {
			return Boolean.TRUE;
		}
		if (text.equals("false")) {
			return Boolean.FALSE;
		}
		throw new NumberFormatException("not true or false");
	}

	/**
	 * Reads the cells of a column as one type.
	 *
	 * @param <T> the target type
	 */
	@FunctionalInterface
	public interface ValueReader<T> {

		/**
		 * Read a cell.
		 * @param text the cell text, or {@code null} for SQL NULL
		 * @param column the column name, for error messages
		 * @return the converted value, or {@code null} for SQL NULL
		 * @throws TypeMismatchDataAccessException if the text is not a value of the type
		 */
		@Nullable T read(@Nullable String text, String column);

	}

	/** The rule for a target type (already boxed). */
	private enum Kind {

		TEXT, LONG, INTEGER, SHORT, BYTE, DOUBLE, FLOAT, BOOLEAN, BIG_INTEGER, BIG_DECIMAL, INSTANT, OFFSET_DATE_TIME,
		ZONED_DATE_TIME, LOCAL_DATE_TIME, OTHER;

		static Kind of(Class<?> target) {
			if (target == String.class || target == Object.class) {
				return TEXT;
			}
			if (target == Long.class) {
				return LONG;
			}
			if (target == Integer.class) {
				return INTEGER;
			}
			if (target == Short.class) {
				return SHORT;
			}
			if (target == Byte.class) {
				return BYTE;
			}
			if (target == Double.class) {
				return DOUBLE;
			}
			if (target == Float.class) {
				return FLOAT;
			}
			if (target == Boolean.class) {
				return BOOLEAN;
			}
			if (target == BigInteger.class) {
				return BIG_INTEGER;
			}
			if (target == BigDecimal.class) {
				return BIG_DECIMAL;
			}
			if (target == Instant.class) {
				return INSTANT;
			}
			if (target == OffsetDateTime.class) {
				return OFFSET_DATE_TIME;
			}
			if (target == ZonedDateTime.class) {
				return ZONED_DATE_TIME;
			}
			if (target == LocalDateTime.class) {
				return LOCAL_DATE_TIME;
			}
			return OTHER;
		}

	}

	/** A {@link ValueReader} with its rule resolved. */
	private static final class Reader<T> implements ValueReader<T> {

		private final Class<T> type;

		private final Class<?> target;

		private final Kind kind;

		Reader(Class<T> type) {
			this.type = type;
			this.target = ClassUtils.resolvePrimitiveIfNecessary(type);
			this.kind = Kind.of(this.target);
		}

		@Override
		public @Nullable T read(@Nullable String text, String column) {
			return CnosValueConverter.read(text, this.type, this.target, this.kind, column);
		}

	}

	private static TypeMismatchDataAccessException mismatch(String text, Class<?> target, String column,
			Exception cause) {
		String hint = ((target == Long.class || target == Integer.class) && text.matches("[0-9]+"))
				? " (an unsigned value above the range of " + target.getSimpleName() + "? read it as BigInteger)" : "";
		return new TypeMismatchDataAccessException("Column '" + column + "' value '" + Texts.abbreviate(text, 100)
				+ "' cannot be read as " + target.getSimpleName() + hint, cause);
	}

}
