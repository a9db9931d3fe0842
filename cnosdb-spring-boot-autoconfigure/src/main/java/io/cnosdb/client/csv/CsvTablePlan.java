package io.cnosdb.client.csv;

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

import io.cnosdb.client.CnosObjectNotFoundException;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.admin.CnosColumn;
import io.cnosdb.client.admin.CnosColumnKind;
import io.cnosdb.client.admin.CnosTableDefinition;
import io.cnosdb.client.sql.CnosSql;
import io.cnosdb.client.write.Point;
import io.cnosdb.client.write.WritePrecision;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * The plan of the table a CSV input is imported into: for each CSV column, whether it is
 * the time, a tag, a field of which type, or ignored; the precision of the table's time;
 * and the unit of integer times. The types come from an explicit {@link CsvColumnMapping}
 * first, then from {@code DESCRIBE TABLE}; a table that does not exist is created from a
 * mapping that names every column. Names are checked against the rule that points follow
 * (the SQL naming rule and the line protocol's) before anything is created or written.
 * <p>
 * Failures are {@link CnosCsvImportException}s tied to the header (line 1) where they
 * concern a column. Immutable once made.
 *
 * @author CnosDB Spring Boot contributors
 */
final class CsvTablePlan {

	/** The error code of CnosDB for a table that does not exist. */
	private static final String TABLE_NOT_FOUND = "030019";

	private static final Pattern TIMESTAMP_UNIT = Pattern.compile("TIMESTAMP\\((\\w+)\\)", Pattern.CASE_INSENSITIVE);

	private final String table;

	private final String[] names;

	private final @Nullable CsvColumnType[] types;

	private final WritePrecision precision;

	private final TimeUnit timeUnit;

	private final boolean tableCreated;

	private CsvTablePlan(String table, String[] names, @Nullable CsvColumnType[] types, WritePrecision precision,
			TimeUnit timeUnit, boolean tableCreated) {
		this.table = table;
		this.names = names;
		this.types = types;
		this.precision = precision;
		this.timeUnit = timeUnit;
		this.tableCreated = tableCreated;
	}

	/**
	 * Check that CSV can be imported into a table of this name: the SQL naming rule and
	 * the rule of the line protocol for tables that writes create.
	 * @param table the table
	 * @throws IllegalArgumentException if it cannot
	 */
	static void checkTableName(String table) {
		CnosSql.checkName("table", table);
		try {
			Point.measurement(table);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Cannot import into table '" + table + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * Plan the import of CSV with this header into the table, reading its schema and
	 * creating it if it does not exist and the mapping names every column.
	 * @param operations the client that reads the schema and creates the table
	 * @param table the table
	 * @param header the names of the CSV columns, in order
	 * @param mapping the explicit mapping
	 * @return the plan
	 * @throws CnosCsvImportException if the header, the mapping and the table do not fit
	 * together, or the schema cannot be read or the table cannot be created
	 */
	static CsvTablePlan plan(CnosOperations operations, String table, List<String> header, CsvColumnMapping mapping) {
		String[] names = header.toArray(new String[0]);
		checkHeader(names, mapping, header);
		Map<String, CnosColumn> schema = describe(operations, table);
		@Nullable CsvColumnType[] types = new CsvColumnType[names.length];
		List<String> unknown = new ArrayList<>();
		for (int i = 0; i < names.length; i++) {
			String name = names[i];
			if (mapping.getIgnored().contains(name)) {
				continue;
			}
			CsvColumnType type = mapping.getColumns().get(name);
			if (type == null && schema != null && schema.containsKey(name)) {
				type = typeOf(table, schema.get(name));
			}
			if (type == null) {
				unknown.add(name);
			}
			types[i] = type;
		}
		if (!unknown.isEmpty()) {
			throw failure((schema == null)
					? "Table '" + table + "' does not exist; to create it, the mapping must name every CSV column, "
							+ "and it does not name " + unknown
					: "CSV columns " + unknown + " are not columns of table '" + table + "' (its columns are "
							+ schema.keySet() + "); map them or ignore them",
					1, unknown.get(0), null);
		}
		checkColumnNames(table, names, types);
		long times = Arrays.stream(types).filter((type) -> type == CsvColumnType.TIME).count();
		if (times != 1) {
			throw failure((times == 0) ? "No CSV column is the time; map one with CsvColumnMapping.time(…)"
					: "More than one CSV column is the time", 1, null, null);
		}
		if (Arrays.stream(types).noneMatch((type) -> type != null && type.isField())) {
			throw failure("No CSV column is a field; CnosDB needs at least one", 1, null, null);
		}
		boolean created = false;
		if (schema == null) {
			createTable(operations, table, names, types);
			schema = describe(operations, table);
			created = true;
		}
		WritePrecision precision = precisionOf(schema);
		TimeUnit unit = (mapping.getTimeUnit() != null) ? mapping.getTimeUnit() : precision.timeUnit();
		return new CsvTablePlan(table, names, types, precision, unit, created);
	}

	/**
	 * Return the table.
	 * @return the table
	 */
	String table() {
		return this.table;
	}

	/**
	 * Return the number of CSV columns.
	 * @return the columns of the header
	 */
	int columnCount() {
		return this.names.length;
	}

	/**
	 * Return the name of a CSV column.
	 * @param column its index
	 * @return its name
	 */
	String name(int column) {
		return this.names[column];
	}

	/**
	 * Return what a CSV column is written as.
	 * @param column its index
	 * @return its type, or {@code null} if it is ignored
	 */
	@Nullable CsvColumnType type(int column) {
		return this.types[column];
	}

	/**
	 * Return the precision of the table's time, in which its rows are written.
	 * @return the precision
	 */
	WritePrecision precision() {
		return this.precision;
	}

	/**
	 * Return the unit of integer times: the mapping's, or the table's precision.
	 * @return the unit
	 */
	TimeUnit timeUnit() {
		return this.timeUnit;
	}

	/**
	 * Return whether the table was created for this import.
	 * @return whether it was created
	 */
	boolean tableCreated() {
		return this.tableCreated;
	}

	/**
	 * Return the reason an argument was refused, without the {@code Point 'table': }
	 * prefix of the point builder's messages.
	 * @param ex the failure
	 * @return the reason
	 */
	static String reason(IllegalArgumentException ex) {
		String message = String.valueOf(ex.getMessage());
		int point = message.indexOf("': ");
		return (message.startsWith("Point '") && point > 0) ? message.substring(point + 3) : message;
	}

	private static void checkHeader(String[] names, CsvColumnMapping mapping, List<String> header) {
		Set<String> seen = new HashSet<>();
		for (String name : names) {
			if (name.isEmpty()) {
				throw failure("The CSV header has an empty column name", 1, name, null);
			}
			if (!seen.add(name)) {
				throw failure("The CSV header names column '" + name + "' twice", 1, name, null);
			}
		}
		for (String mapped : mapping.getColumns().keySet()) {
			if (!seen.contains(mapped)) {
				throw failure("The mapping names column '" + mapped + "', which is not in the CSV header " + header, 1,
						mapped, null);
			}
		}
	}

	/**
	 * Check each column to be written against the rule points follow for tag and field
	 * keys (the SQL naming rule and the line protocol's), before anything is created or
	 * written.
	 */
	private static void checkColumnNames(String table, String[] names, @Nullable CsvColumnType[] types) {
		Point.Builder probe = Point.measurement(table);
		for (int i = 0; i < names.length; i++) {
			CsvColumnType type = types[i];
			if (type == null || type == CsvColumnType.TIME) {
				continue;
			}
			String name = names[i];
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
						+ ((type == CsvColumnType.TAG) ? "tag" : "field") + " of table '" + table + "': " + reason(ex),
						1, name, ex);
			}
		}
	}

	private static CsvColumnType typeOf(String table, CnosColumn column) {
		switch (column.kind()) {
			case TIME:
				return CsvColumnType.TIME;
			case TAG:
				return CsvColumnType.TAG;
			default:
				CsvColumnType type = CsvColumnType.forFieldDataType(column.dataType());
				if (type == null) {
					throw failure(
							"Column '" + column.name() + "' of table '" + table + "' has type " + column.dataType()
									+ ", which line protocol cannot write; ignore it in the mapping",
							1, column.name(), null);
				}
				return type;
		}
	}

	/** Return the columns of the table by name, or {@code null} if it does not exist. */
	private static @Nullable Map<String, CnosColumn> describe(CnosOperations operations, String table) {
		List<CnosColumn> described;
		try {
			described = operations.admin().describeTable(table);
		}
		catch (CnosObjectNotFoundException ex) {
			if (TABLE_NOT_FOUND.equals(ex.getErrorCode())) {
				return null;
			}
			throw cannotReadSchema(table, ex);
		}
		catch (DataAccessException ex) {
			throw cannotReadSchema(table, ex);
		}
		Map<String, CnosColumn> columns = new LinkedHashMap<>();
		described.forEach((column) -> columns.put(column.name(), column));
		return columns;
	}

	private static CnosCsvImportException cannotReadSchema(String table, DataAccessException ex) {
		return failure("Cannot read the schema of table '" + table + "': " + ex.getMessage(), -1, null, ex);
	}

	private static void createTable(CnosOperations operations, String table, String[] names,
			@Nullable CsvColumnType[] types) {
		CnosTableDefinition.Builder definition = CnosTableDefinition.builder(table);
		for (int i = 0; i < names.length; i++) {
			CsvColumnType type = types[i];
			if (type == CsvColumnType.TAG) {
				definition.tag(names[i]);
			}
			else if (type != null && type.fieldType() != null) {
				definition.field(names[i], type.fieldType());
			}
		}
		try {
			operations.admin().createTableIfNotExists(definition.build());
		}
		catch (DataAccessException ex) {
			throw failure("Cannot create table '" + table + "': " + ex.getMessage(), -1, null, ex);
		}
	}

	private static WritePrecision precisionOf(@Nullable Map<String, CnosColumn> schema) {
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

	/** Nothing is written while the plan is made. */
	private static CnosCsvImportException failure(String message, long line, @Nullable String column,
			@Nullable Throwable cause) {
		return new CnosCsvImportException(message, line, column, null, 0, cause);
	}

}
