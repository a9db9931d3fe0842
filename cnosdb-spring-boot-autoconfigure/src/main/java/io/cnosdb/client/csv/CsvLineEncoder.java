package io.cnosdb.client.csv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.cnosdb.client.support.FastTimestamp;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.LineProtocolChunker;

/**
 * Writes one CSV record straight into a line of line protocol, without building a
 * {@link io.cnosdb.client.write.Point}: through the row writer of the chunker
 * ({@link LineProtocolChunker#row(String)}), which checks and escapes each name and value
 * as a point does and encodes numbers and times the same way; tags and fields are given
 * sorted by name, so the line is the one the point that {@link CsvRowConverter} would
 * build encodes to, byte for byte.
 * <p>
 * It takes only records whose every value it is sure of: decimal numbers, integers of at
 * most 18 digits, {@code true} or {@code false} in any case, text the row writer accepts,
 * times as integers or in the ISO-8601 forms of {@link FastTimestamp}. For any other
 * record it drops the row and answers {@code false}, and the caller converts the record
 * with {@link CsvRowConverter}, which either builds its point or names what is wrong with
 * it, as before. Not thread-safe.
 *
 * @author CnosDB Spring Boot contributors
 */
final class CsvLineEncoder {

	/** The measurement. */
	private final String measurement;

	/** The time column, or -1. */
	private final int timeColumn;

	/** Tag columns, sorted by name. */
	private final int[] tagColumns;

	/** The name of each tag column. */
	private final String[] tagKeys;

	/** Field columns, sorted by name. */
	private final int[] fieldColumns;

	/** The name of each field column. */
	private final String[] fieldKeys;

	private final CsvColumnType[] fieldTypes;

	private final int columns;

	private final TimeUnit timeUnit;

	/**
	 * Prepare the encoder of the rows of a planned import.
	 * @param plan the plan
	 */
	CsvLineEncoder(CsvTablePlan plan) {
		this.measurement = plan.table();
		this.columns = plan.columnCount();
		int time = -1;
		List<Integer> tags = new ArrayList<>();
		List<Integer> fields = new ArrayList<>();
		for (int i = 0; i < this.columns; i++) {
			CsvColumnType type = plan.type(i);
			if (type == null) {
				continue;
			}
			switch (type) {
				case TIME -> time = i;
				case TAG -> tags.add(i);
				default -> fields.add(i);
			}
		}
		Comparator<Integer> byName = Comparator.comparing(plan::name);
		tags.sort(byName);
		fields.sort(byName);
		this.timeColumn = time;
		this.tagColumns = tags.stream().mapToInt(Integer::intValue).toArray();
		this.tagKeys = tags.stream().map(plan::name).toArray(String[]::new);
		this.fieldColumns = fields.stream().mapToInt(Integer::intValue).toArray();
		this.fieldKeys = fields.stream().map(plan::name).toArray(String[]::new);
		this.fieldTypes = fields.stream().map(plan::type).toArray(CsvColumnType[]::new);
		this.timeUnit = plan.timeUnit();
	}

	/**
	 * Write the line of a record to the chunker, if the record is one this encoder takes;
	 * the caller then calls {@link LineProtocolChunker#endRow()}.
	 * @param values the values of the record
	 * @param chunker receives the line; left as it was if the record is not taken
	 * @return whether the line was written; if not, convert the record the slow way
	 */
	boolean encode(List<String> values, LineProtocolChunker chunker) {
		if (values.size() != this.columns || this.timeColumn < 0) {
			return false;
		}
		String time = values.get(this.timeColumn);
		boolean integerTime = isPlainInteger(time);
		long isoNanos = 0;
		if (!integerTime) {
			isoNanos = FastTimestamp.epochNanos(time, true);
			if (isoNanos == FastTimestamp.NOT_TAKEN) {
				return false;
			}
		}
		LineProtocolBuffer.Row row = null;
		try {
			row = chunker.row(this.measurement);
			for (int i = 0; i < this.tagColumns.length; i++) {
				String value = values.get(this.tagColumns[i]);
				if (!value.isEmpty()) {
					row.tag(this.tagKeys[i], value);
				}
			}
			boolean hasField = false;
			for (int i = 0; i < this.fieldColumns.length; i++) {
				String value = values.get(this.fieldColumns[i]);
				if (value.isEmpty()) {
					continue;
				}
				if (!field(row, this.fieldKeys[i], this.fieldTypes[i], value)) {
					row.cancel();
					return false;
				}
				hasField = true;
			}
			if (!hasField) {
				// No field: the slow way names the row.
				row.cancel();
				return false;
			}
			if (integerTime) {
				if (time.length() > 19) {
					row.cancel();
					return false;
				}
				row.at(Long.parseLong(time), this.timeUnit);
			}
			else {
				row.at(isoNanos, TimeUnit.NANOSECONDS);
			}
			return true;
		}
		catch (IllegalArgumentException ex) {
			// The row writer refused a value, or a number is out of range: the slow way
			// names it.
			if (row != null) {
				row.cancel();
			}
			return false;
		}
	}

	private static boolean field(LineProtocolBuffer.Row row, String key, CsvColumnType type, String value) {
		switch (type) {
			case DOUBLE -> {
				if (!CsvRowConverter.isDecimal(value)) {
					return false;
				}
				row.field(key, Double.parseDouble(value));
			}
			case BIGINT -> {
				if (!isPlainInteger(value) || value.length() > 19) {
					return false;
				}
				row.field(key, Long.parseLong(value));
			}
			case BIGINT_UNSIGNED -> {
				if (!isPlainInteger(value) || value.charAt(0) == '-' || value.length() > 19) {
					return false;
				}
				row.unsignedField(key, Long.parseLong(value));
			}
			case BOOLEAN -> {
				// The usual spellings first: equalsIgnoreCase is several times slower.
				if (value.equals("true") || value.equals("false")) {
					row.field(key, value.length() == 4);
				}
				else if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
					row.field(key, value.length() == 4);
				}
				else {
					return false;
				}
			}
			case STRING -> row.field(key, value);
			default -> {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the text is an optional sign followed by one or more ASCII digits.
	 */
	static boolean isPlainInteger(String text) {
		int length = text.length();
		int start = (length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) ? 1 : 0;
		if (length == start) {
			return false;
		}
		for (int i = start; i < length; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

}
