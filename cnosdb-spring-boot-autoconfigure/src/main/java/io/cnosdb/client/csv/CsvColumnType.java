package io.cnosdb.client.csv;

import io.cnosdb.client.admin.CnosFieldType;
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
	DOUBLE(CnosFieldType.DOUBLE),

	/** A {@code BIGINT} (signed 64-bit) field. */
	BIGINT(CnosFieldType.BIGINT),

	/** A {@code BIGINT UNSIGNED} field. */
	BIGINT_UNSIGNED(CnosFieldType.BIGINT_UNSIGNED),

	/** A {@code BOOLEAN} field ({@code true} or {@code false}, any case). */
	BOOLEAN(CnosFieldType.BOOLEAN),

	/** A {@code STRING} field. */
	STRING(CnosFieldType.STRING);

	private final @Nullable CnosFieldType fieldType;

	CsvColumnType(@Nullable CnosFieldType fieldType) {
		this.fieldType = fieldType;
	}

	/**
	 * Return the SQL type of a field column, as used in {@code CREATE TABLE}.
	 * @return the SQL type, or {@code null} for {@link #TIME} and {@link #TAG}
	 */
	public @Nullable String sqlType() {
		return (this.fieldType != null) ? this.fieldType.sql() : null;
	}

	/**
	 * Return the field type of a field column, as the admin API names it.
	 * @return the field type, or {@code null} for {@link #TIME} and {@link #TAG}
	 */
	public @Nullable CnosFieldType fieldType() {
		return this.fieldType;
	}

	/**
	 * Whether this is a field type.
	 * @return {@code true} unless this is {@link #TIME} or {@link #TAG}
	 */
	public boolean isField() {
		return this.fieldType != null;
	}

	/**
	 * Return the column type for a {@code data_type} reported by {@code DESCRIBE TABLE}.
	 * @param dataType the data type, such as {@code DOUBLE} or {@code BIGINT UNSIGNED}
	 * @return the type, or {@code null} if line protocol cannot write it
	 */
	static @Nullable CsvColumnType forFieldDataType(String dataType) {
		for (CsvColumnType type : values()) {
			if (type.fieldType != null && type.fieldType.sql().equalsIgnoreCase(dataType.strip())) {
				return type;
			}
		}
		return null;
	}

}
