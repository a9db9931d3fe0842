package io.cnosdb.client.write;

/**
 * Finds the lines of raw line-protocol text and checks each for what CnosDB would get
 * wrong without an error: a line without a field set (which swallows the next line), a
 * key without {@code =} and value, an unterminated string value, a trailing backslash
 * and, under a precision that needs one, a missing timestamp (which overflows). Blank
 * lines and {@code #} comments are skipped. Nothing is copied here:
 * {@link LineProtocolBuffer#appendLines(CharSequence)} copies the lines this finds.
 *
 * @author CnosDB Spring Boot contributors
 */
final class LineProtocolScanner {

	private LineProtocolScanner() {
	}

	/**
	 * Skip blank space, line ends and {@code #} comments.
	 * @param text the text
	 * @param from where to start
	 * @return the index where the next line starts, or the length of the text if no line
	 * is left
	 */
	static int nextLineStart(CharSequence text, int from) {
		int length = text.length();
		int i = from;
		while (i < length) {
			char c = text.charAt(i);
			if (c == '#') {
				while (i < length && !isLineEnd(text.charAt(i))) {
					i++;
				}
			}
			else if (c == ' ' || c == '\t' || isLineEnd(c)) {
				i++;
			}
			else {
				return i;
			}
		}
		return length;
	}

	/**
	 * Find the end of the line starting at {@code start} (the index of its {@code \r} or
	 * {@code \n}, or the end of the text), checking its structure on the way. A newline
	 * inside a quoted string value belongs to the value.
	 * @param text the text
	 * @param start the index of the line's first character
	 * @param lineNumber the line's number within the text, counted from 1, for messages
	 * @param precision the precision the line will be written with
	 * @return the index after the line's last character
	 * @throws IllegalArgumentException naming the line if it cannot be written as it is
	 */
	static int checkLine(CharSequence text, int start, int lineNumber, WritePrecision precision) {
		int length = text.length();
		int i = start;
		// Measurement: ends at an unescaped ',' (tags follow) or space (fields follow).
		boolean tags = false;
		while (true) {
			if (i >= length || isLineEnd(text.charAt(i))) {
				throw lineError(text, start, i, lineNumber,
						"has no field set (CnosDB would read the next line into it)");
			}
			char c = text.charAt(i);
			if (c == '\\') {
				i = skipEscape(text, i, start, lineNumber);
			}
			else if (c == ',') {
				i++;
				tags = true;
				break;
			}
			else if (c == ' ') {
				break;
			}
			else {
				i++;
			}
		}
		// Tags: a key ends at '=' (',' and space do not end it in CnosDB); a value at ','
		// or space.
		while (tags) {
			i = skipTo(text, i, '=', start, lineNumber);
			i++;
			while (true) {
				if (i >= length || isLineEnd(text.charAt(i))) {
					throw lineError(text, start, i, lineNumber,
							"has no field set (CnosDB would read the next line into it)");
				}
				char c = text.charAt(i);
				if (c == '\\') {
					i = skipEscape(text, i, start, lineNumber);
				}
				else if (c == ',') {
					i++;
					break;
				}
				else if (c == ' ') {
					tags = false;
					break;
				}
				else {
					i++;
				}
			}
		}
		while (i < length && text.charAt(i) == ' ') {
			i++;
		}
		// Fields: key '=' value { ',' key '=' value }.
		while (true) {
			i = skipTo(text, i, '=', start, lineNumber);
			i++;
			if (i < length && text.charAt(i) == '"') {
				i++;
				while (true) {
					if (i >= length) {
						throw lineError(text, start, i, lineNumber, "has a string value without its closing quote");
					}
					char c = text.charAt(i);
					if (c == '\\') {
						i = skipEscape(text, i, start, lineNumber);
					}
					else if (c == '"') {
						i++;
						break;
					}
					else {
						i++;
					}
				}
			}
			while (i < length && !isLineEnd(text.charAt(i)) && text.charAt(i) != ',' && text.charAt(i) != ' ') {
				i++;
			}
			if (i < length && text.charAt(i) == ',') {
				i++;
				continue;
			}
			break;
		}
		// Optional timestamp after one or more spaces.
		while (i < length && text.charAt(i) == ' ') {
			i++;
		}
		boolean timestamp = i < length && !isLineEnd(text.charAt(i));
		while (i < length && !isLineEnd(text.charAt(i))) {
			i++;
		}
		if (!timestamp && !precision.allowsLinesWithoutTimestamp()) {
			throw lineError(text, start, i, lineNumber,
					"has no timestamp; CnosDB stamps such lines in nanoseconds and overflows under precision "
							+ precision.parameter());
		}
		return i;
	}

	/**
	 * Return the error for a line that holds an unpaired surrogate.
	 * @param text the text
	 * @param start the index of the line's first character
	 * @param end the index after the line's last character
	 * @param lineNumber the line's number within the text, counted from 1
	 * @param index the index of the surrogate within the line
	 * @return the error to throw
	 */
	static IllegalArgumentException unpairedSurrogate(CharSequence text, int start, int end, int lineNumber,
			int index) {
		return lineError(text, start, end, lineNumber,
				"contains an unpaired surrogate at index " + index + ", which has no UTF-8 form");
	}

	/** Skip to the next unescaped {@code target} on this line (a key's '='). */
	private static int skipTo(CharSequence text, int from, char target, int start, int lineNumber) {
		int length = text.length();
		int i = from;
		while (true) {
			if (i >= length || isLineEnd(text.charAt(i))) {
				throw lineError(text, start, i, lineNumber,
						"has a key without '=' and value (CnosDB would read the next line into it)");
			}
			char c = text.charAt(i);
			if (c == '\\') {
				i = skipEscape(text, i, start, lineNumber);
			}
			else if (c == target) {
				return i;
			}
			else {
				i++;
			}
		}
	}

	/** Step over a backslash and the character it escapes. */
	private static int skipEscape(CharSequence text, int backslash, int start, int lineNumber) {
		int next = backslash + 1;
		if (next >= text.length() || isLineEnd(text.charAt(next))) {
			throw lineError(text, start, next, lineNumber, "ends with a backslash, which escapes nothing");
		}
		return next + 1;
	}

	private static boolean isLineEnd(char c) {
		return c == '\n' || c == '\r';
	}

	private static IllegalArgumentException lineError(CharSequence text, int start, int end, int lineNumber,
			String reason) {
		int shownEnd = Math.min(Math.max(end, start), text.length());
		return new IllegalArgumentException("Line " + lineNumber + " " + reason + ": "
				+ LineProtocolRules.show(text.subSequence(start, shownEnd).toString()));
	}

}
