package io.cnosdb.client;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import io.cnosdb.client.support.CnosExceptionTranslator;
import io.cnosdb.client.support.ErrorTrailerInputStream;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
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

	private static final ObjectReader CSV_READER = CsvMapper.shared()
		.readerFor(String[].class)
		.with(CsvReadFeature.WRAP_AS_ARRAY);

	private final ClientHttpResponse response;

	private final String task;

	private final @Nullable String sql;

	private final CnosExceptionTranslator translator;

	private final ErrorTrailerInputStream body;

	private final MappingIterator<String[]> records;

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
			this.records = CSV_READER.readValues(this.body);
			String[] header = readRecord();
			this.columns = new CnosRow.Columns((header != null) ? Arrays.asList(header) : List.of());
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
			String[] values = readRecord();
			if (values == null) {
				this.finished = true;
				return null;
			}
			if (values.length != this.columns.names().size()) {
				throw this.translator.translate(this.task, this.sql,
						new IllegalStateException("a row has " + values.length + " fields but the header names "
								+ this.columns.names().size() + " columns " + this.columns.names()));
			}
			for (int i = 0; i < values.length; i++) {
				if (values[i].isEmpty()) {
					values[i] = null;
				}
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
	 * Read the next record, or return {@code null} at the end of the result. An error
	 * CnosDB appended to a streamed result is thrown here, after every row before it has
	 * been read.
	 */
	private String @Nullable [] readRecord() {
		if (this.records.hasNextValue()) {
			return this.records.nextValue();
		}
		String trailer = this.body.trailer();
		if (trailer != null) {
			throw fail(this.translator.translateStreamedError(this.task, this.sql, trailer));
		}
		return null;
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
				this.response.close();
			}
			finally {
				this.observation.stop();
			}
		}
	}

}
