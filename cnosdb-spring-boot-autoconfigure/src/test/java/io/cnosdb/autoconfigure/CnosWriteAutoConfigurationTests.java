package io.cnosdb.autoconfigure;

import io.cnosdb.client.CnosTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the write side of {@link CnosAutoConfiguration}: the {@code cnosdb.write.*}
 * properties.
 */
class CnosWriteAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, CnosAutoConfiguration.class));

	@Test
	void writesDefaultToEightMegabyteRequestsWithoutGzip() {
		this.contextRunner.run((context) -> {
			CnosTemplate template = context.getBean(CnosTemplate.class);
			assertThat(template.getMaxRequestSize()).isEqualTo(8L * 1024 * 1024);
			assertThat(template.isGzip()).isFalse();
		});
	}

	@Test
	void writePropertiesAreBound() {
		this.contextRunner.withPropertyValues("cnosdb.write.gzip=true", "cnosdb.write.max-request-size=2MB")
			.run((context) -> {
				CnosTemplate template = context.getBean(CnosTemplate.class);
				assertThat(template.getMaxRequestSize()).isEqualTo(2L * 1024 * 1024);
				assertThat(template.isGzip()).isTrue();
			});
	}

	@Test
	void maxRequestSizeOutsideItsRangeIsAPropertyError() {
		this.contextRunner.withPropertyValues("cnosdb.write.max-request-size=10B").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cnosdb.write.max-request-size")
				.hasMessageContaining("must be from 1KB to 1GB");
		});
	}

}
