package io.cnosdb.client.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * Text helpers for messages.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class Texts {

	/** What a password literal is shown as. */
	public static final String MASKED_LITERAL = "'******'";

	/** Markup that carries no readable text: scripts, styles, comments. */
	private static final Pattern HTML_NOISE = Pattern.compile(
			"<(script|style)\\b[^>]*>.*?</\\1\\s*>|<!--.*?-->|<!DOCTYPE[^>]*>",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static final Pattern HTML_TAG = Pattern.compile("</?[A-Za-z][^>]*>");

	private static final Pattern LOOKS_LIKE_HTML = Pattern.compile("<(!DOCTYPE|html|head|body|title|h1|p|div)\\b",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	/**
	 * A password option with its string literal, as CnosDB's {@code CREATE USER} and
	 * {@code ALTER USER} take it: {@code PASSWORD = '…'} (the {@code =} may be left out;
	 * a quote inside the literal is doubled). {@code MUST_CHANGE_PASSWORD} does not
	 * match.
	 */
	private static final Pattern PASSWORD_LITERAL = Pattern.compile("(?<![\\w$])(PASSWORD\\s*=?\\s*)'((?:[^']|'')*)'",
			Pattern.CASE_INSENSITIVE);

	private Texts() {
	}

	/**
	 * Cut a text to at most {@code max} characters, marking the cut with an ellipsis.
	 * @param text the text
	 * @param max the most characters kept
	 * @return the text, or its first {@code max} characters followed by {@code …}
	 */
	public static String abbreviate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max) + "…";
	}

	/**
	 * Turn the start of a foreign answer (a proxy's error page, a login page, random
	 * bytes) into one line fit for a message: HTML markup removed and its entities
	 * decoded, control characters shown as {@code �}, white space collapsed, and the
	 * result cut to {@code max} characters.
	 * @param text the text as received
	 * @param max the most characters kept
	 * @return the readable start of the text (possibly empty)
	 */
	public static String readableStart(String text, int max) {
		String plain = text;
		if (LOOKS_LIKE_HTML.matcher(text).find()) {
			plain = HTML_NOISE.matcher(plain).replaceAll(" ");
			plain = HTML_TAG.matcher(plain).replaceAll(" ");
			plain = HtmlUtils.htmlUnescape(plain);
		}
		StringBuilder shown = new StringBuilder(Math.min(plain.length(), max + 16));
		for (int i = 0; i < plain.length() && shown.length() <= max; i++) {
			char c = plain.charAt(i);
			boolean control = Character.isISOControl(c) && !Character.isWhitespace(c);
			shown.append(control ? '\uFFFD' : c);
		}
		String line = WHITESPACE.matcher(shown).replaceAll(" ").strip();
		return abbreviate(line, max);
	}

	/**
	 * Mask the string literal of every {@code PASSWORD = '…'} option in a text (a
	 * statement, or a server message that quotes one), so that a password is never shown
	 * whatever its length.
	 * @param text the text
	 * @return the text with each such literal shown as {@code '******'}
	 */
	public static String maskPasswordLiterals(String text) {
		Matcher matcher = PASSWORD_LITERAL.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		return matcher.replaceAll((match) -> Matcher.quoteReplacement(match.group(1) + MASKED_LITERAL));
	}

	/**
	 * Return the contents of every {@code PASSWORD = '…'} literal in a statement, as
	 * written (quotes doubled), in order.
	 * @param sql the statement
	 * @return the literals' contents, without the enclosing quotes
	 */
	public static List<String> passwordLiterals(String sql) {
		List<String> literals = new ArrayList<>();
		Matcher matcher = PASSWORD_LITERAL.matcher(sql);
		while (matcher.find()) {
			literals.add(matcher.group(2));
		}
		return literals;
	}

}
