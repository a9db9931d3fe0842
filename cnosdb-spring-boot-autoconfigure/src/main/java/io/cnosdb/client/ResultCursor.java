package io.cnosdb.client;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;

import io.cnosdb.client.support.CnosExceptionTranslator;
import io.cnosdb.client.support.ErrorTrailerInputStream;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

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

	/**
	 * Without a schema, Jackson's CSV parser reads each record as an array of strings;
	 * wrapped in one outer array (read past once, at the start), which its parser reads a
	 * few percent faster than records at the root. The shared mapper, as the CSV import
	 * reads its files with.
	 */
	private static final ObjectReader CSV = CsvMapper.shared().reader().with(CsvReadFeature.WRAP_AS_ARRAY);

	private final ClientHttpResponse response;

	private final String task;

	private final @Nullable String sql;

	private final CnosExceptionTranslator translator;

	private final ErrorTrailerInputStream body;

	private final JsonParser records;

	private final CnosRow.Columns columns;

	private final Observation observation;

	/** The number of fields a record has: those of the header once it has been read. */
	private int width = 8;

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
			// Jackson decodes the bytes as UTF-8 itself, and fails bytes that are not
			// UTF-8 naming the byte and where it is.
			this.records = CSV.createParser(this.body);
			// The outer array, also around an empty body.
			this.records.nextToken();
			@Nullable String[] header = readRecord(false);
			this.columns = new CnosRow.Columns((header != null) ? Arrays.asList(header) : List.of());
			this.width = Math.max(1, this.columns.names().size());
		}
		catch (IOException | JacksonException ex) {
			throw fail(translator.translate(task, sql, ex));
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
		catch (JacksonException ex) {
			throw fail(this.translator.translate(this.task, this.sql, ex));
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
			JsonParser parser = this.records;
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				String trailer = this.body.trailer();
				if (trailer != null) {
					throw fail(this.translator.translateStreamedError(this.task, this.sql, trailer));
				}
				this.finished = true;
				return false;
			}
			int count = reader.readRecord(parser);
			if (count != this.columns.names().size()) {
				throw fieldCountMismatch(count);
			}
			return true;
		}
		catch (JacksonException ex) {
			throw fail(this.translator.translate(this.task, this.sql, ex));
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

	private RuntimeException fieldCountMismatch(int fields) {
		return this.translator.translate(this.task, this.sql, new IllegalStateException("a row has " + fields
				+ " fields but the header names " + this.columns.names().size() + " columns " + this.columns.names()));
	}

	/**
	 * Read the next record, or return {@code null} at the end of the result. An error
	 * CnosDB appended to a streamed result is thrown here, after every row before it has
	 * been read.
	 */
	private @Nullable String @Nullable [] readRecord(boolean emptyAsNull) {
		if (this.records.nextToken() == JsonToken.START_ARRAY) {
			return readFields(emptyAsNull);
		}
		String trailer = this.body.trailer();
		if (trailer != null) {
			throw fail(this.translator.translateStreamedError(this.task, this.sql, trailer));
		}
		return null;
	}

	/**
	 * Read the fields of the record whose start was just read, into an array the size of
	 * the header when they fit. CnosDB renders NULL as an empty field.
	 */
	private @Nullable String[] readFields(boolean emptyAsNull) {
		@Nullable String[] fields = new String[this.width];
		int count = 0;
		JsonToken token;
		while ((token = this.records.nextToken()) != JsonToken.END_ARRAY) {
			if (token == null) {
				throw new IllegalStateException("the result ended inside a record");
			}
			if (count == fields.length) {
				fields = Arrays.copyOf(fields, Math.max(8, count * 2));
			}
			String text = (token != JsonToken.VALUE_NULL) ? this.records.getString() : null;
			fields[count++] = (emptyAsNull && text != null && text.isEmpty()) ? null : text;
		}
		return (count == fields.length) ? fields : Arrays.copyOf(fields, count);
	}

	/** Return the parser's buffers; the response is closed right after. */
	private void closeParser() {
		JsonParser parser = this.records;
		if (parser != null) {
			try {
				parser.close();
			}
			catch (RuntimeException ex) {
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

}
