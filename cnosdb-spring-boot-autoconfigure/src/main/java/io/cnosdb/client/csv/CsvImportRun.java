package io.cnosdb.client.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.cnosdb.client.CnosErrorAware;
import io.cnosdb.client.CnosErrorResponse;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.LineProtocolChunker;
import io.cnosdb.client.write.Point;

import org.springframework.dao.DataAccessException;

/**
 * One run of a CSV import: reads the header and plans the table ({@link CsvTablePlan}),
 * then reads each record, converts it ({@link CsvRowConverter}) and appends it to a
 * {@link LineProtocolChunker}, which hands each full body to
 * {@link CnosOperations#writeLineProtocol}. It remembers the CSV line of each row not yet
 * written, to say which rows a failed request held and, for a parse error of the server,
 * which row it was.
 * <p>
 * A failure stops the run: the rows before a malformed one are written, none after it is,
 * and the {@link CnosCsvImportException} says how many were written. Used once, by one
 * thread.
 *
 * @author CnosDB Spring Boot contributors
 */
final class CsvImportRun {

	/** The error code of CnosDB for line protocol it cannot parse. */
	private static final String PARSE_ERROR = "040004";

	private final CnosOperations operations;

	private final long maxRequestSize;

	private final String table;

	private final CsvRecordReader records;

	/** The size of the input in bytes, or -1 if not known. */
	private final long inputSize;

	/** The CSV line of each row appended to the chunker and not written yet. */
	private long[] pendingLines = new long[1024];

	private int pendingCount;

	private long rowsWritten;

	private int requests;

	/**
	 * Prepare a run.
	 * @param operations the client to read the schema with and write to
	 * @param maxRequestSize the most bytes of one write request
	 * @param table the table
	 * @param records the CSV input, header first
	 * @param inputSize the size of the input in bytes, or -1 if not known
	 */
	CsvImportRun(CnosOperations operations, long maxRequestSize, String table, CsvRecordReader records,
			long inputSize) {
		this.operations = operations;
		this.maxRequestSize = maxRequestSize;
		this.table = table;
		this.records = records;
		this.inputSize = inputSize;
	}

	/**
	 * Import every record of the input.
	 * @param mapping the explicit column mapping
	 * @return what was written
	 * @throws CnosCsvImportException if the import stops
	 */
	CsvImportResult run(CsvColumnMapping mapping) {
		List<String> values = new ArrayList<>();
		if (!this.records.next(values)) {
			throw new CnosCsvImportException("The CSV input is empty; its first line must name the columns", -1, null,
					null, 0, null);
		}
		CsvTablePlan plan = CsvTablePlan.plan(this.operations, this.table, values, mapping);
		CsvRowConverter converter = new CsvRowConverter(plan);
		CsvLineEncoder encoder = new CsvLineEncoder(plan);
		LineProtocolChunker chunker = newChunker(plan);
		while (true) {
			long line = this.records.nextRecordLine();
			Point point = null;
			try {
				if (!this.records.next(values)) {
					break;
				}
				if (!encoder.encode(values, chunker)) {
					// Not a row the encoder is sure of: build its point, which names what
					// is wrong with it, if anything.
					point = converter.toPoint(values, line);
				}
			}
			catch (CnosCsvImportException ex) {
				// Rows before the malformed one are written; none after it.
				chunker.flush();
				throw new CnosCsvImportException(ex.getMessage() + "; rows written before it: " + this.rowsWritten,
						ex.getLineNumber(), ex.getColumn(), ex.getValue(), this.rowsWritten, ex.getCause());
			}
			remember(line);
			try {
				if (point == null) {
					// The encoder wrote the row.
					chunker.endRow();
				}
				else {
					chunker.append(point);
				}
			}
			catch (IllegalArgumentException ex) {
				// The chunker wrote the rows before it and refused this one.
				throw new CnosCsvImportException(
						"The row at line " + line + " cannot be written: " + ex.getMessage()
								+ "; rows written before it: " + this.rowsWritten,
						line, null, null, this.rowsWritten, ex);
			}
		}
		chunker.flush();
		return new CsvImportResult(this.table, this.rowsWritten, this.requests, plan.precision(), plan.tableCreated());
	}

	/**
	 * A chunker whose buffer has room for a full request from the start when the input is
	 * known to be that large, so that it is never copied to grow nor twice as large as
	 * needed.
	 */
	private LineProtocolChunker newChunker(CsvTablePlan plan) {
		if (this.inputSize < 0) {
			return new LineProtocolChunker(plan.precision(), this.maxRequestSize, this::send);
		}
		// Line protocol takes some more bytes than the CSV of the same rows.
		long estimate = this.inputSize * 2 + 64 * 1024;
		int capacity = (int) Math.min(LineProtocolChunker.fullBodyCapacity(this.maxRequestSize), estimate);
		return new LineProtocolChunker(plan.precision(), this.maxRequestSize, capacity, this::send);
	}

	private void remember(long line) {
		if (this.pendingCount == this.pendingLines.length) {
			this.pendingLines = Arrays.copyOf(this.pendingLines, this.pendingCount * 2);
		}
		this.pendingLines[this.pendingCount++] = line;
	}

	/** The chunker's sink: send one body as one request. */
	private void send(LineProtocolBuffer body) {
		int rows = body.lineCount();
		try {
			this.operations.writeLineProtocol(body);
		}
		catch (DataAccessException ex) {
			long first = this.pendingLines[0];
			long last = this.pendingLines[rows - 1];
			throw new CnosCsvImportException(
					"Writing the rows from line " + first + " to line " + last + " failed" + rowOfParseError(ex, body)
							+ " (the server may have applied part of them); rows written before them: "
							+ this.rowsWritten + "; " + ex.getMessage(),
					first, null, null, this.rowsWritten, ex);
		}
		this.rowsWritten += rows;
		this.requests++;
		this.pendingCount -= rows;
		System.arraycopy(this.pendingLines, rows, this.pendingLines, 0, this.pendingCount);
	}

	private String rowOfParseError(DataAccessException ex, LineProtocolBuffer body) {
		CnosErrorResponse error = (ex instanceof CnosErrorAware aware) ? aware.getErrorResponse() : null;
		if (error == null || !PARSE_ERROR.equals(error.code())) {
			return "";
		}
		LineProtocolBuffer.ErrorLocation location = body.locateParseError(error.message());
		if (location == null || location.lineIndex() < 0) {
			return "";
		}
		return ", at the row from line " + this.pendingLines[location.lineIndex()];
	}

}
