package io.cnosdb.client.write;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cnosdb.client.write.LineProtocolBuffer.ErrorLocation;

import org.jspecify.annotations.Nullable;

/**
 * Turns the message of a CnosDB line-protocol parse error ({@code 040004}) back into the
 * line of the request body it is about; see
 * {@link LineProtocolBuffer#locateParseError(String)} for the forms of message every
 * release sends.
 *
 * @author CnosDB Spring Boot contributors
 */
final class ParseErrorLocator {

	/**
	 * A byte position at the end of a parse error: {@code at 31} (every release) or
	 * {@code at '31'} (2.4.3 and later, for an unexpected end).
	 */
	private static final Pattern PARSE_ERROR_OFFSET = Pattern.compile(" at '?(\\d+)'?$");

	/** The value a parse error names, which may span lines. */
	private static final Pattern PARSE_ERROR_VALUE = Pattern.compile("invalid field value: '(.*)'$", Pattern.DOTALL);

	private ParseErrorLocator() {
	}

	/**
	 * Find the line of a request body that a parse error is about.
	 * @param body the request body
	 * @param bytes the bytes of that body
	 * @param message the server's error message
	 * @return where the error is, or {@code null} if the message names neither a position
	 * nor a value found in the body
	 */
	static @Nullable ErrorLocation locate(LineProtocolBuffer body, LineProtocolWriter bytes, @Nullable String message) {
		if (message == null) {
			return null;
		}
		String text = message.strip();
		Matcher offset = PARSE_ERROR_OFFSET.matcher(text);
		if (offset.find()) {
			int position;
			try {
				position = Integer.parseInt(offset.group(1));
			}
			catch (NumberFormatException ex) {
				return null;
			}
			return new ErrorLocation(body.lineIndexAt(position), "byte " + position + " of the request body");
		}
		Matcher value = PARSE_ERROR_VALUE.matcher(text);
		if (value.find()) {
			return locateFieldValue(body, bytes, value.group(1));
		}
		return null;
	}

	/** Find the lines with {@code =value} in their field set. */
	private static @Nullable ErrorLocation locateFieldValue(LineProtocolBuffer body, LineProtocolWriter bytes,
			String value) {
		byte[] wanted = ("=" + value).getBytes(StandardCharsets.UTF_8);
		int size = bytes.size();
		int first = -1;
		int lines = 0;
		int lastLine = -1;
		for (int at = 0; at + wanted.length <= size; at++) {
			if (!bytes.regionMatches(at, wanted)) {
				continue;
			}
			int end = at + wanted.length;
			if (end < size && !isValueEnd(bytes.byteAt(end))) {
				continue;
			}
			int line = body.lineIndexAt(at);
			if (at < fieldSetStart(body, bytes, line)) {
				// A tag value, which the parser does not read as a field value.
				continue;
			}
			if (line != lastLine) {
				lines++;
				lastLine = line;
				first = (first < 0) ? line : first;
			}
		}
		if (first < 0) {
			return null;
		}
		String shown = "the value " + LineProtocolRules.show(value);
		return new ErrorLocation(first, (lines == 1) ? shown : shown + " (first of " + lines + " lines with it)");
	}

	/** Return the offset of the first unescaped space of a line: where fields start. */
	private static int fieldSetStart(LineProtocolBuffer body, LineProtocolWriter bytes, int line) {
		int end = body.endOfLine(line);
		for (int i = body.startOfLine(line); i < end; i++) {
			if (bytes.byteAt(i) == '\\') {
				i++;
			}
			else if (bytes.byteAt(i) == ' ') {
				return i;
			}
		}
		return end;
	}

	private static boolean isValueEnd(byte b) {
		return b == ',' || b == ' ' || b == '\n' || b == '\r';
	}

}
