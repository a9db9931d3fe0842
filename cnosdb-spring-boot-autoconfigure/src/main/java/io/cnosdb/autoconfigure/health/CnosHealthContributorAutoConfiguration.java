package io.cnosdb.autoconfigure.health;

import io.cnosdb.autoconfigure.CnosAutoConfiguration;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.health.CnosHealthIndicator;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for {@link CnosHealthIndicator}: one indicator per
 * {@link CnosOperations} bean, shown as the {@code cnosdb} component of the health
 * endpoint, each check bounded by {@code management.health.cnosdb.timeout}. Switched off
 * with {@code management.health.cnosdb.enabled=false}.
 *
 * @author CnosDB Spring Boot contributors
 */
@AutoConfiguration(after = CnosAutoConfiguration.class)
@ConditionalOnClass({ CnosOperations.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(CnosOperations.class)
@ConditionalOnEnabledHealthIndicator("cnosdb")
@EnableConfigurationProperties(CnosHealthIndicatorProperties.class)
public final class CnosHealthContributorAutoConfiguration
		extends CompositeHealthContributorConfiguration<CnosHealthIndicator, CnosOperations> {

	CnosHealthContributorAutoConfiguration(CnosHealthIndicatorProperties properties) {
		super((operations) -> new CnosHealthIndicator(operations, properties.getTimeout()));
	}

	@Bean
	@ConditionalOnMissingBean(name = { "cnosdbHealthIndicator", "cnosdbHealthContributor" })
	HealthContributor cnosdbHealthContributor(ConfigurableListableBeanFactory beanFactory) {
		return createContributor(beanFactory, CnosOperations.class);
	}

}
