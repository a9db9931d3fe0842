package io.cnosdb.client;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.PermissionDeniedDataAccessException;

/**
 * Thrown when the credentials are valid but the user lacks a privilege (CnosDB code
 * {@code 010004}), including the {@code root} user that must change its password first.
 */
public class CnosPermissionDeniedException extends PermissionDeniedDataAccessException implements CnosErrorAware {

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
	public CnosPermissionDeniedException(String message, @Nullable CnosErrorResponse errorResponse,
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
