package io.cnosdb.client;

import org.jspecify.annotations.Nullable;

/**
 * Maps one row of a CnosDB result to an object. Implementations are usually lambdas:
 * <pre class="code">
 * List&lt;Reading&gt; readings = cnos.query("SELECT time, host, usage FROM cpu",
 *         (row, rowNum) -&gt; new Reading(row.getInstant("time"), row.getString("host"), row.getDouble("usage")));
 * </pre>
 *
 * @param <T> the mapped type
 * @author CnosDB Spring Boot contributors
 */
@FunctionalInterface
public interface CnosRowMapper<T extends @Nullable Object> {

	/**
	 * Map one row.
	 * @param row the row
	 * @param rowNum the zero-based number of the row in the result
	 * @return the mapped object (may be {@code null})
	 */
	T mapRow(CnosRow row, int rowNum);

	/**
	 * Return a mapper to {@code type}: a single-column value for strings, numbers,
	 * booleans, timestamps and enums; otherwise a record (through its canonical
	 * constructor) or a bean (through its setters), matched to columns by name, ignoring
	 * case and underscores ({@code host_name} fills {@code hostName}). The mapping is
	 * resolved once per result, not per row.
	 * @param <T> the mapped type
	 * @param type the type to map to
	 * @return a row mapper
	 */
	static <T> CnosRowMapper<@Nullable T> of(Class<T> type) {
		return new DataClassRowMapper<>(type);
	}

}
