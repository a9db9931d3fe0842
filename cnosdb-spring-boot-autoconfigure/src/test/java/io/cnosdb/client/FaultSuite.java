package io.cnosdb.client;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import io.cnosdb.client.csv.CsvColumnMapping;
import io.cnosdb.client.csv.CsvColumnType;
import io.cnosdb.client.write.Point;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * What the fault suites share: every public way the template talks to CnosDB, a template
 * with short timeouts, and the byte-exact answers of a healthy server.
 */
final class FaultSuite {

	/** The read timeout of the templates under test. */
	static final Duration READ_TIMEOUT = Duration.ofMillis(700);

	/** The longest any call may take under any fault: both timeouts and some slack. */
	static final Duration BOUND = Duration.ofSeconds(5);

	/** What a healthy query answers in these suites: one column, one row. */
	static final String CSV_RESULT = "database_name\npublic\n";

	private FaultSuite() {
	}

	/**
	 * A template on the JDK client (the default of the auto-configuration) with a short
	 * connect and read timeout.
	 */
	static CnosTemplate template(String url) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(1))
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
		factory.setReadTimeout(READ_TIMEOUT);
		return CnosTemplate.builder().restClientBuilder(RestClient.builder().requestFactory(factory)).url(url).build();
	}

	/** A loopback URL on which nothing listens. */
	static String refusingUrl() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
	}

	/** The request path each kind of call goes to first. */
	enum Endpoint {

		SQL("/api/v1/sql"), WRITE("/api/v1/write"), PING("/api/v1/ping");

		final String path;

		Endpoint(String path) {
			this.path = path;
		}

	}

	/**
	 * One public method of the template and what it needs of a healthy server.
	 *
	 * @param name the method, for test names
	 * @param endpoint where it sends its (first) request
	 * @param wrapped whether the method wraps the translated failure (a CSV import
	 * reports where it stopped, with the failure as cause)
	 * @param call the call
	 */
	record Method(String name, Endpoint endpoint, boolean wrapped, Function<CnosTemplate, Object> call) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static final List<Method> METHODS = List.of(new Method("query(sql)", Endpoint.SQL, false, (t) -> t.query("q")),
			new Method("query(sql, mapper)", Endpoint.SQL, false, (t) -> t.query("q", (row, n) -> row.getString(0))),
			new Method("query(sql, type)", Endpoint.SQL, false, (t) -> t.query("q", String.class)),
			new Method("queryForObject", Endpoint.SQL, false, (t) -> t.queryForObject("q", String.class)),
			new Method("query(sql, handler)", Endpoint.SQL, false, (t) -> {
				StringBuilder rows = new StringBuilder();
				t.query("q", (CnosRowCallbackHandler) (row) -> rows.append(row.getString(0)));
				return rows.toString();
			}), new Method("queryForStream", Endpoint.SQL, false, (t) -> {
				try (Stream<String> rows = t.queryForStream("q", (row, n) -> row.getString(0))) {
					return rows.toList();
				}
			}), new Method("execute", Endpoint.SQL, false, (t) -> t.execute("q")),
			new Method("ping", Endpoint.PING, false, CnosTemplate::ping),
			new Method("writeLines", Endpoint.WRITE, false, (t) -> t.writeLines("m v=1 1")),
			new Method("writePoints", Endpoint.WRITE, false,
					(t) -> t.writePoints(
							List.of(Point.measurement("m").tag("h", "a").field("v", 1.0).time(Instant.EPOCH).build(),
									Point.measurement("m").tag("h", "b").field("v", 2.0).time(Instant.EPOCH).build()))),
			new Method("writeCsv", Endpoint.SQL, true,
					(t) -> t.writeCsv("m", new StringReader("time,v\n1,2\n"),
							CsvColumnMapping.builder().time("time").field("v", CsvColumnType.DOUBLE).build())),
			new Method("admin().listDatabases", Endpoint.SQL, false, (t) -> t.admin().listDatabases()));

	/** A healthy answer to a request for {@code path}, as CnosDB sends it. */
	static byte[] healthyAnswer(String path) {
		String answer = switch (path) {
			case "/api/v1/ping" -> json("{\"version\":\"2.4.2, revision UNKNOWN\",\"status\":\"healthy\"}");
			case "/api/v1/write" -> "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n";
			default -> "HTTP/1.1 200 OK\r\ncontent-type: application/csv\r\ncontent-encoding: identity\r\n"
					+ "content-length: " + CSV_RESULT.length() + "\r\n\r\n" + CSV_RESULT;
		};
		return answer.getBytes(StandardCharsets.US_ASCII);
	}

	private static String json(String body) {
		return "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: " + body.length() + "\r\n\r\n"
				+ body;
	}

}
