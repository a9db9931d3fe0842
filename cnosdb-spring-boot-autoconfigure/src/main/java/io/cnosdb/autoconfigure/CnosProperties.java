package io.cnosdb.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cnosdb.client.batch.CnosBatchWriterOptions;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.batch.OverflowPolicy;
import io.cnosdb.client.write.LineProtocolChunker;
import io.cnosdb.client.write.WritePrecision;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for CnosDB. A value the client cannot use fails start-up once
 * the properties are bound, naming the property and the reason (credentials in a URL are
 * masked).
 *
 * @author CnosDB Spring Boot contributors
 */
@ConfigurationProperties("cnosdb")
public class CnosProperties implements InitializingBean {

	/**
	 * Base URL of the CnosDB HTTP API, without a trailing path.
	 */
	private String url = "http://localhost:8902";

	/**
	 * Base URLs of several CnosDB query nodes, tried in this order: each request goes to
	 * the first one that is not cooling down after a failure. When set, takes precedence
	 * over cnosdb.url.
	 */
	private List<String> urls = new ArrayList<>();

	/**
	 * User to authenticate as.
	 */
	private String user = "root";

	/**
	 * Password of the user; CnosDB only checks it when the server enables authentication.
	 */
	private String password = "";

	/**
	 * Tenant that queries and writes go to.
	 */
	private String tenant = "cnosdb";

	/**
	 * Database used for unqualified table names and for writes.
	 */
	private String database = "public";

	/**
	 * Time allowed to open a connection to CnosDB.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Time allowed for CnosDB's answer; with the JDK HttpClient it bounds the whole
	 * exchange, a streamed result included.
	 */
	private Duration readTimeout = Duration.ofSeconds(60);

	private final Ssl ssl = new Ssl();

	private final Failover failover = new Failover();

	private final Write write = new Write();

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public List<String> getUrls() {
		return this.urls;
	}

	public void setUrls(List<String> urls) {
		this.urls = urls;
	}

	public String getUser() {
		return this.user;
	}

