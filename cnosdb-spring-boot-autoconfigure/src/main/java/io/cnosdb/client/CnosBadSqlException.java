package io.cnosdb.client;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessResourceUsageException;

/**
 * Thrown when CnosDB cannot parse, plan or analyse a SQL statement (codes {@code 010001},
 * {@code 010003}, {@code 010009}, {@code 010013}, and the semantic errors {@code 010027}
 * to {@code 010046} other than an existing or missing column). A missing table or column
 * and a value that cannot be converted are reported with more specific exceptions even
 * where CnosDB uses one of these codes (see {@link CnosObjectNotFoundException} and
 * {@link CnosInvalidDataException}).
 */
public class CnosBadSqlException extends InvalidDataAccessResourceUsageException implements CnosErrorAware {

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
	public CnosBadSqlException(String message, @Nullable CnosErrorResponse errorResponse, @Nullable String sql,
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
