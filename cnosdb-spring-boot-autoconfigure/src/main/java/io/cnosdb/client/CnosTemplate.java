package io.cnosdb.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.cnosdb.client.admin.CnosAdminOperations;
import io.cnosdb.client.sql.CnosParameterBinder;
import io.cnosdb.client.sql.CnosSql;
import io.cnosdb.client.sql.CnosStatement;
import io.cnosdb.client.support.CnosExceptionTranslator;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.support.DataAccessUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;
import org.springframework.util.StreamUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The central class of the CnosDB client: runs SQL over CnosDB's HTTP API and maps the
 * results. Create one with {@link #builder()} or let Spring Boot auto-configure it from
 * the {@code cnosdb.*} properties.
 * <p>
 * Results are requested as CSV ({@code Accept: text/csv}): it is the one format CnosDB
 * offers that keeps the column order, sends the column names even for an empty result,
 * keeps {@code NaN}, infinities and unsigned values above {@link Long#MAX_VALUE} exactly,
 * and streams with {@code chunked=true}. CnosDB sends no column types in any format, so
 * values are typed by what the caller asks for (see {@link CnosRow}).
 * <p>
 * Instances are immutable and thread-safe. {@link #forDatabase(String)} and
 * {@link #forTenant(String)} return views: new templates that share the HTTP client and
 * send their requests to another database or tenant. This is the only class that holds
 * the {@link RestClient}; every request goes through one private execution path that
 * sends it, checks the status and translates errors with {@link CnosExceptionTranslator}.
 *
 * @author CnosDB Spring Boot contributors
 */
public class CnosTemplate implements CnosOperations {

	/** The value of the {@code User-Agent} header this client sends. */
	public static final String USER_AGENT = "cnosdb-spring-boot-starter/" + version();

	private static final String SQL_URI = "/api/v1/sql?tenant={tenant}&db={db}";

	private static final String STREAMED_SQL_URI = SQL_URI + "&chunked=true";

	private static final String PING_URI = "/api/v1/ping";

	/**
	 * CnosDB compares {@code Accept} as one exact string: send exactly this value and
	 * nothing else.
	 */
	private static final MediaType CSV = new MediaType("text", "csv");

	private static final MediaType SQL_TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

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

	private final String url;

	private final String user;

	private final String tenant;

	private final String database;

	private final CnosExceptionTranslator translator;

	CnosTemplate(RestClient restClient, String url, String user, String tenant, String database,
			CnosExceptionTranslator translator) {
		this.restClient = restClient;
		this.url = url;
		this.user = user;
		this.tenant = tenant;
		this.database = database;
		this.translator = translator;
	}

	/**
	 * Start building a template.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public String getTenant() {
		return this.tenant;
	}

	@Override
	public String getDatabase() {
		return this.database;
	}

	/**
	 * Return the base URL of the server.
	 * @return the server URL
	 */
	public String getUrl() {
		return this.url;
	}

	@Override
	public CnosTemplate forDatabase(String database) {
		CnosSql.checkName("database", database);
		return new CnosTemplate(this.restClient, this.url, this.user, this.tenant, database, this.translator);
	}

	@Override
	public CnosTemplate forTenant(String tenant) {
		CnosSql.checkName("tenant", tenant);
		return new CnosTemplate(this.restClient, this.url, this.user, tenant, this.database, this.translator);
	}

	@Override
	public CnosAdminOperations admin() {
		return new CnosAdminTemplate(this);
	}

	@Override
	public CnosResult query(String sql) {
		try (ResultCursor cursor = openQuery(statement(sql), false)) {
			List<CnosRow> rows = new ArrayList<>();
			cursor.forEachRemaining(rows::add);
			return new CnosResult(cursor.columnNames(), rows);
		}
	}

	@Override
	public <T extends @Nullable Object> List<T> query(String sql, CnosRowMapper<T> rowMapper) {
		return queryStatement(statement(sql), rowMapper);
	}

	@Override
	public <T extends @Nullable Object> List<T> query(String sql, CnosRowMapper<T> rowMapper,
			@Nullable Object... args) {
		return queryStatement(bind(sql, args), rowMapper);
	}

	@Override
	public <T extends @Nullable Object> List<T> query(String sql, Map<String, ?> params, CnosRowMapper<T> rowMapper) {
		return queryStatement(bind(sql, params), rowMapper);
	}

	/**
	 * Run a statement and map each row; the statement's display text is what errors show.
	 */
	<T extends @Nullable Object> List<T> queryStatement(CnosStatement statement, CnosRowMapper<T> rowMapper) {
		Assert.notNull(rowMapper, "'rowMapper' must not be null");
		try (ResultCursor cursor = openQuery(statement, false)) {
			List<T> results = new ArrayList<>();
			int rowNum = 0;
			while (cursor.hasNext()) {
				results.add(rowMapper.mapRow(cursor.next(), rowNum++));
			}
			return results;
		}
	}

	@Override
	public <T> List<@Nullable T> query(String sql, Class<T> type) {
		return query(sql, CnosRowMapper.of(type));
	}

	@Override
	public <T> @Nullable T queryForObject(String sql, Class<T> type) {
		return DataAccessUtils.nullableSingleResult(query(sql, CnosRowMapper.of(type)));
	}

	@Override
	public <T> @Nullable T queryForObject(String sql, Class<T> type, @Nullable Object... args) {
		return DataAccessUtils.nullableSingleResult(queryStatement(bind(sql, args), CnosRowMapper.of(type)));
	}

	@Override
	public <T> @Nullable T queryForObject(String sql, Map<String, ?> params, Class<T> type) {
		return DataAccessUtils.nullableSingleResult(queryStatement(bind(sql, params), CnosRowMapper.of(type)));
	}

	@Override
	public void query(String sql, CnosRowCallbackHandler handler) {
		Assert.notNull(handler, "'handler' must not be null");
		try (ResultCursor cursor = openQuery(statement(sql), true)) {
			cursor.forEachRemaining(handler::processRow);
		}
	}

	@Override
	public <T extends @Nullable Object> Stream<T> queryForStream(String sql, CnosRowMapper<T> rowMapper) {
		Assert.notNull(rowMapper, "'rowMapper' must not be null");
		ResultCursor cursor = openQuery(statement(sql), true);
		int[] rowNum = { 0 };
		return StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED | Spliterator.NONNULL), false)
			.map((row) -> rowMapper.mapRow(row, rowNum[0]++))
			.onClose(cursor::close);
	}

	@Override
	public long execute(String sql) {
		return executeStatement(statement(sql));
	}

	@Override
	public long execute(String sql, @Nullable Object... args) {
		return executeStatement(bind(sql, args));
	}

	@Override
	public long execute(String sql, Map<String, ?> params) {
		return executeStatement(bind(sql, params));
	}

	/**
	 * Run a statement that returns no rows; the statement's display text is what errors
	 * show, and its secrets are removed from anything the server answers.
	 */
	long executeStatement(CnosStatement statement) {
		try (ResultCursor cursor = openQuery(statement, false)) {
			if (cursor.columnNames().equals(List.of("rows")) && cursor.hasNext()) {
				Long rows = cursor.next().get(0, Long.class);
				return (rows != null) ? rows : 0;
			}
			return 0;
		}
	}

	@Override
	public CnosServerInfo ping() {
		Request request = new Request("Ping", HttpMethod.GET, PING_URI, Map.of(), null, null, this.translator);
		return exchange(request, (response) -> readPing(response.getBody()), true);
	}

	private CnosServerInfo readPing(InputStream body) throws IOException {
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

	private static CnosStatement statement(String sql) {
		Assert.hasText(sql, "'sql' must not be empty");
		return CnosStatement.of(sql);
	}

	private static CnosStatement bind(String sql, @Nullable Object @Nullable [] args) {
		Assert.hasText(sql, "'sql' must not be empty");
		return CnosStatement.of(CnosParameterBinder.bindPositional(sql, args));
	}

	private static CnosStatement bind(String sql, Map<String, ?> params) {
		Assert.hasText(sql, "'sql' must not be empty");
		Assert.notNull(params, "'params' must not be null");
		return CnosStatement.of(CnosParameterBinder.bindNamed(sql, params));
	}

	private ResultCursor openQuery(CnosStatement statement, boolean streamed) {
		CnosExceptionTranslator translator = this.translator.withSecrets(statement.secrets());
		Request request = new Request("Query", HttpMethod.POST, streamed ? STREAMED_SQL_URI : SQL_URI,
				Map.of("tenant", this.tenant, "db", this.database), statement.sql().getBytes(StandardCharsets.UTF_8),
				statement.displaySql(), translator);
		ClientHttpResponse response = exchange(request, (opened) -> opened, false);
		return new ResultCursor(response, request.task(), request.sql(), translator);
	}

	/**
	 * The one execution path: send the request, check the status, translate failures.
	 * With {@code close} false the handler takes ownership of the response (for results
	 * read after this method returns); the response is still closed here if anything
	 * fails first.
	 */
	private <T> T exchange(Request request, ResponseHandler<T> handler, boolean close) {
		try {
			RestClient.RequestBodySpec spec = this.restClient.method(request.method())
				.uri(request.uriTemplate(), request.uriVariables());
			if (request.body() != null) {
				spec = spec.accept(CSV)
					.header(HttpHeaders.ACCEPT_ENCODING, IDENTITY)
					.contentType(SQL_TEXT)
					.contentLength(request.body().length)
					.body(request.body());
			}
			return spec.exchange((httpRequest, response) -> {
				try {
					int status = response.getStatusCode().value();
					if (status != 200) {
						throw request.translator()
							.translate(request.task(), request.sql(), status, readErrorBody(response));
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
			throw request.translator().translate(request.task(), request.sql(), ex);
		}
	}

	private static byte[] readErrorBody(ClientHttpResponse response) throws IOException {
		try (InputStream body = response.getBody()) {
			return body.readNBytes(MAX_ERROR_BODY);
		}
	}

	@Override
	public String toString() {
		return "CnosTemplate[url=" + this.url + ", user=" + this.user + ", tenant=" + this.tenant + ", database="
				+ this.database + "]";
	}

	private static String version() {
		Properties properties = new Properties();
		try (InputStream in = CnosTemplate.class.getResourceAsStream("cnosdb-client.properties")) {
			if (in != null) {
				properties.load(in);
			}
		}
		catch (IOException ex) {
			// Fall through to "unknown": the version is informational.
		}
		return properties.getProperty("version", "unknown");
	}

	@FunctionalInterface
	private interface ResponseHandler<T> {

		T handle(ClientHttpResponse response) throws IOException;

	}

	/**
	 * One request. {@code sql} is the text errors may show (secrets masked);
	 * {@code translator} also removes the statement's own secrets from server messages.
	 */
	private record Request(String task, HttpMethod method, String uriTemplate, Map<String, ?> uriVariables,
			byte @Nullable [] body, @Nullable String sql, CnosExceptionTranslator translator) {
	}

	/**
	 * Builds a {@link CnosTemplate}. Defaults match a fresh CnosDB server:
	 * {@code http://localhost:8902}, user {@code root} with an empty password, tenant
	 * {@code cnosdb}, database {@code public}.
	 */
	public static final class Builder {

		private RestClient.@Nullable Builder restClientBuilder;

		private String url = "http://localhost:8902";

		private String user = "root";

		private String password = "";

		private String tenant = "cnosdb";

		private String database = "public";

		private Builder() {
		}

		/**
		 * Use this {@link RestClient.Builder} (cloned, not changed) so that its request
		 * factory, timeouts, interceptors and observation apply. Defaults to
		 * {@link RestClient#builder()}.
		 * @param restClientBuilder the builder to start from
		 * @return this builder
		 */
		public Builder restClientBuilder(RestClient.Builder restClientBuilder) {
			this.restClientBuilder = restClientBuilder;
			return this;
		}

		/**
		 * Set the server's base URL, such as {@code http://localhost:8902}.
		 * @param url an absolute {@code http} or {@code https} URL without credentials,
		 * query or fragment
		 * @return this builder
		 */
		public Builder url(String url) {
			this.url = url;
			return this;
		}

		/**
		 * Set the user and password sent with Basic authentication.
		 * @param user the user name (must not contain {@code ':'})
		 * @param password the password (may be empty)
		 * @return this builder
		 */
		public Builder credentials(String user, String password) {
			this.user = user;
			this.password = password;
			return this;
		}

		/**
		 * Set the tenant.
		 * @param tenant the tenant name
		 * @return this builder
		 */
		public Builder tenant(String tenant) {
			this.tenant = tenant;
			return this;
		}

		/**
		 * Set the database used for unqualified table names and for writes.
		 * @param database the database name
		 * @return this builder
		 */
		public Builder database(String database) {
			this.database = database;
			return this;
		}

		/**
		 * Build the template.
		 * @return a new template
		 * @throws IllegalArgumentException if the URL, user, tenant or database is not
		 * usable, with a message naming the problem
		 */
		public CnosTemplate build() {
			String baseUrl = validateUrl(this.url);
			Assert.isTrue(StringUtils.hasText(this.user), "The user must not be empty");
			Assert.isTrue(this.user.indexOf(':') < 0,
					"The user name must not contain ':' (Basic authentication splits user and password at the first ':')");
			Assert.notNull(this.password, "The password must not be null (use \"\" for none)");
			CnosSql.checkName("tenant", this.tenant);
			CnosSql.checkName("database", this.database);
			String token = Base64.getEncoder()
				.encodeToString((this.user + ":" + this.password).getBytes(StandardCharsets.UTF_8));
			String authorization = "Basic " + token;
			RestClient.Builder builder = (this.restClientBuilder != null) ? this.restClientBuilder.clone()
					: RestClient.builder();
			RestClient restClient = builder.baseUrl(baseUrl).defaultHeaders((headers) -> {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
				headers.set(HttpHeaders.USER_AGENT, USER_AGENT);
			}).build();
			CnosExceptionTranslator translator = new CnosExceptionTranslator(baseUrl,
					List.of(authorization, token, this.password));
			return new CnosTemplate(restClient, baseUrl, this.user, this.tenant, this.database, translator);
		}

		/**
		 * Check a server URL and return it without a trailing slash.
		 * @param url the URL
		 * @return the URL to use as base
		 * @throws IllegalArgumentException naming what is wrong with it
		 */
		public static String validateUrl(@Nullable String url) {
			if (!StringUtils.hasText(url)) {
				throw new IllegalArgumentException("The URL must not be empty");
			}
			URI uri;
			try {
				uri = new URI(url.strip());
			}
			catch (URISyntaxException ex) {
				throw new IllegalArgumentException("The URL is not a valid URI: " + ex.getReason());
			}
			if (uri.getScheme() == null
					|| !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
				throw new IllegalArgumentException("The URL must start with http:// or https://");
			}
			if (uri.getHost() == null) {
				throw new IllegalArgumentException("The URL has no host");
			}
			if (uri.getRawUserInfo() != null) {
				throw new IllegalArgumentException(
						"The URL must not contain credentials; set the user and password separately");
			}
			if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
				throw new IllegalArgumentException("The URL must not have a query or fragment");
			}
			String text = uri.toString();
			return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
		}

	}

}
