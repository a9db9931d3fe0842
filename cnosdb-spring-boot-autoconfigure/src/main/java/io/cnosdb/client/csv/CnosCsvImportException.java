package io.cnosdb.client.csv;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.NonTransientDataAccessException;

/**
 * Thrown when a CSV import stops: a malformed row (wrong number of values, a value that
 * is not of its column's type, a bad timestamp), a header that does not match the table,
 * unreadable input, or a request the server refused. It says where the import stopped and
 * how many rows were written before that, so nothing is lost unknowingly: rows before the
 * failing one are written, none after it is.
 *
 * @author CnosDB Spring Boot contributors
 */
public class CnosCsvImportException extends NonTransientDataAccessException {

	private static final long serialVersionUID = 1L;

	private final long lineNumber;

	private final @Nullable String column;

	private final @Nullable String value;

	private final long rowsWritten;

	/**
	 * Create a new exception.
	 * @param message the detail message
	 * @param lineNumber the line of the CSV input where the failing row starts (from 1),
	 * or {@code -1}
	 * @param column the CSV column at fault, or {@code null}
	 * @param value the value at fault, or {@code null}
	 * @param rowsWritten the number of rows written before the failure
	 * @param cause the cause, or {@code null}
	 */
	public CnosCsvImportException(String message, long lineNumber, @Nullable String column, @Nullable String value,
			long rowsWritten, @Nullable Throwable cause) {
		super(message, cause);
		this.lineNumber = lineNumber;
		this.column = column;
		this.value = value;
		this.rowsWritten = rowsWritten;
	}

	/**
	 * Return the line of the CSV input where the failing row starts, counted from 1 (the
	 * header is line 1), or {@code -1} if the failure is not tied to a row.
	 * @return the line number, or {@code -1}
	 */
	public long getLineNumber() {
		return this.lineNumber;
	}

	/**
	 * Return the CSV column at fault, or {@code null}.
	 * @return the column name, or {@code null}
	 */
	public @Nullable String getColumn() {
		return this.column;
	}

	/**
	 * Return the value at fault, or {@code null}.
	 * @return the value, or {@code null}
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	/**
	 * Return the number of rows acknowledged by the server before the import stopped.
	 * @return the rows written
	 */
	public long getRowsWritten() {
		return this.rowsWritten;
	}

}
