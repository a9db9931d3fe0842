package io.cnosdb.autoconfigure;

import io.cnosdb.client.CnosTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * A CnosDB URL property ({@code cnosdb.url},
 * {@code management.cnosdb.metrics.export.url}) cannot be used. Reported by
 * {@link InvalidCnosUrlFailureAnalyzer}, which shows the value with its credentials
 * masked: Boot's own report of an invalid property value would print it as configured,
 * password included.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class InvalidCnosUrlException extends InvalidConfigurationPropertyValueException {

	private static final long serialVersionUID = 1L;

	InvalidCnosUrlException(String property, @Nullable String maskedUrl, String reason) {
		super(property, maskedUrl, reason);
	}

	/**
	 * Check a CnosDB URL property.
	 * @param property the property's name
	 * @param url its value
	 * @throws InvalidCnosUrlException naming the property, the value with its credentials
	 * masked, and the reason
	 */
	public static void check(String property, @Nullable String url) {
		try {
			CnosTemplate.Builder.validateUrl(url);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCnosUrlException(property, CnosPropertiesValidator.withoutUserInfo(url), ex.getMessage());
		}
	}

}
