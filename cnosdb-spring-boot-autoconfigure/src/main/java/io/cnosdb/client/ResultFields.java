package io.cnosdb.client;

import java.io.Reader;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;

/**
 * FastCSV's callback for the records of a result (its base counts the fields of each
 * record and knows the line where it starts): it hands each field to the current
 * {@link Target} where it lies in FastCSV's buffer, so that a cell the target converts (a
 * number, a boolean) never becomes a {@code String}. Quotes are already removed, and
 * doubled quotes undone, when a field is handed over.
 * <p>
 * An empty line is a record of one empty field (RFC 4180), not skipped (FastCSV returns
 * it as a record of type {@code EMPTY} with one field): CnosDB writes a single empty
 * field as {@code ""}, so it never sends one, and a result that did would otherwise lose
 * the row.
 *
 * @author CnosDB Spring Boot contributors
 */
final class ResultFields extends AbstractBaseCsvCallbackHandler<ResultFields> {

	/**
	 * RFC 4180 as CnosDB writes it (the Rust {@code csv} crate): no comments, empty lines
	 * kept, records of any field count (the cursor checks them against the header itself,
	 * to name the columns in its error), and a quote still open at the end (a result cut
	 * off) a failure.
	 */
	private static final CsvReader.CsvReaderBuilder CSV = CsvReader.builder()
		.skipEmptyLines(false)
		.extraFieldStrategy(FieldMismatchStrategy.IGNORE)
		.missingFieldStrategy(FieldMismatchStrategy.IGNORE)
		.allowUnclosedQuote(false);

	private static final char[] NO_CHARS = new char[0];

	private Target target;

	ResultFields(Target target) {
		this.target = target;
	}

	/**
	 * Return a reader of the records of a result's text that hands their fields to this
	 * callback; each record it returns is this callback, with the record's field count.
	 * @param text the result's text
	 * @return the reader
	 */
	CsvReader<ResultFields> read(Reader text) {
		return CSV.build(this, text);
	}

	/**
	 * Hand the fields of the records to come to another target.
	 * @param target the target
	 */
	void target(Target target) {
		this.target = target;
	}

	/**
	 * Return the number of fields of the record just read.
	 * @return the number of fields
	 */
	int count() {
		return getFieldCount();
	}

	/**
	 * Return the line of the result where the record being read starts.
	 * @return the line, from 1
	 */
	long line() {
		return getStartingLineNumber();
	}

	@Override
	protected void handleField(int index, char[] buffer, int offset, int length, boolean quoted) {
		this.target.field(index, buffer, offset, length);
	}

	/** An empty line: its one field, empty (FastCSV's base counts it). */
	@Override
	protected void handleEmpty() {
		this.target.field(0, NO_CHARS, 0, 0);
	}

	@Override
	protected ResultFields buildRecord() {
		return this;
	}

	/**
	 * Takes the fields of a record, in order.
	 */
	interface Target {

		/**
		 * Take a field. The buffer is FastCSV's and is reused: read the field before
		 * returning and keep no reference to the buffer.
		 * @param index the field's index in its record, from 0
		 * @param buffer the buffer that holds the field
		 * @param offset where the field starts
		 * @param length the field's length in characters (0 for an empty field, which is
		 * how CnosDB renders NULL)
		 */
		void field(int index, char[] buffer, int offset, int length);

	}

}
