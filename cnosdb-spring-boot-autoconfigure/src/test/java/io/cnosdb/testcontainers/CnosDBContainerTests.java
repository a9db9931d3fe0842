package io.cnosdb.testcontainers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How {@link CnosDBContainer} runs CnosDB (checked without Docker: these machines cannot
 * pull images; the integration suite uses it where Docker is present).
 */
class CnosDBContainerTests {

	@Test
	void runsTheOfficialImageInSingletonModeAndExposesTheHttpApi() {
		try (CnosDBContainer container = new CnosDBContainer("cnosdb/cnosdb:v2.4.3")) {
			assertThat(container.getExposedPorts()).containsExactly(8902);
			assertThat(container.getCommandParts()).containsExactly("cnosdb", "run", "-M", "singleton");
		}
	}

	@Test
	void refusesAnImageThatIsNotCnosDb() {
		assertThatIllegalStateException().isThrownBy(() -> new CnosDBContainer("postgres:16"))
			.withMessageContaining("cnosdb/cnosdb");
	}

}
