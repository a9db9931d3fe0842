package io.cnosdb.client.csv;

import org.jspecify.annotations.Nullable;

/**
 * What a CSV column becomes in CnosDB: the time, a tag, or a field of one of the types
 * line protocol can write.
 *
 * @author CnosDB Spring Boot contributors
 */
public enum CsvColumnType {

	/** The timestamp of the row (the table's {@code time} column). */
	TIME(null),

	/** A tag (always a string in CnosDB). */
	TAG(null),

	/** A {@code DOUBLE} field. */
	DOUBLE("DOUBLE"),

	/** A {@code BIGINT} (signed 64-bit) field. */
	BIGINT("BIGINT"),

	/** A {@code BIGINT UNSIGNED} field. */
	BIGINT_UNSIGNED("BIGINT UNSIGNED"),

	/** A {@code BOOLEAN} field ({@code true} or {@code false}, any case). */
	BOOLEAN("BOOLEAN"),

	/** A {@code STRING} field. */
	STRING("STRING");

	private final @Nullable String sqlType;

	CsvColumnType(@Nullable String sqlType) {
		this.sqlType = sqlType;
	}

	/**
	 * Return the SQL type of a field column, as used in {@code CREATE TABLE}.
	 * @return the SQL type, or {@code null} for {@link #TIME} and {@link #TAG}
	 */
	public @Nullable String sqlType() {
		return this.sqlType;
	}

	/**
	 * Whether this is a field type.
	 * @return {@code true} unless this is {@link #TIME} or {@link #TAG}
	 */
	public boolean isField() {
		return this.sqlType != null;
	}

	/**
	 * Return the column type for a {@code data_type} reported by {@code DESCRIBE TABLE}.
	 * @param dataType the data type, such as {@code DOUBLE} or {@code BIGINT UNSIGNED}
	 * @return the type, or {@code null} if line protocol cannot write it
	 */
	static @Nullable CsvColumnType forFieldDataType(String dataType) {
		for (CsvColumnType type : values()) {
			if (type.sqlType != null && type.sqlType.equalsIgnoreCase(dataType.strip())) {
				return type;
			}
		}
		return null;
	}

}
