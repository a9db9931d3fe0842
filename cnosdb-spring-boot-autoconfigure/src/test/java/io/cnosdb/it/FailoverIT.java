package io.cnosdb.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.cnosdb.client.CnosNodeState;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.health.CnosHealthIndicator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failover against the real server: the first of two URLs is a closed loopback port, the
 * second the server. Queries and writes reach the server, and the health shows one node
 * DOWN and one UP.
 *
 * @author CnosDB Spring Boot contributors
 */
@RealCnosDbTest
class FailoverIT {

	@AutoClose
	private final CnosDbServer.TemporaryDatabase temporary;

	private final CnosTemplate template;

	private final String closed;

	private final String url;

	FailoverIT(CnosDbServer server) throws IOException {
		this.temporary = server.temporaryDatabase("failover");
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.closed = "http://127.0.0.1:" + socket.getLocalPort();
		}
		this.url = server.url().endsWith("/") ? server.url().substring(0, server.url().length() - 1) : server.url();
		this.template = server.templateBuilder().urls(this.closed, this.url).database(this.temporary.name()).build();
	}

	@Test
	void queriesAndWritesGoToTheNodeThatIsUp() {
		this.template.writeLines("failover,host=a v=1i 1700000000000000000\nfailover,host=b v=2i 1700000000000000000");
		assertThat(this.template.getNodeStates().get(0).isCoolingDown()).isTrue();
		assertThat(this.template.getNodeStates().get(0).lastFailure())
			.contains("cannot reach CnosDB at " + this.closed);
		assertThat(this.template.queryForObject("SELECT sum(v) FROM failover", Long.class)).isEqualTo(3L);
		assertThat(this.temporary.template().queryForObject("SELECT count(*) FROM failover", Long.class)).isEqualTo(2L);
		assertThat(this.template.getNodeStates().get(1)).extracting(CnosNodeState::isCoolingDown).isEqualTo(false);
	}

	@Test
	void healthShowsOneNodeDownAndOneUp() {
		Health health = new CnosHealthIndicator(this.template).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		@SuppressWarnings("unchecked")
		Map<String, Map<String, Object>> nodes = (Map<String, Map<String, Object>>) health.getDetails().get("nodes");
		assertThat(nodes).containsOnlyKeys(this.closed, this.url);
		assertThat(nodes.get(this.closed)).containsEntry("status", "DOWN").containsKey("coolingDownSince");
		assertThat(nodes.get(this.url)).containsEntry("status", "UP").containsKey("version");
	}

}
