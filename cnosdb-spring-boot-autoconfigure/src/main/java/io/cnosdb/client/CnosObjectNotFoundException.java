package io.cnosdb.client;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessResourceUsageException;

/**
 * Thrown when a statement names a table, database, column, tenant, user or role that does
 * not exist (for example {@code 030019} table not found, {@code 030017} database not
 * found). Before 2.4.3 a query on a missing table (or database) is reported as
 * {@code 010001} "Datafusion: Error during planning: Table not found, …", an unknown
 * column in every release as {@code 010001} "Datafusion: Schema error: No field named …",
 * and an unknown tenant as {@code 010016} "Auth error: The tenant … not found": these are
 * recognised by their message.
 */
public class CnosObjectNotFoundException extends InvalidDataAccessResourceUsageException implements CnosErrorAware {

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
	public CnosObjectNotFoundException(String message, @Nullable CnosErrorResponse errorResponse, @Nullable String sql,
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
