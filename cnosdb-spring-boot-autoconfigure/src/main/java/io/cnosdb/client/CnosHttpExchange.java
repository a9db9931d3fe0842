package io.cnosdb.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import io.cnosdb.client.sql.CnosStatement;
import io.cnosdb.client.support.CnosExceptionTranslator;
import io.cnosdb.client.write.LineProtocolBuffer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The one way every request of a {@link CnosTemplate} goes to CnosDB, as
 * {@code JdbcTemplate} has one {@code execute}: it builds the request, sends it, checks
 * the status and translates every failure with the {@link CnosExceptionTranslator}. The
 * template and its views share one instance; it holds the {@link RestClient}.
 *
 * @author CnosDB Spring Boot contributors
 */
final class CnosHttpExchange {

	private static final String SQL_URI = "/api/v1/sql?tenant={tenant}&db={db}";

	private static final String STREAMED_SQL_URI = SQL_URI + "&chunked=true";

	private static final String PING_URI = "/api/v1/ping";

	private static final String WRITE_URI = "/api/v1/write?tenant={tenant}&db={db}&precision={precision}";

	/**
	 * CnosDB compares {@code Accept} as one exact string: send exactly this value and
	 * nothing else. Every release takes {@code application/csv}; {@code text/csv} is
	 * refused with 400 {@code 040005} before 2.4.3. The answer's content type is
	 * {@code application/csv} before 2.4.3 and {@code text/csv} from then on.
	 */
	private static final MediaType CSV = new MediaType("application", "csv");

	/** The body type of SQL and line protocol (CnosDB ignores it on both endpoints). */
	private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

	/**
	 * Results are read uncompressed. Left to itself the HTTP client would ask for
	 * {@code gzip, deflate}; CnosDB then compresses each chunk of a streamed result as a
	 * separate gzip member and appends a late error uncompressed, which
	 * {@code GZIPInputStream} on Java 17 can cut short without an error (JDK-7036144).
	 */
	private static final String IDENTITY = "identity";

	private static final int MAX_ERROR_BODY = 64 * 1024;

	private static final JsonMapper JSON = JsonMapper.shared();

	private final RestClient restClient;

	private final CnosExceptionTranslator translator;

	CnosHttpExchange(RestClient restClient, CnosExceptionTranslator translator) {
		this.restClient = restClient;
		this.translator = translator;
	}

	/**
	 * Ask {@code /api/v1/ping} what the server is.
	 */
	CnosServerInfo ping() {
		Failure failure = new Failure("Ping", null, this.translator, (error) -> null);
		return execute(failure, (client) -> client.get().uri(PING_URI), (response) -> readPing(response.getBody()),
				true);
	}

	/**
	 * Run a statement on {@code /api/v1/sql} and open its CSV result; the caller closes
	 * the cursor. The statement's secrets are removed from anything the server answers.
	 */
	ResultCursor query(String tenant, String database, CnosStatement statement, boolean streamed) {
		CnosExceptionTranslator translator = this.translator.withSecrets(statement.secrets());
		Failure failure = new Failure("Query", statement.displaySql(), translator, (error) -> null);
		byte[] sql = statement.sql().getBytes(StandardCharsets.UTF_8);
		ClientHttpResponse response = execute(failure,
				(client) -> client.post()
					.uri(streamed ? STREAMED_SQL_URI : SQL_URI, Map.of("tenant", tenant, "db", database))
					.accept(CSV)
					.contentType(TEXT)
					.contentLength(sql.length)
					.body((StreamingHttpOutputMessage.Body) (out) -> out.write(sql)),
				(opened) -> opened, false);
		return new ResultCursor(response, failure.task(), failure.sql(), translator);
	}

