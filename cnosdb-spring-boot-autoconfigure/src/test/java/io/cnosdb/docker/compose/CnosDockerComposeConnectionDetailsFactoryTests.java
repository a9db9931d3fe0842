package io.cnosdb.docker.compose;

import java.util.List;

import io.cnosdb.autoconfigure.CnosConnectionDetails;
import io.cnosdb.docker.compose.CnosDockerComposeConnectionDetailsFactory.CnosDockerComposeConnectionDetails;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The mapping from a running {@code cnosdb/cnosdb} Compose service to connection details.
 * These machines cannot pull images, so the running service is described, not started.
 */
class CnosDockerComposeConnectionDetailsFactoryTests {

	@Test
	void runningServiceBecomesTheMappedUrlAndRootWithoutPassword() {
		RunningService service = mock(RunningService.class);
		ConnectionPorts ports = mock(ConnectionPorts.class);
		given(service.host()).willReturn("127.0.0.1");
		given(service.ports()).willReturn(ports);
		given(ports.get(8902)).willReturn(32771);
		CnosConnectionDetails details = new CnosDockerComposeConnectionDetails(service);
		assertThat(details.getUrl()).isEqualTo("http://127.0.0.1:32771");
		assertThat(details.getUser()).isEqualTo("root");
		assertThat(details.getPassword()).isEmpty();
		assertThat(details.getTenant()).as("tenant comes from cnosdb.tenant").isNull();
		assertThat(details.getDatabase()).as("database comes from cnosdb.database").isNull();
		assertThat(details.getSslBundle()).isNull();
	}

	@Test
	void factoriesAreRegisteredForBootsServiceConnections() {
		List<String> names = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(ConnectionDetailsFactory.class)
			.stream()
			.map((factory) -> factory.getClass().getName())
			.toList();
		assertThat(names).contains(CnosDockerComposeConnectionDetailsFactory.class.getName(),
				"io.cnosdb.testcontainers.CnosDBContainerConnectionDetailsFactory");
	}

}