	public void setUser(String user) {
		this.user = user;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public String getTenant() {
		return this.tenant;
	}

	public void setTenant(String tenant) {
		this.tenant = tenant;
	}

	public String getDatabase() {
		return this.database;
	}

	public void setDatabase(String database) {
		this.database = database;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Failover getFailover() {
		return this.failover;
	}

	public Write getWrite() {
		return this.write;
	}

	/**
	 * Check the bound values (see {@link CnosPropertiesValidator}). A failure is reported
	 * as "Invalid value … for configuration property …"; a URL's credentials are masked
	 * (see {@link InvalidCnosUrlFailureAnalyzer}).
	 */
	@Override
	public void afterPropertiesSet() {
		CnosPropertiesValidator.validate(this);
	}

	@Override
	public String toString() {
		return "CnosProperties[url=" + this.url + ", urls=" + this.urls + ", user=" + this.user
				+ ", password=******, tenant=" + this.tenant + ", database=" + this.database + ", connectTimeout="
				+ this.connectTimeout + ", readTimeout=" + this.readTimeout + ", ssl=" + this.ssl + ", failover="
				+ this.failover + ", write=" + this.write + "]";
	}

	/**
	 * SSL of the connection to CnosDB.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) for https:// connections to CnosDB
		 * only; unset, the application's HTTP client settings and the JDK's defaults
		 * apply.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		@Override
		public String toString() {
			return "Ssl[bundle=" + this.bundle + "]";
		}

	}

	/**
	 * Failover between the nodes of cnosdb.urls.
	 */
	public static class Failover {

		/**
		 * How long a node that refused a connection or timed out is skipped before
		 * requests go to it again.
		 */
		private Duration coolDown = CnosTemplate.DEFAULT_FAILOVER_COOL_DOWN;

		public Duration getCoolDown() {
			return this.coolDown;
		}

		public void setCoolDown(Duration coolDown) {
			this.coolDown = coolDown;
		}

		@Override
		public String toString() {
			return "Failover[coolDown=" + this.coolDown + "]";
		}

	}

	/**
	 * Writes of line protocol.
	 */
	public static class Write {

		/**
		 * Whether to gzip-compress write request bodies.
		 */
		private boolean gzip;

		/**
		 * Largest body of one write request; larger writes are split at line boundaries
		 * (CnosDB refuses bodies above its write_sql_limit, 160MB by default).
		 */
		private DataSize maxRequestSize = LineProtocolChunker.DEFAULT_MAX_REQUEST_SIZE;

		private final Batch batch = new Batch();

		public boolean isGzip() {
			return this.gzip;
		}

		public void setGzip(boolean gzip) {
			this.gzip = gzip;
		}

		public DataSize getMaxRequestSize() {
			return this.maxRequestSize;
		}

		public void setMaxRequestSize(DataSize maxRequestSize) {
			this.maxRequestSize = maxRequestSize;
		}

		public Batch getBatch() {
			return this.batch;
		}

		@Override
		public String toString() {
			return "Write[gzip=" + this.gzip + ", maxRequestSize=" + this.maxRequestSize + ", batch=" + this.batch
					+ "]";
		}

	}

	/**
	 * The batching writer.
	 */
	public static class Batch {

		/**
		 * Whether to auto-configure a CnosBatchWriter that buffers points and writes them
		 * in the background.
		 */
		private boolean enabled;

		/**
		 * Number of buffered points that triggers a batch.
		 */
		private int batchSize = CnosBatchWriterOptions.DEFAULT_BATCH_SIZE;

		/**
		 * Longest time a point waits in the buffer before its batch is sent.
		 */
		private Duration flushInterval = CnosBatchWriterOptions.DEFAULT_FLUSH_INTERVAL;

		/**
		 * Most points held at once, buffered or in flight; at least the batch size.
		 */
		private int bufferLimit = CnosBatchWriterOptions.DEFAULT_BUFFER_LIMIT;

		/**
		 * What a write does when the buffer is full: wait for room (block) or fail at
		 * once (fail); points are never dropped.
		 */
		private OverflowPolicy overflowPolicy = CnosBatchWriterOptions.DEFAULT_OVERFLOW_POLICY;

		/**
		 * Longest time a write waits for room when the overflow policy is block.
		 */
		private Duration blockTimeout = CnosBatchWriterOptions.DEFAULT_BLOCK_TIMEOUT;

		/**
		 * Precision of the write requests and of raw lines given to the writer (ns, us or
		 * ms).
		 */
		private WritePrecision precision = CnosBatchWriterOptions.DEFAULT_PRECISION;

		/**
		 * Most retries of a batch after its first attempt, for transient failures only.
		 */
		private int maxRetries = CnosBatchWriterOptions.DEFAULT_MAX_RETRIES;

		/**
		 * Delay before the first retry of a batch.
		 */
		private Duration retryInterval = CnosBatchWriterOptions.DEFAULT_RETRY_INTERVAL;

		/**
		 * Factor by which the retry delay grows after each retry.
		 */
		private double retryMultiplier = CnosBatchWriterOptions.DEFAULT_RETRY_MULTIPLIER;

		/**
		 * Longest delay between two attempts, unless the server's Retry-After asks for
		 * more.
		 */
		private Duration maxRetryDelay = CnosBatchWriterOptions.DEFAULT_MAX_RETRY_DELAY;

		/**
		 * Random spread added to or taken from each retry delay, growing with it.
		 */
		private Duration retryJitter = CnosBatchWriterOptions.DEFAULT_RETRY_JITTER;

		/**
		 * Longest time a batch is retried, counted from its first attempt.
		 */
		private Duration maxRetryTime = CnosBatchWriterOptions.DEFAULT_MAX_RETRY_TIME;

		/**
		 * Longest time the writer takes to close: it keeps writing buffered points until
		 * then, and abandons the rest (a request in flight included).
		 */
		private Duration shutdownTimeout = CnosBatchWriterOptions.DEFAULT_SHUTDOWN_TIMEOUT;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public Duration getFlushInterval() {
			return this.flushInterval;
		}

		public void setFlushInterval(Duration flushInterval) {
			this.flushInterval = flushInterval;
		}

		public int getBufferLimit() {
			return this.bufferLimit;
		}

		public void setBufferLimit(int bufferLimit) {
			this.bufferLimit = bufferLimit;
		}

		public OverflowPolicy getOverflowPolicy() {
			return this.overflowPolicy;
		}

		public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
			this.overflowPolicy = overflowPolicy;
		}

		public Duration getBlockTimeout() {
			return this.blockTimeout;
		}

		public void setBlockTimeout(Duration blockTimeout) {
			this.blockTimeout = blockTimeout;
		}

		public WritePrecision getPrecision() {
			return this.precision;
		}

		public void setPrecision(WritePrecision precision) {
			this.precision = precision;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getRetryInterval() {
			return this.retryInterval;
		}

		public void setRetryInterval(Duration retryInterval) {
			this.retryInterval = retryInterval;
		}

		public double getRetryMultiplier() {
			return this.retryMultiplier;
		}

		public void setRetryMultiplier(double retryMultiplier) {
			this.retryMultiplier = retryMultiplier;
		}

		public Duration getMaxRetryDelay() {
			return this.maxRetryDelay;
		}

		public void setMaxRetryDelay(Duration maxRetryDelay) {
			this.maxRetryDelay = maxRetryDelay;
		}

		public Duration getRetryJitter() {
			return this.retryJitter;
		}

		public void setRetryJitter(Duration retryJitter) {
			this.retryJitter = retryJitter;
		}

		public Duration getMaxRetryTime() {
			return this.maxRetryTime;
		}

		public void setMaxRetryTime(Duration maxRetryTime) {
			this.maxRetryTime = maxRetryTime;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		@Override
		public String toString() {
			return "Batch[enabled=" + this.enabled + ", batchSize=" + this.batchSize + ", flushInterval="
					+ this.flushInterval + ", bufferLimit=" + this.bufferLimit + ", overflowPolicy="
					+ this.overflowPolicy + ", precision=" + this.precision + ", maxRetries=" + this.maxRetries
					+ ", maxRetryTime=" + this.maxRetryTime + "]";
		}

	}

}