	/**
	 * Send one body to {@code /api/v1/write} as one request of known length, optionally
	 * gzip-compressed.
	 * @param task what the request is, for messages
	 * @param detail adds what the caller knows to the message of a refused write (the
	 * line a parse error is in)
	 */
	void write(String tenant, String database, LineProtocolBuffer body, boolean gzip, String task,
			Function<CnosErrorResponse, @Nullable String> detail) {
		Failure failure = new Failure(task, null, this.translator, detail);
		Map<String, String> variables = Map.of("tenant", tenant, "db", database, "precision",
				body.getPrecision().parameter());
		execute(failure, (client) -> {
			RestClient.RequestBodySpec spec = client.post().uri(WRITE_URI, variables).contentType(TEXT);
			if (!gzip) {
				return spec.contentLength(body.size()).body(body::writeTo);
			}
			ByteArrayOutputStream compressed = gzip(body);
			return spec.header(HttpHeaders.CONTENT_ENCODING, "gzip")
				.contentLength(compressed.size())
				.body(compressed::writeTo);
		}, (response) -> null, true);
	}

	/**
	 * The one execution path: build and send the request, check the status, translate
	 * failures. With {@code close} false the handler takes ownership of the response (for
	 * results read after this method returns); the response is still closed here if
	 * anything fails first.
	 */
	private <T> T execute(Failure failure, Function<RestClient, RestClient.RequestHeadersSpec<?>> request,
			ResponseHandler<T> handler, boolean close) {
		try {
			return request.apply(this.restClient)
				.header(HttpHeaders.ACCEPT_ENCODING, IDENTITY)
				.exchange((httpRequest, response) -> {
					try {
						int status = response.getStatusCode().value();
						if (status != 200) {
							throw failure.translator()
								.translate(failure.task(), failure.sql(), status, response.getHeaders(),
										readErrorBody(response), failure.detail());
						}
						return handler.handle(response);
					}
					catch (RuntimeException | IOException ex) {
						if (!close) {
							response.close();
						}
						throw ex;
					}
				}, close);
		}
		catch (DataAccessException ex) {
			throw ex;
		}
		catch (RestClientException | UncheckedIOException ex) {
			throw failure.translator().translate(failure.task(), failure.sql(), ex);
		}
	}

	private static byte[] readErrorBody(ClientHttpResponse response) throws IOException {
		try (InputStream body = response.getBody()) {
			return body.readNBytes(MAX_ERROR_BODY);
		}
	}

	private static CnosServerInfo readPing(InputStream body) throws IOException {
		JsonNode answer;
		try {
			answer = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new UncheckedIOException(
					new IOException("ping did not answer with JSON: " + ex.getOriginalMessage()));
		}
		JsonNode status = answer.get("status");
		JsonNode version = answer.get("version");
		if (status == null || !status.isString() || version == null || !version.isString()) {
			throw new UncheckedIOException(
					new IOException("ping answered without the 'status' and 'version' members CnosDB sends"));
		}
		return CnosServerInfo.parse(status.asString(), version.asString());
	}

	private static ByteArrayOutputStream gzip(LineProtocolBuffer body) {
		// Line protocol compresses about tenfold even at the fastest level.
		ByteArrayOutputStream compressed = new ByteArrayOutputStream(Math.max(64, body.size() / 8));
		try (GZIPOutputStream out = new FastGzipOutputStream(compressed)) {
			body.writeTo(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return compressed;
	}

	/**
	 * How a failed request is reported: the task and SQL its message names, the
	 * translator (which removes the statement's own secrets), and what the caller adds.
	 */
	private record Failure(String task, @Nullable String sql, CnosExceptionTranslator translator,
			Function<CnosErrorResponse, @Nullable String> detail) {
	}

	@FunctionalInterface
	private interface ResponseHandler<T> {

		T handle(ClientHttpResponse response) throws IOException;

	}

	/** Gzip at the fastest level: line protocol compresses well even so. */
	private static final class FastGzipOutputStream extends GZIPOutputStream {

		FastGzipOutputStream(OutputStream out) throws IOException {
			super(out, 64 * 1024);
			this.def.setLevel(Deflater.BEST_SPEED);
		}

	}

}
