package io.cnosdb.health;

import io.cnosdb.client.CnosAuthenticationException;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosPermissionDeniedException;
import io.cnosdb.client.CnosServerInfo;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.dao.DataAccessException;

/**
 * {@link org.springframework.boot.health.contributor.HealthIndicator} for CnosDB.
 * <p>
 * CnosDB's ping endpoint needs no credentials, so a server that answers ping may still
 * refuse every query this application sends. The check therefore runs two requests: ping
 * (UP details: the server's version, revision and build time) and {@code SELECT 1} with
 * the configured credentials, tenant and database. When the server is up but refuses the
 * credentials, or the user must change its password first, the indicator is DOWN and says
 * so.
 *
 * @author CnosDB Spring Boot contributors
 */
public class CnosHealthIndicator extends AbstractHealthIndicator {

	private static final String VALIDATION_QUERY = "SELECT 1";

	private final CnosOperations operations;

	/**
	 * Create an indicator for the server behind {@code operations}.
	 * @param operations the client to check with
	 */
	public CnosHealthIndicator(CnosOperations operations) {
		super("CnosDB health check failed");
		this.operations = operations;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		CnosServerInfo server = this.operations.ping();
		builder.withDetail("version", server.version());
		if (server.revision() != null) {
			builder.withDetail("revision", server.revision());
		}
		if (server.buildTime() != null) {
			builder.withDetail("buildTime", server.buildTime().toString());
		}
		builder.withDetail("tenant", this.operations.getTenant()).withDetail("database", this.operations.getDatabase());
		try {
			this.operations.queryForObject(VALIDATION_QUERY, Long.class);
			builder.up();
		}
		catch (CnosAuthenticationException | CnosPermissionDeniedException ex) {
			builder.down()
				.withDetail("reason", "CnosDB is reachable but refused the configured credentials")
				.withDetail("error", ex.getMessage());
		}
		catch (DataAccessException ex) {
			builder.down()
				.withDetail("reason", "CnosDB is reachable but cannot run a query")
				.withDetail("error", ex.getMessage());
		}
	}

}
