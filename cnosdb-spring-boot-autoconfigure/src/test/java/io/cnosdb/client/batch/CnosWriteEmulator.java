package io.cnosdb.client.batch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.cnosdb.client.WriteStubs;

import static io.cnosdb.client.CnosServerStub.error;

/**
 * A WireMock transformer that answers {@code /api/v1/write} as CnosDB 2.4.2.1 does for
 * the simple line protocol of the tests (no escapes, one time bucket), and keeps what it
 * stored. Each answer below was seen live on 2.4.2.1:
 * <ul>
 * <li>a field value that is no value: 422 {@code 040004}
 * {@code Error parsing message: invalid field value: 'tRUE'} (the whole body is parsed
 * before anything is written);</li>
 * <li>a field of two types in one request: 422 {@code 050014}
 * {@code line to batch error: Expected i64 column} (the type of the first line that
 * differs from the first line);</li>
 * <li>a field of another type than the stored column: 422 {@code 050014}
 * {@code Apply engine failed: DataSchemaError: Column 'f' type error, found I64 expected F64};</li>
 * <li>otherwise 200 with {@code content-length: 0}, and every line stored under its
 * series and timestamp (a later write of the same point replaces it).</li>
 * </ul>
 * A request refused stores nothing.
 */
final class CnosWriteEmulator implements ResponseDefinitionTransformerV2 {

	static final String NAME = "cnosdb-write-emulator";

	private final Map<String, String> columnTypes = new HashMap<>();

	/** Stored lines by series and timestamp. */
	private final Map<String, String> rows = new LinkedHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
		this.requests.incrementAndGet();
		String body = new String(serveEvent.getRequest().getBody(), StandardCharsets.UTF_8);
		List<String[]> lines = new ArrayList<>();
		for (String line : body.split("\n")) {
			if (!line.isEmpty()) {
				lines.add(line.split(" "));
			}
		}
		for (String[] line : lines) {
			for (String field : line[1].split(",")) {
				String value = field.substring(field.indexOf('=') + 1);
				if (typeOf(value) == null) {
					return answer(422, "040004", "Error parsing message: invalid field value: '" + value + "'");
				}
			}
		}
		Map<String, String> requestTypes = new HashMap<>();
		for (String[] line : lines) {
			for (String field : line[1].split(",")) {
				String column = measurement(line) + "." + field.substring(0, field.indexOf('='));
				String type = typeOf(field.substring(field.indexOf('=') + 1));
				String first = requestTypes.putIfAbsent(column, type);
				if (first != null && !first.equals(type)) {
					return answer(422, "050014", "line to batch error: Expected " + type.toLowerCase() + " column");
				}
			}
		}
		for (Map.Entry<String, String> column : requestTypes.entrySet()) {
			String stored = this.columnTypes.get(column.getKey());
			if (stored != null && !stored.equals(column.getValue())) {
				String name = column.getKey().substring(column.getKey().indexOf('.') + 1);
				return answer(422, "050014", "Apply engine failed: DataSchemaError: Column '" + name
						+ "' type error, found " + column.getValue() + " expected " + stored);
			}
		}
		this.columnTypes.putAll(requestTypes);
		for (String[] line : lines) {
			this.rows.put(line[0] + " " + line[2], String.join(" ", line));
		}
		return WriteStubs.writeOk().build();
	}

	private static ResponseDefinition answer(int status, String code, String message) {
		return error(status, "{\"error_code\":\"" + code + "\",\"error_message\":\"" + message + "\"}").build();
	}

	private static String measurement(String[] line) {
		int comma = line[0].indexOf(',');
		return (comma >= 0) ? line[0].substring(0, comma) : line[0];
	}

	private static String typeOf(String value) {
		if (value.startsWith("\"")) {
			return "String";
		}
		if (Set.of("t", "T", "true", "True", "TRUE", "f", "F", "false", "False", "FALSE").contains(value)) {
			return "Boolean";
		}
		if (value.matches("-?\\d+i")) {
			return "I64";
		}
		if (value.matches("\\d+u")) {
			return "U64";
		}
		if (value.matches("[-+]?\\d.*") || value.matches("[-+]?inf")) {
			return "F64";
		}
		return null;
	}

	/**
	 * Return the lines stored, one per series and timestamp.
	 * @return the stored lines
	 */
	synchronized Set<String> storedLines() {
		return Set.copyOf(this.rows.values());
	}

	/**
	 * Return how many write requests were answered.
	 * @return the number of requests
	 */
	int requests() {
		return this.requests.get();
	}

	/**
	 * Create a column, as an earlier write would have.
	 * @param measurement the table
	 * @param field the field column
	 * @param type its type, such as {@code F64}
	 */
	synchronized void createColumn(String measurement, String field, String type) {
		this.columnTypes.put(measurement + "." + field, type);
	}

	/** Forget everything stored. */
	synchronized void reset() {
		this.columnTypes.clear();
		this.rows.clear();
		this.requests.set(0);
	}

}
