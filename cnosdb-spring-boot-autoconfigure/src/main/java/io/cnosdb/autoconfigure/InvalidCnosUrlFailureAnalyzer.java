package io.cnosdb.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Reports an unusable CnosDB URL property the way Boot reports an invalid property value,
 * but with the value's credentials masked. It runs before Boot's own analyzer, which
 * would print the value as configured.
 *
 * @author CnosDB Spring Boot contributors
 */
class InvalidCnosUrlFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCnosUrlException> implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCnosUrlException cause) {
		return new FailureAnalysis(
				"Invalid value '" + cause.getValue() + "' for configuration property '" + cause.getName() + "': "
						+ cause.getReason(),
				"Set " + cause.getName()
						+ " to the absolute http:// or https:// URL of a CnosDB query node, without credentials "
						+ "(set cnosdb.user and cnosdb.password instead), query or fragment.",
				cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
