package io.cnosdb.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The start-up report of a bad {@code cnosdb.url} names the property and the reason and
 * masks the credentials the URL holds (Boot's own report would print them).
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidCnosUrlFailureAnalyzerTests {

	@Test
	void startupReportOfABadUrlMasksItsCredentials(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
				.run("--cnosdb.url=ftp://root:hunter2@cnosdb.example:8902"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'ftp://******@cnosdb.example:8902' for configuration property 'cnosdb.url': "
					+ "The URL must start with http:// or https://")
			.contains("Set cnosdb.url to the absolute http:// or https:// URL of a CnosDB query node")
			.doesNotContain("hunter2");
	}

	@Test
	void startupReportOfAnotherBadPropertyIsBootsOwn(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
				.run("--cnosdb.database= "));
		assertThat(output).contains("Invalid value ' ' for configuration property 'cnosdb.database'")
			.contains("database name must not be empty");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(CnosAutoConfiguration.class)
	static class Application {

	}

}
