package io.cnosdb.client.csv;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The {@code file://} URL that {@code COPY INTO} reads a file on the server's disk from.
 * CnosDB 2.4 parses it as a URL, not as a path, so a path that a URL reads otherwise
 * would import another file or none. As the server showed:
 * <ul>
 * <li>{@code %} is percent-decoded ({@code %41} reads as {@code A});</li>
 * <li>{@code #} and {@code ?} cut the path (a fragment, a query);</li>
 * <li>a backslash reads as {@code /};</li>
 * <li>tabs and newlines are dropped, and so is a space at the end;</li>
 * <li>{@code " * < > [ ] ^ ` { | } ~}, other control characters and every character
 * outside ASCII are percent-encoded, and the server looks for the encoded name, which is
 * never there.</li>
 * </ul>
 * Such paths are refused before anything is sent. Spaces inside the path, apostrophes and
 * {@code ! $ & ( ) + , - . : ; = @ _} are read as themselves.
 *
 * @author CnosDB Spring Boot contributors
 */
final class ServerFileUrl {

	private static final String ENCODED = "\"*<>[]^`{|}~";

	private ServerFileUrl() {
	}

	/**
	 * Return the {@code file://} URL of an absolute path on the server.
	 * @param serverPath the path
	 * @return the URL
	 * @throws IllegalArgumentException if the path is not absolute or holds a character
	 * the server would read otherwise than as itself
	 */
	static String of(@Nullable String serverPath) {
		Assert.isTrue(serverPath != null && serverPath.startsWith("/"),
				() -> "The server path must be absolute, not '" + serverPath + "'");
		for (int i = 0; i < serverPath.length(); i = serverPath.offsetByCodePoints(i, 1)) {
			int c = serverPath.codePointAt(i);
			String why = misreadBecause(c, i == serverPath.length() - 1);
			if (why != null) {
				throw new IllegalArgumentException("The server path '" + serverPath + "' cannot be imported: it holds "
						+ describe(c) + " at index " + i + ", and the server reads the path as a URL, " + why);
			}
		}
		return "file://" + serverPath;
	}

	private static @Nullable String misreadBecause(int c, boolean last) {
		if (c == '%') {
			return "which decodes '%' as the start of a percent escape";
		}
		if (c == '#') {
			return "where '#' starts a fragment and cuts the path";
		}
		if (c == '?') {
			return "where '?' starts a query and cuts the path";
		}
		if (c == '\\') {
			return "where a backslash reads as '/'";
		}
		if (c == '\t' || c == '\n' || c == '\r') {
			return "which drops tabs and newlines";
		}
		if (c == ' ' && last) {
			return "which drops a space at its end";
		}
		if (c < 0x20 || c >= 0x7F || ENCODED.indexOf(c) >= 0) {
			return "which percent-encodes it (" + percentEncoded(c) + "), so the file is never found";
		}
		return null;
	}

	private static String describe(int c) {
		String code = String.format(Locale.ROOT, "U+%04X", c);
		return (c < 0x20 || (c >= 0x7F && c <= 0x9F)) ? "the control character " + code
				: "'" + new String(Character.toChars(c)) + "' (" + code + ")";
	}

	private static String percentEncoded(int c) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
			encoded.append(String.format(Locale.ROOT, "%%%02X", b & 0xFF));
		}
		return encoded.toString();
	}

}
