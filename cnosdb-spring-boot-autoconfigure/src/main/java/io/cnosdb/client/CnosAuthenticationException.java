package io.cnosdb.client;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.PermissionDeniedDataAccessException;

/**
 * Thrown when CnosDB rejects the credentials: an unknown user, a wrong password (when the
 * server has {@code auth_enabled}), a user that is not a member of the tenant, or a
 * malformed {@code Authorization} header. CnosDB reports these as HTTP 422 with code
 * {@code 010016}, never as 401.
 */
public class CnosAuthenticationException extends PermissionDeniedDataAccessException implements CnosErrorAware {

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
	public CnosAuthenticationException(String message, @Nullable CnosErrorResponse errorResponse, @Nullable String sql,
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
