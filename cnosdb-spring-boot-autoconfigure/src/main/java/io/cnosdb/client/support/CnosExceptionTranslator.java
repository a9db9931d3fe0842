package io.cnosdb.client.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import io.cnosdb.client.CnosAuthenticationException;
import io.cnosdb.client.CnosBadSqlException;
import io.cnosdb.client.CnosErrorResponse;
import io.cnosdb.client.CnosInvalidDataException;
import io.cnosdb.client.CnosObjectExistsException;
import io.cnosdb.client.CnosObjectNotFoundException;
import io.cnosdb.client.CnosPermissionDeniedException;
import io.cnosdb.client.CnosQueryTimeoutException;
import io.cnosdb.client.CnosResourceFailureException;
import io.cnosdb.client.CnosServerException;
import io.cnosdb.client.CnosTransientException;
import io.cnosdb.client.CnosUnsupportedOperationException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;

/**
 * The one place where CnosDB's answers and I/O failures become
 * {@link DataAccessException}s. CnosDB reports almost every database error as HTTP 422
 * with a JSON body {@code {"error_code":"MMCCCC","error_message":"…"}}, so the exception
 * type is chosen by the error code; only bodies without a code fall back to the HTTP
 * status.
 * <p>
 * Messages never carry credentials, by construction: the {@code Authorization} value the
 * server echoes in a {@code 040006} message is cut off by that message's known shape, and
 * the literal of every {@code PASSWORD = '…'} option is shown as {@code '******'}. As a
 * last guard, the secrets given at construction are replaced wherever they occur whole,
 * but only those of at least {@value #MIN_SCRUBBED_LENGTH} characters: a shorter one (the
 * password {@code p}) matches ordinary words by coincidence, and masking those would both
 * mangle the message and show where the secret's characters are.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosExceptionTranslator {

	private static final String REDACTED = "******";

	private static final int MAX_SQL_IN_MESSAGE = 500;

	/** How much of a body that is not CnosDB's JSON a message shows. */
	private static final int MAX_BODY_IN_MESSAGE = 200;

	/** How much of an answer that did not come from CnosDB is read to report it. */
	public static final int MAX_FOREIGN_BODY = 1024;

	/** The shortest secret that is scrubbed wherever it occurs. */
	static final int MIN_SCRUBBED_LENGTH = 8;

	/** What a {@code 040006} message says before the header value it echoes. */
	private static final String MALFORMED_AUTH = "Parse auth, malformed basic auth encoding:";

	private static final JsonMapper JSON = JsonMapper.shared();

	/**
	 * The text CnosDB appends to a streamed ({@code chunked=true}) result when the query
	 * fails after the response has started. Its message is not JSON-escaped, so it is
	 * read with a pattern rather than a JSON parser.
	 */
	private static final Pattern STREAMED_ERROR = Pattern.compile(
			"\\{\\s*\"error_code\"\\s*:\\s*\"([0-9]*)\"\\s*,\\s*\"error_message\"\\s*:\\s*\"(.*)\"\\s*}\\s*",
			Pattern.DOTALL);

	/**
	 * A table (or the database before it) missing when a query is planned, before 2.4.3
	 * ({@code 010001}): "Table not found, tenant: T db: D, table: X" from 2.3.1 on,
	 * "failed to resolve tenant:T db: D, table: X" in 2.3.0. From 2.4.3 the same failure
	 * is {@code 030019}.
	 */
	private static final Pattern PLANNED_TABLE_NOT_FOUND = Pattern
		.compile("Datafusion: Error during planning: (Table not found, tenant: |failed to resolve tenant:)");

	/**
	 * A tenant that does not exist (or is hidden because it is being dropped), reported
	 * by the access check as {@code 010016} "Auth error: The tenant T not found".
	 */
	private static final Pattern TENANT_NOT_FOUND = Pattern.compile("Auth error: The tenant (.+ )?not found");

	/**
	 * A value that Arrow cannot compute with: a string that is not a number, timestamp or
	 * boolean, a number out of the target type's range, a division by zero. CnosDB
	 * reports it as {@code 010002} "Arrow: …", inside {@code 010001} "Datafusion: … Arrow
	 * error: …" when the planner folds a constant, or inside {@code 040007} "Fetch
	 * result: Arrow: …" when it happens after a streamed result has started.
	 */
	private static final Pattern ARROW_DATA_ERROR = Pattern
		.compile("Arrow(?: error)?: (?:Cast error|Parser error|Divide by zero error|Arithmetic overflow)");

	private final String url;

	private final List<String> secrets;

	/** Whether the messages about CnosDB's answers name the node that answered. */
	private final boolean namesNode;

	/**
	 * Create a translator for the server at {@code url}.
	 * @param url the server's base URL, shown in messages about I/O failures
	 * @param secrets texts that must never appear in a message (the password, the
	 * {@code Authorization} value)
	 */
	public CnosExceptionTranslator(String url, List<String> secrets) {
		this(url, secrets, false);
	}

	private CnosExceptionTranslator(String url, List<String> secrets, boolean namesNode) {
		this.url = url;
		// Longest first, so that a secret containing another is masked whole.
		this.secrets = secrets.stream()
			.filter((secret) -> secret != null && secret.length() >= MIN_SCRUBBED_LENGTH)
			.distinct()
			.sorted(java.util.Comparator.comparingInt(String::length).reversed())
			.toList();
		this.namesNode = namesNode;
	}

	/**
	 * Return a translator for one node of several: its messages name that node, those
	 * about CnosDB's own answers included ({@code (HTTP 422 from http://…)}).
	 * @param nodeUrl the node's base URL (never with credentials)
	 * @return a new translator with the same secrets
	 */
	public CnosExceptionTranslator forNode(String nodeUrl) {
		return new CnosExceptionTranslator(nodeUrl, this.secrets, true);
	}

	/**
	 * Return a translator that also removes {@code moreSecrets} from every message, for a
	 * statement that carries a secret of its own (such as the password in
	 * {@code CREATE USER}).
	 * @param moreSecrets further texts that must never appear in a message
	 * @return this translator if there are none, otherwise a new one
	 */
	public CnosExceptionTranslator withSecrets(List<String> moreSecrets) {
		if (moreSecrets.isEmpty()) {
			return this;
		}
		List<String> all = new java.util.ArrayList<>(this.secrets);
		all.addAll(moreSecrets);
		return new CnosExceptionTranslator(this.url, all, this.namesNode);
	}

	/**
	 * Translate a non-200 response, with what its headers say and what the caller knows
	 * about the request.
	 * @param task what was being done, such as {@code "Write"}
	 * @param sql the SQL sent, or {@code null}
	 * @param httpStatus the response status
	 * @param headers the response headers ({@code Retry-After} is read from them)
	 * @param body the response body (possibly empty)
	 * @param detail adds to the message what the caller can tell about the error (such as
	 * the line a parse error points at), or returns {@code null}
	 * @return the exception to throw
	 */
	public DataAccessException translate(String task, @Nullable String sql, int httpStatus, HttpHeaders headers,
			byte[] body, Function<CnosErrorResponse, @Nullable String> detail) {
		CnosErrorResponse error = parseErrorBody(httpStatus, body);
		return translate(task, sql, error, Causes.retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER)), detail);
	}

	/**
	 * Translate the error CnosDB appended to a streamed result.
	 * @param task what was being done
	 * @param sql the SQL sent, or {@code null}
	 * @param tail the text of the appended error
	 * @return the exception to throw
	 */
	public DataAccessException translateStreamedError(String task, @Nullable String sql, String tail) {
		Matcher matcher = STREAMED_ERROR.matcher(tail);
		CnosErrorResponse error = matcher.matches() ? new CnosErrorResponse(200, matcher.group(1), matcher.group(2))
				: new CnosErrorResponse(200, null, Texts.readableStart(tail, MAX_BODY_IN_MESSAGE));
		return translate(task + " (result stream ended with an error)", sql, error);
	}

	/**
	 * Report a successful status whose answer is not what CnosDB sends for the request (a
	 * proxy's login page, a body where CnosDB sends none, random bytes): the request may
	 * never have reached CnosDB, so nothing may be taken as done.
	 * @param task what was being done
	 * @param sql the SQL sent, or {@code null}
	 * @param httpStatus the response status
	 * @param contentType the response's {@code Content-Type}, or {@code null}
	 * @param expected what CnosDB would have answered, for the message
	 * @param body the start of the response body (possibly empty), at most
	 * {@value #MAX_FOREIGN_BODY} bytes of it
	 * @return the exception to throw
	 */
	public DataAccessException translateForeignAnswer(String task, @Nullable String sql, int httpStatus,
			@Nullable String contentType, String expected, byte[] body) {
		String text = scrub(Texts.readableStart(new String(body, StandardCharsets.UTF_8), MAX_BODY_IN_MESSAGE));
		String safeSql = (sql != null) ? scrub(sql) : null;
		StringBuilder message = new StringBuilder(task).append(" failed: something other than CnosDB answered at ")
			.append(this.url)
			.append(" (HTTP ")
			.append(httpStatus)
			.append(", content type ")
			.append((contentType != null) ? scrub(Texts.readableStart(contentType, 100)) : "none")
			.append(", ")
			.append(describeLength(body.length))
			.append(" of body, where CnosDB sends ")
			.append(expected)
			.append(')');
		if (!text.isEmpty()) {
			message.append(": ").append(text);
		}
		message.append("; check cnosdb.url and any proxy in between: the request may not have reached CnosDB");
		if (safeSql != null) {
			message.append("; SQL [").append(Texts.abbreviate(safeSql, MAX_SQL_IN_MESSAGE)).append(']');
		}
		return new CnosResourceFailureException(message.toString(),
				new CnosErrorResponse(httpStatus, null, text.isEmpty() ? null : text), safeSql, null);
	}

	private static String describeLength(int length) {
		if (length >= MAX_FOREIGN_BODY) {
			return MAX_FOREIGN_BODY + " bytes or more";
		}
		return length + ((length == 1) ? " byte" : " bytes");
	}

	/**
	 * Translate an error response that has already been parsed.
	 * @param task what was being done
	 * @param sql the SQL sent, or {@code null}
	 * @param error what CnosDB answered
	 * @return the exception to throw
	 */
	public DataAccessException translate(String task, @Nullable String sql, CnosErrorResponse error) {
		return translate(task, sql, error, null, (ignored) -> null);
	}

	private DataAccessException translate(String task, @Nullable String sql, CnosErrorResponse error,
			@Nullable Duration retryAfter, Function<CnosErrorResponse, @Nullable String> detail) {
		CnosErrorResponse safe = new CnosErrorResponse(error.httpStatus(), error.code(), sanitize(error));
		Category category = categorize(safe);
		String safeSql = (sql != null) ? scrub(sql) : null;
		StringBuilder message = new StringBuilder(task).append(" failed: ")
			.append(describe(safe, category, this.namesNode ? this.url : null));
		if (retryAfter != null && category == Category.TRANSIENT) {
			message.append(" (the server asks to retry after ").append(retryAfter.toMillis()).append(" ms)");
		}
		String extra = detail.apply(safe);
		if (extra != null) {
			message.append("; ").append(scrub(extra));
		}
		if (safeSql != null) {
			message.append("; SQL [").append(Texts.abbreviate(safeSql, MAX_SQL_IN_MESSAGE)).append(']');
		}
		return category.factory.apply(message.toString(), new Context(safe, safeSql, null, retryAfter));
	}

	/**
	 * Translate a failure to send the request or to read the response.
	 * @param task what was being done
	 * @param sql the SQL sent, or {@code null}
	 * @param ex the failure
	 * @return the exception to throw
	 */
	public DataAccessException translate(String task, @Nullable String sql, Throwable ex) {
		String safeSql = (sql != null) ? scrub(sql) : null;
		String reason = scrub(Texts.readableStart(Causes.describe(ex), MAX_BODY_IN_MESSAGE));
		if (Causes.has(ex, HttpConnectTimeoutException.class)) {
			return new CnosResourceFailureException(
					task + " failed: cannot connect to CnosDB at " + this.url + " within the connect timeout", null,
					safeSql, ex);
		}
		if (Causes.has(ex, HttpTimeoutException.class) || Causes.has(ex, SocketTimeoutException.class)) {
			return new CnosQueryTimeoutException(task + " failed: CnosDB at " + this.url
					+ " did not answer within the read timeout (" + reason + ")", null, safeSql, ex);
		}
		if (Causes.has(ex, ProtocolException.class)) {
			// Its message quotes what came instead of a status line: show only its start.
			return new CnosResourceFailureException(
					task + " failed: the server at " + this.url + " did not answer with HTTP ("
							+ Texts.abbreviate(reason, 80) + "); check that cnosdb.url names CnosDB's HTTP port",
					null, safeSql, ex);
		}
		if (Causes.has(ex, ConnectException.class) || Causes.has(ex, UnknownHostException.class)) {
			return new CnosResourceFailureException(
					task + " failed: cannot reach CnosDB at " + this.url + " (" + reason + ")", null, safeSql, ex);
		}
		if (Causes.has(ex, SSLException.class)) {
			return new CnosResourceFailureException(task + " failed: no TLS connection to CnosDB at " + this.url + " ("
					+ reason + "); check that the server's certificate is trusted (cnosdb.ssl.bundle names the "
					+ "trust store of this client)", null, safeSql, ex);
		}
		if (Causes.has(ex, IOException.class)) {
			return new CnosResourceFailureException(
					task + " failed: I/O error talking to CnosDB at " + this.url + " (" + reason + ")", null, safeSql,
					ex);
		}
		return new CnosServerException(
				task + " failed: unreadable response from CnosDB at " + this.url + " (" + reason + ")", null, safeSql,
				ex);
	}

	/**
	 * Remove every secret from a text: the literals of {@code PASSWORD = '…'} options,
	 * and each secret of at least {@value #MIN_SCRUBBED_LENGTH} characters wherever it
	 * occurs.
	 * @param text the text
	 * @return the text with each secret replaced by a mask
	 */
	public String scrub(String text) {
		String result = Texts.maskPasswordLiterals(text);
		for (String secret : this.secrets) {
			result = result.replace(secret, REDACTED);
		}
		return result;
	}

	private CnosErrorResponse parseErrorBody(int httpStatus, byte[] body) {
		if (body.length == 0) {
			return new CnosErrorResponse(httpStatus, null, null);
		}
		try {
			JsonNode node = JSON.readTree(body);
			JsonNode code = node.get("error_code");
			JsonNode message = node.get("error_message");
			if (code != null && code.isString()) {
				return new CnosErrorResponse(httpStatus, code.asString(),
						(message != null && !message.isNull()) ? message.asString() : null);
			}
		}
		catch (JacksonException ex) {
			// Not CnosDB's JSON (a proxy's page, for example): keep the start of the text
			// below.
		}
		String text = Texts.readableStart(new String(body, StandardCharsets.UTF_8), MAX_BODY_IN_MESSAGE);
		return new CnosErrorResponse(httpStatus, null, text.isEmpty() ? null : text);
	}

	private @Nullable String sanitize(CnosErrorResponse error) {
		String message = error.message();
		if (message == null) {
			return null;
		}
		if ("040006".equals(error.code())) {
			// "Parse auth, malformed basic auth encoding: <the whole Authorization
			// header>": keep the known text, never what follows it. A message of another
			// shape is not shown at all.
			return message.startsWith(MALFORMED_AUTH) ? MALFORMED_AUTH + " " + REDACTED : REDACTED;
		}
		return scrub(message);
	}

	private static String describe(CnosErrorResponse error, Category category, @Nullable String node) {
		String status = "HTTP " + error.httpStatus() + ((node != null) ? " from " + node : "");
		if (error.code() != null) {
			return "CnosDB error " + error.code() + " (" + status + "): " + error.message();
		}
		String text = status + ((error.message() != null) ? ": " + error.message() : "");
		return (category.hint != null) ? text + " (" + category.hint + ")" : text;
	}

	private static Category categorize(CnosErrorResponse error) {
		String code = error.code();
		if (code != null) {
			Category refined = categorizeByMessage(code, error.message());
			if (refined != null) {
				return refined;
			}
			Category category = Codes.CATEGORY_BY_CODE.get(code);
			if (category != null) {
				return category;
			}
			if (code.startsWith("0100") && isSemanticDdlOrDml(code)) {
				return Category.BAD_SQL;
			}
			return Category.SERVER;
		}
		return switch (error.httpStatus()) {
			case 301, 302, 303, 307, 308, 404, 405 -> Category.NOT_A_CNOSDB_ENDPOINT;
			case 413 -> Category.TOO_LARGE;
			case 429, 502, 503, 504 -> Category.TRANSIENT;
			case 401 -> Category.AUTHENTICATION;
			case 403 -> Category.PERMISSION;
			default -> Category.SERVER;
		};
	}

	/**
	 * Categorize the errors whose code is too general to choose the exception: CnosDB
	 * reports them under the code of the layer that failed (DataFusion {@code 010001},
	 * Arrow {@code 010002}, a streamed result {@code 040007}, authentication
	 * {@code 010016}, "operation not supported" {@code 030034}), so only the message
	 * tells what went wrong.
	 */
	private static @Nullable Category categorizeByMessage(String code, @Nullable String message) {
		if (message == null) {
			return null;
		}
		switch (code) {
			case "010001":
				if (PLANNED_TABLE_NOT_FOUND.matcher(message).lookingAt()
						|| message.startsWith("Datafusion: Schema error: No field named ")) {
					return Category.NOT_FOUND;
				}
				break;
			case "010016":
				if (TENANT_NOT_FOUND.matcher(message).matches()) {
					return Category.NOT_FOUND;
				}
				return null;
			case "030034":
				// Bad data for a point older than the TTL ("create expired bucket"), an
				// unsupported operation otherwise ("rename user", "rename tenant", ...).
				return message.contains("create expired bucket") ? Category.INVALID_DATA : Category.UNSUPPORTED;
			case "010002", "040007":
				break;
			default:
				return null;
		}
		return ARROW_DATA_ERROR.matcher(message).find() ? Category.INVALID_DATA : null;
	}

	private static boolean isSemanticDdlOrDml(String code) {
		int variant = Integer.parseInt(code.substring(2));
		return variant >= 27 && variant <= 46;
	}

	private static Map<String, Category> categories() {
		Map<Category, Set<String>> codes = Map.of(Category.AUTHENTICATION, Set.of("010016", "040006", "000000"),
				Category.PERMISSION, Set.of("010004"), Category.BAD_SQL,
				Set.of("010001", "010002", "010003", "010009", "010010", "010013"), Category.NOT_FOUND,
				Set.of("010021", "010029", "010044", "010062", "030002", "030006", "030008", "030010", "030013",
						"030017", "030019", "040008", "050009"),
				Category.EXISTS, Set.of("010028", "030001", "030005", "030007", "030009", "030018", "030020"),
				Category.INVALID_DATA,
				Set.of("010023", "030034", "040004", "040015", "050014", "050025", "050032", "050034"),
				Category.TRANSIENT, Set.of("010012", "030024", "050033"), Category.UNSUPPORTED,
				Set.of("010005", "010064", "010065", "010074", "040005", "040013"));
		Map<String, Category> byCode = new java.util.HashMap<>();
		codes.forEach((category, set) -> set.forEach((code) -> byCode.put(code, category)));
		return Map.copyOf(byCode);
	}

	/**
	 * The category of each CnosDB error code, made with the first error translated: a
	 * template that has seen no error has not loaded the exception classes.
	 */
	private static final class Codes {

		static final Map<String, Category> CATEGORY_BY_CODE = categories();

	}

	private record Context(CnosErrorResponse error, @Nullable String sql, @Nullable Throwable cause,
			@Nullable Duration retryAfter) {
	}

	private enum Category {

		AUTHENTICATION(null, (message, c) -> new CnosAuthenticationException(message, c.error, c.sql, c.cause)),

		PERMISSION(null, (message, c) -> new CnosPermissionDeniedException(message, c.error, c.sql, c.cause)),

		BAD_SQL(null, (message, c) -> new CnosBadSqlException(message, c.error, c.sql, c.cause)),

		NOT_FOUND(null, (message, c) -> new CnosObjectNotFoundException(message, c.error, c.sql, c.cause)),

		EXISTS(null, (message, c) -> new CnosObjectExistsException(message, c.error, c.sql, c.cause)),

		INVALID_DATA(null, (message, c) -> new CnosInvalidDataException(message, c.error, c.sql, c.cause)),

		TRANSIENT(null, (message, c) -> new CnosTransientException(message, c.error, c.sql, c.cause, c.retryAfter)),

		UNSUPPORTED(null, (message, c) -> new CnosUnsupportedOperationException(message, c.error, c.sql, c.cause)),

		TOO_LARGE("the request body is above the server's size limit",
				(message, c) -> new CnosUnsupportedOperationException(message, c.error, c.sql, c.cause)),

		NOT_A_CNOSDB_ENDPOINT("check that cnosdb.url points at a CnosDB query node, with no extra path",
				(message, c) -> new CnosResourceFailureException(message, c.error, c.sql, c.cause)),

		SERVER(null, (message, c) -> new CnosServerException(message, c.error, c.sql, c.cause));

		private final @Nullable String hint;

		private final BiFunction<String, Context, DataAccessException> factory;

		Category(@Nullable String hint, BiFunction<String, Context, DataAccessException> factory) {
			this.hint = hint;
			this.factory = factory;
		}

	}

}
