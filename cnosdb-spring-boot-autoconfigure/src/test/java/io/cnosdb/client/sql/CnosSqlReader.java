package io.cnosdb.client.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A test-side reader of SQL text that applies CnosDB's lexical rules (reference §7.1;
 * sqlparser 0.35 with CnosDB's dialect) and recovers what the server would read: words,
 * quoted identifiers ({@code ""} is one {@code "}), string literals ({@code ''} is one
 * {@code '}, backslash is ordinary), numbers, symbols and comments. Written independently
 * of the production code so that it can check it. Anything it does not understand fails
 * the test.
 */
public final class CnosSqlReader {

	private CnosSqlReader() {
	}

	/**
	 * Read SQL into tokens, skipping white space.
	 * @param sql the SQL as received
	 * @return the tokens
	 */
	public static List<Token> read(String sql) {
		List<Token> tokens = new ArrayList<>();
		int i = 0;
		while (i < sql.length()) {
			int c = sql.codePointAt(i);
			int size = Character.charCount(c);
			if (isWhiteSpace(c)) {
				i += size;
			}
			else if (c == '\'') {
				StringBuilder value = new StringBuilder();
				i = readQuoted(sql, i, '\'', value);
				tokens.add(Token.string(value.toString()));
			}
			else if (c == '"') {
				StringBuilder value = new StringBuilder();
				i = readQuoted(sql, i, '"', value);
				tokens.add(Token.ident(value.toString()));
			}
			else if (sql.startsWith("--", i)) {
				int end = sql.indexOf('\n', i);
				end = (end < 0) ? sql.length() : end + 1;
				tokens.add(new Token(Kind.COMMENT, sql.substring(i, end)));
				i = end;
			}
			else if (sql.startsWith("/*", i)) {
				int end = sql.indexOf("*/", i + 2);
				if (end < 0) {
					throw new IllegalStateException("unterminated comment at " + i + " in " + sql);
				}
				tokens.add(new Token(Kind.COMMENT, sql.substring(i, end + 2)));
				i = end + 2;
			}
			else if (Character.isAlphabetic(c) || c == '_' || c == '#' || c == '@') {
				int end = i + size;
				while (end < sql.length() && isWordPart(sql.codePointAt(end))) {
					end += Character.charCount(sql.codePointAt(end));
				}
				String word = sql.substring(i, end);
				if (end < sql.length() && sql.charAt(end) == '\'' && word.length() == 1
						&& "eEnNxX".indexOf(word.charAt(0)) >= 0) {
					throw new IllegalStateException("prefixed string " + word + "'...' at " + i + " in " + sql);
				}
				tokens.add(Token.word(word));
				i = end;
			}
			else if (c >= '0' && c <= '9') {
				int end = i;
				while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
					end++;
				}
				if (end < sql.length() && sql.charAt(end) == '.') {
					end++;
					while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
						end++;
					}
				}
				if (end + 1 < sql.length() && (sql.charAt(end) == 'E' || sql.charAt(end) == 'e')) {
					int exponent = end + 1;
					if (sql.charAt(exponent) == '-' || sql.charAt(exponent) == '+') {
						exponent++;
					}
					if (exponent < sql.length() && Character.isDigit(sql.charAt(exponent))) {
						end = exponent;
						while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
							end++;
						}
					}
				}
				tokens.add(Token.number(sql.substring(i, end)));
				i = end;
			}
			else if (sql.startsWith("::", i)) {
				tokens.add(Token.symbol("::"));
				i += 2;
			}
			else if ("(),;=.-+*/<>!:[]".indexOf(c) >= 0) {
				tokens.add(Token.symbol(String.valueOf((char) c)));
				i++;
			}
			else {
				throw new IllegalStateException("unexpected character U+" + Integer.toHexString(c) + " at " + i);
			}
		}
		return tokens;
	}

	private static int readQuoted(String sql, int start, char quote, StringBuilder value) {
		int i = start + 1;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (c == quote) {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
					value.append(quote);
					i += 2;
					continue;
				}
				return i + 1;
			}
			value.append(c);
			i++;
		}
		throw new IllegalStateException("unterminated " + quote + " at " + start);
	}

	private static boolean isWordPart(int c) {
		return Character.isAlphabetic(c) || (c >= '0' && c <= '9') || c == '_' || c == '$' || c == '#' || c == '@';
	}

	/** Rust's {@code char::is_whitespace}: the Unicode White_Space property. */
	private static boolean isWhiteSpace(int c) {
		return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
				|| (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
				|| c == 0x3000;
	}

	/** The kinds of token. */
	public enum Kind {

		/** An unquoted identifier or keyword. */
		WORD,
		/** A double-quoted identifier. */
		IDENT,
		/** A single-quoted string literal. */
		STRING,
		/** A number. */
		NUMBER,
		/** Punctuation or an operator. */
		SYMBOL,
		/** A comment. */
		COMMENT

	}

	/**
	 * One token: its kind and the value the server reads (for words, the text as
	 * written).
	 *
	 * @param kind the kind
	 * @param value the value
	 */
	public record Token(Kind kind, String value) {

		/**
		 * A word.
		 * @param text the word
		 * @return the token
		 */
		public static Token word(String text) {
			return new Token(Kind.WORD, text);
		}

		/**
		 * A quoted identifier.
		 * @param name the name read
		 * @return the token
		 */
		public static Token ident(String name) {
			return new Token(Kind.IDENT, name);
		}

		/**
		 * A string literal.
		 * @param value the value read
		 * @return the token
		 */
		public static Token string(String value) {
			return new Token(Kind.STRING, value);
		}

		/**
		 * A number.
		 * @param text the number
		 * @return the token
		 */
		public static Token number(String text) {
			return new Token(Kind.NUMBER, text);
		}

		/**
		 * A symbol.
		 * @param text the symbol
		 * @return the token
		 */
		public static Token symbol(String text) {
			return new Token(Kind.SYMBOL, text);
		}

		/**
		 * The tokens of a run of keywords and symbols written with spaces, such as
		 * {@code "CREATE DATABASE"}.
		 * @param text the words
		 * @return the tokens
		 */
		public static List<Token> words(String text) {
			List<Token> tokens = new ArrayList<>();
			for (String part : text.split(" ")) {
				if (part.chars().allMatch(Character::isLetter) || part.contains("_")) {
					tokens.add(word(part));
				}
				else if (part.chars().allMatch(Character::isDigit)) {
					tokens.add(number(part));
				}
				else {
					tokens.add(symbol(part));
				}
			}
			return tokens;
		}

	}

}
