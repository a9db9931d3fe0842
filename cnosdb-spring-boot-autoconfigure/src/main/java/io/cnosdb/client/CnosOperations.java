package io.cnosdb.client;

import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.cnosdb.client.admin.CnosAdminOperations;
import io.cnosdb.client.csv.CnosCsvImportException;
import io.cnosdb.client.csv.CnosCsvImporter;
import io.cnosdb.client.csv.CsvColumnMapping;
import io.cnosdb.client.csv.CsvImportResult;
import io.cnosdb.client.sql.CnosParameterBinder;
import io.cnosdb.client.sql.CnosSql;
import io.cnosdb.client.sql.CnosStatement;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.Point;
import io.cnosdb.client.write.PointMapper;
import io.cnosdb.client.write.WritePrecision;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * The operations of a CnosDB client, implemented by {@link CnosTemplate}. An interface so
 * that applications can mock it in their own tests.
 * <p>
 * The query methods send one SQL statement (CnosDB accepts one per request) and the write
 * methods send line protocol, to the configured tenant and database. Every method throws
 * a {@link DataAccessException} that implements {@link CnosErrorAware} when it fails: for
 * example {@link CnosBadSqlException}, {@link CnosObjectNotFoundException},
 * {@link CnosAuthenticationException}, or {@link CnosResourceFailureException} when the
 * server cannot be reached. Nothing is retried silently.
 * <p>
 * Values are never spliced into SQL by hand: the {@code query}, {@code queryForObject}
 * and {@code execute} variants that take arguments bind {@code ?} or {@code :name}
 * placeholders on the client through {@link CnosSql} (see {@link CnosParameterBinder} for
 * the rules), and {@link #admin()} builds every DDL statement from typed arguments.
 *
 * @author CnosDB Spring Boot contributors
 */
public interface CnosOperations {

	/**
	 * Return the tenant this client sends its requests to.
	 * @return the tenant
	 */
	String getTenant();

	/**
	 * Return the database this client uses for unqualified table names and for writes.
	 * @return the database
	 */
	String getDatabase();

	/**
	 * Return a view of this client that uses another database for unqualified table
	 * names, writes and table administration. The view shares the HTTP client; this
	 * client is unchanged.
	 * @param database the database name
	 * @return an immutable, thread-safe view
	 * @throws IllegalArgumentException if no database can have this name
	 */
	CnosOperations forDatabase(String database);

	/**
	 * Return a view of this client that sends its requests to another tenant (with the
	 * same database name). The view shares the HTTP client; this client is unchanged.
	 * @param tenant the tenant name
	 * @return an immutable, thread-safe view
	 * @throws IllegalArgumentException if no tenant can have this name
	 */
	CnosOperations forTenant(String tenant);

	/**
	 * Return the administration operations (databases, tables, users, tenants, roles) for
	 * this client's tenant and database.
	 * @return the administration operations
	 */
	CnosAdminOperations admin();

	/**
	 * Run a query and return the whole result in memory.
	 * @param sql one SQL statement
	 * @return the result (column names and rows)
	 * @throws DataAccessException if the statement fails
	 */
	CnosResult query(String sql);

	/**
	 * Run a query and map each row.
	 * @param <T> the mapped type
	 * @param sql one SQL statement
	 * @param rowMapper maps one row to an object
	 * @return the mapped rows, in result order
	 * @throws DataAccessException if the statement fails
	 */
	<T extends @Nullable Object> List<T> query(String sql, CnosRowMapper<T> rowMapper);

	/**
	 * Run a query with {@code ?} placeholders bound to {@code args}, and map each row.
	 * @param <T> the mapped type
	 * @param sql one SQL statement with one {@code ?} per argument ({@code ?} inside
	 * string literals, quoted identifiers and comments does not count)
	 * @param rowMapper maps one row to an object
	 * @param args the values: {@code String}, numbers, {@code Boolean}, {@code Instant}
	 * and other {@code java.time} timestamps, {@code null}, or a {@code Collection} of
	 * those for {@code IN (?)}
	 * @return the mapped rows, in result order
	 * @throws IllegalArgumentException if the number of arguments does not match or a
	 * value has no SQL literal
	 * @throws DataAccessException if the statement fails
	 */
	<T extends @Nullable Object> List<T> query(String sql, CnosRowMapper<T> rowMapper, @Nullable Object... args);

	/**
	 * Run a query with {@code :name} placeholders bound to {@code params}, and map each
	 * row.
	 * @param <T> the mapped type
	 * @param sql one SQL statement with {@code :name} placeholders
	 * @param params the value of each name (see
	 * {@link #query(String, CnosRowMapper, Object...)} for the supported types)
	 * @param rowMapper maps one row to an object
	 * @return the mapped rows, in result order
	 * @throws IllegalArgumentException if a name has no value, a value has no name in the
	 * SQL, or a value has no SQL literal
	 * @throws DataAccessException if the statement fails
	 */
	<T extends @Nullable Object> List<T> query(String sql, Map<String, ?> params, CnosRowMapper<T> rowMapper);

	/**
	 * Run a query and map each row to {@code type}: a single-column value for simple
	 * types (strings, numbers, booleans, timestamps), otherwise a record or bean matched
	 * to columns by name. See {@link CnosRowMapper#of(Class)}.
	 * @param <T> the mapped type
	 * @param sql one SQL statement
	 * @param type the type of each element
	 * @return the mapped rows, in result order
	 * @throws DataAccessException if the statement fails or a value does not fit its
	 * target type
	 */
	<T> List<@Nullable T> query(String sql, Class<T> type);

	/**
	 * Run a query that returns exactly one row of one column, and return that value.
	 * @param <T> the value type
	 * @param sql one SQL statement
	 * @param type the value type
	 * @return the value, or {@code null} if it is NULL
	 * @throws org.springframework.dao.IncorrectResultSizeDataAccessException if the
	 * result does not have exactly one row
	 * @throws DataAccessException if the statement fails
	 */
	<T> @Nullable T queryForObject(String sql, Class<T> type);

	/**
	 * Run a query with {@code ?} placeholders bound to {@code args} that returns exactly
	 * one row of one column, and return that value.
	 * @param <T> the value type
	 * @param sql one SQL statement with one {@code ?} per argument
	 * @param type the value type
	 * @param args the values (see {@link #query(String, CnosRowMapper, Object...)})
	 * @return the value, or {@code null} if it is NULL
	 * @throws IllegalArgumentException if the arguments cannot be bound
	 * @throws org.springframework.dao.IncorrectResultSizeDataAccessException if the
	 * result does not have exactly one row
	 * @throws DataAccessException if the statement fails
	 */
	<T> @Nullable T queryForObject(String sql, Class<T> type, @Nullable Object... args);

	/**
	 * Run a query with {@code :name} placeholders bound to {@code params} that returns
	 * exactly one row of one column, and return that value.
	 * @param <T> the value type
	 * @param sql one SQL statement with {@code :name} placeholders
	 * @param params the value of each name
	 * @param type the value type
	 * @return the value, or {@code null} if it is NULL
	 * @throws IllegalArgumentException if the parameters cannot be bound
	 * @throws org.springframework.dao.IncorrectResultSizeDataAccessException if the
	 * result does not have exactly one row
	 * @throws DataAccessException if the statement fails
	 */
	<T> @Nullable T queryForObject(String sql, Map<String, ?> params, Class<T> type);

	/**
	 * Run a query and hand each row to {@code handler} while the response is being read.
	 * The server streams the result ({@code chunked=true}), so neither side holds it
	 * whole: suitable for results of any size. An error that CnosDB reports after the
	 * first rows is thrown once the rows before it have been handled.
	 * @param sql one SQL statement
	 * @param handler receives each row
	 * @throws DataAccessException if the statement fails
	 */
	void query(String sql, CnosRowCallbackHandler handler);

	/**
	 * Run a query and return its rows as a lazily read {@link Stream}. The stream holds
	 * the HTTP response open and <strong>must be closed</strong>, best with
	 * try-with-resources. Rows are read from the network as the stream is consumed, so
	 * results of any size can be processed in constant memory.
	 * @param <T> the mapped type
	 * @param sql one SQL statement
	 * @param rowMapper maps one row to an object
	 * @return a stream of mapped rows that must be closed
	 * @throws DataAccessException if the statement fails (also while the stream is
	 * consumed)
	 */
	<T extends @Nullable Object> Stream<T> queryForStream(String sql, CnosRowMapper<T> rowMapper);

	/**
	 * Run a statement that returns no rows (DDL such as {@code CREATE DATABASE}, or
	 * {@code INSERT}).
	 * @param sql one SQL statement
	 * @return the number of rows written, as reported by {@code INSERT}; {@code 0} for
	 * statements that report none
	 * @throws DataAccessException if the statement fails
	 */
	long execute(String sql);

	/**
	 * Run a statement built with {@link CnosStatement} (such as
	 * {@code CnosAdminSql.createUser}): its display text, with secrets masked, is what
	 * errors show, and its secrets are removed from anything the server answers.
	 * @param statement the statement
	 * @return the number of rows written, as reported by {@code INSERT}; {@code 0} for
	 * statements that report none
	 * @throws DataAccessException if the statement fails
	 */
	long execute(CnosStatement statement);

	/**
	 * Run a query built with {@link CnosStatement} and map each row.
	 * @param <T> the type of the mapped rows
	 * @param statement the statement
	 * @param rowMapper maps each row
	 * @return the mapped rows, in the order CnosDB returned them
	 * @throws DataAccessException if the statement fails
	 */
	<T extends @Nullable Object> List<T> query(CnosStatement statement, CnosRowMapper<T> rowMapper);

	/**
	 * Run a statement with {@code ?} placeholders bound to {@code args} that returns no
	 * rows, such as {@code INSERT ... VALUES (?, ?)} or {@code DELETE ... WHERE ...}.
	 * @param sql one SQL statement with one {@code ?} per argument
	 * @param args the values (see {@link #query(String, CnosRowMapper, Object...)}); to
	 * bind a single NULL, pass {@code (Object) null}
	 * @return the number of rows written, as reported by {@code INSERT}; {@code 0} for
	 * statements that report none
	 * @throws IllegalArgumentException if the arguments cannot be bound
	 * @throws DataAccessException if the statement fails
	 */
	long execute(String sql, @Nullable Object... args);

	/**
	 * Run a statement with {@code :name} placeholders bound to {@code params} that
	 * returns no rows.
	 * @param sql one SQL statement with {@code :name} placeholders
	 * @param params the value of each name
	 * @return the number of rows written, as reported by {@code INSERT}; {@code 0} for
	 * statements that report none
	 * @throws IllegalArgumentException if the parameters cannot be bound
	 * @throws DataAccessException if the statement fails
	 */
	long execute(String sql, Map<String, ?> params);

	/**
	 * Write raw line protocol in nanosecond precision; see
	 * {@link #writeLines(String, WritePrecision)}.
	 * @param lines one or more lines separated by {@code \n}
	 * @return the number of lines written
	 * @throws IllegalArgumentException if a line is malformed in a way CnosDB would not
	 * report (see {@link LineProtocolBuffer#appendLines(CharSequence)})
	 * @throws DataAccessException if the server refuses the write
	 */
	long writeLines(String lines);

	/**
	 * Write raw line protocol. The text is sent as it is (after a structural check that
	 * catches a line without fields, which CnosDB would merge with the next line, and a
	 * line without timestamp under {@link WritePrecision#US}/{@link WritePrecision#MS},
	 * which would overflow). Large texts are cut at line boundaries into requests of
	 * bounded size; if a later request fails, the earlier ones stay written and the
	 * exception says which lines they held.
	 * @param lines one or more lines separated by {@code \n}
	 * @param precision the unit of the timestamps in the lines
	 * @return the number of lines written
	 * @throws IllegalArgumentException naming the line if a line is malformed as
	 * described above
	 * @throws DataAccessException if the server refuses the write; for a parse error
	 * ({@code 040004}) the message names the line the server pointed at
	 */
	long writeLines(String lines, WritePrecision precision);

	/**
	 * Write raw lines of line protocol in nanosecond precision; see
	 * {@link #writeLines(String, WritePrecision)}.
	 * @param lines the lines (an element may hold several lines)
	 * @return the number of lines written
	 * @throws IllegalArgumentException naming the element if a line is malformed
	 * @throws DataAccessException if the server refuses the write
	 */
	long writeLines(Iterable<? extends CharSequence> lines);

	/**
	 * Write raw lines of line protocol; see {@link #writeLines(String, WritePrecision)}.
	 * @param lines the lines (an element may hold several lines)
	 * @param precision the unit of the timestamps in the lines
	 * @return the number of lines written
	 * @throws IllegalArgumentException naming the element if a line is malformed
	 * @throws DataAccessException if the server refuses the write
	 */
	long writeLines(Iterable<? extends CharSequence> lines, WritePrecision precision);

	/**
	 * Write one point.
	 * @param point the point
	 * @return {@code 1}
	 * @throws DataAccessException if the server refuses the write
	 */
	long writePoint(Point point);

	/**
	 * Write points, encoded straight into bounded request bodies (nanosecond precision,
	 * so every timestamp is sent exactly). The points are read once, in order, and may
	 * come from a lazy {@link Iterable} of any length.
	 * @param points the points
	 * @return the number of points written
	 * @throws DataAccessException if the server refuses a request; requests sent before
	 * it stay written and the message says which points they held
	 */
	long writePoints(Iterable<Point> points);

	/**
	 * Write objects of classes annotated with {@link io.cnosdb.client.write.Measurement}
	 * as points, mapped by {@link PointMapper#of(Class)} (annotations are read once per
	 * class).
	 * @param objects the objects
	 * @return the number of points written
	 * @throws IllegalArgumentException if an object's class is not mapped correctly or an
	 * object cannot be written exactly
	 * @throws DataAccessException if the server refuses the write
	 */
	long writeObjects(Iterable<?> objects);

	/**
	 * Write objects as points with an explicit mapping.
	 * @param <T> the type of object
	 * @param objects the objects
	 * @param mapper maps each object to a point
	 * @return the number of points written
	 * @throws IllegalArgumentException if an object cannot be written exactly
	 * @throws DataAccessException if the server refuses the write
	 */
	<T> long writeObjects(Iterable<? extends T> objects, PointMapper<? super T> mapper);

	/**
	 * Send the lines of a buffer as exactly one write request, with the buffer's
	 * precision. For callers that manage their own batches (the batching writer, the CSV
	 * import, rows written by {@link LineProtocolBuffer#row(String)}); the buffer is not
	 * changed.
	 * @param lines the encoded lines; nothing is sent when empty
	 * @throws IllegalArgumentException if the buffer is larger than one request may be
	 * @throws IllegalStateException if the buffer has an unfinished row (nothing is sent)
	 * @throws DataAccessException if the server refuses the write
	 */
	void writeLineProtocol(LineProtocolBuffer lines);

	/**
	 * Import a UTF-8 CSV file into a table of this client's database, typed by the
	 * table's schema ({@code DESCRIBE TABLE}); see {@link CnosCsvImporter}, which this
	 * delegates to and which offers more (such as {@code COPY INTO} from a file on the
	 * server).
	 * @param table the table
	 * @param file the file; its first line names the columns
	 * @return what was written
	 * @throws CnosCsvImportException if the file cannot be read, does not match the
	 * table, holds a malformed row, or a write fails
	 */
	default CsvImportResult writeCsv(String table, Path file) {
		return writeCsv(table, file, CsvColumnMapping.none());
	}

	/**
	 * Import a UTF-8 CSV file with an explicit column mapping; see
	 * {@link CnosCsvImporter#writeCsv(String, Path, CsvColumnMapping)}.
	 * @param table the table (created from the mapping if it does not exist)
	 * @param file the file; its first line names the columns
	 * @param mapping the mapping; columns it does not name are typed by the table
	 * @return what was written
	 * @throws CnosCsvImportException if the file cannot be read, does not match the
	 * table, holds a malformed row, or a write fails
	 */
	default CsvImportResult writeCsv(String table, Path file, CsvColumnMapping mapping) {
		return new CnosCsvImporter(this).writeCsv(table, file, mapping);
	}

	/**
	 * Import UTF-8 CSV from a stream, typed by the table's schema; the stream is read to
	 * its end and not closed. See {@link CnosCsvImporter}.
	 * @param table the table
	 * @param in the CSV bytes; the first line names the columns
	 * @return what was written
	 * @throws CnosCsvImportException if the input does not match the table, holds a
	 * malformed row or invalid UTF-8, or a write fails
	 */
	default CsvImportResult writeCsv(String table, InputStream in) {
		return writeCsv(table, in, CsvColumnMapping.none());
	}

	/**
	 * Import UTF-8 CSV from a stream with an explicit column mapping; see
	 * {@link CnosCsvImporter#writeCsv(String, InputStream, CsvColumnMapping)}.
	 * @param table the table (created from the mapping if it does not exist)
	 * @param in the CSV bytes; the first line names the columns
	 * @param mapping the mapping; columns it does not name are typed by the table
	 * @return what was written
	 * @throws CnosCsvImportException if the input does not match the table, holds a
	 * malformed row or invalid UTF-8, or a write fails
	 */
	default CsvImportResult writeCsv(String table, InputStream in, CsvColumnMapping mapping) {
		return new CnosCsvImporter(this).writeCsv(table, in, mapping);
	}

	/**
	 * Import CSV from a reader, typed by the table's schema; the reader is read to its
	 * end and not closed. See {@link CnosCsvImporter}.
	 * @param table the table
	 * @param reader the CSV text; the first line names the columns
	 * @return what was written
	 * @throws CnosCsvImportException if the input does not match the table, holds a
	 * malformed row, or a write fails
	 */
	default CsvImportResult writeCsv(String table, Reader reader) {
		return writeCsv(table, reader, CsvColumnMapping.none());
	}

	/**
	 * Import CSV from a reader with an explicit column mapping; see
	 * {@link CnosCsvImporter#writeCsv(String, Reader, CsvColumnMapping)}.
	 * @param table the table (created from the mapping if it does not exist)
	 * @param reader the CSV text; the first line names the columns
	 * @param mapping the mapping; columns it does not name are typed by the table
	 * @return what was written
	 * @throws CnosCsvImportException if the input does not match the table, holds a
	 * malformed row, or a write fails
	 */
	default CsvImportResult writeCsv(String table, Reader reader, CsvColumnMapping mapping) {
		return new CnosCsvImporter(this).writeCsv(table, reader, mapping);
	}

	/**
	 * Call CnosDB's ping endpoint, which needs no credentials.
	 * @return the server's status and version
	 * @throws DataAccessException if the server cannot be reached or does not answer like
	 * CnosDB
	 */
	CnosServerInfo ping();

}
