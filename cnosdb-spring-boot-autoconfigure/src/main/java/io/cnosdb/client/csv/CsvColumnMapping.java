package io.cnosdb.client.csv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An explicit mapping of CSV columns, by header name, to the time, tags and typed fields
 * of a table. Columns it names override what {@code DESCRIBE TABLE} says; columns it does
 * not name are taken from the table's schema. To create a table that does not exist yet,
 * the mapping must name every column of the CSV. Immutable.
 *
 * <pre class="code">
 * CsvColumnMapping mapping = CsvColumnMapping.builder()
 *     .time("ts").timeUnit(TimeUnit.SECONDS)
 *     .tag("station")
 *     .field("temperature", CsvColumnType.DOUBLE)
 *     .ignore("comment")
 *     .build();
 * </pre>
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CsvColumnMapping {

	private static final CsvColumnMapping NONE = new CsvColumnMapping(Map.of(), Set.of(), null);

	private final Map<String, CsvColumnType> columns;

	private final Set<String> ignored;

	private final @Nullable TimeUnit timeUnit;

	private CsvColumnMapping(Map<String, CsvColumnType> columns, Set<String> ignored, @Nullable TimeUnit timeUnit) {
		this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
		this.ignored = Collections.unmodifiableSet(new LinkedHashSet<>(ignored));
		this.timeUnit = timeUnit;
	}

	/**
	 * Return the empty mapping: every column is typed by the table's schema.
	 * @return the empty mapping
	 */
	public static CsvColumnMapping none() {
		return NONE;
	}

	/**
	 * Start building a mapping.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the mapped columns, in the order they were added.
	 * @return the CSV column names and their types
	 */
	public Map<String, CsvColumnType> getColumns() {
		return this.columns;
	}

	/**
	 * Return the CSV columns that are not imported.
	 * @return the ignored column names
	 */
	public Set<String> getIgnored() {
		return this.ignored;
	}

	/**
	 * Return the unit of numeric values in the time column, or {@code null} to use the
	 * precision of the table's time column.
	 * @return the unit, or {@code null}
	 */
	public @Nullable TimeUnit getTimeUnit() {
		return this.timeUnit;
	}

	@Override
	public String toString() {
		return "CsvColumnMapping" + this.columns + ((this.ignored.isEmpty()) ? "" : ", ignored " + this.ignored)
				+ ((this.timeUnit != null) ? ", time unit " + this.timeUnit : "");
	}

	/**
	 * Builds a {@link CsvColumnMapping}. Each column may be named once.
	 */
	public static final class Builder {

		private final Map<String, CsvColumnType> columns = new LinkedHashMap<>();

		private final Set<String> ignored = new LinkedHashSet<>();

		private @Nullable TimeUnit timeUnit;

		private Builder() {
		}

		/**
		 * Map the CSV column that holds the time of each row: an integer in
		 * {@link #timeUnit(TimeUnit)} or an ISO-8601 date-time (UTC when it has no
		 * offset, as CnosDB writes it).
		 * @param column the CSV column name
		 * @return this builder
		 */
		public Builder time(String column) {
			return column(column, CsvColumnType.TIME);
		}

		/**
		 * Map a CSV column to a tag of the same name.
		 * @param column the CSV column name
		 * @return this builder
		 */
		public Builder tag(String column) {
			return column(column, CsvColumnType.TAG);
		}

		/**
		 * Map a CSV column to a field of the same name.
		 * @param column the CSV column name
		 * @param type the field type
		 * @return this builder
		 */
		public Builder field(String column, CsvColumnType type) {
			Assert.isTrue(type != null && type.isField(), () -> "'" + type + "' is not a field type");
			return column(column, type);
		}

		/**
		 * Leave a CSV column out of the import.
		 * @param column the CSV column name
		 * @return this builder
		 */
		public Builder ignore(String column) {
			checkNew(column);
			this.ignored.add(column);
			return this;
		}

		/**
		 * Set the unit of integer values in the time column; seconds and coarser units
		 * are converted on the client.
		 * @param timeUnit the unit
		 * @return this builder
		 */
		public Builder timeUnit(TimeUnit timeUnit) {
			Assert.notNull(timeUnit, "'timeUnit' must not be null");
			this.timeUnit = timeUnit;
			return this;
		}

		/**
		 * Build the mapping.
		 * @return a new mapping
		 * @throws IllegalArgumentException if more than one column is mapped to the time
		 */
		public CsvColumnMapping build() {
			long times = this.columns.values().stream().filter((type) -> type == CsvColumnType.TIME).count();
			Assert.isTrue(times <= 1, "Only one CSV column can be the time");
			return new CsvColumnMapping(this.columns, this.ignored, this.timeUnit);
		}

		private Builder column(String column, CsvColumnType type) {
			checkNew(column);
			this.columns.put(column, type);
			return this;
		}

		private void checkNew(String column) {
			Assert.hasLength(column, "A column name must not be empty");
			Assert.isTrue(!this.columns.containsKey(column) && !this.ignored.contains(column),
					() -> "Column '" + column + "' is mapped twice");
		}

	}

}
