package io.cnosdb.autoconfigure.metrics;

import java.time.Duration;

import io.cnosdb.autoconfigure.InvalidCnosUrlException;
import io.cnosdb.client.sql.CnosSql;
import io.cnosdb.micrometer.CnosRegistryConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * {@link ConfigurationProperties @ConfigurationProperties} for exporting metrics to
 * CnosDB ({@code management.cnosdb.metrics.export.*}). Values are checked when they are
 * bound.
 *
 * @author CnosDB Spring Boot contributors
 */
@ConfigurationProperties("management.cnosdb.metrics.export")
public class CnosMetricsExportProperties implements InitializingBean {

	private static final String PREFIX = "management.cnosdb.metrics.export.";

	/**
	 * Whether to export metrics to CnosDB. Off unless set to true.
	 */
	private boolean enabled;

	/**
	 * Step size (reporting frequency) to use.
	 */
	private Duration step = Duration.ofMinutes(1);

	/**
	 * Number of meters per write request to CnosDB (a request larger than
	 * cnosdb.write.max-request-size is split further).
	 */
	private int batchSize = 10000;

	/**
	 * Tenant to write the metrics to. By default the tenant of the application's CnosDB
	 * client (cnosdb.tenant).
	 */
	private @Nullable String tenant;

	/**
	 * Database to write the metrics to.
	 */
	private String database = CnosRegistryConfig.DEFAULT_DATABASE;

	/**
	 * Whether to create the database (CREATE DATABASE IF NOT EXISTS, with the TTL) on
	 * start and until that succeeds. An existing database is left as it is.
	 */
	private boolean createDatabase = true;

	/**
	 * Time to live of the database when it is created: older metrics are deleted by
	 * CnosDB.
	 */
	private Duration ttl = CnosRegistryConfig.DEFAULT_TTL;

	/**
	 * Base URL of another CnosDB server to export to, with the credentials of cnosdb.user
	 * and cnosdb.password. By default the metrics go through the application's CnosDB
	 * client (cnosdb.url).
	 */
	private @Nullable String url;

	/**
	 * Connect timeout for the export's own requests. By default the export uses the
	 * application's CnosDB client and its timeouts; setting this gives the export a
	 * client of its own.
	 */
	private @Nullable Duration connectTimeout;

	/**
	 * Read timeout for the export's own requests. By default the export uses the
	 * application's CnosDB client and its timeouts; setting this gives the export a
	 * client of its own.
	 */
	private @Nullable Duration readTimeout;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getStep() {
		return this.step;
	}

	public void setStep(Duration step) {
		this.step = step;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public @Nullable String getTenant() {
		return this.tenant;
	}

	public void setTenant(@Nullable String tenant) {
		this.tenant = tenant;
	}

	public String getDatabase() {
		return this.database;
	}

	public void setDatabase(String database) {
		this.database = database;
	}

	public boolean isCreateDatabase() {
		return this.createDatabase;
	}

	public void setCreateDatabase(boolean createDatabase) {
		this.createDatabase = createDatabase;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(@Nullable Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public @Nullable Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(@Nullable Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	/**
	 * Whether the export needs a client of its own (another URL or other timeouts).
	 * @return whether to build a separate client
	 */
	boolean needsOwnClient() {
		return this.url != null || this.connectTimeout != null || this.readTimeout != null;
	}

	/**
	 * Check the bound values.
	 */
	@Override
	public void afterPropertiesSet() {
		if (this.url != null) {
			InvalidCnosUrlException.check(PREFIX + "url", this.url);
		}
		checkName("tenant", this.tenant);
		checkName("database", this.database);
		checkPositive("step", this.step);
		checkPositive("ttl", this.ttl);
		checkPositive("connect-timeout", this.connectTimeout);
		checkPositive("read-timeout", this.readTimeout);
		if (this.batchSize < 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "batch-size", this.batchSize,
					"must be at least 1");
		}
	}

	private static void checkName(String property, @Nullable String name) {
		if (name == null && property.equals("tenant")) {
			return;
		}
		try {
			CnosSql.checkName(property, name);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + property, name, ex.getMessage());
		}
	}

	private static void checkPositive(String property, @Nullable Duration duration) {
		if (duration != null && (duration.isNegative() || duration.isZero())) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + property, duration, "must be positive");
		}
	}

}
