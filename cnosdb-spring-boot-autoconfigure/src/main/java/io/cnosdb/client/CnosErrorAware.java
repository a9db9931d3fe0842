package io.cnosdb.client;

import org.jspecify.annotations.Nullable;

/**
 * Implemented by every exception this client throws, so that a caller can read what
 * CnosDB answered without knowing which
 * {@link org.springframework.dao.DataAccessException} subclass it caught.
 */
public interface CnosErrorAware {

	/**
	 * Return what CnosDB answered, or {@code null} when no answer arrived (the server
	 * could not be reached, or timed out).
	 * @return the server's error response, or {@code null}
	 */
	@Nullable CnosErrorResponse getErrorResponse();

	/**
	 * Return CnosDB's six-digit error code, such as {@code "030019"}, or {@code null}
	 * when there is none.
	 * @return the error code, or {@code null}
	 */
	default @Nullable String getErrorCode() {
		CnosErrorResponse response = getErrorResponse();
		return (response != null) ? response.code() : null;
	}

	/**
	 * Return the SQL statement that failed, or {@code null} when the request was not a
	 * SQL statement. A secret the statement carries (the password of {@code CREATE USER}
	 * or {@code ALTER USER}) is shown as {@code '******'}.
	 * @return the SQL, or {@code null}
	 */
	@Nullable String getSql();

}
