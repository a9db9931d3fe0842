package io.cnosdb.client.sql;

/**
 * Replaces the literal values of a SQL statement with {@code ?}: string literals
 * ({@code 'it''s'} → {@code ?}) and numbers that stand alone ({@code 42}, {@code -1.5e3}
 * → {@code ?}); quoted identifiers, names that contain digits and comments stay. What
 * observations and logs show of a statement: the same statement with other values gives
 * the same text, and no value (a password included) is shown.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class SqlSanitizer {

	private SqlSanitizer() {
	}

	/**
	 * Sanitize a statement.
	 * @param sql the statement
	 * @return the statement with its literal values replaced by {@code ?}
	 */
	public static String sanitize(String sql) {
		StringBuilder out = new StringBuilder(sql.length());
		int length = sql.length();
		int i = 0;
		while (i < length) {
			char c = sql.charAt(i);
			if (c == '\'') {
				i = endOfQuoted(sql, i, '\'');
				out.append('?');
			}
			else if (c == '"') {
				int end = endOfQuoted(sql, i, '"');
				out.append(sql, i, end);
				i = end;
			}
			else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
				int end = sql.indexOf('\n', i);
				end = (end < 0) ? length : end;
				out.append(sql, i, end);
				i = end;
			}
			else if (Character.isDigit(c) && (i == 0 || !isNamePart(sql.charAt(i - 1)))) {
				i = skipNumber(sql, i);
				out.append('?');
			}
			else if (isNamePart(c)) {
				int end = i;
				while (end < length && isNamePart(sql.charAt(end))) {
					end++;
				}
				out.append(sql, i, end);
				i = end;
			}
			else {
				out.append(c);
				i++;
			}
		}
		return out.toString();
	}

	/** The end of a quoted literal or identifier, or the end of an unterminated one. */
	static int endOfQuoted(String sql, int start, char quote) {
		int end = CnosParameterBinder.endOfQuoted(sql, start, quote);
		return (end >= 0) ? end : sql.length();
	}

	private static int skipNumber(String sql, int start) {
		int i = start;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			boolean exponentSign = (c == '+' || c == '-') && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E');
			if (!(Character.isDigit(c) || c == '.' || c == 'e' || c == 'E' || exponentSign)) {
				break;
			}
			i++;
		}
		return i;
	}

	private static boolean isNamePart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$';
	}

}
