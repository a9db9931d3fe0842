package io.cnosdb.client.support;

/**
 * Text helpers for messages.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class Texts {

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

}
