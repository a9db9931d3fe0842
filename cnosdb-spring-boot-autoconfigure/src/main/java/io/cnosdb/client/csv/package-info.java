/**
 * Importing CSV into CnosDB: {@link io.cnosdb.client.csv.CnosCsvImporter} streams a CSV
 * file from the client as line protocol, typed by the table's schema or by an explicit
 * {@link io.cnosdb.client.csv.CsvColumnMapping}, in bounded requests; it can also ask the
 * server to import a file on its own disk ({@code COPY INTO}).
 */
@NullMarked
package io.cnosdb.client.csv;

import org.jspecify.annotations.NullMarked;
