package io.cnosdb.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cnosdb.client.support.CnosValueConverter;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.TypeMismatchDataAccessException;

/**
 * One row of a CnosDB result: its column names, in the order of the {@code SELECT}, and
 * its values.
 * <p>
 * CnosDB sends no column types, so each value is read as the type the caller asks for
 * ({@link #getLong(String)}, {@link #getInstant(String)}, {@link #get(String, Class)},
 * …); a value that is not of that type raises a {@link TypeMismatchDataAccessException}
 * naming the column and the value. SQL NULL reads as {@code null}. CnosDB renders NULL
 * and the empty string alike, so an empty string value also reads as {@code null}.
 * <p>
 * Columns are found by exact name first, then ignoring case. Rows are immutable and may
 * be kept after the callback that received them returns.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosRow {

	private final Columns columns;

	private final @Nullable String[] values;

	CnosRow(Columns columns, @Nullable String[] values) {
		this.columns = columns;
		this.values = values;
	}

	/**
	 * Return the column names, in result order.
	 * @return the column names
	 */
	public List<String> getColumnNames() {
		return this.columns.names();
	}

	/**
	 * Return the number of columns.
	 * @return the number of columns
	 */
	public int size() {
		return this.values.length;
	}

	/**
	 * Return the index of a column.
	 * @param column the column name (exact, or else ignoring case)
	 * @return the zero-based index
	 * @throws InvalidDataAccessApiUsageException if the result has no such column
	 */
	public int indexOf(String column) {
		return this.columns.indexOf(column);
	}

	/**
	 * Whether a value is SQL NULL (or an empty string, which CnosDB renders the same
	 * way).
	 * @param column the column name
	 * @return whether the value is NULL
	 */
	public boolean isNull(String column) {
		return getString(column) == null;
	}

	/**
	 * Return a value as text, exactly as CnosDB rendered it.
	 * @param index the zero-based column index
	 * @return the text, or {@code null} for NULL
	 */
	public @Nullable String getString(int index) {
		checkIndex(index);
		return this.values[index];
	}

	/**
	 * Return a value as text, exactly as CnosDB rendered it.
	 * @param column the column name
	 * @return the text, or {@code null} for NULL
	 */
	public @Nullable String getString(String column) {
		return this.values[indexOf(column)];
	}

	/**
	 * Return a value converted to {@code type}: {@code String}, {@code Long},
	 * {@code Integer}, {@code Double}, {@code Float}, {@code Boolean},
	 * {@code BigInteger}, {@code BigDecimal}, {@code Instant}, {@code OffsetDateTime},
	 * {@code ZonedDateTime}, {@code LocalDateTime} (UTC), an enum, or any type Spring's
	 * default conversion service reads from text.
	 * @param <T> the target type
	 * @param index the zero-based column index
	 * @param type the target type
	 * @return the value, or {@code null} for NULL
	 * @throws TypeMismatchDataAccessException if the value is not of that type
	 */
	public <T> @Nullable T get(int index, Class<T> type) {
		checkIndex(index);
		return CnosValueConverter.convert(this.values[index], type, this.columns.names().get(index));
	}

	/**
	 * Return a value converted to {@code type}; see {@link #get(int, Class)}.
	 * @param <T> the target type
	 * @param column the column name
	 * @param type the target type
	 * @return the value, or {@code null} for NULL
	 * @throws TypeMismatchDataAccessException if the value is not of that type
	 */
	public <T> @Nullable T get(String column, Class<T> type) {
		return get(indexOf(column), type);
	}

	/**
	 * Return a {@code BIGINT} value.
	 * @param column the column name
	 * @return the value, or {@code null} for NULL
	 */
	public @Nullable Long getLong(String column) {
		return get(column, Long.class);
	}

	/**
	 * Return a {@code DOUBLE} value ({@code NaN} and infinities included).
	 * @param column the column name
	 * @return the value, or {@code null} for NULL
	 */
	public @Nullable Double getDouble(String column) {
		return get(column, Double.class);
	}

	/**
	 * Return a {@code BOOLEAN} value.
	 * @param column the column name
	 * @return the value, or {@code null} for NULL
	 */
	public @Nullable Boolean getBoolean(String column) {
		return get(column, Boolean.class);
	}

	/**
	 * Return a {@code BIGINT UNSIGNED} value, which may exceed {@link Long#MAX_VALUE}.
	 * @param column the column name
	 * @return the value, or {@code null} for NULL
	 */
	public @Nullable BigInteger getBigInteger(String column) {
		return get(column, BigInteger.class);
	}

	/**
	 * Return a numeric value as a {@link BigDecimal}.
	 * @param column the column name
	 * @return the value, or {@code null} for NULL
	 */
	public @Nullable BigDecimal getBigDecimal(String column) {
		return get(column, BigDecimal.class);
	}

	/**
	 * Return a timestamp value (CnosDB renders the {@code time} column as UTC without an
	 * offset).
	 * @param column the column name
	 * @return the instant, or {@code null} for NULL
	 */
	public @Nullable Instant getInstant(String column) {
		return get(column, Instant.class);
	}

	/**
	 * Return the row as a map from column name to text, in column order.
	 * @return an unmodifiable map of the row's values
	 */
	public Map<String, @Nullable String> asMap() {
		Map<String, @Nullable String> map = new LinkedHashMap<>();
		for (int i = 0; i < this.values.length; i++) {
			map.putIfAbsent(this.columns.names().get(i), this.values[i]);
		}
		return Collections.unmodifiableMap(map);
	}

	/** The text of a column known to exist, for mappers that resolved it once. */
	@Nullable String value(int index) {
		return this.values[index];
	}

	private void checkIndex(int index) {
		if (index < 0 || index >= this.values.length) {
			throw new InvalidDataAccessApiUsageException("Column index " + index + " is out of range; the result has "
					+ this.values.length + " columns " + this.columns.names());
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof CnosRow row) && this.columns.names().equals(row.columns.names())
				&& Arrays.equals(this.values, row.values);
	}

	@Override
	public int hashCode() {
		return 31 * this.columns.names().hashCode() + Arrays.hashCode(this.values);
	}

	@Override
	public String toString() {
		return asMap().toString();
	}

	/**
	 * The column names of one result, shared by its rows.
	 */
	static final class Columns {

		private final List<String> names;

		private final Map<String, Integer> exact = new HashMap<>();

		private final Map<String, Integer> folded = new HashMap<>();

		Columns(List<String> names) {
			this.names = List.copyOf(names);
			for (int i = 0; i < this.names.size(); i++) {
				this.exact.putIfAbsent(this.names.get(i), i);
				this.folded.putIfAbsent(this.names.get(i).toLowerCase(Locale.ROOT), i);
			}
		}

		List<String> names() {
			return this.names;
		}

		int indexOf(String column) {
			Integer index = this.exact.get(column);
			if (index == null) {
				index = this.folded.get(column.toLowerCase(Locale.ROOT));
			}
			if (index == null) {
				throw new InvalidDataAccessApiUsageException(
						"No column '" + column + "' in the result; its columns are " + this.names);
			}
			return index;
		}

	}

}
