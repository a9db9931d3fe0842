package io.cnosdb.client.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cnosdb.client.CnosErrorAware;
import io.cnosdb.client.CnosErrorResponse;
import io.cnosdb.client.CnosObjectNotFoundException;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.admin.CnosColumn;
import io.cnosdb.client.admin.CnosColumnKind;
import io.cnosdb.client.admin.CnosTableDefinition;
import io.cnosdb.client.sql.CnosSql;
import io.cnosdb.client.support.CnosValueConverter;
import io.cnosdb.client.support.Texts;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.LineProtocolChunker;
import io.cnosdb.client.write.Point;
import io.cnosdb.client.write.WritePrecision;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

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

	private static final ObjectReader CSV_READER = CsvMapper.shared()
		.readerFor(String[].class)
		.with(CsvReadFeature.WRAP_AS_ARRAY)
		.with(CsvReadFeature.SKIP_EMPTY_LINES);

	private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

	private static final Pattern UNSIGNED = Pattern.compile("\\+?[0-9]+");

	private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

	private static final Pattern SPACE_SEPARATED_DATE_TIME = Pattern
		.compile("([0-9]{4}-[0-9]{2}-[0-9]{2}) ([0-9]{2}:.*)");

	private static final Pattern TIMESTAMP_UNIT = Pattern.compile("TIMESTAMP\\((\\w+)\\)", Pattern.CASE_INSENSITIVE);

	private static final int MAX_VALUE_SHOWN = 100;

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
	 * @param maxRequestSize the most bytes of one write request (at most the template's
	 * own limit)
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
			return writeCsv(table, in, mapping);
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
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		return writeCsv(table, new InputStreamReader(in, decoder), mapping);
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
		CnosSql.checkName("table", table);
		try {
			// The rule for tables that writes create: the SQL naming rule and the line
			// protocol's.
			Point.measurement(table);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Cannot import into table '" + table + "': " + ex.getMessage(), ex);
		}
		Assert.notNull(reader, "'reader' must not be null");
		Assert.notNull(mapping, "'mapping' must not be null");
		try (JsonParser parser = CSV_READER.createParser(withoutByteOrderMark(reader))) {
			return new Import(table, parser).run(mapping);
		}
		catch (JacksonException ex) {
			// Thrown while opening or closing; failures on rows are translated in Import.
			throw new CnosCsvImportException("Cannot read the CSV input: " + ex.getOriginalMessage(), -1, null, null, 0,
					ex);
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
	 * @throws IllegalArgumentException if the path is not absolute
	 * @throws DataAccessException if the server refuses the statement
	 */
	public long copyFromServerFile(String table, String serverPath) {
		Assert.isTrue(serverPath != null && serverPath.startsWith("/"),
				() -> "The server path must be absolute, not '" + serverPath + "'");
		String sql = "COPY INTO " + CnosSql.identifier("table", table) + " FROM "
				+ CnosSql.stringLiteral("server path", "file://" + serverPath)
				+ " FILE_FORMAT = (TYPE = 'CSV', DELIMITER = ',', WITH_HEADER = true)";
		return this.operations.execute(sql);
	}

	@Override
	public String toString() {
		return "CnosCsvImporter[" + this.operations + ", maxRequestSize=" + this.maxRequestSize + "]";
	}

	private static Reader withoutByteOrderMark(Reader reader) {
		BufferedReader buffered = (reader instanceof BufferedReader existing) ? existing
				: new BufferedReader(reader, 64 * 1024);
		try {
			buffered.mark(1);
			if (buffered.read() != '\uFEFF') {
				buffered.reset();
			}
		}
		catch (IOException ex) {
			String message = isEncodingError(ex) ? notUtf8(ex) : "Cannot read the CSV input: " + ex.getMessage();
			throw new CnosCsvImportException(message, -1, null, null, 0, ex);
		}
		return buffered;
	}

	private static boolean isEncodingError(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof CharacterCodingException) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	/** Input is decoded ahead of parsing, so the line of a bad byte is not known. */
	private static String notUtf8(Throwable ex) {
		return "The CSV input is not valid UTF-8 (" + ex.getClass().getSimpleName() + ")";
	}

	/** One run of an import: the parser, the plan for each column, and the progress. */
	private final class Import {

		private final String table;

		private final JsonParser parser;

		private String[] names = new String[0];

		private @Nullable CsvColumnType[] types = new CsvColumnType[0];

		private WritePrecision precision = WritePrecision.NS;

		private long nanosPerTimeUnit = 1;

		private String timeUnitName = "nanoseconds";

		private boolean tableCreated;

		private long rowStartLine = 1;

		private long rowsWritten;

		private int requests;

		private long[] bodyLines = new long[1024];

		Import(String table, JsonParser parser) {
			this.table = table;
			this.parser = parser;
		}

		CsvImportResult run(CsvColumnMapping mapping) {
			List<String> values = new ArrayList<>();
			if (!nextRow(values, true)) {
				throw failure("The CSV input is empty; its first line must name the columns", -1, null, null, null);
			}
			plan(values, mapping);
			LineProtocolBuffer body = new LineProtocolBuffer(this.precision, 64 * 1024);
			LineProtocolBuffer spare = new LineProtocolBuffer(this.precision, 1024);
			while (true) {
				long line = this.rowStartLine;
				boolean more;
				Point point;
				try {
					more = nextRow(values, false);
					point = more ? toPoint(values, line) : null;
				}
				catch (CnosCsvImportException ex) {
					// Rows before the malformed one are written; none after it.
					send(body);
					throw failure(ex.getMessage() + "; rows written before it: " + this.rowsWritten, ex.getLineNumber(),
							ex.getColumn(), ex.getValue(), ex.getCause());
				}
				if (!more) {
					break;
				}
				body.append(point);
				remember(body.lineCount() - 1, line);
				if (body.size() > CnosCsvImporter.this.maxRequestSize) {
					if (body.lineCount() == 1) {
						throw failure(
								"The row at line " + line + " is " + body.size() + " bytes as line protocol, more "
										+ "than the " + CnosCsvImporter.this.maxRequestSize
										+ " bytes one request may carry; rows written before it: " + this.rowsWritten,
								line, null, null, null);
					}
					spare.clear();
					body.moveLinesTo(body.lineCount() - 1, spare);
					send(body);
					body.clear();
					LineProtocolBuffer swap = body;
					body = spare;
					spare = swap;
					remember(0, line);
				}
			}
			send(body);
			return new CsvImportResult(this.table, this.rowsWritten, this.requests, this.precision, this.tableCreated);
		}

		private void remember(int index, long line) {
			if (index == this.bodyLines.length) {
				this.bodyLines = Arrays.copyOf(this.bodyLines, this.bodyLines.length * 2);
			}
			this.bodyLines[index] = line;
		}

		/**
		 * Read the next record into {@code values}; return false at the end of the input.
		 * Sets {@link #rowStartLine} to the line where the record after it starts.
		 */
		private boolean nextRow(List<String> values, boolean header) {
			values.clear();
			try {
				JsonToken token = this.parser.nextToken();
				if (header && token == JsonToken.START_ARRAY) {
					// The array that wraps all records.
					token = this.parser.nextToken();
				}
				if (token != JsonToken.START_ARRAY) {
					return false;
				}
				while ((token = this.parser.nextToken()) != JsonToken.END_ARRAY) {
					if (token == null) {
						throw failure("The CSV input ends inside the row starting at line " + this.rowStartLine,
								this.rowStartLine, null, null, null);
					}
					values.add(this.parser.getString());
				}
				this.rowStartLine = this.parser.currentLocation().getLineNr();
				return true;
			}
			catch (JacksonException ex) {
				if (isEncodingError(ex)) {
					throw failure(notUtf8(ex), -1, null, null, ex);
				}
				throw failure("Malformed CSV in the row starting at line " + this.rowStartLine + ": "
						+ ex.getOriginalMessage(), this.rowStartLine, null, null, ex);
			}
		}

		private void plan(List<String> header, CsvColumnMapping mapping) {
			this.names = header.toArray(new String[0]);
			Set<String> seen = new HashSet<>();
			for (String name : this.names) {
				if (name.isEmpty()) {
					throw failure("The CSV header has an empty column name", 1, name, null, null);
				}
				if (!seen.add(name)) {
					throw failure("The CSV header names column '" + name + "' twice", 1, name, null, null);
				}
			}
			for (String mapped : mapping.getColumns().keySet()) {
				if (!seen.contains(mapped)) {
					throw failure("The mapping names column '" + mapped + "', which is not in the CSV header " + header,
							1, mapped, null, null);
				}
			}
			Map<String, CnosColumn> schema = describe();
			this.types = new CsvColumnType[this.names.length];
			List<String> unknown = new ArrayList<>();
			for (int i = 0; i < this.names.length; i++) {
				String name = this.names[i];
				if (mapping.getIgnored().contains(name)) {
					continue;
				}
				CsvColumnType type = mapping.getColumns().get(name);
				if (type == null && schema != null && schema.containsKey(name)) {
					type = typeOf(schema.get(name));
				}
				if (type == null) {
					unknown.add(name);
				}
				this.types[i] = type;
			}
			if (!unknown.isEmpty()) {
				throw failure((schema == null)
						? "Table '" + this.table + "' does not exist; to create it, the mapping must name every CSV "
								+ "column, and it does not name " + unknown
						: "CSV columns " + unknown + " are not columns of table '" + this.table + "' (its columns are "
								+ schema.keySet() + "); map them or ignore them",
						1, unknown.get(0), null, null);
			}
			checkColumnNames();
			long times = Arrays.stream(this.types).filter((type) -> type == CsvColumnType.TIME).count();
			if (times != 1) {
				throw failure((times == 0) ? "No CSV column is the time; map one with CsvColumnMapping.time(…)"
						: "More than one CSV column is the time", 1, null, null, null);
			}
			if (Arrays.stream(this.types).noneMatch((type) -> type != null && type.isField())) {
				throw failure("No CSV column is a field; CnosDB needs at least one", 1, null, null, null);
			}
			if (schema == null) {
				createTable();
				schema = describe();
				this.tableCreated = true;
			}
			this.precision = precisionOf(schema);
			TimeUnit unit = (mapping.getTimeUnit() != null) ? mapping.getTimeUnit() : this.precision.timeUnit();
			this.nanosPerTimeUnit = unit.toNanos(1);
			this.timeUnitName = unit.name().toLowerCase(Locale.ROOT);
		}

		/**
		 * Check each column to be written against the rule points follow for tag and
		 * field keys (the SQL naming rule and the line protocol's), before anything is
		 * created or written.
		 */
		private void checkColumnNames() {
			Point.Builder probe = Point.measurement(this.table);
			for (int i = 0; i < this.names.length; i++) {
				CsvColumnType type = this.types[i];
				if (type == null || type == CsvColumnType.TIME) {
					continue;
				}
				String name = this.names[i];
				try {
					if (type == CsvColumnType.TAG) {
						probe.tag(name, "x");
					}
					else {
						probe.field(name, 0L);
					}
				}
				catch (IllegalArgumentException ex) {
					throw failure("CSV column '" + name + "' cannot be written as a "
							+ ((type == CsvColumnType.TAG) ? "tag" : "field") + " of table '" + this.table + "': "
							+ reason(ex), 1, name, null, ex);
				}
			}
		}

		private CsvColumnType typeOf(CnosColumn column) {
			switch (column.kind()) {
				case TIME:
					return CsvColumnType.TIME;
				case TAG:
					return CsvColumnType.TAG;
				default:
					CsvColumnType type = CsvColumnType.forFieldDataType(column.dataType());
					if (type == null) {
						throw failure("Column '" + column.name() + "' of table '" + this.table + "' has type "
								+ column.dataType() + ", which line protocol cannot write; ignore it in the mapping", 1,
								column.name(), null, null);
					}
					return type;
			}
		}

		private @Nullable Map<String, CnosColumn> describe() {
			List<CnosColumn> described;
			try {
				described = CnosCsvImporter.this.operations.admin().describeTable(this.table);
			}
			catch (CnosObjectNotFoundException ex) {
				if ("030019".equals(ex.getErrorCode())) {
					return null;
				}
				throw failure("Cannot read the schema of table '" + this.table + "': " + ex.getMessage(), -1, null,
						null, ex);
			}
			catch (DataAccessException ex) {
				throw failure("Cannot read the schema of table '" + this.table + "': " + ex.getMessage(), -1, null,
						null, ex);
			}
			Map<String, CnosColumn> columns = new LinkedHashMap<>();
			described.forEach((column) -> columns.put(column.name(), column));
			return columns;
		}

		private void createTable() {
			CnosTableDefinition.Builder definition = CnosTableDefinition.builder(this.table);
			for (int i = 0; i < this.names.length; i++) {
				CsvColumnType type = this.types[i];
				if (type == CsvColumnType.TAG) {
					definition.tag(this.names[i]);
				}
				else if (type != null && type.fieldType() != null) {
					definition.field(this.names[i], type.fieldType());
				}
			}
			try {
				CnosCsvImporter.this.operations.admin().createTableIfNotExists(definition.build());
			}
			catch (DataAccessException ex) {
				throw failure("Cannot create table '" + this.table + "': " + ex.getMessage(), -1, null, null, ex);
			}
		}

		private WritePrecision precisionOf(@Nullable Map<String, CnosColumn> schema) {
			if (schema != null) {
				for (CnosColumn column : schema.values()) {
					if (column.kind() == CnosColumnKind.TIME) {
						Matcher matcher = TIMESTAMP_UNIT.matcher(column.dataType());
						if (matcher.find()) {
							return switch (matcher.group(1).toUpperCase(Locale.ROOT)) {
								case "MILLISECOND" -> WritePrecision.MS;
								case "MICROSECOND" -> WritePrecision.US;
								default -> WritePrecision.NS;
							};
						}
					}
				}
			}
			return WritePrecision.NS;
		}

		private Point toPoint(List<String> values, long line) {
			if (values.size() != this.names.length) {
				throw failure("The row at line " + line + " has " + values.size() + " values but the header names "
						+ this.names.length + " columns", line, null, null, null);
			}
			Point.Builder point = Point.measurement(this.table);
			boolean hasField = false;
			for (int i = 0; i < this.names.length; i++) {
				CsvColumnType type = this.types[i];
				String value = values.get(i);
				if (type == null || (value.isEmpty() && type != CsvColumnType.TIME)) {
					continue;
				}
				String name = this.names[i];
				try {
					switch (type) {
						case TIME -> point.time(parseTime(value), TimeUnit.NANOSECONDS);
						case TAG -> point.tag(name, value);
						case DOUBLE -> point.field(name, parseDouble(value));
						case BIGINT -> point.field(name, parseLong(value));
						case BIGINT_UNSIGNED -> point.unsignedField(name, parseUnsigned(value));
						case BOOLEAN -> point.field(name, parseBoolean(value));
						case STRING -> point.field(name, value);
					}
				}
				catch (IllegalArgumentException ex) {
					throw failure("Line " + line + ", column '" + name + "': value '"
							+ Texts.abbreviate(value, MAX_VALUE_SHOWN) + "' cannot be written as " + describe(type)
							+ " (" + reason(ex) + ")", line, name, value, null);
				}
				hasField |= type.isField();
			}
			if (!hasField) {
				throw failure("The row at line " + line + " has no field value (all are empty); CnosDB needs at least "
						+ "one", line, null, null, null);
			}
			return point.build();
		}

		private long parseTime(String value) {
			if (value.isEmpty()) {
				throw new IllegalArgumentException("the time is empty");
			}
			long nanos;
			if (isInteger(value, true)) {
				try {
					nanos = Math.multiplyExact(Long.parseLong(value), this.nanosPerTimeUnit);
				}
				catch (ArithmeticException ex) {
					throw new IllegalArgumentException("out of range in " + this.timeUnitName);
				}
			}
			else {
				Matcher spaced = SPACE_SEPARATED_DATE_TIME.matcher(value);
				String text = spaced.matches() ? spaced.group(1) + "T" + spaced.group(2) : value;
				Instant instant;
				try {
					instant = CnosValueConverter.parseOffsetDateTime(text).toInstant();
				}
				catch (DateTimeParseException ex) {
					throw new IllegalArgumentException(
							"neither an integer in " + this.timeUnitName + " nor an ISO-8601 date-time");
				}
				try {
					nanos = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L),
							instant.getNano());
				}
				catch (ArithmeticException ex) {
					throw new IllegalArgumentException("outside the range of nanosecond timestamps");
				}
			}
			// Refuse what the table's precision would truncate.
			this.precision.fromNanos(nanos);
			return nanos;
		}

		private double parseDouble(String value) {
			if (!isDecimal(value)) {
				String lower = value.toLowerCase(Locale.ROOT);
				throw new IllegalArgumentException((lower.contains("nan") || lower.contains("inf"))
						? "line protocol cannot carry NaN or infinities" : "not a decimal number");
			}
			return Double.parseDouble(value);
		}

		private long parseLong(String value) {
			try {
				return Long.parseLong(value);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("not a signed 64-bit integer");
			}
		}

		private BigInteger parseUnsigned(String value) {
			if (!isInteger(value, false)) {
				throw new IllegalArgumentException("not an unsigned 64-bit integer");
			}
			return new BigInteger(value);
		}

		private boolean parseBoolean(String value) {
			if (value.equalsIgnoreCase("true")) {
				return true;
			}
			if (value.equalsIgnoreCase("false")) {
				return false;
			}
			throw new IllegalArgumentException("not true or false");
		}

		private String describe(CsvColumnType type) {
			return switch (type) {
				case TIME -> "the time";
				case TAG -> "a tag";
				default -> type.sqlType();
			};
		}

		private String reason(IllegalArgumentException ex) {
			String message = String.valueOf(ex.getMessage());
			int point = message.indexOf("': ");
			return (message.startsWith("Point '") && point > 0) ? message.substring(point + 3) : message;
		}

		/** Send the body as one request, if it holds any row. */
		private void send(LineProtocolBuffer body) {
			if (body.isEmpty()) {
				return;
			}
			try {
				CnosCsvImporter.this.operations.writeLineProtocol(body);
			}
			catch (DataAccessException ex) {
				long first = this.bodyLines[0];
				long last = this.bodyLines[body.lineCount() - 1];
				throw failure(
						"Writing the rows from line " + first + " to line " + last + " failed"
								+ rowOfParseError(ex, body) + " (the server may have applied part of them); "
								+ "rows written before them: " + this.rowsWritten + "; " + ex.getMessage(),
						first, null, null, ex);
			}
			this.rowsWritten += body.lineCount();
			this.requests++;
		}

		private String rowOfParseError(DataAccessException ex, LineProtocolBuffer body) {
			CnosErrorResponse error = (ex instanceof CnosErrorAware aware) ? aware.getErrorResponse() : null;
			if (error == null || !"040004".equals(error.code())) {
				return "";
			}
			LineProtocolBuffer.ErrorLocation location = body.locateParseError(error.message());
			if (location == null || location.lineIndex() < 0) {
				return "";
			}
			return ", at the row from line " + this.bodyLines[location.lineIndex()];
		}

		private CnosCsvImportException failure(String message, long line, @Nullable String column,
				@Nullable String value, @Nullable Throwable cause) {
			return new CnosCsvImportException(message, line, column, value, this.rowsWritten, cause);
		}

		/**
		 * Whether the text is digits with an optional sign ({@code +} only if unsigned).
		 */
		private static boolean isInteger(String text, boolean signed) {
			int start = (!text.isEmpty() && (text.charAt(0) == '+' || (signed && text.charAt(0) == '-'))) ? 1 : 0;
			return digits(text, start) == text.length() && text.length() > start;
		}

		/** Whether the text is a decimal number: sign, digits, fraction, exponent. */
		private static boolean isDecimal(String text) {
			int length = text.length();
			int i = (length > 0 && (text.charAt(0) == '+' || text.charAt(0) == '-')) ? 1 : 0;
			int integral = digits(text, i);
			int fractionEnd = integral;
			if (integral < length && text.charAt(integral) == '.') {
				fractionEnd = digits(text, integral + 1);
			}
			if (integral == i && fractionEnd <= integral + 1) {
				// No digit before or after the point.
				return false;
			}
			if (fractionEnd < length && (text.charAt(fractionEnd) == 'e' || text.charAt(fractionEnd) == 'E')) {
				int exponent = fractionEnd + 1;
				if (exponent < length && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
					exponent++;
				}
				int exponentEnd = digits(text, exponent);
				return exponentEnd > exponent && exponentEnd == length;
			}
			return fractionEnd == length;
		}

		private static int digits(String text, int from) {
			int i = from;
			while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
				i++;
			}
			return i;
		}

	}

}
