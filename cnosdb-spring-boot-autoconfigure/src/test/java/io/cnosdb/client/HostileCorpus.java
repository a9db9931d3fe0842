package io.cnosdb.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Names and values meant to break SQL built by splicing: quotes of every kind,
 * backslashes, statement separators, comment markers, line breaks, NUL and other control
 * characters, right-to-left marks, emoji, unpaired surrogates, very long strings, SQL
 * keywords, placeholders and template syntax. A few benign values (a duration, a size)
 * are included so that every kind of argument is also seen accepted.
 */
final class HostileCorpus {

	private HostileCorpus() {
	}

	static List<String> inputs() {
		Set<String> inputs = new LinkedHashSet<>();
		// Quotes of every kind
		add(inputs, "'", "''", "'''", "\"", "\"\"", "\"\"\"", "`", "``", "\u00B4", "\u2018", "\u2019", "\u201C",
				"\u201D", "\uFF07", "\uFF02", "'\"", "\"'", "a'b", "a\"b", "a''b", "a\"\"b", "'a'", "\"a\"", "`a`",
				"'; DROP DATABASE public; --", "\"; DROP DATABASE public; --", "') OR ('1'='1", "\" OR \"1\"=\"1",
				"x' --", "x\" --", "' OR 1=1 --", "\" OR 1=1 --", "'||'", "\"||\"", "a' AS \"b",
				"\"\"; DROP TABLE air; --\"", "'''; SELECT 1; '''");
		// Backslashes
		add(inputs, "\\", "\\\\", "\\'", "\\\"", "\\n", "\\0", "\\x00", "C:\\path\\file", "\\u0027", "a\\",
				"\\'; DROP TABLE t; --", "\\\\'", "E'\\''", "\\\";", "'\\", "\"\\");
		// Statement separators
		add(inputs, ";", ";;", "a;b", "; SELECT 1", "SELECT 1;", "db1; DROP DATABASE db2", "t\n;\nDROP TABLE t");
		// Comment markers
		add(inputs, "--", "-- comment", "a--b", "/*", "*/", "/* x */", "/*/", "a/*b*/c", "#", "# comment", "--\n",
				"*/ DROP TABLE t /*", "/* unterminated", "-", "a-", "-a", "//");
		// Line breaks and other white space
		add(inputs, "\n", "\r\n", "\r", "a\nb", "a\rb", "a\r\nb", "\t", "a\tb", " leading", "trailing ", " both ",
				"\u000B", "\f", "\u2028", "\u2029", "\u0085", "\u00A0", "\u3000", "\u2007", "\u202F", "\u1680", "   ",
				"", "a\u00A0b", "\n\n\n", "\t \n");
		// NUL and other control characters
		add(inputs, "\0", "a\0b", "\0\0", "\0'", "'\0", "\u0001", "\u001B[31mred", "\u007F", "\u001F", "\u001C",
				"\u0008", "\u0007");
		// Unicode: bidi controls, invisible characters, scripts, emoji
		add(inputs, "\u202Egnp.exe", "abc\u202Edef", "\u200F", "\u200E", "\u200Fabc\u200E", "\u2066x\u2069", "\u200B",
				"\u200D", "\uFEFF", "\uFEFFx", "\u00E9", "e\u0301", "\uFB01", "\u0130", "\u00DF", "\u03A9",
				"\u4E2D\u6587\u8868\u540D", "\u65E5\u672C\u8A9E", "\uD55C\uAD6D\uC5B4",
				"\u05E2\u05D1\u05E8\u05D9\u05EA", "\u0627\u0644\u0639\u0631\u0628\u064A\u0629", "\uD83D\uDE00",
				"\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66",
				"\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08", "\uD835\uDD18\uD835\uDD2B", "\uD83D\uDE00'\uD83D\uDE00",
				"\"\uD83D\uDE00\"", "\uFE0F", "\u0000\uD83D\uDE00", "\uFFFD", "\uFFFF", "\uD800", "\uDC00", "a\uD800b",
				"\uDBFF", "\uDFFF\uD800", "x\uDC00", "\uD83D", "'\uD800'", "\uD800\uD800");
		// Very long strings
		add(inputs, "a".repeat(1000), "a".repeat(10_000), "'".repeat(5000), "\"".repeat(5000), "x".repeat(100_000),
				"\uD83D\uDE00".repeat(1000), "\\".repeat(1000), "'; DROP DATABASE x; --".repeat(500), "a".repeat(255),
				"a".repeat(256), "\u00E9".repeat(200));
		// SQL keywords and CnosDB names
		add(inputs, "SELECT", "select", "DROP", "TABLE", "DATABASE", "USER", "TENANT", "ROLE", "NULL", "null", "TRUE",
				"false", "time", "TIME", "Time", "WITH", "TTL", "AFTER", "AS", "OR", "AND", "IF", "EXISTS", "public",
				"cnosdb", "root", "owner", "member", "information_schema", "cluster_schema", "usage_schema", "*",
				"SELECT * FROM air", "DROP DATABASE public", "1=1", "GRANT ALL ON DATABASE x TO ROLE y");
		// Placeholders and template syntax
		add(inputs, "?", "??", "'?'", ":name", ":1", "::", "::BIGINT", "$1", "$$", "$$ x $$", "$tag$", "%s", "%n", "%",
				"${jndi:ldap://127.0.0.1/x}", "#{x}", "{{x}}", "<script>alert(1)</script>", "../../etc/passwd", "@",
				"@@", "&", "|", "^", "~", "!", "=", "<>", "()", "[]", "{}", ",", "a,b", "(", ")", "_", "__", "$");
		// Slashes and dots (CnosDB refuses '/' in new names; tenants refuse '.')
		add(inputs, "/", "a/b", "/etc/passwd", ".", "..", "a.b", "db.table", "\"a\".\"b\"", "cnosdb.public", ".hidden");
		// Numbers and values
		add(inputs, "1", "-1", "0", "1e10", "0x10", "NaN", "Infinity", "1; DROP", "7d", "2y1M", "inf", "INF", "128MiB",
				"300M", "1.5 GiB", "7d'", "7d; DROP DATABASE x", "1Y", "30");
		// Mixed
		List<String> seeds = List.of("'", "\"", "--", "/*", ";", "\\", "\0", "\n", "\u202E", "\uD800");
		for (String seed : seeds) {
			inputs.add("pre" + seed + "post");
			inputs.add(seed + seed + seed);
		}
		return new ArrayList<>(inputs);
	}

	private static void add(Set<String> inputs, String... values) {
		for (String value : values) {
			inputs.add(value);
		}
	}

}
