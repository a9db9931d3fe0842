package io.cnosdb.client;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Thrown when CnosDB refuses a request for a reason that may pass: memory exhausted
 * ({@code 050033}), a tenant rate limit ({@code 030024}), too many concurrent queries
 * ({@code 010012}), or an HTTP 429/502/503/504 from a proxy. The same request may succeed
 * later; this client never retries it by itself on the query path.
 */
public class CnosTransientException extends TransientDataAccessResourceException implements CnosErrorAware {

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
	public CnosTransientException(String message, @Nullable CnosErrorResponse errorResponse, @Nullable String sql,
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
