package io.cnosdb.micrometer;

import java.time.Duration;

import io.micrometer.core.instrument.config.validate.InvalidReason;
import io.micrometer.core.instrument.config.validate.Validated;
import io.micrometer.core.instrument.step.StepRegistryConfig;
import org.jspecify.annotations.Nullable;

import static io.micrometer.core.instrument.config.MeterRegistryConfigValidator.checkAll;
import static io.micrometer.core.instrument.config.MeterRegistryConfigValidator.checkRequired;
import static io.micrometer.core.instrument.config.validate.PropertyValidator.getBoolean;
import static io.micrometer.core.instrument.config.validate.PropertyValidator.getDuration;
import static io.micrometer.core.instrument.config.validate.PropertyValidator.getString;

/**
 * Configuration of a {@link CnosMeterRegistry}, in Micrometer's style: every value is
 * read through {@link #get(String)} with the key {@code prefix() + "." + name}, and falls
 * back to its default. The connection itself (URL, credentials, timeouts) is that of the
 * {@link io.cnosdb.client.CnosOperations} the registry is given.
 *
 * @author CnosDB Spring Boot contributors
 */
public interface CnosRegistryConfig extends StepRegistryConfig {

	/**
	 * The database the meters are written to unless {@link #database()} says otherwise.
	 */
	String DEFAULT_DATABASE = "metrics";

	/**
	 * The TTL of a database the registry creates, unless {@link #ttl()} says otherwise.
	 */
	Duration DEFAULT_TTL = Duration.ofDays(30);

	/**
	 * A configuration where everything has its default.
	 */
	CnosRegistryConfig DEFAULT = (key) -> null;

	@Override
	default String prefix() {
		return "cnosdb";
	}

	/**
	 * Return the tenant the meters are written to.
	 * @return the tenant, or {@code null} for the tenant of the client the registry is
	 * given
	 */
	default @Nullable String tenant() {
		return getString(this, "tenant").orElse(null);
	}

	/**
	 * Return the database the meters are written to.
	 * @return the database ({@value #DEFAULT_DATABASE} by default)
	 */
	default String database() {
		return getString(this, "database").orElse(DEFAULT_DATABASE);
	}

	/**
	 * Whether the registry creates its database ({@code CREATE DATABASE IF NOT EXISTS},
	 * with {@link #ttl()}) when it starts, and before a step while that has not succeeded
	 * yet. An existing database is left as it is.
	 * @return whether to create the database ({@code true} by default)
	 */
	default boolean createDatabase() {
		return getBoolean(this, "createDatabase").orElse(true);
	}

	/**
	 * Return the time to live of a database the registry creates: CnosDB deletes older
	 * data, so the metrics do not grow forever.
	 * @return the TTL (30 days by default)
	 */
	default Duration ttl() {
		return getDuration(this, "ttl").orElse(DEFAULT_TTL);
	}

	@Override
	default Validated<?> validate() {
		return checkAll(this, (config) -> StepRegistryConfig.validate(config),
				checkRequired("database", CnosRegistryConfig::database).andThen(Validated::nonBlank),
				checkRequired("ttl", CnosRegistryConfig::ttl)
					.andThen((ttl) -> ttl.invalidateWhen((duration) -> duration.isNegative() || duration.isZero(),
							"must be positive", InvalidReason.MALFORMED)));
	}

}
