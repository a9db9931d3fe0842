package io.cnosdb.client.write;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * What CnosDB's line-protocol parser can carry exactly (reference §6.1–6.3), checked
 * before anything is encoded. Each check throws an {@link IllegalArgumentException} whose
 * message names the element, shows the value and says why. The element's description is
 * built only when a check fails: these checks run for every tag and field written.
 *
 * @author CnosDB Spring Boot contributors
 */
final class LineProtocolRules {

	private static final int MAX_SHOWN = 80;

	private LineProtocolRules() {
	}

	/**
	 * Check a measurement, tag key, tag value or field key.
	 * @param what the element, such as {@code "tag key"}, for the message
	 * @param name the text
	 * @param measurement whether the text is a measurement name (which must not start
	 * with {@code #}: the parser would read the line as a comment)
	 */
	static void checkName(Supplier<String> what, @Nullable String name, boolean measurement) {
		if (name == null) {
			throw new IllegalArgumentException(what.get() + " must not be null");
		}
		if (name.isEmpty()) {
			throw new IllegalArgumentException(what.get() + " must not be empty");
		}
		if (measurement && name.charAt(0) == '#') {
			throw new IllegalArgumentException(what.get() + " " + show(name)
					+ " must not start with '#': CnosDB reads such a line as a comment and drops it");
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '\\') {
				throw new IllegalArgumentException(what.get() + " " + show(name) + " contains a backslash at index " + i
						+ ": CnosDB keeps or rejects backslashes in names and tags, so it cannot be written exactly");
			}
			if (Character.isISOControl(c)) {
				throw new IllegalArgumentException(what.get() + " " + show(name) + " contains the control character U+"
						+ String.format("%04X", (int) c) + " at index " + i
						+ ": CnosDB's line protocol has no escape for it outside string field values");
			}
			i = checkSurrogate(what, name, i);
		}
	}

	/**
	 * Check the text of a string field value: any character may appear (quotes and
	 * backslashes are escaped, newlines are written raw) except an unpaired surrogate,
	 * which has no UTF-8 form.
	 * @param what the element, for the message
	 * @param value the value
	 */
	static void checkStringValue(Supplier<String> what, @Nullable String value) {
		if (value == null) {
			throw new IllegalArgumentException(what.get() + " must not be null");
		}
		for (int i = 0; i < value.length(); i++) {
			i = checkSurrogate(what, value, i);
		}
	}

	/**
	 * Check a double field value.
	 * @param what the element, for the message
	 * @param value the value
	 */
	static void checkDouble(Supplier<String> what, double value) {
		if (!Double.isFinite(value)) {
			throw new IllegalArgumentException(what.get() + " is " + value
					+ ": CnosDB's line protocol cannot carry NaN or infinite values exactly");
		}
	}

	private static int checkSurrogate(Supplier<String> what, String text, int i) {
		char c = text.charAt(i);
		if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
			return i + 1;
		}
		if (Character.isSurrogate(c)) {
			throw new IllegalArgumentException(what.get() + " " + show(text)
					+ " contains an unpaired surrogate at index " + i + " and cannot be sent as UTF-8");
		}
		return i;
	}

	/**
	 * Render a value for a message: quoted, control characters made visible, long values
	 * cut.
	 * @param text the value
	 * @return the printable form
	 */
	static String show(String text) {
		StringBuilder shown = new StringBuilder("\"");
		int end = Math.min(text.length(), MAX_SHOWN);
		for (int i = 0; i < end; i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> shown.append("\\n");
				case '\r' -> shown.append("\\r");
				case '\t' -> shown.append("\\t");
				default -> {
					if (Character.isISOControl(c) || Character.isSurrogate(c)) {
						shown.append(String.format("\\u%04X", (int) c));
					}
					else {
						shown.append(c);
					}
				}
			}
		}
		if (end < text.length()) {
			shown.append('…');
		}
		return shown.append('"').toString();
	}

}
