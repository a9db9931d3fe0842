package io.cnosdb.client.csv;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * Reads the records of CSV text one at a time with Jackson (RFC 4180: quoted values may
 * hold commas, quotes and newlines), skipping a byte order mark and empty lines, and
 * knowing the line where each record starts. Failures are {@link CnosCsvImportException}s
 * that name the line; they say no rows were written, which the caller corrects.
 *
 * @author CnosDB Spring Boot contributors
 */
final class CsvRecordReader implements AutoCloseable {

	private static final ObjectReader CSV_READER = CsvMapper.shared()
		.readerFor(String[].class)
		.with(CsvReadFeature.WRAP_AS_ARRAY)
		.with(CsvReadFeature.SKIP_EMPTY_LINES);

	private final JsonParser parser;

	private boolean started;

	private long recordStartLine = 1;

	/**
	 * Open a reader over the text; it is read as far as the records asked for and not
	 * closed.
	 * @param reader the CSV text
	 * @throws CnosCsvImportException if the text cannot be read
	 */
	CsvRecordReader(Reader reader) {
		Reader text = withoutByteOrderMark(reader);
		try {
			this.parser = CSV_READER.createParser(text);
		}
		catch (JacksonException ex) {
			throw cannotRead(ex);
		}
	}

	/**
	 * Return the line where the next record starts: after {@link #next}, the line just
	 * after the record it read.
	 * @return the line, from 1
	 */
	long nextRecordLine() {
		return this.recordStartLine;
	}

	/**
	 * Read the next record into {@code values}.
	 * @param values cleared, then filled with the values of the record
	 * @return false at the end of the input
	 * @throws CnosCsvImportException if the record is malformed or the input is not valid
	 * UTF-8
	 */
	boolean next(List<String> values) {
		values.clear();
		try {
			JsonToken token = this.parser.nextToken();
			if (!this.started && token == JsonToken.START_ARRAY) {
				// The array that wraps all records.
				token = this.parser.nextToken();
			}
			this.started = true;
			if (token != JsonToken.START_ARRAY) {
				return false;
			}
			while (true) {
				// The usual value, without a call for its token and another for its text.
				String value = this.parser.nextStringValue();
				if (value != null) {
					values.add(value);
					continue;
				}
				token = this.parser.currentToken();
				if (token == JsonToken.END_ARRAY) {
					break;
				}
				if (token == null) {
					throw failure("The CSV input ends inside the row starting at line " + this.recordStartLine,
							this.recordStartLine, null);
				}
				values.add(this.parser.getString());
			}
			this.recordStartLine = this.parser.currentLocation().getLineNr();
			return true;
		}
		catch (JacksonException ex) {
			if (isEncodingError(ex)) {
				throw failure(notUtf8(ex), -1, ex);
			}
			throw failure("Malformed CSV in the row starting at line " + this.recordStartLine + ": "
					+ ex.getOriginalMessage(), this.recordStartLine, ex);
		}
	}

	@Override
	public void close() {
		try {
			this.parser.close();
		}
		catch (JacksonException ex) {
			throw cannotRead(ex);
		}
	}

	/**
	 * The text less its byte order mark, if any; not buffered again (the parser reads it
	 * in blocks of its own).
	 */
	private static Reader withoutByteOrderMark(Reader reader) {
		PushbackReader text = new PushbackReader(reader, 1);
		try {
			int first = text.read();
			if (first != '\uFEFF' && first != -1) {
				text.unread(first);
			}
		}
		catch (IOException ex) {
			String message = isEncodingError(ex) ? notUtf8(ex) : "Cannot read the CSV input: " + ex.getMessage();
			throw failure(message, -1, ex);
		}
		return text;
	}

	private static CnosCsvImportException cannotRead(JacksonException ex) {
		return failure("Cannot read the CSV input: " + ex.getOriginalMessage(), -1, ex);
	}

	private static boolean isEncodingError(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof CharacterCodingException) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	/** Input is decoded ahead of parsing, so the line of a bad byte is not known. */
	private static String notUtf8(Throwable ex) {
		return "The CSV input is not valid UTF-8 (" + ex.getClass().getSimpleName() + ")";
	}

	private static CnosCsvImportException failure(String message, long line, @Nullable Throwable cause) {
		return new CnosCsvImportException(message, line, null, null, 0, cause);
	}

}
