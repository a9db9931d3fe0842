package io.cnosdb.autoconfigure.metrics;

import java.time.Duration;

import io.cnosdb.micrometer.CnosRegistryConfig;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CnosRegistryConfig} that reads {@link CnosMetricsExportProperties}.
 *
 * @author CnosDB Spring Boot contributors
 */
class CnosPropertiesConfigAdapter implements CnosRegistryConfig {

	private final CnosMetricsExportProperties properties;

	CnosPropertiesConfigAdapter(CnosMetricsExportProperties properties) {
		this.properties = properties;
	}

	@Override
	public String prefix() {
		return "management.cnosdb.metrics.export";
	}

	@Override
	public @Nullable String get(String key) {
		return null;
	}

	@Override
	public boolean enabled() {
		return this.properties.isEnabled();
	}

	@Override
	public Duration step() {
		return this.properties.getStep();
	}

	@Override
	public int batchSize() {
		return this.properties.getBatchSize();
	}

	@Override
	public @Nullable String tenant() {
		return this.properties.getTenant();
	}

	@Override
	public String database() {
		return this.properties.getDatabase();
	}

	@Override
	public boolean createDatabase() {
		return this.properties.isCreateDatabase();
	}

	@Override
	public Duration ttl() {
		return this.properties.getTtl();
	}

}
