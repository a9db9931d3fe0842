package io.cnosdb.client.csv;

import io.cnosdb.client.write.WritePrecision;

/**
 * The outcome of a successful CSV import.
 *
 * @param table the table written to
 * @param rowsWritten the number of rows written
 * @param requests the number of write requests sent
 * @param precision the precision the timestamps were sent in (that of the table's time
 * column)
 * @param tableCreated whether the table was created from the explicit mapping
 * @author CnosDB Spring Boot contributors
 */
public record CsvImportResult(String table, long rowsWritten, int requests, WritePrecision precision,
		boolean tableCreated) {
}
