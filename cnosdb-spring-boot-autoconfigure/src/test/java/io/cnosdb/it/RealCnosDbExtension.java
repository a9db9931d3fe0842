package io.cnosdb.it;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Finds or starts the shared real CnosDB server once per test run (see
 * {@link CnosDbServers}), skips or fails the class when there is none, and injects the
 * {@link CnosDbServer} into test constructors and methods.
 *
 * @author CnosDB Spring Boot contributors
 */
public class RealCnosDbExtension implements ExecutionCondition, ParameterResolver {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		CnosDbServers.Lookup lookup = CnosDbServers.shared(context);
		if (lookup.server() != null) {
			return ConditionEvaluationResult.enabled("running against " + lookup.server());
		}
		if (CnosDbServers.required()) {
			throw new IllegalStateException("A real CnosDB is required (CNOSDB_IT_REQUIRED=true): " + lookup.reason());
		}
		String line = "Skipped: no CnosDB server for the integration tests: " + lookup.reason();
		System.out.println(line);
		return ConditionEvaluationResult.disabled(line);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == CnosDbServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		CnosDbServer server = CnosDbServers.shared(extensionContext).server();
		if (server == null) {
			throw new ParameterResolutionException("No CnosDB server");
		}
		return server;
	}

}
