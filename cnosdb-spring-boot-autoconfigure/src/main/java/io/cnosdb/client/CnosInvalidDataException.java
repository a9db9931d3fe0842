package io.cnosdb.client;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Thrown when CnosDB rejects the data of a write or insert: malformed line protocol
 * ({@code 040004}), invalid UTF-8, a missing required value, a timestamp that overflows
 * or is older than the database's TTL; or when a statement meets a value it cannot
 * compute with: a string that does not convert to the column's type, a number out of
 * range, a division by zero (Arrow's cast, parser, overflow and divide-by-zero errors,
 * reported as {@code 010002}, {@code 010001} or, in a streamed result, {@code 040007}).
 */
public class CnosInvalidDataException extends DataIntegrityViolationException implements CnosErrorAware {

	private static final long serialVersionUID = 1L;

	private final @Nullable CnosErrorResponse errorResponse;

	private final @Nullable String sql;

	/**
	 * Create a new exception.
	 * @param message the detail message
	 * @param errorResponse what CnosDB answered, or {@code null}
	 * @param sql the SQL that failed, or {@code null}
	 * @param cause the cause, or {@code null}
	 */
	public CnosInvalidDataException(String message, @Nullable CnosErrorResponse errorResponse, @Nullable String sql,
			@Nullable Throwable cause) {
		super(message, cause);
		this.errorResponse = errorResponse;
		this.sql = sql;
	}

	@Override
	public @Nullable CnosErrorResponse getErrorResponse() {
		return this.errorResponse;
	}

	@Override
	public @Nullable String getSql() {
		return this.sql;
	}

}
