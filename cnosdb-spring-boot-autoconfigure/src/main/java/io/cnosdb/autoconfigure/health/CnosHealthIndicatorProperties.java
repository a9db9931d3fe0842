package io.cnosdb.autoconfigure.health;

import java.time.Duration;

import io.cnosdb.health.CnosHealthIndicator;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the CnosDB health indicator.
 *
 * @author CnosDB Spring Boot contributors
 */
@ConfigurationProperties("management.health.cnosdb")
public class CnosHealthIndicatorProperties {

	/**
	 * Longest time the health check may take (ping and a query); a server that does not
	 * answer within it is reported DOWN.
	 */
	private Duration timeout = CnosHealthIndicator.DEFAULT_TIMEOUT;

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

}
