package io.cnosdb.health;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cnosdb.client.CnosAuthenticationException;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosPermissionDeniedException;
import io.cnosdb.client.CnosServerInfo;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.dao.DataAccessException;
import org.springframework.util.Assert;

/**
 * {@link org.springframework.boot.health.contributor.HealthIndicator} for CnosDB.
 * <p>
 * CnosDB's ping endpoint needs no credentials, so a server that answers ping may still
 * refuse every query this application sends. The check therefore runs two requests: ping
 * (UP details: the server's version, revision and build time) and {@code SELECT 1} with
 * the configured credentials, tenant and database. When the server is up but refuses the
 * credentials, or the user must change its password first, the indicator is DOWN and says
 * so. The whole check has a timeout of its own (5 seconds unless told otherwise): a
 * server that does not answer in time is DOWN at once, whatever the client's read
 * timeout.
 *
 * @author CnosDB Spring Boot contributors
 */
public class CnosHealthIndicator extends AbstractHealthIndicator {

	/** How long a check may take unless told otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private static final String VALIDATION_QUERY = "SELECT 1";

	private static final ExecutorService CHECKS = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "cnosdb-health");
		thread.setDaemon(true);
		return thread;
	});

	private final CnosOperations operations;

	private final Duration timeout;

	/**
	 * Create an indicator for the server behind {@code operations} that waits at most
	 * {@link #DEFAULT_TIMEOUT} for an answer.
	 * @param operations the client to check with
	 */
	public CnosHealthIndicator(CnosOperations operations) {
		this(operations, DEFAULT_TIMEOUT);
	}

	/**
	 * Create an indicator for the server behind {@code operations}.
	 * @param operations the client to check with
	 * @param timeout how long the whole check may take before the server is reported
	 * DOWN; a hung server would otherwise hold the health endpoint for the client's read
	 * timeout
	 */
	public CnosHealthIndicator(CnosOperations operations, Duration timeout) {
		super("CnosDB health check failed");
		Assert.notNull(operations, "'operations' must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.operations = operations;
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		// The check fills a builder of its own: after a timeout it may still be running.
		Future<Health> check = CHECKS.submit(() -> {
			Health.Builder result = new Health.Builder();
			check(result);
			return result.build();
		});
		try {
			Health health = check.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			builder.status(health.getStatus()).withDetails(health.getDetails());
		}
		catch (TimeoutException ex) {
			check.cancel(true);
			builder.down()
				.withDetail("reason",
						"CnosDB did not answer the health check within " + this.timeout.toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			throw ex;
		}
	}

	private void check(Health.Builder builder) {
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
