package io.cnosdb.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import io.cnosdb.client.CnosNodes.Node;
import io.cnosdb.client.CnosNodes.NodeFailure;
import io.cnosdb.client.sql.CnosStatement;
import io.cnosdb.client.sql.RepeatableSql;
import io.cnosdb.client.sql.SqlSanitizer;
import io.cnosdb.client.support.ByteArrayBody;
import io.cnosdb.client.support.CnosExceptionTranslator;
import io.cnosdb.client.support.ReadWatchingResponse;
import io.cnosdb.client.support.Texts;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
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
 * <p>
 * With several nodes it also fails over: a request goes to the first node that is not
 * cooling down ({@link CnosNodes}); a node that refuses the connection or does not accept
 * it in time starts its cool-down and the request goes to the next node. A node that took
 * the request and did not answer within the read timeout starts its cool-down too, but
 * only a request that is safe to repeat (ping, a statement that only reads) goes on to
 * the next node; any other fails as with one node. An answer from CnosDB, an error
 * included, is never a node failure. When every node failed, one exception names each.
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

	private static final int MAX_FOREIGN_BODY = CnosExceptionTranslator.MAX_FOREIGN_BODY;

	/**
	 * CnosDB refuses a SQL body above its {@code query_sql_limit} (16 MiB unless changed)
	 * with an empty 413; a statement above it is refused here, before it is sent.
	 */
	static final int QUERY_SQL_LIMIT = 16 * 1024 * 1024;

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String SERVER_ADDRESS = "server.address";

	private static final String SERVER_PORT = "server.port";

	/** What {@code attempt} returns when the request goes on to the next node. */
	private static final Object NEXT_NODE = new Object();

	/** Statements and writes are logged at DEBUG under the template's name. */
	private static final Log logger = LogFactory.getLog(CnosTemplate.class);

	/**
	 * One client per node, in the order of {@link #nodes}, each with its base URL, built
	 * on its first request.
	 */
	private final List<Supplier<RestClient>> restClients;

	private final CnosNodes nodes;

	private final CnosExceptionTranslator translator;

	private final ObservationRegistry observations;

	CnosHttpExchange(List<Supplier<RestClient>> restClients, CnosNodes nodes, CnosExceptionTranslator translator,
			ObservationRegistry observations) {
		this.restClients = List.copyOf(restClients);
		this.nodes = nodes;
		this.translator = translator;
		this.observations = observations;
	}

	/**
	 * An exchange that sends every request to the node at {@code index}, sharing its
	 * client and its cool-down state.
	 */
	CnosHttpExchange forNode(int index) {
		Node node = this.nodes.get(index);
		CnosExceptionTranslator nodeTranslator = (this.nodes.size() > 1) ? this.translator.forNode(node.url())
				: this.translator;
		return new CnosHttpExchange(List.of(this.restClients.get(index)), this.nodes.only(index), nodeTranslator,
				this.observations);
	}

	List<String> urls() {
		return this.nodes.urls();
	}

	List<CnosNodeState> nodeStates() {
		return this.nodes.states();
	}

	/**
	 * Ask {@code /api/v1/ping} what the server is.
	 */
	CnosServerInfo ping() {
		Failure failure = new Failure("Ping", null, this.translator, (error) -> null);
		Observation observation = CnosObservations.create(this.observations, "ping", null, null, null);
		return observation.observe(() -> execute(failure, observation, true, (client) -> client.get().uri(PING_URI),
				(onNode, response) -> readPing(onNode, response), true));
	}

	/**
	 * Run a statement on {@code /api/v1/sql} and open its CSV result; the caller closes
	 * the cursor. The statement's secrets are removed from anything the server answers.
	 */
	ResultCursor query(String tenant, String database, CnosStatement statement, boolean streamed) {
		CnosExceptionTranslator translator = this.translator.withSecrets(statement.secrets());
		Failure failure = new Failure("Query", statement.displaySql(), translator, (error) -> null);
		byte[] sql = statement.sql().getBytes(StandardCharsets.UTF_8);
		if (sql.length > QUERY_SQL_LIMIT) {
			throw new CnosUnsupportedOperationException(
					"Query failed: the statement is " + sql.length + " bytes of UTF-8, above CnosDB's limit of 16 MiB ("
							+ QUERY_SQL_LIMIT + " bytes, server option query_sql_limit); it was not sent; SQL ["
							+ Texts.abbreviate(translator.scrub(statement.displaySql()), 200) + "]",
					null, translator.scrub(statement.displaySql()), null);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Executing SQL statement on " + tenant + "." + database + (streamed ? " (streamed)" : "")
					+ ": " + SqlSanitizer.sanitize(statement.sql()));
		}
		Observation observation = CnosObservations.create(this.observations, "query", tenant, database,
				statement.sql());
		observation.start();
		try {
			Opened opened = execute(failure, observation, RepeatableSql.isRepeatable(statement.sql()),
					(client) -> client.post()
						.uri(streamed ? STREAMED_SQL_URI : SQL_URI, Map.of("tenant", tenant, "db", database))
						.accept(CSV)
						.contentType(TEXT)
						.contentLength(sql.length)
						.body(ByteArrayBody.of(sql)),
					(onNode, response) -> new Opened(checkCsv(onNode, response), onNode.translator()), false);
			// The cursor ends the observation when it is closed, after the last row.
			return new ResultCursor(opened.response(), failure.task(), failure.sql(), opened.translator(), observation);
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			observation.stop();
			throw ex;
		}
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
		if (logger.isDebugEnabled()) {
			logger.debug(
					task + ": " + body.lineCount() + " lines, " + body.size() + " bytes" + (gzip ? " before gzip" : "")
							+ ", precision " + body.getPrecision().parameter() + ", to " + tenant + "." + database);
		}
		Observation observation = CnosObservations.create(this.observations, "write", tenant, database, null);
		observation.observe(() -> execute(failure, observation, false, (client) -> {
			RestClient.RequestBodySpec spec = client.post().uri(WRITE_URI, variables).contentType(TEXT);
			if (!gzip) {
				// The sender keeps the buffer unchanged until the answer.
				return spec.contentLength(body.size()).body(capture(body::writeTo));
			}
			ByteArrayBody compressed = capture(gzip(body)::writeTo);
			return spec.header(HttpHeaders.CONTENT_ENCODING, "gzip")
				.contentLength(compressed.length())
				.body(compressed);
		}, (onNode, response) -> checkWritten(onNode, response), true));
	}

	/**
	 * The one execution path: send the request to the first available node, and on to the
	 * next while nodes fail and the request may go on (see the class description).
	 * @param repeatable whether the request may be sent again after a node took it and
	 * did not answer in time
	 */
	@SuppressWarnings("unchecked")
	private <T> T execute(Failure failure, Observation observation, boolean repeatable,
			Function<RestClient, RestClient.RequestHeadersSpec<?>> request, ResponseHandler<T> handler, boolean close) {
		if (this.nodes.size() == 1) {
			Node node = this.nodes.get(0);
			try {
				T result = execute(node, failure, observation, request, handler, close);
				this.nodes.answered(node);
				return result;
			}
			catch (RuntimeException ex) {
				if (CnosNodes.classify(ex) != NodeFailure.NONE) {
					this.nodes.failed(node, reason(ex));
				}
				throw ex;
			}
		}
		List<NodeError> failures = new ArrayList<>(this.nodes.size());
		long now = this.nodes.now();
		boolean tried = false;
		for (int i = 0; i < this.nodes.size(); i++) {
			Node node = this.nodes.get(i);
			if (node.isAvailable(now)) {
				tried = true;
				Object result = attempt(node, failure, observation, repeatable, request, handler, close, failures);
				if (result != NEXT_NODE) {
					return (T) result;
				}
			}
		}
		if (!tried) {
			// Every node is cooling down: rather than refuse the request unsent, try them
			// all, the one whose cool-down ends first first.
			for (Node node : this.nodes.byEndOfCoolDown()) {
				Object result = attempt(node, failure, observation, repeatable, request, handler, close, failures);
				if (result != NEXT_NODE) {
					return (T) result;
				}
			}
		}
		throw everyNodeFailed(failure, failures);
	}

	/**
	 * Send the request to one node. Returns its result, or adds the node's failure to
	 * {@code failures} and returns {@link #NEXT_NODE} when the next node may take the
	 * request; throws when it may not.
	 */
	private <T> @Nullable Object attempt(Node node, Failure failure, Observation observation, boolean repeatable,
			Function<RestClient, RestClient.RequestHeadersSpec<?>> request, ResponseHandler<T> handler, boolean close,
			List<NodeError> failures) {
		try {
			T result = execute(node, failure.on(node), observation, request, handler, close);
			this.nodes.answered(node);
			return result;
		}
		catch (RuntimeException ex) {
			NodeFailure kind = CnosNodes.classify(ex);
			if (kind == NodeFailure.NONE) {
				throw ex;
			}
			this.nodes.failed(node, reason(ex));
			if (kind == NodeFailure.NO_ANSWER && !repeatable) {
				throw ex;
			}
			if (logger.isDebugEnabled()) {
				logger.debug(failure.task() + ": node " + node.url() + " failed, trying the next one: " + reason(ex));
			}
			failures.add(new NodeError(node, ex));
			return NEXT_NODE;
		}
	}

	/**
	 * One exception naming each node and what happened to it (a node skipped because it
	 * is cooling down too), with the last node's failure as its cause and the others as
	 * suppressed exceptions.
	 */
	private DataAccessException everyNodeFailed(Failure failure, List<NodeError> failures) {
		List<String> reasons = new ArrayList<>(this.nodes.size());
		long now = this.nodes.now();
		for (int i = 0; i < this.nodes.size(); i++) {
			Node node = this.nodes.get(i);
			NodeError error = failures.stream()
				.filter((candidate) -> candidate.node() == node)
				.findFirst()
				.orElse(null);
			if (error != null) {
				reasons.add(reason(error.exception()));
			}
			else {
				reasons.add(node.url() + " skipped: cooling down since " + node.state(now).coolingDownSince()
						+ " after: " + node.lastFailure());
			}
		}
		StringBuilder message = new StringBuilder(failure.task()).append(" failed: no CnosDB node could take it (")
			.append(this.nodes.size())
			.append(" nodes): ")
			.append(String.join("; ", reasons));
		String sql = failure.sql();
		String safeSql = (sql != null) ? failure.translator().scrub(sql) : null;
		if (safeSql != null) {
			message.append("; SQL [").append(Texts.abbreviate(safeSql, 500)).append(']');
		}
		RuntimeException last = failures.isEmpty() ? null : failures.get(failures.size() - 1).exception();
		CnosResourceFailureException ex = new CnosResourceFailureException(message.toString(), null, safeSql, last);
		for (NodeError earlier : failures) {
			if (earlier.exception() != last) {
				ex.addSuppressed(earlier.exception());
			}
		}
		return ex;
	}

	/** What a node failure says, without the task that failed. */
	private static String reason(RuntimeException ex) {
		String message = String.valueOf(ex.getMessage());
		int at = message.indexOf(" failed: ");
		return (at >= 0) ? message.substring(at + " failed: ".length()) : message;
	}

	/**
	 * Send the request to one node: build and send it, check the status, translate
	 * failures. With {@code close} false the handler takes ownership of the response (for
	 * results read after this method returns); the response is still closed here if
	 * anything fails first.
	 */
	private <T> T execute(Node node, Failure failure, Observation observation,
			Function<RestClient, RestClient.RequestHeadersSpec<?>> request, ResponseHandler<T> handler, boolean close) {
		// The node that served the request, as OpenTelemetry's database spans name it.
		observation.lowCardinalityKeyValue(SERVER_ADDRESS, node.address())
			.lowCardinalityKeyValue(SERVER_PORT, node.port());
		try {
			// A single-node view holds only its node's client.
			RestClient client = this.restClients.get((this.restClients.size() == 1) ? 0 : node.index()).get();
			return request.apply(client)
				.header(HttpHeaders.ACCEPT_ENCODING, IDENTITY)
				.exchange((httpRequest, received) -> {
					ReadTimeoutAwareResponse response = new ReadTimeoutAwareResponse(received);
					try {
						int status = status(response);
						if (status != 200) {
							throw failure.translator()
								.translate(failure.task(), failure.sql(), status, response.getHeaders(),
										readErrorBody(response), failure.detail());
						}
						return handler.handle(failure, response);
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

	/**
	 * Read the status. A client that could not read one (the answer is not HTTP) reports
	 * it as an I/O failure; some, such as {@code HttpURLConnection}, return an invalid
	 * code instead, which is the same failure.
	 */
	private static int status(ClientHttpResponse response) throws IOException {
		int status;
		try {
			status = response.getStatusCode().value();
		}
		catch (IllegalArgumentException ex) {
			throw new ProtocolException("the answer has no valid HTTP status line");
		}
		if (status < 100 || status > 599) {
			throw new ProtocolException("the answer has no valid HTTP status line (status " + status + ")");
		}
		return status;
	}

	private static byte[] readErrorBody(ClientHttpResponse response) throws IOException {
		try (InputStream body = response.getBody()) {
			return body.readNBytes(MAX_ERROR_BODY);
		}
	}

	/**
	 * Accept a write's answer only as CnosDB sends it: an empty body and no content type.
	 * Anything else came from something in between, and the points may not be stored.
	 */
	private static @Nullable Void checkWritten(Failure failure, ClientHttpResponse response) throws IOException {
		String contentType = response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
		byte[] body;
		try (InputStream in = response.getBody()) {
			body = in.readNBytes(MAX_FOREIGN_BODY);
		}
		if (contentType != null || body.length > 0) {
			throw foreign(failure, contentType, "an empty body without a content type", body);
		}
		return null;
	}

	/**
	 * Accept a query's answer only with the content type CnosDB gives a CSV result:
	 * {@code application/csv} before 2.4.3, {@code text/csv} from 2.4.3 on (an empty DDL
	 * answer too).
	 */
	private static ClientHttpResponse checkCsv(Failure failure, ClientHttpResponse response) throws IOException {
		String contentType = response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
		if (!isCsv(contentType)) {
			byte[] body;
			try (InputStream in = response.getBody()) {
				body = in.readNBytes(MAX_FOREIGN_BODY);
			}
			throw foreign(failure, contentType, "a CSV result (application/csv or text/csv)", body);
		}
		return response;
	}

	private static boolean isCsv(@Nullable String contentType) {
		MediaType type = mediaType(contentType);
		return type != null && "csv".equalsIgnoreCase(type.getSubtype())
				&& ("application".equalsIgnoreCase(type.getType()) || "text".equalsIgnoreCase(type.getType()));
	}

	private static @Nullable MediaType mediaType(@Nullable String contentType) {
		if (contentType == null) {
			return null;
		}
		try {
			return MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
	}

	/**
	 * Read ping's answer: JSON with the {@code status} and {@code version} strings CnosDB
	 * sends; anything else did not come from CnosDB.
	 */
	private static CnosServerInfo readPing(Failure failure, ClientHttpResponse response) throws IOException {
		String contentType = response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
		byte[] body;
		try (InputStream in = response.getBody()) {
			body = in.readNBytes(MAX_ERROR_BODY);
		}
		String expected = "JSON with the members status and version";
		MediaType type = mediaType(contentType);
		if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
			throw foreign(failure, contentType, expected, body);
		}
		JsonNode answer;
		try {
			answer = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw foreign(failure, contentType, expected, body);
		}
		JsonNode status = (answer != null) ? answer.get("status") : null;
		JsonNode version = (answer != null) ? answer.get("version") : null;
		if (status == null || !status.isString() || version == null || !version.isString()) {
			throw foreign(failure, contentType, expected, body);
		}
		return CnosServerInfo.parse(status.asString(), version.asString());
	}

	private static DataAccessException foreign(Failure failure, @Nullable String contentType, String expected,
			byte[] body) {
		return failure.translator()
			.translateForeignAnswer(failure.task(), failure.sql(), 200, contentType, expected, body);
	}

	/** The bytes a body writes, as they are (see {@link ByteArrayBody#capture}). */
	private static ByteArrayBody capture(StreamingHttpOutputMessage.Body writer) {
		try {
			return ByteArrayBody.capture(writer);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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

		/** The same, for one node of several: its messages name the node. */
		Failure on(Node node) {
			return new Failure(this.task, this.sql, this.translator.forNode(node.url()), this.detail);
		}

	}

	/** An opened result and the translator of the node that sent it. */
	private record NodeError(Node node, RuntimeException exception) {
	}

	private record Opened(ClientHttpResponse response, CnosExceptionTranslator translator) {
	}

	@FunctionalInterface
	private interface ResponseHandler<T> {

		/**
		 * Read the response.
		 * @param failure how a failure of the node that answered is reported
		 * @param response the response
		 */
		T handle(Failure failure, ClientHttpResponse response) throws IOException;

	}

	/**
	 * A response whose body reports the read timeout as one. Spring's
	 * {@code JdkClientHttpRequestFactory} enforces its read timeout by closing the body
	 * stream when it expires, even while it is being read (the timeout bounds the whole
	 * exchange), and the JDK then reports {@code IOException: closed}. A body closed by
	 * anyone but this response is that timeout, and is reported as an
	 * {@link HttpTimeoutException}.
	 */
	private static final class ReadTimeoutAwareResponse extends ReadWatchingResponse {

		private volatile boolean closed;

		ReadTimeoutAwareResponse(ClientHttpResponse response) {
			super(response);
		}

		@Override
		protected IOException translate(IOException ex) {
			// The JDK says "closed" with the failure as cause when the connection broke,
			// and without a cause when the stream was closed.
			if (this.closed || !"closed".equals(ex.getMessage()) || ex.getCause() != null
					|| ex instanceof HttpTimeoutException) {
				return ex;
			}
			HttpTimeoutException timeout = new HttpTimeoutException(
					"the response was not complete within the read timeout, and the HTTP client closed it");
			timeout.initCause(ex);
			return timeout;
		}

		@Override
		protected void closing() {
			this.closed = true;
		}

	}

	/** Gzip at the fastest level: line protocol compresses well even so. */
	private static final class FastGzipOutputStream extends GZIPOutputStream {

		FastGzipOutputStream(OutputStream out) throws IOException {
			super(out, 64 * 1024);
			this.def.setLevel(Deflater.BEST_SPEED);
		}

	}

}
