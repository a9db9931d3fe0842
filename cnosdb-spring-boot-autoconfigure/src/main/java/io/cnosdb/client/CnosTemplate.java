package io.cnosdb.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.cnosdb.client.admin.CnosAdminOperations;
import io.cnosdb.client.csv.CnosCsvImporter;
import io.cnosdb.client.csv.CsvColumnMapping;
import io.cnosdb.client.csv.CsvImportResult;
import io.cnosdb.client.sql.CnosParameterBinder;
import io.cnosdb.client.sql.CnosSql;
import io.cnosdb.client.sql.CnosStatement;
import io.cnosdb.client.support.CnosExceptionTranslator;
import io.cnosdb.client.support.IdleReadTimeoutRequestFactory;
import io.cnosdb.client.support.JdkHttpClientRequestFactory;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.LineProtocolChunker;
import io.cnosdb.client.write.Point;
import io.cnosdb.client.write.PointMapper;
import io.cnosdb.client.write.WritePrecision;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.support.DataAccessUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

/**
 * The central class of the CnosDB client: runs SQL over CnosDB's HTTP API and maps the
 * results. Create one with {@link #builder()} or let Spring Boot auto-configure it from
 * the {@code cnosdb.*} properties.
 * <p>
 * Results are requested as CSV ({@code Accept: application/csv}): it is the one format
 * CnosDB offers that keeps the column order, sends the column names even for an empty
 * result, keeps {@code NaN}, infinities and unsigned values above {@link Long#MAX_VALUE}
 * exactly, and streams with {@code chunked=true}. CnosDB sends no column types in any
 * format, so values are typed by what the caller asks for (see {@link CnosRow}).
 * <p>
 * Writes go to CnosDB's line-protocol endpoint ({@code /api/v1/write}) with the
 * template's tenant and database. Every request body has a known length (CnosDB answers a
 * chunked upload with an empty 500), and a large write is cut at line boundaries into
 * requests of at most {@link Builder#maxRequestSize(DataSize) maxRequestSize} bytes,
 * optionally gzip-compressed.
 * <p>
 * Instances are immutable and thread-safe. {@link #forDatabase(String)} and
 * {@link #forTenant(String)} return views: new templates that share the HTTP client and
 * send their requests to another database or tenant. Every request goes through one
 * execution path ({@code CnosHttpExchange}, which holds the {@link RestClient}) that
 * sends it, checks the status and translates errors with {@link CnosExceptionTranslator};
 * every write is cut into requests by one {@link LineProtocolChunker}.
 * <p>
 * With several URLs ({@link Builder#urls(List)}) each request goes to the first node in
 * that order that is not cooling down. A node that refuses the connection, does not
 * accept it within the connect timeout or does not answer within the read timeout is
 * skipped for a cool-down ({@link Builder#failoverCoolDown(Duration)}), and the request
 * goes to the next node if that is safe: always when nothing was sent (the connection
 * failed); after a timeout only for ping and statements that only read ({@code SELECT},
 * {@code SHOW}, {@code DESCRIBE}, {@code EXPLAIN}). A write or any other statement that
 * timed out fails as with one node (a batching writer's retry then goes through the
 * template again, to the next available node). An error that CnosDB answers never causes
 * failover. When no node can take a request, one {@link CnosResourceFailureException}
 * names each node and what happened to it.
 *
 * @author CnosDB Spring Boot contributors
 */
public class CnosTemplate implements CnosOperations {

	/** The value of the {@code User-Agent} header this client sends. */
	public static final String USER_AGENT = "cnosdb-spring-boot-starter/" + version();

	/** How long a node that failed is skipped unless told otherwise. */
	public static final Duration DEFAULT_FAILOVER_COOL_DOWN = Duration.ofSeconds(10);

	/** How long the builder's own client waits for a connection unless told otherwise. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * How long the builder's own client waits for data (for the answer to start, then
	 * between two pieces of a streamed result) unless told otherwise.
	 */
	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

	/** The default most bytes per write request. */
	public static final DataSize DEFAULT_MAX_REQUEST_SIZE = LineProtocolChunker.DEFAULT_MAX_REQUEST_SIZE;

