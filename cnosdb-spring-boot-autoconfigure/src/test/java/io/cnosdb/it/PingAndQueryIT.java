package io.cnosdb.it;

import io.cnosdb.client.CnosResult;
import io.cnosdb.client.CnosServerInfo;
import io.cnosdb.client.CnosTemplate;
import org.junit.jupiter.api.Test;

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
	void queryReadsColumnsAndRowsOnEveryRelease() {
		CnosResult result = this.template.query("SELECT 1 AS a, 'x' AS b");
		assertThat(result.columnNames()).containsExactly("a", "b");
		assertThat(result.rows()).singleElement().satisfies((row) -> {
			assertThat(row.getLong("a")).isEqualTo(1L);
			assertThat(row.getString("b")).isEqualTo("x");
		});
	}

}
