package io.cnosdb.client;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Thrown when CnosDB cannot be reached (connection refused, unknown host, connection
 * reset) or answers in a way that shows {@code cnosdb.url} does not point at a CnosDB
 * query node (HTTP 404 or 405).
 */
public class CnosResourceFailureException extends DataAccessResourceFailureException implements CnosErrorAware {

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
	public CnosResourceFailureException(String message, @Nullable CnosErrorResponse errorResponse, @Nullable String sql,
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