	private final CnosHttpExchange exchange;

	private final String url;

	private final String user;

	private final String tenant;

	private final String database;

	private final WriteSettings writeSettings;

	private final WritePath writes;

	CnosTemplate(CnosHttpExchange exchange, String url, String user, String tenant, String database,
			WriteSettings writeSettings) {
		this.exchange = exchange;
		this.url = url;
		this.user = user;
		this.tenant = tenant;
		this.database = database;
		this.writeSettings = writeSettings;
		this.writes = new WritePath(exchange, tenant, database, writeSettings);
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
	 * Return the base URL of the server, the first one when there are several.
	 * @return the server URL
	 */
	public String getUrl() {
		return this.url;
	}

	/**
	 * Return the base URLs of the nodes, in the order they are tried.
	 * @return the node URLs (one when failover is off)
	 */
	public List<String> getUrls() {
		return this.exchange.urls();
	}

	/**
	 * Return what this template knows about each node now: which are skipped for a
	 * cool-down, since when and why. Views share this state.
	 * @return the state of each node, in the order of {@link #getUrls()}
	 */
	public List<CnosNodeState> getNodeStates() {
		return this.exchange.nodeStates();
	}

	/**
	 * Return a view that sends every request to one node, without failover, sharing this
	 * template's HTTP client, tenant, database and node state (a failure there starts the
	 * node's cool-down; an answer ends it). For checking one node, as the health
	 * indicator does.
	 * @param url one of {@link #getUrls()}
	 * @return a template for that node
	 * @throws IllegalArgumentException if {@code url} is not one of this template's
	 */
	public CnosTemplate forNode(String url) {
		int index = getUrls().indexOf(url);
		Assert.isTrue(index >= 0, () -> "'" + url + "' is not one of this template's URLs " + getUrls());
		return new CnosTemplate(this.exchange.forNode(index), url, this.user, this.tenant, this.database,
				this.writeSettings);
	}

	/**
	 * Return the most bytes one write request may carry; larger writes are split.
	 * @return the limit in bytes
	 */
	public long getMaxRequestSize() {
		return this.writeSettings.maxRequestSize();
	}

	/**
	 * Whether write request bodies are gzip-compressed.
	 * @return whether writes use gzip
	 */
	public boolean isGzip() {
		return this.writeSettings.gzip();
	}

	@Override
	public CnosTemplate forDatabase(String database) {
		CnosSql.checkName("database", database);
		return new CnosTemplate(this.exchange, this.url, this.user, this.tenant, database, this.writeSettings);
	}

	@Override
	public CnosTemplate forTenant(String tenant) {
		CnosSql.checkName("tenant", tenant);
		return new CnosTemplate(this.exchange, this.url, this.user, tenant, this.database, this.writeSettings);
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
		return query(statement(sql), rowMapper);
	}

	@Override
	public <T extends @Nullable Object> List<T> query(String sql, CnosRowMapper<T> rowMapper,
			@Nullable Object... args) {
		return query(bind(sql, args), rowMapper);
	}

	@Override
	public <T extends @Nullable Object> List<T> query(String sql, Map<String, ?> params, CnosRowMapper<T> rowMapper) {
		return query(bind(sql, params), rowMapper);
	}

	@Override
	public <T extends @Nullable Object> List<T> query(CnosStatement statement, CnosRowMapper<T> rowMapper) {
		Assert.notNull(statement, "'statement' must not be null");
		Assert.notNull(rowMapper, "'rowMapper' must not be null");
		try (ResultCursor cursor = openQuery(statement, false)) {
			List<T> results = new ArrayList<>();
			RecordRowReader<T> records = recordReader(rowMapper, cursor);
			if (records != null) {
				while (cursor.readRow(records)) {
					results.add(records.build());
				}
				return results;
			}
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
		return DataAccessUtils.nullableSingleResult(query(bind(sql, args), CnosRowMapper.of(type)));
	}

	@Override
	public <T> @Nullable T queryForObject(String sql, Map<String, ?> params, Class<T> type) {
		return DataAccessUtils.nullableSingleResult(query(bind(sql, params), CnosRowMapper.of(type)));
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
		RecordRowReader<T> records = recordReader(rowMapper, cursor);
		if (records != null) {
			return StreamSupport.stream(cursor.spliterator(records), false).onClose(cursor::close);
		}
		int[] rowNum = { 0 };
		return StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED | Spliterator.NONNULL), false)
			.map((row) -> rowMapper.mapRow(row, rowNum[0]++))
			.onClose(cursor::close);
	}

