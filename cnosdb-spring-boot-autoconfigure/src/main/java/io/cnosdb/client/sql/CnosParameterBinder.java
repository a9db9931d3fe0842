package io.cnosdb.client.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Binds parameters into SQL on the client: each {@code ?} (positional) or {@code :name}
 * (named) placeholder is replaced by the value's literal, rendered by
 * {@link CnosSql#literal(String, Object)}. CnosDB's HTTP API takes no parameters, so this
 * is how values reach the server without being spliced in by hand.
 * <p>
 * The SQL is scanned with CnosDB's lexical rules, so a {@code ?} or {@code :name} inside
 * a string literal ({@code '...'}, also {@code E'...'} with backslash escapes and
 * dollar-quoted {@code $$...$$}), a quoted identifier ({@code "..."}) or a comment
 * ({@code --} to the end of the line, or a block comment, which may nest) is left alone.
 * {@code ::} (a cast) is not a named placeholder.
 * <p>
 * A {@link Collection} value becomes a comma-separated list of literals, for
 * {@code IN (?)}; an empty collection is refused, because {@code IN ()} is not SQL. Where
 * a literal would run into the text next to it (as in {@code LIMIT?}, or a negative
 * number after {@code -}, which would start a {@code --} comment), a space is put between
 * them.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosParameterBinder {

	private CnosParameterBinder() {
	}

	/**
	 * Replace each {@code ?} by the literal of the argument at the same position.
	 * {@code :name} is left as it is.
	 * @param sql the SQL with {@code ?} placeholders
	 * @param args the values, one per placeholder ({@code null} binds NULL; a
	 * {@code null} array is no arguments)
	 * @return the SQL with the values bound
	 * @throws IllegalArgumentException if the number of arguments does not match the
	 * placeholders, a value has no literal, or the SQL has an unterminated string, quoted
	 * identifier or comment
	 */
	public static String bindPositional(String sql, @Nullable Object @Nullable ... args) {
		@Nullable Object[] values = (args != null) ? args : new Object[0];
		List<Placeholder> placeholders = scan(sql);
		List<Placeholder> positional = new ArrayList<>();
		for (Placeholder placeholder : placeholders) {
			if (placeholder.name() == null) {
				positional.add(placeholder);
			}
		}
		if (positional.size() != values.length) {
			throw new IllegalArgumentException(
					"The SQL has " + positional.size() + " '?' placeholder" + ((positional.size() != 1) ? "s" : "")
							+ " but " + values.length + " argument" + ((values.length != 1) ? "s were" : " was")
							+ " given" + ((args == null) ? " (to bind a single NULL, pass (Object) null)" : ""));
		}
		StringBuilder bound = new StringBuilder(sql.length() + 16 * values.length);
		int copied = 0;
		for (int i = 0; i < positional.size(); i++) {
			Placeholder placeholder = positional.get(i);
			bound.append(sql, copied, placeholder.start());
			appendLiteral(bound, sql, placeholder.end(), render("parameter " + (i + 1), values[i]));
			copied = placeholder.end();
		}
		return bound.append(sql, copied, sql.length()).toString();
	}

	/**
	 * Replace each {@code :name} by the literal of the value of that name. A name may be
	 * used several times.
	 * @param sql the SQL with {@code :name} placeholders (a name is a letter or {@code _}
	 * followed by letters, digits and {@code _})
	 * @param params the values by name (a {@code null} value binds NULL)
	 * @return the SQL with the values bound
	 * @throws IllegalArgumentException if a name has no value, a value is given for a
	 * name the SQL does not use, the SQL also has {@code ?} placeholders, a value has no
	 * literal, or the SQL has an unterminated string, quoted identifier or comment
	 */
	public static String bindNamed(String sql, Map<String, ?> params) {
		if (params == null) {
			throw new IllegalArgumentException("params must not be null");
		}
		List<Placeholder> placeholders = scan(sql);
		Set<String> used = new LinkedHashSet<>();
		for (Placeholder placeholder : placeholders) {
			if (placeholder.name() == null) {
				throw new IllegalArgumentException("The SQL mixes '?' (at index " + placeholder.start()
						+ ") with named parameters; use :name placeholders only");
			}
			if (!params.containsKey(placeholder.name())) {
				throw new IllegalArgumentException("The SQL uses :" + placeholder.name()
						+ " but no value was given for it; values were given for " + new TreeSet<>(params.keySet()));
			}
			used.add(placeholder.name());
		}
		for (String name : params.keySet()) {
			if (!used.contains(name)) {
				throw new IllegalArgumentException("A value was given for '" + name + "' but the SQL has no :" + name
						+ " placeholder; it uses " + used);
			}
		}
		StringBuilder bound = new StringBuilder(sql.length() + 16 * placeholders.size());
		int copied = 0;
		for (Placeholder placeholder : placeholders) {
			bound.append(sql, copied, placeholder.start());
			appendLiteral(bound, sql, placeholder.end(),
					render(":" + placeholder.name(), params.get(placeholder.name())));
			copied = placeholder.end();
		}
		return bound.append(sql, copied, sql.length()).toString();
	}

	private static String render(String argument, @Nullable Object value) {
		if (value instanceof Collection<?> collection) {
			if (collection.isEmpty()) {
				throw new IllegalArgumentException(argument
						+ " is an empty collection, which would render 'IN ()' (not SQL); handle the empty case before the query");
			}
			StringBuilder list = new StringBuilder();
			int index = 0;
			for (Object element : collection) {
				if (element instanceof Collection<?>) {
					throw new IllegalArgumentException(
							argument + " element " + (index + 1) + " is a collection; collections cannot be nested");
				}
				if (index > 0) {
					list.append(", ");
				}
				list.append(CnosSql.literal(argument + " element " + (index + 1), element));
				index++;
			}
			return list.toString();
		}
		return CnosSql.literal(argument, value);
	}

	/**
	 * Append a literal that replaces {@code sql[..end)}, with a space on either side
	 * where it would otherwise run into the neighbouring text.
	 */
	private static void appendLiteral(StringBuilder bound, String sql, int end, String literal) {
		if (!bound.isEmpty() && joins(bound.codePointBefore(bound.length()), literal.codePointAt(0))) {
			bound.append(' ');
		}
		bound.append(literal);
		if (end < sql.length() && joins(literal.codePointBefore(literal.length()), sql.codePointAt(end))) {
			bound.append(' ');
		}
	}

	/**
	 * Whether CnosDB's tokenizer would read two adjacent characters as one token (a word,
	 * a number, a string with {@code ''}, a {@code --} comment) or as a prefixed string
	 * ({@code E'...'}, {@code N'...'}, {@code X'...'}).
	 */
	private static boolean joins(int left, int right) {
		return (isWordPart(left) && (isWordPart(right) || right == '\'')) || (left == '\'' && right == '\'')
				|| (left == '-' && right == '-') || (left == '/' && right == '*') || (left == '*' && right == '/');
	}

	private static boolean isWordPart(int c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@' || c == '#' || c == '.';
	}

	/**
	 * Find the placeholders outside literals, quoted identifiers and comments.
	 */
	private static List<Placeholder> scan(String sql) {
		if (sql == null) {
			throw new IllegalArgumentException("'sql' must not be null");
		}
		List<Placeholder> placeholders = new ArrayList<>();
		int length = sql.length();
		int i = 0;
		while (i < length) {
			int c = sql.codePointAt(i);
			if (c == '\'') {
				i = skipQuoted(sql, i, '\'', "string literal");
			}
			else if (c == '"') {
				i = skipQuoted(sql, i, '"', "quoted identifier");
			}
			else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
				int newline = sql.indexOf('\n', i + 2);
				i = (newline >= 0) ? newline + 1 : length;
			}
			else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
				i = skipBlockComment(sql, i);
			}
			else if (c == '$') {
				i = skipDollar(sql, i);
			}
			else if (isIdentifierStart(c)) {
				int end = i + Character.charCount(c);
				while (end < length && isIdentifierPart(sql.codePointAt(end))) {
					end += Character.charCount(sql.codePointAt(end));
				}
				if (end == i + 1 && (c == 'e' || c == 'E') && end < length && sql.charAt(end) == '\'') {
					i = skipEscapedString(sql, end);
				}
				else {
					i = end;
				}
			}
			else if (c == '?') {
				if (i + 1 < length && Character.isDigit(sql.charAt(i + 1))) {
					throw new IllegalArgumentException("Numbered placeholders such as '?" + sql.charAt(i + 1)
							+ "' (at index " + i + ") are not supported; use '?' or ':name'");
				}
				placeholders.add(new Placeholder(i, i + 1, null));
				i++;
			}
			else if (c == ':') {
				if (i + 1 < length && sql.charAt(i + 1) == ':') {
					i += 2;
				}
				else if (i + 1 < length && isNameStart(sql.codePointAt(i + 1))) {
					int end = i + 1;
					while (end < length && isNamePart(sql.codePointAt(end))) {
						end += Character.charCount(sql.codePointAt(end));
					}
					placeholders.add(new Placeholder(i, end, sql.substring(i + 1, end)));
					i = end;
				}
				else {
					i++;
				}
			}
			else {
				i += Character.charCount(c);
			}
		}
		return placeholders;
	}

	private static int skipQuoted(String sql, int start, char quote, String what) {
		int end = endOfQuoted(sql, start, quote);
		if (end < 0) {
			throw unterminated(what, start);
		}
		return end;
	}

	/**
	 * Return the index after a literal or identifier quoted with {@code quote} that
	 * starts at {@code start} (a doubled quote inside stands for one), or {@code -1} when
	 * it is not terminated.
	 */
	static int endOfQuoted(String sql, int start, char quote) {
		int i = start + 1;
		while (i < sql.length()) {
			if (sql.charAt(i) == quote) {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
					i += 2;
					continue;
				}
				return i + 1;
			}
			i++;
		}
		return -1;
	}

	/** {@code E'...'}: a backslash escapes the next character, {@code ''} is a quote. */
	private static int skipEscapedString(String sql, int quote) {
		boolean escaped = false;
		int i = quote + 1;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (c == '\'') {
				if (escaped) {
					escaped = false;
				}
				else if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
					i++;
				}
				else {
					return i + 1;
				}
			}
			else if (c == '\\') {
				escaped = !escaped;
			}
			else {
				escaped = false;
			}
			i++;
		}
		throw unterminated("escaped string literal", quote - 1);
	}

	/** Nested block comments, closed as CnosDB's tokenizer closes them. */
	private static int skipBlockComment(String sql, int start) {
		int depth = 1;
		char last = ' ';
		int i = start + 2;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (last == '/' && c == '*') {
				depth++;
			}
			else if (last == '*' && c == '/') {
				depth--;
				if (depth == 0) {
					return i + 1;
				}
			}
			last = c;
			i++;
		}
		throw unterminated("comment", start);
	}

	/**
	 * {@code $$...$$} and {@code $tag$...$tag$} are strings; {@code $name} and {@code $1}
	 * (server-side placeholders, which CnosDB's HTTP API cannot fill) are left as they
	 * are.
	 */
	private static int skipDollar(String sql, int start) {
		int length = sql.length();
		if (start + 1 < length && sql.charAt(start + 1) == '$') {
			int close = sql.indexOf("$$", start + 2);
			if (close < 0) {
				throw unterminated("dollar-quoted string", start);
			}
			return close + 2;
		}
		int i = start + 1;
		while (i < length && (Character.isLetterOrDigit(sql.codePointAt(i)) || sql.charAt(i) == '_')) {
			i += Character.charCount(sql.codePointAt(i));
		}
		if (i < length && sql.charAt(i) == '$') {
			String tag = sql.substring(start, i + 1);
			int close = sql.indexOf('$', i + 1);
			if (close < 0 || !sql.startsWith(tag, close)) {
				throw unterminated("dollar-quoted string", start);
			}
			return close + tag.length();
		}
		return i;
	}

	private static IllegalArgumentException unterminated(String what, int start) {
		return new IllegalArgumentException("The SQL has an unterminated " + what + " starting at index " + start);
	}

	private static boolean isIdentifierStart(int c) {
		return Character.isAlphabetic(c) || c == '_' || c == '#' || c == '@';
	}

	private static boolean isIdentifierPart(int c) {
		return Character.isAlphabetic(c) || (c >= '0' && c <= '9') || c == '@' || c == '$' || c == '#' || c == '_';
	}

	private static boolean isNameStart(int c) {
		return Character.isAlphabetic(c) || c == '_';
	}

	private static boolean isNamePart(int c) {
		return Character.isAlphabetic(c) || Character.isDigit(c) || c == '_';
	}

	private record Placeholder(int start, int end, @Nullable String name) {
	}

}
