package io.cnosdb.it;

import java.net.InetAddress;
import java.net.ServerSocket;

import io.cnosdb.client.CnosResult;
import io.cnosdb.client.CnosServerInfo;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.health.CnosHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first contact with a real server: ping, and a query through the CSV result format
 * every release accepts.
 *
 * @author CnosDB Spring Boot contributors
 */
@RealCnosDbTest
class PingAndQueryIT {

	private final CnosTemplate template;

	private final CnosDbServer server;

	PingAndQueryIT(CnosDbServer server) {
		this.server = server;
		this.template = server.template();
	}

	@Test
	void pingReportsTheServersVersion() {
		CnosServerInfo info = this.template.ping();
		assertThat(info.status()).isEqualTo("healthy");
		assertThat(info.version()).matches("2\\.\\d+\\.\\d+.*").isEqualTo(this.server.info().version());
	}

	@Test
	void healthIsUpAgainstTheServerAndDownAgainstAClosedPort() throws Exception {
		Health up = new CnosHealthIndicator(this.template).health(true);
		assertThat(up.getStatus()).isEqualTo(Status.UP);
		assertThat(up.getDetails()).containsEntry("version", this.server.info().version())
			.containsEntry("tenant", "cnosdb")
			.containsEntry("database", "public");
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		CnosTemplate unreachable = CnosTemplate.builder().url("http://127.0.0.1:" + closedPort).build();
		Health down = new CnosHealthIndicator(unreachable).health(true);
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(down.getDetails().get("error")).asString()
			.contains("cannot reach CnosDB at http://127.0.0.1:" + closedPort);
	}

	@Test
	void queryReadsColumnsAndRowsOnEveryRelease() {
		CnosResult result = this.template.query("SELECT 1 AS a, 'x' AS b");
		assertThat(result.columnNames()).containsExactly("a", "b");
		assertThat(result.rows()).singleElement().satisfies((row) -> {
			assertThat(row.getLong("a")).isEqualTo(1L);
			assertThat(row.getString("b")).isEqualTo("x");
		});
	}

}
