package io.cnosdb.client;

import java.io.CharConversionException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import io.cnosdb.client.support.CnosExceptionTranslator;
import io.cnosdb.client.support.CnosValueConverter;
import io.cnosdb.client.support.ErrorTrailerInputStream;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Reads a CSV result from an open response, one row at a time. The first record is the
 * header (CnosDB always sends it, even for an empty result); an empty body (DDL) has no
 * columns and no rows. Closing the cursor closes the response.
 *
 * @author CnosDB Spring Boot contributors
 */
final class ResultCursor implements Iterator<CnosRow>, Closeable {

	private final ClientHttpResponse response;

	private final String task;

	private final @Nullable String sql;

	private final CnosExceptionTranslator translator;

	private final ErrorTrailerInputStream body;

	private final CloseableIterator<ResultFields> records;

	/** The fields of the record just read, handed to the current target. */
	private final ResultFields fields;

	/** The target of {@link #next()}: each field as text. */
	private final Texts texts = new Texts();

	private final CnosRow.Columns columns;

	private final Observation observation;

	private @Nullable CnosRow next;

	private boolean finished;

	private boolean closed;

	ResultCursor(ClientHttpResponse response, String task, @Nullable String sql, CnosExceptionTranslator translator,
			Observation observation) {
		this.response = response;
		this.task = task;
		this.sql = sql;
		this.translator = translator;
		this.observation = observation;
		try {
			this.body = new ErrorTrailerInputStream(response.getBody());
			// A decoder that reports bytes that are not UTF-8 rather than replacing them.
			InputStreamReader text = new InputStreamReader(this.body, StandardCharsets.UTF_8.newDecoder());
			this.fields = new ResultFields(this.texts);
			this.records = this.fields.read(text).iterator();
			@Nullable String[] header = readRecord(false);
			this.columns = new CnosRow.Columns((header != null) ? Arrays.asList(header) : List.of());
			this.texts.width = Math.max(1, this.columns.names().size());
		}
		catch (IOException | UncheckedIOException | CsvParseException ex) {
			throw fail(translate(ex));
		}
		catch (RuntimeException ex) {
			throw fail(ex);
		}
	}

	List<String> columnNames() {
		return this.columns.names();
	}

	@Override
	public boolean hasNext() {
		if (this.next == null && !this.finished) {
			this.next = advance();
		}
		return this.next != null;
	}

