package io.cnosdb.client.write;

import java.math.BigInteger;
import java.util.function.Supplier;

import io.cnosdb.client.sql.CnosSql;

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

	private static final BigInteger TWO_TO_THE_64 = BigInteger.ONE.shiftLeft(64);

	private LineProtocolRules() {
	}

	/** What {@link #isPlain(String, int)} checks: a measurement. */
	static final int MEASUREMENT = 0;

	/** What {@link #isPlain(String, int)} checks: a tag key. */
	static final int TAG_KEY = 1;

	/** What {@link #isPlain(String, int)} checks: a field key. */
	static final int FIELD_KEY = 2;

	/** What {@link #isPlain(String, int)} checks: a tag value. */
	static final int TAG_VALUE = 3;

	/**
	 * Whether a measurement, key or tag value certainly passes its check: a scan of its
	 * characters that allocates nothing, for the common case. {@code false} means only
	 * that the full check ({@link #checkMeasurement}, {@link #checkKey},
	 * {@link #checkTagValue}) has to run, which throws if the text is refused (it also
	 * accepts texts this scan leaves to it, such as those with a surrogate pair).
	 * @param text the text
	 * @param kind {@link #MEASUREMENT}, {@link #TAG_KEY}, {@link #FIELD_KEY} or
	 * {@link #TAG_VALUE}
	 * @return whether the text is accepted without the full check
	 */
	static boolean isPlain(@Nullable String text, int kind) {
		if (text == null) {
			return false;
		}
		int length = text.length();
		if (length == 0) {
			return false;
		}
		char first = text.charAt(0);
		if (kind == MEASUREMENT && (first == '#' || first == ' ' || first == ',')) {
			return false;
		}
		if (kind == FIELD_KEY && (first == ' ' || first == ',' || first == '=')) {
			return false;
		}
		boolean visible = kind == TAG_VALUE;
		boolean separator = false;
		boolean equals = false;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c > ' ' && c < 0x7F) {
				if (c == '\\' || (kind == MEASUREMENT && c == '/')) {
					return false;
				}
				visible = true;
				separator |= c == ',';
				equals |= c == '=';
			}
			else if (c == ' ') {
				separator = true;
			}
			else if (isVisibleNonAscii(c)) {
				visible = true;
			}
			else {
				// a control character, a surrogate or a non-ASCII space: the full check
				return false;
			}
		}
		return visible && !(kind == MEASUREMENT && equals && separator);
	}

	/**
	 * Whether a character above ASCII is neither a control character, nor a surrogate,
	 * nor a space by {@link CnosSql}'s blank rule.
	 */
	private static boolean isVisibleNonAscii(char c) {
		return c > 0xA0 && !Character.isSurrogate(c) && c != 0x1680 && !(c >= 0x2000 && c <= 0x200A) && c != 0x2028
				&& c != 0x2029 && c != 0x202F && c != 0x205F && c != 0x3000;
	}

	/**
	 * Whether the text of a string field value certainly passes
	 * {@link #checkStringValue}: no backslash and no surrogate, found by a scan that
	 * allocates nothing.
	 * @param value the value
	 * @return whether the value is accepted without the full check
	 */
	static boolean isPlainString(@Nullable String value) {
		if (value == null) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' || Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Check a measurement (a table name): a name SQL can address afterwards, by the same
	 * rule as a table created through SQL ({@link CnosSql#checkNewName(String, String)}:
	 * not blank, no {@code /}, no NUL), and text that every release's line-protocol
	 * parser reads back unchanged.
	 * @param what the element, for the message
	 * @param name the measurement
	 */
	static void checkMeasurement(Supplier<String> what, @Nullable String name) {
		checkText(what, name);
		checkSqlName(what, name, true);
		char first = name.charAt(0);
		if (first == '#') {
			throw new IllegalArgumentException(what.get() + " " + show(name)
					+ " must not start with '#': CnosDB reads such a line as a comment and drops it");
		}
		if (first == ' ' || first == ',') {
			throw new IllegalArgumentException(what.get() + " " + show(name) + " must not start with " + describe(first)
					+ ": CnosDB 2.4.3 and later take the escaped first character for the end " + "of the measurement");
		}
		if (name.indexOf('=') >= 0 && (name.indexOf(' ') >= 0 || name.indexOf(',') >= 0)) {
			throw new IllegalArgumentException(what.get() + " " + show(name)
					+ " must not contain '=' together with a space or a comma: CnosDB 2.4.3 and later refuse such "
					+ "a line (and with it the whole request) whether '=' is escaped or not, and earlier releases "
					+ "keep the backslash of an escaped '='");
		}
	}

	/**
	 * Check a tag key or field key: a column name SQL can address afterwards, by the same
	 * rule as a column created through SQL ({@link CnosSql#checkName(String, String)}:
	 * not blank, no NUL), and text that every release's parser reads back unchanged.
	 * @param what the element, for the message
	 * @param key the key
	 * @param field whether the key is a field key (which must not start with a space, a
	 * comma or {@code =}: CnosDB 2.4.3 and later misread such a key when it comes first)
	 */
	static void checkKey(Supplier<String> what, @Nullable String key, boolean field) {
		checkText(what, key);
		checkSqlName(what, key, false);
		char first = key.charAt(0);
		if (field && (first == ' ' || first == ',' || first == '=')) {
			throw new IllegalArgumentException(what.get() + " " + show(key) + " must not start with " + describe(first)
					+ ": CnosDB 2.4.3 and later keep the backslash that escapes it, or refuse the "
					+ "line, when it is the first field of a line");
		}
	}

	/**
	 * Check a tag value: any text the line protocol can carry exactly (see
	 * {@link #checkText(Supplier, String)}).
	 * @param what the element, for the message
	 * @param value the value
	 */
	static void checkTagValue(Supplier<String> what, @Nullable String value) {
		checkText(what, value);
	}

	/**
	 * Check text outside string field values: not empty, no backslash (CnosDB 2.4.2 keeps
	 * it, 2.4.3 refuses most), no control character (no escape exists for it), valid
	 * UTF-16.
	 */
	private static void checkText(Supplier<String> what, @Nullable String name) {
		if (name == null) {
			throw new IllegalArgumentException(what.get() + " must not be null");
		}
		if (name.isEmpty()) {
			throw new IllegalArgumentException(what.get() + " must not be empty");
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
	 * Apply the SQL naming rule of {@link CnosSql}, so that what a write creates can be
	 * addressed by SQL and by the admin API. The cheap check runs first with a fixed
	 * argument; the element's description is built only for the message.
	 */
	private static void checkSqlName(Supplier<String> what, String name, boolean table) {
		try {
			check(table, "name", name);
		}
		catch (IllegalArgumentException ex) {
			check(table, what.get(), name);
			throw ex;
		}
	}

	private static void check(boolean table, String argument, String name) {
		if (table) {
			CnosSql.checkNewName(argument, name);
		}
		else {
			CnosSql.checkName(argument, name);
		}
	}

	private static String describe(char c) {
		return switch (c) {
			case ' ' -> "a space";
			case ',' -> "a comma";
			default -> "'" + c + "'";
		};
	}

	/**
	 * Check the text of a string field value: any character may appear (quotes and
	 * backslashes are escaped, newlines are written raw) except an unpaired surrogate,
	 * which has no UTF-8 form, and a backslash directly before a double quote: escaped,
	 * that pair is {@code \\\"}, which CnosDB 2.4.2 and earlier refuse (the whole request
	 * fails with {@code invalid field value}).
	 * @param what the element, for the message
	 * @param value the value
	 */
	static void checkStringValue(Supplier<String> what, @Nullable String value) {
		if (value == null) {
			throw new IllegalArgumentException(what.get() + " must not be null");
		}
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) == '\\' && i + 1 < value.length() && value.charAt(i + 1) == '"') {
				throw new IllegalArgumentException(what.get() + " " + show(value)
						+ " has a backslash directly before a double quote at index " + i
						+ ": CnosDB 2.4.2 and earlier cannot read that pair in a string value and refuse the whole "
						+ "request");
			}
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

	/**
	 * Check the value of an unsigned field given as a {@code long}.
	 * @param what the element, for the message
	 * @param value the value
	 */
	static void checkUnsigned(Supplier<String> what, long value) {
		if (value < 0) {
			throw new IllegalArgumentException(what.get() + " is " + value
					+ ": an unsigned field cannot be negative (pass a BigInteger for values above Long.MAX_VALUE)");
		}
	}

	/**
	 * Check the value of an unsigned field given as a {@link BigInteger}: BIGINT UNSIGNED
	 * holds 0 to 2<sup>64</sup>-1.
	 * @param what the element, for the message
	 * @param value the value
	 */
	static void checkUnsigned(Supplier<String> what, BigInteger value) {
		if (value.signum() < 0 || value.compareTo(TWO_TO_THE_64) >= 0) {
			throw new IllegalArgumentException(
					what.get() + " is " + value + ": an unsigned field holds 0 to 18446744073709551615");
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
	 * A measurement, tag key, field key or tag value that passed its check, with the
	 * bytes it is written as: UTF-8, escaped for its place in a line, a key with a
	 * {@code ,} before it and {@code =} after it. Immutable, so that it can be shared
	 * through the cache of {@link #cached(String, int)} without locks: a thread reads an
	 * entry whole (its fields are final) or not at all.
	 */
	static final class Checked {

		/** The slots of the cache: a power of two. */
		private static final int SLOTS = 1024;

		/** Texts longer than this are not cached. */
		private static final int MAX_CACHED_LENGTH = 128;

		/**
		 * Recently checked texts, by the hash of text and kind; a newer entry replaces an
		 * older one in its slot. Read and written without locks: a slot holds
		 * {@code null} or a whole entry, and a lost write costs only a check.
		 */
		private static final @Nullable Checked[] CACHE = new Checked[SLOTS];

		/**
		 * Tag values seen once, by the slot they would take in {@link #CACHE}: a value is
		 * cached when it comes again, so that values that never repeat allocate nothing.
		 */
		private static final @Nullable String[] SEEN = new String[SLOTS];

		/** The text. */
		final String text;

		/** The kind of text: {@link #MEASUREMENT}, {@link #TAG_KEY}, and so on. */
		final int kind;

		/**
		 * The bytes of the text as written in a line, eight to a word in little-endian
		 * order, zeros after the last: escaped for its position, in UTF-8; a key with
		 * {@code ,} before it and {@code =} after it.
		 */
		final long[] words;

		/** The number of bytes in {@link #words}. */
		final int length;

		/**
		 * The first four chars of the text, 16 bits each from the top, zeros after its
		 * end: two texts whose prefixes differ are ordered as their unsigned prefixes (a
		 * checked text has no NUL char).
		 */
		private final long prefix;

		private Checked(String text, int kind) {
			this.text = text;
			this.kind = kind;
			boolean key = kind == TAG_KEY || kind == FIELD_KEY;
			LineProtocolWriter writer = new LineProtocolWriter(3 * text.length() + 2);
			if (key) {
				writer.writeAscii(',');
			}
			writer.writeEscaped(text,
					(kind == MEASUREMENT) ? LineProtocolWriter.Position.MEASUREMENT : LineProtocolWriter.Position.KEY);
			if (key) {
				writer.writeAscii('=');
			}
			this.length = writer.size();
			this.words = new long[(this.length + 7) / 8];
			for (int i = 0; i < this.length; i++) {
				this.words[i / 8] |= (writer.byteAt(i) & 0xFFL) << (8 * (i % 8));
			}
			long prefix = 0;
			for (int i = 0; i < 4 && i < text.length(); i++) {
				prefix |= (long) text.charAt(i) << (48 - 16 * i);
			}
			this.prefix = prefix;
		}

		/**
		 * Return the entry of a text that passed its check of this kind lately, or
		 * {@code null}: then the text has to be checked.
		 * @param text the text, or {@code null}
		 * @param kind {@link #MEASUREMENT}, {@link #TAG_KEY}, {@link #FIELD_KEY} or
		 * {@link #TAG_VALUE}
		 * @return the entry, or {@code null}
		 */
		static @Nullable Checked cached(@Nullable String text, int kind) {
			if (text == null) {
				return null;
			}
			Checked checked = CACHE[slot(text, kind)];
			return (checked != null && checked.text == text && checked.kind == kind) ? checked : null;
		}

		/**
		 * Return the entry of a text that has just passed its check, and cache it.
		 * @param text the checked text
		 * @param kind the kind of check it passed
		 * @return the entry
		 */
		static Checked of(String text, int kind) {
			Checked checked = new Checked(text, kind);
			if (text.length() <= MAX_CACHED_LENGTH) {
				CACHE[slot(text, kind)] = checked;
			}
			return checked;
		}

		/**
		 * Return the entry of a tag value that has just passed its check if it was seen
		 * before (and cache it), or else the value itself.
		 * @param value the checked tag value
		 * @return an entry or the value
		 */
		static Object ofTagValue(String value) {
			if (value.length() > MAX_CACHED_LENGTH) {
				return value;
			}
			int slot = slot(value, TAG_VALUE);
			if (SEEN[slot] != value) {
				SEEN[slot] = value;
				return value;
			}
			return of(value, TAG_VALUE);
		}

		private static int slot(String text, int kind) {
			int hash = text.hashCode() + kind * 0x9E3779B9;
			return (hash ^ (hash >>> 16)) & (SLOTS - 1);
		}

		/**
		 * Compare the texts of two entries as {@link String#compareTo(String)} does.
		 * @param other the other entry
		 * @return a negative number, zero or a positive number
		 */
		int compareTo(Checked other) {
			if (this == other) {
				return 0;
			}
			if (this.prefix != other.prefix) {
				return Long.compareUnsigned(this.prefix, other.prefix);
			}
			return this.text.compareTo(other.text);
		}

		/**
		 * Return the text of an entry or of a text.
		 * @param value an entry or a string
		 * @return the text
		 */
		static String text(Object value) {
			return (value instanceof Checked checked) ? checked.text : (String) value;
		}

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