	@Override
	public long execute(String sql) {
		return execute(statement(sql));
	}

	@Override
	public long execute(String sql, @Nullable Object... args) {
		return execute(bind(sql, args));
	}

	@Override
	public long execute(String sql, Map<String, ?> params) {
		return execute(bind(sql, params));
	}

	@Override
	public long execute(CnosStatement statement) {
		Assert.notNull(statement, "'statement' must not be null");
		try (ResultCursor cursor = openQuery(statement, false)) {
			long rows = 0;
			if (cursor.columnNames().equals(List.of("rows")) && cursor.hasNext()) {
				Long count = cursor.next().get(0, Long.class);
				rows = (count != null) ? count : 0;
			}
			// Read to the end: an error CnosDB appends to the result is thrown there.
			cursor.forEachRemaining((row) -> {
			});
			return rows;
		}
	}

	@Override
	public CnosServerInfo ping() {
		return this.exchange.ping();
	}

	@Override
	public long writeLines(String lines) {
		return writeLines(lines, WritePrecision.NS);
	}

	@Override
	public long writeLines(String lines, WritePrecision precision) {
		Assert.notNull(lines, "'lines' must not be null");
		return this.writes.write(List.of(lines), precision, "line", (chunker, text) -> chunker.appendLines(text));
	}

	@Override
	public long writeLines(Iterable<? extends CharSequence> lines) {
		return writeLines(lines, WritePrecision.NS);
	}

	@Override
	public long writeLines(Iterable<? extends CharSequence> lines, WritePrecision precision) {
		Assert.notNull(lines, "'lines' must not be null");
		return this.writes.write(lines, precision, "element", (chunker, text) -> chunker.appendLines(text));
	}

	@Override
	public long writePoint(Point point) {
		Assert.notNull(point, "'point' must not be null");
		return writePoints(List.of(point));
	}

	@Override
	public long writePoints(Iterable<Point> points) {
		Assert.notNull(points, "'points' must not be null");
		return this.writes.write(points, WritePrecision.NS, "point", (chunker, point) -> {
			Assert.notNull(point, "A point must not be null");
			chunker.append(point);
		});
	}

	@Override
	public long writeObjects(Iterable<?> objects) {
		Assert.notNull(objects, "'objects' must not be null");
		return this.writes.write(objects, WritePrecision.NS, "object", (chunker, object) -> {
			Assert.notNull(object, "An object must not be null");
			chunker.append(mapperFor(object).toPoint(object));
		});
	}

	@Override
	public <T> long writeObjects(Iterable<? extends T> objects, PointMapper<? super T> mapper) {
		Assert.notNull(objects, "'objects' must not be null");
		Assert.notNull(mapper, "'mapper' must not be null");
		return this.writes.write(objects, WritePrecision.NS, "object", (chunker, object) -> {
			Assert.notNull(object, "An object must not be null");
			Point point = mapper.toPoint(object);
			Assert.notNull(point, "The mapper returned null");
			chunker.append(point);
		});
	}

	@SuppressWarnings("unchecked")
	private static <T> PointMapper<T> mapperFor(T object) {
		return PointMapper.of((Class<T>) object.getClass());
	}

	@Override
	public void writeLineProtocol(LineProtocolBuffer lines) {
		Assert.notNull(lines, "'lines' must not be null");
		if (lines.hasUnfinishedRow()) {
			throw new IllegalStateException("The buffer has an unfinished row: end it with at(…) or atNow(), or "
					+ "cancel it, before the buffer is written");
		}
		if (!lines.isEmpty()) {
			this.writes.send(lines, "Write", 1);
		}
	}

