package io.cnosdb.client.sql;

import java.util.Locale;
import java.util.Set;

/**
 * Tells the statements that only read, and so may be sent to another node after one did
 * not answer: {@code SELECT}, {@code SHOW}, {@code DESCRIBE}/{@code DESC}, {@code VALUES}
 * and {@code EXPLAIN} of one of these. Everything else (DDL, {@code INSERT},
 * {@code DELETE}, {@code UPDATE}, {@code COPY}, {@code WITH …}, admin statements) may
 * have changed something before the node stopped answering, and is never sent twice. A
 * request of several statements is repeatable only if each of them is. Used by the
 * template's failover; not part of the public API.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class RepeatableSql {

	private static final Set<String> READS = Set.of("SELECT", "SHOW", "DESCRIBE", "DESC", "VALUES");

	private RepeatableSql() {
	}

	/**
	 * Whether the statements of {@code sql} only read.
	 * @param sql the SQL sent
	 * @return whether it may be sent again to another node
	 */
	public static boolean isRepeatable(String sql) {
		int start = 0;
		int length = sql.length();
		int i = 0;
		while (i < length) {
			char c = sql.charAt(i);
			if (c == '\'' || c == '"') {
				i = SqlSanitizer.endOfQuoted(sql, i, c);
			}
			else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
				int end = sql.indexOf('\n', i);
				i = (end < 0) ? length : end + 1;
			}
			else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
				int end = sql.indexOf("*/", i + 2);
				i = (end < 0) ? length : end + 2;
			}
			else if (c == ';') {
				if (!isRead(sql, start, i)) {
					return false;
				}
				start = i + 1;
				i++;
			}
			else {
				i++;
			}
		}
		return isRead(sql, start, length);
	}

	/** Whether the statement in {@code [start, end)} reads; a blank one does nothing. */
	private static boolean isRead(String sql, int start, int end) {
		int at = skipBlank(sql, start, end);
		if (at == end) {
			return start > 0;
		}
		String word = word(sql, at, end);
		if (word.equals("EXPLAIN")) {
			at = skipBlank(sql, at + word.length(), end);
			String next = word(sql, at, end);
			if (next.equals("ANALYZE")) {
				at = skipBlank(sql, at + next.length(), end);
				next = word(sql, at, end);
			}
			if (next.equals("VERBOSE")) {
				at = skipBlank(sql, at + next.length(), end);
				next = word(sql, at, end);
			}
			return READS.contains(next);
		}
		return READS.contains(word);
	}

	/** Skip white space, comments and opening parentheses. */
	private static int skipBlank(String sql, int from, int end) {
		int i = from;
		while (i < end) {
			char c = sql.charAt(i);
			if (Character.isWhitespace(c) || c == '(') {
				i++;
			}
			else if (c == '-' && i + 1 < end && sql.charAt(i + 1) == '-') {
				int eol = sql.indexOf('\n', i);
				i = (eol < 0 || eol > end) ? end : eol + 1;
			}
			else if (c == '/' && i + 1 < end && sql.charAt(i + 1) == '*') {
				int close = sql.indexOf("*/", i + 2);
				i = (close < 0 || close + 2 > end) ? end : close + 2;
			}
			else {
				break;
			}
		}
		return i;
	}

	private static String word(String sql, int from, int end) {
		int i = from;
		while (i < end && Character.isLetter(sql.charAt(i))) {
			i++;
		}
		return sql.substring(from, i).toUpperCase(Locale.ROOT);
	}

}
