package io.cnosdb.client;

import java.util.Iterator;
import java.util.List;

/**
 * A whole query result held in memory: the column names, in the order of the
 * {@code SELECT}, and the rows. For results too large to hold, use
 * {@link CnosOperations#queryForStream(String, CnosRowMapper)} or
 * {@link CnosOperations#query(String, CnosRowCallbackHandler)}.
 *
 * @param columnNames the column names (empty for statements that return nothing, such as
 * DDL)
 * @param rows the rows, in the order the server sent them
 * @author CnosDB Spring Boot contributors
 */
public record CnosResult(List<String> columnNames, List<CnosRow> rows) implements Iterable<CnosRow> {

	/**
	 * Create a result.
	 * @param columnNames the column names
	 * @param rows the rows
	 */
	public CnosResult {
		columnNames = List.copyOf(columnNames);
		rows = List.copyOf(rows);
	}

	/**
	 * Return the number of rows.
	 * @return the number of rows
	 */
	public int size() {
		return this.rows.size();
	}

	/**
	 * Whether the result has no rows.
	 * @return whether the result is empty
	 */
	public boolean isEmpty() {
		return this.rows.isEmpty();
	}

	@Override
	public Iterator<CnosRow> iterator() {
		return this.rows.iterator();
	}

	@Override
	public String toString() {
		return "CnosResult" + this.columnNames + " (" + this.rows.size() + " rows)";
	}

}
