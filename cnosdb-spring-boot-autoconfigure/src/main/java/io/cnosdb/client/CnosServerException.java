package io.cnosdb.client;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.NonTransientDataAccessResourceException;

/**
 * Thrown when CnosDB fails in a way no other exception describes: an internal error
 * ({@code 019998}), an HTTP 500 with an empty body, an error code this client does not
 * know, or a response it cannot read.
 */
public class CnosServerException extends NonTransientDataAccessResourceException implements CnosErrorAware {

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
	public CnosServerException(String message, @Nullable CnosErrorResponse errorResponse, @Nullable String sql,
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
