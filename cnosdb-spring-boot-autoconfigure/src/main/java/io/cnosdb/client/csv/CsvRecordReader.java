package io.cnosdb.client.csv;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import org.jspecify.annotations.Nullable;

/**
 * Reads the records of CSV text one at a time with FastCSV (RFC 4180: quoted values may
 * hold commas, quotes and newlines), skipping a byte order mark and empty lines, and
 * knowing the line where each record starts. Failures are {@link CnosCsvImportException}s
 * that name the line; they say no rows were written, which the caller corrects.
 *
 * @author CnosDB Spring Boot contributors
 */
final class CsvRecordReader implements AutoCloseable {

	/**
	 * Records of any field count (the import names the columns a record lacks or has too
	 * many of), and a quote still open at the end of the input is malformed (not a value
	 * that runs to the end).
	 */
	private static final CsvReader.CsvReaderBuilder CSV = CsvReader.builder()
		.allowUnclosedQuote(false)
		.extraFieldStrategy(FieldMismatchStrategy.IGNORE)
		.missingFieldStrategy(FieldMismatchStrategy.IGNORE);

	private final Values handler = new Values();

	private final CloseableIterator<List<String>> records;

	/**
	 * Open a reader over the text; it is read as far as the records asked for and not
	 * closed.
	 * @param reader the CSV text
	 * @throws CnosCsvImportException if the text cannot be read
	 */
	CsvRecordReader(Reader reader) {
		this.records = CSV.build(this.handler, withoutByteOrderMark(reader)).iterator();
	}

	/**
	 * Return the line where the record last read (or being read) starts.
	 * @return the line, from 1
	 */
	long line() {
		return this.handler.line();
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
		this.handler.values = values;
		try {
			if (!this.records.hasNext()) {
				return false;
			}
			this.records.next();
			return true;
		}
		catch (UncheckedIOException ex) {
			String message = isEncodingError(ex) ? notUtf8(ex)
					: "Cannot read the CSV input: " + Objects.requireNonNullElse(ex.getCause(), ex).getMessage();
			throw failure(message, -1, ex);
		}
		catch (CsvParseException ex) {
			throw failure("Malformed CSV in the row starting at line " + line() + ": " + ex.getMessage(), line(), ex);
		}
	}

	@Override
	public void close() {
		try {
			this.records.close();
		}
		catch (IOException ex) {
			throw failure("Cannot read the CSV input: " + ex.getMessage(), -1, ex);
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

	/**
	 * Adds each field of a record to the list of values of the current call; empty lines
	 * are skipped by the reader.
	 */
	private static final class Values extends AbstractBaseCsvCallbackHandler<List<String>> {

		private List<String> values = new ArrayList<>();

		long line() {
			return getStartingLineNumber();
		}

		@Override
		protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
			this.values.add(new String(buf, offset, len));
		}

		@Override
		protected List<String> buildRecord() {
			return this.values;
		}

	}

}
