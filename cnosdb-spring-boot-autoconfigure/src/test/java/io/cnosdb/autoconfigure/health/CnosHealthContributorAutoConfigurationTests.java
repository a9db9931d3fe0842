package io.cnosdb.autoconfigure.health;

import io.cnosdb.autoconfigure.CnosAutoConfiguration;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.health.CnosHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CnosHealthContributorAutoConfiguration}.
 */
class CnosHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, CnosAutoConfiguration.class,
					HealthContributorAutoConfiguration.class, CnosHealthContributorAutoConfiguration.class));

	@Test
	void indicatorIsCreatedForTheTemplate() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("cnosdbHealthContributor");
			assertThat(context.getBean("cnosdbHealthContributor")).isInstanceOf(CnosHealthIndicator.class);
		});
	}

	@Test
	void healthTimeoutIsFiveSecondsUnlessSet() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(CnosHealthIndicatorProperties.class).getTimeout())
				.isEqualTo(java.time.Duration.ofSeconds(5)));
		this.contextRunner.withPropertyValues("management.health.cnosdb.timeout=2s")
			.run((context) -> assertThat(context.getBean(CnosHealthIndicatorProperties.class).getTimeout())
				.isEqualTo(java.time.Duration.ofSeconds(2)));
	}

	@Test
	void indicatorCanBeDisabled() {
		this.contextRunner.withPropertyValues("management.health.cnosdb.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("cnosdbHealthContributor")
				.doesNotHaveBean(CnosHealthIndicator.class));
	}

	@Test
	void indicatorIsDisabledWithTheDefaultsSwitch() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("cnosdbHealthContributor"));
	}

	@Test
	void severalTemplatesGetOneIndicatorEach() {
		this.contextRunner.withUserConfiguration(TwoTemplates.class).run((context) -> {
			HealthContributor contributor = context.getBean("cnosdbHealthContributor", HealthContributor.class);
			assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
			assertThat(((CompositeHealthContributor) contributor).getContributor("metrics")).isNotNull();
			assertThat(((CompositeHealthContributor) contributor).getContributor("events")).isNotNull();
		});
	}

	@Test
	void userIndicatorWins() {
		this.contextRunner
			.withBean("cnosdbHealthIndicator", CnosHealthIndicator.class,
					() -> new CnosHealthIndicator(CnosTemplate.builder().build()))
			.run((context) -> assertThat(context).hasSingleBean(CnosHealthIndicator.class)
				.doesNotHaveBean("cnosdbHealthContributor"));
	}

	@Test
	void noIndicatorWithoutATemplate() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
					CnosHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CnosOperations.class)
				.doesNotHaveBean("cnosdbHealthContributor"));
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoTemplates {

		@Bean
		CnosTemplate metrics() {
			return CnosTemplate.builder().database("metrics").build();
		}

		@Bean
		CnosTemplate events() {
			return CnosTemplate.builder().database("events").build();
		}

	}

}
