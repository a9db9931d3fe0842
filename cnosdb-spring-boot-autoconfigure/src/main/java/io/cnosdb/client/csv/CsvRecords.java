package io.cnosdb.client.csv;

import java.util.List;

/**
 * The records of a CSV input, one at a time, each knowing the line where it starts.
 * Failures are {@link CnosCsvImportException}s that name the line; they say no rows were
 * written, which the caller corrects.
 *
 * @author CnosDB Spring Boot contributors
 */
interface CsvRecords extends AutoCloseable {

	/**
	 * Return the line where the next record starts: after {@link #next}, the line just
	 * after the record it read.
	 * @return the line, from 1
	 */
	long nextRecordLine();

	/**
	 * Read the next record into {@code values}.
	 * @param values cleared, then filled with the values of the record
	 * @return false at the end of the input
	 * @throws CnosCsvImportException if the record is malformed or the input is not valid
	 * UTF-8
	 */
	boolean next(List<String> values);

	@Override
	void close();

}
