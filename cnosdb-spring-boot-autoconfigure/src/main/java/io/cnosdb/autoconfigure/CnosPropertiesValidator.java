package io.cnosdb.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.sql.CnosSql;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Checks bound {@link CnosProperties}: every value the client or CnosDB cannot use fails
 * start-up with an {@link InvalidConfigurationPropertyValueException} naming the property
 * and the reason, which Boot reports as "Invalid value … for configuration property …".
 *
 * @author CnosDB Spring Boot contributors
 */
final class CnosPropertiesValidator {

	/** CnosDB's default {@code write_sql_limit}: a larger body is refused with 413. */
	static final DataSize SERVER_WRITE_LIMIT = DataSize.ofMegabytes(160);

	private CnosPropertiesValidator() {
	}

	static void validate(CnosProperties properties) {
		InvalidCnosUrlException.check("cnosdb.url", properties.getUrl());
		validateUrls(properties);
		String user = properties.getUser();
		check(user != null && !user.isBlank(), "cnosdb.user", user, "must not be empty");
		check(user.indexOf(':') < 0, "cnosdb.user", user,
				"must not contain ':' (Basic authentication splits user and password at the first ':')");
		check(properties.getPassword() != null, "cnosdb.password", null, "must not be null (leave it empty for none)");
		checkName("cnosdb.tenant", "tenant", properties.getTenant());
		checkName("cnosdb.database", "database", properties.getDatabase());
		positive("cnosdb.connect-timeout", properties.getConnectTimeout());
		positive("cnosdb.read-timeout", properties.getReadTimeout());
		notNegative("cnosdb.failover.cool-down", properties.getFailover().getCoolDown());
		DataSize maxRequestSize = properties.getWrite().getMaxRequestSize();
		check(maxRequestSize != null && maxRequestSize.toBytes() >= DataSize.ofKilobytes(1).toBytes()
				&& maxRequestSize.toBytes() <= SERVER_WRITE_LIMIT.toBytes(), "cnosdb.write.max-request-size",
				maxRequestSize,
				"must be from 1KB to 160MB, CnosDB's default write_sql_limit (a server with a higher limit can be "
						+ "used through a CnosTemplateBuilderCustomizer)");
		validateBatch(properties.getWrite().getBatch());
	}

	/**
	 * Check each of {@code cnosdb.urls}, which take precedence over {@code cnosdb.url}
	 * when set (as {@code spring.rabbitmq.addresses} do over the host and port), so that
	 * a list given on the command line or in a profile overrides a packaged single URL.
	 */
	private static void validateUrls(CnosProperties properties) {
		List<String> urls = properties.getUrls();
		if (urls == null || urls.isEmpty()) {
			return;
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < urls.size(); i++) {
			String property = "cnosdb.urls[" + i + "]";
			InvalidCnosUrlException.check(property, urls.get(i));
			if (!seen.add(CnosTemplate.Builder.validateUrl(urls.get(i)))) {
				throw new InvalidCnosUrlException(property, withoutUserInfo(urls.get(i)), "is listed twice");
			}
		}
	}

	private static void validateBatch(CnosProperties.Batch batch) {
		String prefix = "cnosdb.write.batch.";
		check(batch.getBatchSize() > 0, prefix + "batch-size", batch.getBatchSize(), "must be positive");
		check(batch.getBufferLimit() >= batch.getBatchSize(), prefix + "buffer-limit", batch.getBufferLimit(),
				"must be at least the batch size (" + batch.getBatchSize() + ")");
		positive(prefix + "flush-interval", batch.getFlushInterval());
		notNegative(prefix + "block-timeout", batch.getBlockTimeout());
		check(batch.getOverflowPolicy() != null, prefix + "overflow-policy", null, "must be block or fail");
		check(batch.getPrecision() != null, prefix + "precision", null, "must be ns, us or ms");
		check(batch.getMaxRetries() >= 0, prefix + "max-retries", batch.getMaxRetries(), "must not be negative");
		notNegative(prefix + "retry-interval", batch.getRetryInterval());
		check(batch.getRetryMultiplier() >= 1, prefix + "retry-multiplier", batch.getRetryMultiplier(),
				"must be at least 1");
		notNegative(prefix + "max-retry-delay", batch.getMaxRetryDelay());
		notNegative(prefix + "retry-jitter", batch.getRetryJitter());
		notNegative(prefix + "max-retry-time", batch.getMaxRetryTime());
		positive(prefix + "shutdown-timeout", batch.getShutdownTimeout());
	}

	private static void positive(String property, @Nullable Duration value) {
		check(value != null && !value.isNegative() && !value.isZero(), property, value, "must be positive");
	}

	private static void notNegative(String property, @Nullable Duration value) {
		check(value != null && !value.isNegative(), property, value, "must not be negative");
	}

	private static void check(boolean valid, String property, @Nullable Object value, String reason) {
		if (!valid) {
			throw new InvalidConfigurationPropertyValueException(property, value, reason);
		}
	}

	private static void checkName(String property, String argument, String name) {
		try {
			CnosSql.checkName(argument, name);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, name, ex.getMessage());
		}
	}

	/** The URL as a message may show it: credentials in it are masked. */
	static @Nullable String withoutUserInfo(@Nullable String url) {
		if (url == null) {
			return null;
		}
		try {
			URI uri = URI.create(url.strip());
			if (uri.getRawUserInfo() != null) {
				return url.replace(uri.getRawUserInfo(), "******");
			}
		}
		catch (IllegalArgumentException ex) {
			// Not a URI at all: nothing that looks like credentials can be told apart, so
			// show nothing.
			return (url.contains("@")) ? "******" : url;
		}
		return url;
	}

}
