package io.cnosdb.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Thrown when CnosDB refuses a request for a reason that may pass: memory exhausted
 * ({@code 050033}), a tenant rate limit ({@code 030024}), too many concurrent queries
 * ({@code 010012}), or an HTTP 429/502/503/504 from a proxy. The same request may succeed
 * later; this client never retries it by itself on the query path. The batching writer
 * ({@link io.cnosdb.client.batch.CnosBatchWriter}) retries it, waiting at least
 * {@link #getRetryAfter()} when the server or a proxy named a delay.
 */
public class CnosTransientException extends TransientDataAccessResourceException implements CnosErrorAware {

	private static final long serialVersionUID = 1L;

	private final @Nullable CnosErrorResponse errorResponse;

	private final @Nullable String sql;

	private final @Nullable Duration retryAfter;

	/**
	 * Create a new exception.
	 * @param message the detail message
	 * @param errorResponse what CnosDB answered, or {@code null}
	 * @param sql the SQL that failed, or {@code null}
	 * @param cause the cause, or {@code null}
	 */
	public CnosTransientException(String message, @Nullable CnosErrorResponse errorResponse, @Nullable String sql,
			@Nullable Throwable cause) {
		this(message, errorResponse, sql, cause, null);
	}

	/**
	 * Create a new exception that carries the delay the server asked for.
	 * @param message the detail message
	 * @param errorResponse what CnosDB answered, or {@code null}
	 * @param sql the SQL that failed, or {@code null}
	 * @param cause the cause, or {@code null}
	 * @param retryAfter the delay from a {@code Retry-After} header, or {@code null}
	 */
	public CnosTransientException(String message, @Nullable CnosErrorResponse errorResponse, @Nullable String sql,
			@Nullable Throwable cause, @Nullable Duration retryAfter) {
		super(message, cause);
		this.errorResponse = errorResponse;
		this.sql = sql;
		this.retryAfter = retryAfter;
	}

	/**
	 * Return the delay the answer asked for in its {@code Retry-After} header (sent by
	 * proxies with 429 or 503), or {@code null} if it named none.
	 * @return the delay, or {@code null}
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
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