	@Override
	public CsvImportResult writeCsv(String table, Path file, CsvColumnMapping mapping) {
		return csvImporter().writeCsv(table, file, mapping);
	}

	@Override
	public CsvImportResult writeCsv(String table, InputStream in, CsvColumnMapping mapping) {
		return csvImporter().writeCsv(table, in, mapping);
	}

	@Override
	public CsvImportResult writeCsv(String table, Reader reader, CsvColumnMapping mapping) {
		return csvImporter().writeCsv(table, reader, mapping);
	}

	/** An importer that writes through this template, in requests of its size. */
	private CnosCsvImporter csvImporter() {
		return new CnosCsvImporter(this, DataSize.ofBytes(this.writeSettings.maxRequestSize()));
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

	/**
	 * The reader that maps a result straight into records, when the mapper is one of
	 * {@link CnosRowMapper#of(Class)} for a record whose components match the columns in
	 * order; {@code null} to map through {@link CnosRow}s.
	 */
	@SuppressWarnings("unchecked")
	private static <T extends @Nullable Object> @Nullable RecordRowReader<T> recordReader(CnosRowMapper<T> rowMapper,
			ResultCursor cursor) {
		if (rowMapper instanceof DataClassRowMapper<?> dataClass) {
			return ((DataClassRowMapper<T>) dataClass).recordReader(cursor.columnNames());
		}
		return null;
	}

	private ResultCursor openQuery(CnosStatement statement, boolean streamed) {
		return this.exchange.query(this.tenant, this.database, statement, streamed);
	}

	@Override
	public String toString() {
		List<String> urls = getUrls();
		return "CnosTemplate[" + ((urls.size() == 1) ? "url=" + this.url : "urls=" + urls) + ", user=" + this.user
				+ ", tenant=" + this.tenant + ", database=" + this.database + ", maxRequestSize="
				+ this.writeSettings.maxRequestSize() + ", gzip=" + this.writeSettings.gzip() + "]";
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

	/**
	 * How this template writes.
	 *
	 * @param maxRequestSize the most bytes per write request
	 * @param gzip whether bodies are gzip-compressed
	 */
	record WriteSettings(long maxRequestSize, boolean gzip) {
	}

	/**
	 * Builds a {@link CnosTemplate}. Defaults match a fresh CnosDB server:
	 * {@code http://localhost:8902}, user {@code root} with an empty password, tenant
	 * {@code cnosdb}, database {@code public}.
	 */
	public static final class Builder {

		private RestClient.@Nullable Builder restClientBuilder;

		private List<@Nullable String> urls = List.of("http://localhost:8902");

		private Duration failoverCoolDown = DEFAULT_FAILOVER_COOL_DOWN;

		private Clock clock = Clock.systemUTC();

		private String user = "root";

		private String password = "";

		private String tenant = "cnosdb";

		private String database = "public";

		private DataSize maxRequestSize = DEFAULT_MAX_REQUEST_SIZE;

		private boolean gzip;

		private @Nullable Duration connectTimeout;

		private @Nullable Duration readTimeout;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private Builder() {
		}

		/**
		 * Set the registry of the CnosDB-level observations ({@link CnosObservations}):
		 * one per query, statement, write request and ping. Defaults to none.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Use this {@link RestClient.Builder} (cloned, not changed) so that its request
		 * factory, timeouts, interceptors and observation apply. Without one, the
		 * template makes its own client: the JDK {@code HttpClient} with
		 * {@link #connectTimeout(Duration)} and {@link #readTimeout(Duration)}.
		 * @param restClientBuilder the builder to start from
		 * @return this builder
		 */
		public Builder restClientBuilder(RestClient.Builder restClientBuilder) {
			this.restClientBuilder = restClientBuilder;
			return this;
		}

		/**
		 * Set how long the template's own client waits for a connection (default
		 * {@link CnosTemplate#DEFAULT_CONNECT_TIMEOUT}). Not with
		 * {@link #restClientBuilder(RestClient.Builder)}, whose request factory has its
		 * own timeouts.
		 * @param connectTimeout a positive duration
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			Assert.isTrue(connectTimeout != null && connectTimeout.compareTo(Duration.ZERO) > 0,
					"The connect timeout must be positive");
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Set how long the template's own client waits for data: for the answer to start
		 * and, while a result streams, between two pieces of it, so that a streamed
		 * result of any length completes while data keeps coming (default
		 * {@link CnosTemplate#DEFAULT_READ_TIMEOUT}). Not with
		 * {@link #restClientBuilder(RestClient.Builder)}, whose request factory has its
		 * own timeouts.
		 * @param readTimeout a positive duration
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			Assert.isTrue(readTimeout != null && readTimeout.compareTo(Duration.ZERO) > 0,
					"The read timeout must be positive");
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * Set the server's base URL, such as {@code http://localhost:8902}.
		 * @param url an absolute {@code http} or {@code https} URL without credentials,
		 * query or fragment
		 * @return this builder
		 */
		public Builder url(String url) {
			this.urls = Collections.singletonList(url);
			return this;
		}

		/**
		 * Set the base URLs of several CnosDB nodes (query nodes of one cluster), tried
		 * in this order: each request goes to the first that is not cooling down, so the
		 * first is the primary and the others stand by. Replaces {@link #url(String)}.
		 * @param urls absolute {@code http} or {@code https} URLs without credentials,
		 * query or fragment, each once
		 * @return this builder
		 */
		public Builder urls(List<String> urls) {
			Assert.notEmpty(urls, "'urls' must not be empty");
			this.urls = Collections.unmodifiableList(new ArrayList<>(urls));
			return this;
		}

		/**
		 * Set the base URLs of several CnosDB nodes, tried in this order (see
		 * {@link #urls(List)}).
		 * @param urls the URLs
		 * @return this builder
		 */
		public Builder urls(String... urls) {
			Assert.notEmpty(urls, "'urls' must not be empty");
			return urls(java.util.Arrays.asList(urls));
		}

		/**
		 * Set how long a node that refused a connection or timed out is skipped before
		 * requests go to it again. Defaults to 10 seconds. Applies with several URLs
		 * only.
		 * @param coolDown the cool-down, zero or more
		 * @return this builder
		 */
		public Builder failoverCoolDown(Duration coolDown) {
			this.failoverCoolDown = coolDown;
			return this;
		}

		/** The clock of the cool-downs (for tests). */
		Builder clock(Clock clock) {
			this.clock = clock;
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
		 * Set the most bytes one write request may carry; larger writes are cut at line
		 * boundaries into several requests. Defaults to 8 MB. Keep it at or below the
		 * server's {@code write_sql_limit} (160 MiB unless changed).
		 * @param maxRequestSize the limit, from 1 KB to 1 GB
		 * @return this builder
		 */
		public Builder maxRequestSize(DataSize maxRequestSize) {
			this.maxRequestSize = maxRequestSize;
			return this;
		}

		/**
		 * Set whether write request bodies are gzip-compressed
		 * ({@code Content-Encoding: gzip}, which CnosDB's write endpoint decodes).
		 * Defaults to {@code false}.
		 * @param gzip whether to compress write bodies
		 * @return this builder
		 */
		public Builder gzip(boolean gzip) {
			this.gzip = gzip;
			return this;
		}

		/**
		 * Build the template.
		 * @return a new template
		 * @throws IllegalArgumentException if the URL, user, tenant or database is not
		 * usable, with a message naming the problem
		 */
		public CnosTemplate build() {
			List<String> baseUrls = new ArrayList<>(this.urls.size());
			for (String url : this.urls) {
				String baseUrl = (this.urls.size() == 1) ? validateUrl(url) : validateNodeUrl(url);
				Assert.isTrue(!baseUrls.contains(baseUrl), () -> "The URL " + baseUrl + " is listed twice");
				baseUrls.add(baseUrl);
			}
			Assert.isTrue(this.failoverCoolDown != null && !this.failoverCoolDown.isNegative(),
					"The failover cool-down must not be negative");
			Assert.isTrue(StringUtils.hasText(this.user), "The user must not be empty");
			Assert.isTrue(this.user.indexOf(':') < 0,
					"The user name must not contain ':' (Basic authentication splits user and password at the first ':')");
			Assert.notNull(this.password, "The password must not be null (use \"\" for none)");
			CnosSql.checkName("tenant", this.tenant);
			CnosSql.checkName("database", this.database);
			Assert.notNull(this.maxRequestSize, "The max request size must not be null");
			Assert.isTrue(
					this.maxRequestSize.toBytes() >= DataSize.ofKilobytes(1).toBytes()
							&& this.maxRequestSize.toBytes() <= DataSize.ofGigabytes(1).toBytes(),
					() -> "The max request size must be from 1KB to 1GB, not " + this.maxRequestSize);
			String token = Base64.getEncoder()
				.encodeToString((this.user + ":" + this.password).getBytes(StandardCharsets.UTF_8));
			String authorization = "Basic " + token;
			Assert.state(this.restClientBuilder == null || (this.connectTimeout == null && this.readTimeout == null),
					"connectTimeout and readTimeout set the template's own client; with a restClientBuilder, "
							+ "set them on its request factory");
			// The exchange streams bodies itself and never converts them: its own client
			// gets one converter, not the defaults (a JSON mapper of its own, and more).
			RestClient.Builder builder = (this.restClientBuilder != null) ? this.restClientBuilder.clone()
					: RestClient.builder()
						.requestFactory(ownRequestFactory())
						.configureMessageConverters(
								(converters) -> converters.addCustomConverter(new ByteArrayHttpMessageConverter()));
			// One client per node, each with its base URL; they share the request
			// factory. Each is built on its first request, as the HTTP client is: an
			// application that has not talked to CnosDB yet has not paid for them.
			List<Supplier<RestClient>> restClients = new ArrayList<>(baseUrls.size());
			for (String baseUrl : baseUrls) {
				restClients.add(SingletonSupplier.of(() -> builder.clone().defaultHeaders((headers) -> {
					headers.set(HttpHeaders.AUTHORIZATION, authorization);
					headers.set(HttpHeaders.USER_AGENT, USER_AGENT);
				}).baseUrl(baseUrl).build()));
			}
			CnosExceptionTranslator translator = new CnosExceptionTranslator(baseUrls.get(0),
					List.of(authorization, token, this.password));
			CnosNodes nodes = new CnosNodes(baseUrls, this.failoverCoolDown, this.clock);
			return new CnosTemplate(new CnosHttpExchange(restClients, nodes, translator, this.observationRegistry),
					baseUrls.get(0), this.user, this.tenant, this.database,
					new WriteSettings(this.maxRequestSize.toBytes(), this.gzip));
		}

		/**
		 * The JDK client with a connect timeout, and a read timeout per wait for data.
		 * The client is built on the first request: building it makes the JVM's default
		 * TLS context, even for {@code http://}. Requests are sent on the calling thread,
		 * with their bodies as they are in memory ({@link JdkHttpClientRequestFactory}),
		 * not through Spring's {@code JdkClientHttpRequestFactory}, which hands each body
		 * and each answer to other threads.
		 */
		private ClientHttpRequestFactory ownRequestFactory() {
			Duration connect = (this.connectTimeout != null) ? this.connectTimeout : DEFAULT_CONNECT_TIMEOUT;
			return new IdleReadTimeoutRequestFactory(() -> new JdkHttpClientRequestFactory(HttpClient.newBuilder()
				// CnosDB speaks HTTP/1.1: no h2c upgrade attempt on plain http
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(connect)
				.build()), (this.readTimeout != null) ? this.readTimeout : DEFAULT_READ_TIMEOUT);
		}

		private static String validateNodeUrl(@Nullable String url) {
			try {
				return validateUrl(url);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(ex.getMessage() + " (" + safeForMessage(url) + ")", ex);
			}
		}

		/** A URL as a message may show it: without anything that may be credentials. */
		private static String safeForMessage(@Nullable String url) {
			if (url == null) {
				return "null";
			}
			int at = url.lastIndexOf('@');
			int scheme = url.indexOf("://");
			return (at >= 0) ? url.substring(0, (scheme >= 0) ? scheme + 3 : 0) + "******" + url.substring(at) : url;
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
