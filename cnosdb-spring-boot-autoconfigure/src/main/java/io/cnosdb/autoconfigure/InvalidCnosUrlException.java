package io.cnosdb.autoconfigure;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * {@code cnosdb.url} cannot be used. Reported by {@link InvalidCnosUrlFailureAnalyzer},
 * which shows the value with its credentials masked: Boot's own report of an invalid
 * property value would print it as configured, password included.
 *
 * @author CnosDB Spring Boot contributors
 */
class InvalidCnosUrlException extends InvalidConfigurationPropertyValueException {

	private static final long serialVersionUID = 1L;

	InvalidCnosUrlException(String maskedUrl, String reason) {
		super("cnosdb.url", maskedUrl, reason);
	}

}
