package io.cnosdb.client.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.sql.CnosSql;
import io.cnosdb.client.write.LineProtocolChunker;

import org.springframework.dao.DataAccessException;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Imports CSV into a CnosDB table from the client: the file is parsed here (RFC 4180:
 * quoted values may hold commas, quotes and newlines), each row becomes a line of line
 * protocol, and the lines are sent in requests of bounded size as they are read, so a
 * file of any size imports in constant memory. CnosDB has no endpoint that accepts CSV.
 * <p>
 * The first line names the columns. Which column is the time, which are tags and which
 * are fields (and of what type) comes from {@code DESCRIBE TABLE}, unless a
 * {@link CsvColumnMapping} says otherwise; a table that does not exist is created from a
 * mapping that names every column. Values are read as CnosDB writes them in its own CSV:
 * an empty value is NULL (nothing is written for it), times are ISO-8601 in UTC or
 * integers in the precision of the table's time column.
 * <p>
 * A malformed row stops the import with a {@link CnosCsvImportException} naming its line,
 * column and value. The rows before it are written, none after it is, and the exception
 * says how many were written.
 * <p>
 * {@link #copyFromServerFile(String, String)} is the other way: it asks the server to
 * read a file on its own disk with {@code COPY INTO}.
 * <p>
 * Thread-safe; it writes to the tenant and database of its {@link CnosOperations}.
 *
 * @author CnosDB Spring Boot contributors
 */
public class CnosCsvImporter {

	private final CnosOperations operations;

	private final long maxRequestSize;

	/**
	 * Create an importer that sends requests of at most 8 MB.
	 * @param operations the client to write with
	 */
	public CnosCsvImporter(CnosOperations operations) {
		this(operations, LineProtocolChunker.DEFAULT_MAX_REQUEST_SIZE);
	}

	/**
	 * Create an importer.
	 * @param operations the client to write with
	 * @param maxRequestSize the most bytes of one write request (at least 1KB)
	 */
	public CnosCsvImporter(CnosOperations operations, DataSize maxRequestSize) {
		Assert.notNull(operations, "'operations' must not be null");
		Assert.isTrue(maxRequestSize != null && maxRequestSize.toBytes() >= 1024,
				"The max request size must be at least 1KB");
		this.operations = operations;
		this.maxRequestSize = maxRequestSize.toBytes();
	}

	/**
	 * Import a UTF-8 CSV file, typed by the table's schema.
	 * @param table the table, in the client's database
	 * @param file the file
	 * @return what was written
	 * @throws CnosCsvImportException if the file cannot be read, does not match the
	 * table, holds a malformed row, or a write fails
	 */
	public CsvImportResult writeCsv(String table, Path file) {
		return writeCsv(table, file, CsvColumnMapping.none());
	}

	/**
	 * Import a UTF-8 CSV file with an explicit column mapping.
	 * @param table the table, in the client's database (created from the mapping if it
	 * does not exist)
	 * @param file the file
	 * @param mapping the mapping; columns it does not name are typed by the table
	 * @return what was written
	 * @throws CnosCsvImportException if the file cannot be read, does not match the
	 * table, holds a malformed row, or a write fails
	 */
	public CsvImportResult writeCsv(String table, Path file, CsvColumnMapping mapping) {
		Assert.notNull(file, "'file' must not be null");
		try (InputStream in = Files.newInputStream(file)) {
			return writeCsv(table, newReader(in), mapping, Files.size(file));
		}
		catch (IOException ex) {
			throw new CnosCsvImportException("Cannot read " + file + ": " + ex.getMessage(), -1, null, null, 0, ex);
		}
	}

	/**
	 * Import UTF-8 CSV from a stream, typed by the table's schema. The stream is read to
	 * its end and not closed.
	 * @param table the table, in the client's database
	 * @param in the CSV bytes
	 * @return what was written
	 * @throws CnosCsvImportException if the input does not match the table, holds a
	 * malformed row or invalid UTF-8, or a write fails
	 */
	public CsvImportResult writeCsv(String table, InputStream in) {
		return writeCsv(table, in, CsvColumnMapping.none());
	}

	/**
	 * Import UTF-8 CSV from a stream with an explicit column mapping. The stream is read
	 * to its end and not closed.
	 * @param table the table, in the client's database
	 * @param in the CSV bytes
	 * @param mapping the mapping; columns it does not name are typed by the table
	 * @return what was written
	 * @throws CnosCsvImportException if the input does not match the table, holds a
	 * malformed row or invalid UTF-8, or a write fails
	 */
	public CsvImportResult writeCsv(String table, InputStream in, CsvColumnMapping mapping) {
		Assert.notNull(in, "'in' must not be null");
		return writeCsv(table, newReader(in), mapping);
	}

	private static Reader newReader(InputStream in) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		return new InputStreamReader(in, decoder);
	}

	/**
	 * Import CSV from a reader, typed by the table's schema. The reader is read to its
	 * end and not closed.
	 * @param table the table, in the client's database
	 * @param reader the CSV text
	 * @return what was written
	 * @throws CnosCsvImportException if the input does not match the table, holds a
	 * malformed row, or a write fails
	 */
	public CsvImportResult writeCsv(String table, Reader reader) {
		return writeCsv(table, reader, CsvColumnMapping.none());
	}

	/**
	 * Import CSV from a reader with an explicit column mapping. The reader is read to its
	 * end and not closed.
	 * @param table the table, in the client's database (created from the mapping if it
	 * does not exist)
	 * @param reader the CSV text
	 * @param mapping the mapping; columns it does not name are typed by the table
	 * @return what was written
	 * @throws CnosCsvImportException if the input does not match the table, holds a
	 * malformed row, or a write fails
	 */
	public CsvImportResult writeCsv(String table, Reader reader, CsvColumnMapping mapping) {
		return writeCsv(table, reader, mapping, -1);
	}

	private CsvImportResult writeCsv(String table, Reader reader, CsvColumnMapping mapping, long inputSize) {
		CsvTablePlan.checkTableName(table);
		Assert.notNull(reader, "'reader' must not be null");
		Assert.notNull(mapping, "'mapping' must not be null");
		try (CsvRecordReader records = new CsvRecordReader(reader)) {
			return new CsvImportRun(this.operations, this.maxRequestSize, table, records, inputSize,
					Runtime.getRuntime().maxMemory())
				.run(mapping);
		}
	}

	/**
	 * Ask the server to import a CSV file that lies on <em>the server's</em> disk, with
	 * {@code COPY INTO table FROM 'file://…'} (reference §7.7). The file must have a
	 * header row; the table must exist; its columns are matched by the server. Nothing is
	 * uploaded: use {@link #writeCsv(String, Path)} for a file on this machine.
	 * @param table the table, in the client's database
	 * @param serverPath the absolute path of the file on the CnosDB server
	 * @return the number of rows the server reports (0 if it reports none)
	 * @throws IllegalArgumentException if the path is not absolute, or holds a character
	 * that the server, which reads the path as a URL, would read otherwise: {@code %},
	 * {@code #}, {@code ?}, a backslash, a control character, or any character outside
	 * ASCII
	 * @throws DataAccessException if the server refuses the statement
	 */
	public long copyFromServerFile(String table, String serverPath) {
		String url = ServerFileUrl.of(serverPath);
		String sql = "COPY INTO " + CnosSql.identifier("table", table) + " FROM "
				+ CnosSql.stringLiteral("server path", url)
				+ " FILE_FORMAT = (TYPE = 'CSV', DELIMITER = ',', WITH_HEADER = true)";
		return this.operations.execute(sql);
	}

	@Override
	public String toString() {
		return "CnosCsvImporter[" + this.operations + ", maxRequestSize=" + this.maxRequestSize + "]";
	}

}
