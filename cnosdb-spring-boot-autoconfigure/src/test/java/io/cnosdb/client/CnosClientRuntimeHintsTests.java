package io.cnosdb.client;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A native image keeps the version resource the client reads and the slot getters of
 * {@link RecordRowReader}.
 */
class CnosClientRuntimeHintsTests {

	@Test
	void versionResourceIsRegisteredThroughAotFactories() {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, getClass().getClassLoader()));
		assertThat(RuntimeHintsPredicates.resource().forResource("io/cnosdb/client/cnosdb-client.properties"))
			.accepts(hints);
		assertThat(CnosTemplate.USER_AGENT).doesNotEndWith("/unknown");
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(RecordRowReader.Slots.class, "longAt"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(RecordRowReader.Slots.class, "referenceAt"))
			.accepts(hints);
	}

}
