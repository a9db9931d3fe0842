package io.cnosdb.client.sql;

import org.jspecify.annotations.Nullable;

/**
 * Renders names and values exactly as CnosDB's SQL dialect reads them (reference §7.1).
 * <ul>
 * <li>Identifiers are always double-quoted, so that the server keeps their case and reads
 * any character literally; a {@code "} inside is doubled. (Unquoted identifiers would be
 * folded to lower case.)</li>
 * <li>String literals are single-quoted; a {@code '} inside is doubled and a backslash is
 * an ordinary character.</li>
 * </ul>
 * A name CnosDB cannot hold is rejected with an {@link IllegalArgumentException} naming
 * the argument and the reason, before anything is sent.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosSql {

	private CnosSql() {
	}

	/**
	 * Render a database, table, column, user, role or tenant name as a quoted identifier.
	 * @param argument what the name is, for the error message (such as
	 * {@code "database"})
	 * @param name the name, exactly as it should be stored
	 * @return the quoted identifier, such as {@code "My""Table"} for {@code My"Table}
	 * @throws IllegalArgumentException if CnosDB cannot hold the name: empty or only
	 * spaces, a NUL character, a {@code /} (refused by CnosDB's parser), or text that is
	 * not valid Unicode
	 */
	public static String identifier(String argument, @Nullable String name) {
		checkName(argument, name);
		return '"' + name.replace("\"", "\"\"") + '"';
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
	 * Check that CnosDB can hold a name, without rendering it.
	 * @param argument what the name is, for the error message
	 * @param name the name
	 * @throws IllegalArgumentException naming the argument and the reason
	 */
	public static void checkName(String argument, @Nullable String name) {
		if (name == null) {
			throw new IllegalArgumentException(argument + " name must not be null");
		}
		if (name.isBlank()) {
			throw new IllegalArgumentException(argument + " name must not be empty or only spaces");
		}
		if (name.indexOf('\0') >= 0) {
			throw new IllegalArgumentException(
					argument + " name '" + printable(name) + "' must not contain a NUL character");
		}
		if (name.indexOf('/') >= 0) {
			throw new IllegalArgumentException(
					argument + " name '" + printable(name) + "' must not contain '/' (CnosDB refuses it in names)");
		}
		checkUnicode(argument, name);
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

	private static String printable(String text) {
		String shown = text.replace("\0", "\\0");
		return (shown.length() <= 80) ? shown : shown.substring(0, 80) + "…";
	}

}
