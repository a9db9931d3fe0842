package io.cnosdb.client.admin;

import org.jspecify.annotations.Nullable;

/**
 * One column of a table, as {@code DESCRIBE TABLE} reports it.
 *
 * @param name the column name ({@code column_name})
 * @param dataType the SQL type as CnosDB names it ({@code data_type}), such as
 * {@code TIMESTAMP(NANOSECOND)}, {@code BIGINT UNSIGNED} or {@code STRING}
 * @param kind whether the column is the time column, a tag or a field
 * ({@code column_type})
 * @param compression the codec ({@code compression_codec}), or {@code null} when CnosDB
 * reports none (external tables)
 * @author CnosDB Spring Boot contributors
 */
public record CnosColumn(String name, String dataType, CnosColumnKind kind, @Nullable CnosCodec compression) {

}
