package io.cnosdb.autoconfigure;

import io.cnosdb.client.CnosTemplate;

/**
 * Callback to customize the {@link CnosTemplate.Builder} of the auto-configured
 * {@link CnosTemplate} after the {@code cnosdb.*} properties and the connection details
 * are applied, and before it is built. Customizers run in their
 * {@link org.springframework.core.Ordered order}.
 *
 * @author CnosDB Spring Boot contributors
 */
@FunctionalInterface
public interface CnosTemplateBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder to customize
	 */
	void customize(CnosTemplate.Builder builder);

}