	@Override
	public CnosRow next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		CnosRow row = this.next;
		this.next = null;
		return row;
	}

	private @Nullable CnosRow advance() {
		try {
			@Nullable String[] values = readRecord(true);
			if (values == null) {
				this.finished = true;
				return null;
			}
			if (values.length != this.columns.names().size()) {
				throw fieldCountMismatch(values.length);
			}
			return new CnosRow(this.columns, values);
		}
		catch (UncheckedIOException | CsvParseException ex) {
			throw fail(translate(ex));
		}
		catch (RuntimeException ex) {
			throw fail(ex);
		}
	}

	/**
	 * Read the next row into a record reader instead of a {@link CnosRow}: the same
	 * record, field count and end-of-result handling as {@link #next()}, with each cell
	 * converted by the reader as it is read (NULL and the empty string as {@code null}).
	 * The reader keeps a value it cannot convert for {@link RecordRowReader#build()}, so
	 * that, as with a row mapper, it is thrown only after the whole record was read and
	 * its field count checked.
	 * @param reader the reader of this result's rows
	 * @return {@code false} at the end of the result
	 */
	boolean readRow(RecordRowReader<?> reader) {
		if (this.finished) {
			return false;
		}
		try {
			this.fields.target(reader);
			if (!this.records.hasNext()) {
				end();
				this.finished = true;
				return false;
			}
			this.records.next();
			int count = this.fields.count();
			if (count != this.columns.names().size()) {
				throw fieldCountMismatch(count);
			}
			return true;
		}
		catch (UncheckedIOException | CsvParseException ex) {
			throw fail(translate(ex));
		}
		catch (RuntimeException ex) {
			throw fail(ex);
		}
	}

	/**
	 * Return the rows to come as records read by {@link #readRow(RecordRowReader)}.
	 * @param <T> the record type
	 * @param reader the reader of this result's rows
	 * @return the records, ordered
	 */
	<T> Spliterator<T> spliterator(RecordRowReader<T> reader) {
		return new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {

			@Override
			public boolean tryAdvance(Consumer<? super T> action) {
				if (!readRow(reader)) {
					return false;
				}
				action.accept(reader.build());
				return true;
			}

			@Override
			public void forEachRemaining(Consumer<? super T> action) {
				while (readRow(reader)) {
					action.accept(reader.build());
				}
			}

		};
	}

	/**
	 * Translate a failure to read the result: FastCSV reports one of the body's stream as
	 * {@link UncheckedIOException} and a malformed record as {@link CsvParseException}.
	 */
	private RuntimeException translate(Exception ex) {
		if (ex instanceof UncheckedIOException unchecked && unchecked.getCause() instanceof CharacterCodingException) {
			// The decoder's own message says only how many bytes are wrong.
			CharConversionException notUtf8 = new CharConversionException(
					"bytes that are not UTF-8 in the result, at or after line " + this.fields.line());
			notUtf8.initCause(ex);
			return this.translator.translate(this.task, this.sql, notUtf8);
		}
		return this.translator.translate(this.task, this.sql, ex);
	}

	private RuntimeException fieldCountMismatch(int fields) {
		return this.translator.translate(this.task, this.sql, new IllegalStateException("a row has " + fields
				+ " fields but the header names " + this.columns.names().size() + " columns " + this.columns.names()));
	}

	/**
	 * Read the next record as texts, or return {@code null} at the end of the result.
	 */
	private @Nullable String @Nullable [] readRecord(boolean emptyAsNull) {
		this.fields.target(this.texts);
		this.texts.start(emptyAsNull);
		if (this.records.hasNext()) {
			this.records.next();
			return this.texts.values(this.fields.count());
		}
		end();
		return null;
	}

	/**
	 * At the end of the result: throw the error CnosDB appended to a streamed result,
	 * after every row before it has been read.
	 */
	private void end() {
		String trailer = this.body.trailer();
		if (trailer != null) {
			throw fail(this.translator.translateStreamedError(this.task, this.sql, trailer));
		}
	}

	/** Return the parser's buffers; the response is closed right after. */
	private void closeParser() {
		CloseableIterator<ResultFields> parser = this.records;
		if (parser != null) {
			try {
				parser.close();
			}
			catch (IOException | RuntimeException ex) {
				// Reading stops here either way.
			}
		}
	}

	/** Record the failure on the observation and close. */
	private RuntimeException fail(RuntimeException ex) {
		if (!this.closed) {
			this.observation.error(ex);
		}
		close();
		return ex;
	}

	/** Close the response, which ends the query's observation. */
	@Override
	public void close() {
		this.finished = true;
		if (!this.closed) {
			this.closed = true;
			try {
				closeParser();
				this.response.close();
			}
			finally {
				this.observation.stop();
			}
		}
	}

	/**
	 * Keeps the fields of a record as texts, in an array the size of the header when they
	 * fit.
	 */
	private static final class Texts implements ResultFields.Target {

		private int width = 8;

		private boolean emptyAsNull;

		private @Nullable String[] values = new String[0];

		void start(boolean emptyAsNull) {
			this.emptyAsNull = emptyAsNull;
			this.values = new String[this.width];
		}

		@Override
		public void field(int index, char[] buffer, int offset, int length) {
			if (index == this.values.length) {
				this.values = Arrays.copyOf(this.values, Math.max(8, index * 2));
			}
			// CnosDB renders NULL as an empty field.
			this.values[index] = this.emptyAsNull ? CnosValueConverter.text(buffer, offset, length)
					: new String(buffer, offset, length);
		}

		@Nullable String[] values(int count) {
			return (count == this.values.length) ? this.values : Arrays.copyOf(this.values, count);
		}

	}

}
