package io.cnosdb.client;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Thrown when CnosDB refuses an operation it does not support or forbids (a feature not
 * implemented, dropping a protected database, tenant or user), or a request it cannot
 * accept (a body above the server's size limit).
 */
public class CnosUnsupportedOperationException extends InvalidDataAccessApiUsageException implements CnosErrorAware {

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
	public CnosUnsupportedOperationException(String message, @Nullable CnosErrorResponse errorResponse,
			@Nullable String sql, @Nullable Throwable cause) {
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
