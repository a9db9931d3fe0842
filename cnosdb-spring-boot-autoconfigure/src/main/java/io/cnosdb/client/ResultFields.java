package io.cnosdb.client;

import java.io.Reader;

import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import de.siegmar.fastcsv.reader.RecordType;

/**
 * FastCSV's callback for the records of a result: it counts the fields of each record and
 * hands each field to the current {@link Target} where it lies in FastCSV's buffer, so
 * that a cell the target converts (a number, a boolean) never becomes a {@code String}.
 * Quotes are already removed, and doubled quotes undone, when a field is handed over.
 * <p>
 * An empty line is a record of one empty field (RFC 4180), not skipped: CnosDB writes a
 * single empty field as {@code ""}, so it never sends one, and a result that did would
 * otherwise lose the row.
 *
 * @author CnosDB Spring Boot contributors
 */
final class ResultFields extends CsvCallbackHandler<ResultFields> {

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

	private int count;

	private long line = 1;

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
		return this.count;
	}

	/**
	 * Return the line of the result where the record being read starts.
	 * @return the line, from 1
	 */
	long line() {
		return this.line;
	}

	@Override
	protected RecordType getRecordType() {
		return RecordType.DATA;
	}

	@Override
	protected int getFieldCount() {
		return this.count;
	}

	@Override
	protected void beginRecord(long startingLineNumber) {
		this.count = 0;
		this.line = startingLineNumber;
	}

	@Override
	protected void addField(char[] buffer, int offset, int length, boolean quoted) {
		this.target.field(this.count++, buffer, offset, length);
	}

	@Override
	protected void setComment(char[] buffer, int offset, int length) {
		// Comments are not enabled: CnosDB's CSV has none.
		throw new IllegalStateException("a comment in a CSV result");
	}

	@Override
	protected void setEmpty() {
		this.target.field(this.count++, NO_CHARS, 0, 0);
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
