package io.cnosdb.client.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * Renders names and values exactly as CnosDB's SQL dialect reads them (reference §7.1;
 * CnosDB parses with sqlparser 0.35 and its own dialect).
 * <ul>
 * <li>Identifiers are always double-quoted, so that the server keeps their case and reads
 * any character literally; a {@code "} inside is doubled. (Unquoted identifiers would be
 * folded to lower case.)</li>
 * <li>String literals are single-quoted; a {@code '} inside is doubled and a backslash is
 * an ordinary character.</li>
 * <li>Numbers, booleans, {@code NULL}, timestamps, {@linkplain CnosDuration durations}
 * and {@linkplain CnosByteSize byte sizes} have one rendering each, below.</li>
 * </ul>
 * A name or value CnosDB cannot hold is rejected with an {@link IllegalArgumentException}
 * naming the argument and the reason, before anything is sent.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosSql {

	/**
	 * The earliest instant CnosDB can read from a timestamp literal: timestamps are
	 * signed 64-bit nanoseconds since the epoch.
	 */
	public static final Instant MIN_TIMESTAMP = Instant.ofEpochSecond(0, Long.MIN_VALUE);

	/** The latest instant CnosDB can read from a timestamp literal. */
	public static final Instant MAX_TIMESTAMP = Instant.ofEpochSecond(0, Long.MAX_VALUE);

	private CnosSql() {
	}

	/**
	 * Render the name of an existing database, table, column, user, role or tenant as a
	 * quoted identifier.
	 * @param argument what the name is, for the error message (such as
	 * {@code "database"})
	 * @param name the name, exactly as it is stored
	 * @return the quoted identifier, such as {@code "My""Table"} for {@code My"Table}
	 * @throws IllegalArgumentException if no object can have this name (see
	 * {@link #checkName(String, String)})
	 */
	public static String identifier(String argument, @Nullable String name) {
		checkName(argument, name);
		return quote(name);
	}

	/**
	 * Render the name of an object being created ({@code CREATE DATABASE}, {@code TABLE},
	 * {@code USER}, {@code ROLE}, or a new name in {@code RENAME}) as a quoted
	 * identifier. Stricter than {@link #identifier(String, String)}: CnosDB's parser also
	 * refuses a {@code /} in the name of an object it creates.
	 * @param argument what the name is, for the error message
	 * @param name the new name
	 * @return the quoted identifier
	 * @throws IllegalArgumentException if CnosDB cannot create an object of that name
	 * (see {@link #checkNewName(String, String)})
	 */
	public static String newIdentifier(String argument, @Nullable String name) {
		checkNewName(argument, name);
		return quote(name);
	}

	/**
	 * Render the name of a tenant being created as a quoted identifier. Stricter than
	 * {@link #newIdentifier(String, String)}: a {@code .} is refused too, because
	 * CnosDB's storage names each database {@code <tenant>.<database>} and splits that
	 * name at the first {@code .}; with a dot in the tenant name, tenant {@code a.b} with
	 * database {@code c} and tenant {@code a} with database {@code b.c} would share their
	 * files.
	 * @param name the new tenant name
	 * @return the quoted identifier
	 * @throws IllegalArgumentException if the name cannot be used for a tenant
	 */
	public static String newTenantIdentifier(@Nullable String name) {
		checkNewName("tenant", name);
		if (name.indexOf('.') >= 0) {
			throw new IllegalArgumentException("tenant name '" + printable(name)
					+ "' must not contain '.' (CnosDB stores databases as <tenant>.<database> and splits at the first '.')");
		}
		return quote(name);
	}

	/**
	 * Check that an object can have this name, without rendering it. Rejected are names
	 * that are empty or only white space (as Unicode defines it, the way CnosDB's
	 * {@code trim()} does), that contain a NUL character, or that are not valid Unicode
	 * (an unpaired surrogate would reach the server altered). CnosDB gives no length
	 * limit.
	 * @param argument what the name is, for the error message
	 * @param name the name
	 * @throws IllegalArgumentException naming the argument and the reason
	 */
	public static void checkName(String argument, @Nullable String name) {
		if (name == null) {
			throw new IllegalArgumentException(argument + " name must not be null");
		}
		if (isBlank(name)) {
			throw new IllegalArgumentException(argument + " name must not be empty or only spaces");
		}
		if (name.indexOf('\0') >= 0) {
			throw new IllegalArgumentException(
					argument + " name '" + printable(name) + "' must not contain a NUL character");
		}
		checkUnicode(argument + " name", name);
	}

	/**
	 * Check that CnosDB can create an object of this name: everything
	 * {@link #checkName(String, String)} checks, and no {@code /} (CnosDB's parser
	 * refuses it in {@code CREATE} statements: {@code not supported keyword contains
	 * '/'}). Objects created by writing line protocol may still have a {@code /} in their
	 * name, which is why {@link #identifier(String, String)} accepts it.
	 * @param argument what the name is, for the error message
	 * @param name the new name
	 * @throws IllegalArgumentException naming the argument and the reason
	 */
	public static void checkNewName(String argument, @Nullable String name) {
		checkName(argument, name);
		if (name.indexOf('/') >= 0) {
			throw new IllegalArgumentException(
					argument + " name '" + printable(name) + "' must not contain '/' (CnosDB refuses it in names)");
		}
	}

	/**
	 * Render a string value as a SQL string literal.
	 * @param argument what the value is, for the error message
	 * @param value the value
	 * @return the literal, such as {@code 'it''s'} for {@code it's}
	 * @throws IllegalArgumentException if the value is {@code null} or is not valid
	 * Unicode (an unpaired surrogate would reach the server altered)
	 */
	public static String stringLiteral(String argument, @Nullable String value) {
		if (value == null) {
			throw new IllegalArgumentException(argument + " must not be null");
		}
		checkUnicode(argument, value);
		return '\'' + value.replace("'", "''") + '\'';
	}

	/**
	 * Render a number as a SQL numeric literal: integers in decimal, {@link BigDecimal}
	 * without an exponent, {@code double} in Java's shortest round-trip form (such as
	 * {@code 0.1} or {@code 1.0E20}, which CnosDB reads as the same double) and
	 * {@code float} in its own shortest form (so {@code 0.1f} is sent as {@code 0.1}).
	 * Negative numbers start with {@code -}.
	 * @param argument what the value is, for the error message
	 * @param value a {@code Byte}, {@code Short}, {@code Integer}, {@code Long},
	 * {@code Float}, {@code Double}, {@code BigInteger}, {@code BigDecimal},
	 * {@code AtomicInteger} or {@code AtomicLong}
	 * @return the literal
	 * @throws IllegalArgumentException if the value is {@code null}, {@code NaN} or
	 * infinite (SQL has no literal for them), or of another {@link Number} type
	 */
	public static String numberLiteral(String argument, @Nullable Number value) {
		if (value == null) {
			throw new IllegalArgumentException(argument + " must not be null");
		}
		if (value instanceof Double number) {
			checkFinite(argument, number);
			return number.toString();
		}
		if (value instanceof Float number) {
			checkFinite(argument, number.doubleValue());
			return number.toString();
		}
		if (value instanceof BigDecimal number) {
			return number.toPlainString();
		}
		if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger || value instanceof AtomicInteger || value instanceof AtomicLong) {
			return value.toString();
		}
		throw new IllegalArgumentException(argument + " has the unsupported number type " + value.getClass().getName()
				+ "; use Long, Integer, Short, Byte, Double, Float, BigInteger or BigDecimal");
	}

	private static void checkFinite(String argument, double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			throw new IllegalArgumentException(
					argument + " is " + value + ", which has no SQL literal; bind a finite number or NULL");
		}
	}

	/**
	 * Render a boolean as {@code true} or {@code false}.
	 * @param value the value
	 * @return the literal
	 */
	public static String booleanLiteral(boolean value) {
		return value ? "true" : "false";
	}

	/**
	 * Render SQL {@code NULL}.
	 * @return {@code NULL}
	 */
	public static String nullLiteral() {
		return "NULL";
	}

	/**
	 * Render a point in time as a UTC ISO-8601 string literal that CnosDB reads as a
	 * timestamp, such as {@code '2023-11-14T22:13:20.123Z'} (fraction of 0, 3, 6 or 9
	 * digits, as needed).
	 * <p>
	 * An {@link Instant}, {@link OffsetDateTime} or {@link ZonedDateTime} is converted to
	 * UTC. A {@link LocalDateTime} is taken as UTC wall-clock time: CnosDB stores
	 * timestamps in UTC and answers them without an offset, and
	 * {@code CnosRow.get(column, LocalDateTime.class)} reads them back as UTC, so a value
	 * read and bound again is the same instant. Convert a local time in another zone with
	 * {@code atZone(zone)} first.
	 * @param argument what the value is, for the error message
	 * @param value the point in time
	 * @return the literal
	 * @throws IllegalArgumentException if the value is {@code null}, of another type, or
	 * outside the range CnosDB can hold (signed 64-bit nanoseconds since the epoch:
	 * 1677-09-21 to 2262-04-11)
	 */
	public static String timestampLiteral(String argument, @Nullable Temporal value) {
		Instant instant;
		if (value instanceof Instant given) {
			instant = given;
		}
		else if (value instanceof OffsetDateTime given) {
			instant = given.toInstant();
		}
		else if (value instanceof ZonedDateTime given) {
			instant = given.toInstant();
		}
		else if (value instanceof LocalDateTime given) {
			instant = given.toInstant(ZoneOffset.UTC);
		}
		else if (value == null) {
			throw new IllegalArgumentException(argument + " must not be null");
		}
		else {
			throw new IllegalArgumentException(argument + " has the unsupported time type " + value.getClass().getName()
					+ "; use Instant, OffsetDateTime, ZonedDateTime or LocalDateTime (UTC)");
		}
		if (instant.isBefore(MIN_TIMESTAMP) || instant.isAfter(MAX_TIMESTAMP)) {
			throw new IllegalArgumentException(argument + " " + value
					+ " is outside the range of CnosDB timestamps (64-bit nanoseconds since 1970: " + MIN_TIMESTAMP
					+ " to " + MAX_TIMESTAMP + ")");
		}
		return '\'' + DateTimeFormatter.ISO_INSTANT.format(instant) + '\'';
	}

	/**
	 * Render a CnosDB duration as a string literal, such as {@code '7d'} or
	 * {@code 'inf'}.
	 * @param argument what the value is, for the error message
	 * @param value the duration
	 * @return the literal
	 * @throws IllegalArgumentException if the value is {@code null}
	 */
	public static String durationLiteral(String argument, @Nullable CnosDuration value) {
		if (value == null) {
			throw new IllegalArgumentException(argument + " must not be null");
		}
		return stringLiteral(argument, value.toString());
	}

	/**
	 * Render a {@link Duration} as a CnosDB duration string literal, such as
	 * {@code '1d12h'}; see {@link CnosDuration#of(Duration)}.
	 * @param argument what the value is, for the error message
	 * @param value the duration, not negative
	 * @return the literal
	 * @throws IllegalArgumentException if the value is {@code null} or negative
	 */
	public static String durationLiteral(String argument, @Nullable Duration value) {
		if (value == null) {
			throw new IllegalArgumentException(argument + " must not be null");
		}
		try {
			return durationLiteral(argument, CnosDuration.of(value));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(argument + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Render a byte size as a string literal, such as {@code '128MiB'}.
	 * @param argument what the value is, for the error message
	 * @param value the size
	 * @return the literal
	 * @throws IllegalArgumentException if the value is {@code null}
	 */
	public static String byteSizeLiteral(String argument, @Nullable CnosByteSize value) {
		if (value == null) {
			throw new IllegalArgumentException(argument + " must not be null");
		}
		return stringLiteral(argument, value.toString());
	}

	/**
	 * Render any supported value as a literal: {@code null} as {@code NULL}, a
	 * {@link CharSequence} or {@link Character} as a string literal, a {@link Boolean}, a
	 * {@link Number} (see {@link #numberLiteral(String, Number)}), an {@link Instant},
	 * {@link OffsetDateTime}, {@link ZonedDateTime} or {@link LocalDateTime} (see
	 * {@link #timestampLiteral(String, Temporal)}), a {@link CnosDuration} or a
	 * {@link CnosByteSize}.
	 * @param argument what the value is, for the error message
	 * @param value the value
	 * @return the literal
	 * @throws IllegalArgumentException if the value has no literal, naming its type and
	 * the supported ones
	 */
	public static String literal(String argument, @Nullable Object value) {
		if (value == null) {
			return nullLiteral();
		}
		if (value instanceof CharSequence text) {
			return stringLiteral(argument, text.toString());
		}
		if (value instanceof Character character) {
			return stringLiteral(argument, character.toString());
		}
		if (value instanceof Boolean bool) {
			return booleanLiteral(bool);
		}
		if (value instanceof Number number) {
			return numberLiteral(argument, number);
		}
		if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof ZonedDateTime
				|| value instanceof LocalDateTime) {
			return timestampLiteral(argument, (Temporal) value);
		}
		if (value instanceof CnosDuration duration) {
			return durationLiteral(argument, duration);
		}
		if (value instanceof CnosByteSize size) {
			return byteSizeLiteral(argument, size);
		}
		throw new IllegalArgumentException(argument + " has the unsupported type " + value.getClass().getName()
				+ "; bind a String, Character, Boolean, Number, Instant, OffsetDateTime, ZonedDateTime, LocalDateTime (UTC),"
				+ " CnosDuration, CnosByteSize or null" + hint(value));
	}

	private static String hint(Object value) {
		if (value instanceof Enum<?>) {
			return " (for an enum, bind its name())";
		}
		if (value instanceof Duration) {
			return " (for a CnosDB duration string, bind CnosDuration.of(duration))";
		}
		if (value.getClass().isArray()) {
			return " (for IN (?), bind a Collection)";
		}
		return "";
	}

	/**
	 * Whether a text is empty or only Unicode white space, as Rust's {@code str::trim}
	 * (which CnosDB uses) sees it. Differs from {@link String#isBlank()}: no-break spaces
	 * count as white space, the control characters U+001C to U+001F do not.
	 */
	private static boolean isBlank(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (!isUnicodeWhiteSpace(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isUnicodeWhiteSpace(char c) {
		return (c >= '\t' && c <= '\r') || c == ' ' || c == '\u0085' || c == '\u00A0' || c == '\u1680'
				|| (c >= '\u2000' && c <= '\u200A') || c == '\u2028' || c == '\u2029' || c == '\u202F' || c == '\u205F'
				|| c == '\u3000';
	}

	private static void checkUnicode(String argument, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw new IllegalArgumentException(argument + " contains an unpaired surrogate at index " + i
						+ " and cannot be sent as UTF-8 unchanged");
			}
		}
	}

	private static String quote(String name) {
		return '"' + name.replace("\"", "\"\"") + '"';
	}

	/**
	 * Return a name as it may appear in a message: NUL and line breaks made visible,
	 * shortened to 80 characters.
	 */
	private static String printable(String text) {
		String shown = text.replace("\0", "\\0").replace("\n", "\\n").replace("\r", "\\r");
		return (shown.length() <= 80) ? shown : shown.substring(0, 80) + "…";
	}

}
