package io.cnosdb.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cnosdb.client.CnosAuthenticationException;
import io.cnosdb.client.CnosNodeState;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosPermissionDeniedException;
import io.cnosdb.client.CnosServerInfo;
import io.cnosdb.client.CnosTemplate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
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
 * <p>
 * A {@link CnosTemplate} with several nodes ({@code cnosdb.urls}) is checked node by
 * node, all at once within the one timeout: the {@code nodes} detail maps each URL to its
 * own status and details (the version when UP; the reason, and when the node is being
 * skipped, {@code coolingDownSince}, when DOWN). The indicator is UP while at least one
 * node is UP, since the client fails over to it; DOWN when none is.
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
		if (this.operations instanceof CnosTemplate template && template.getUrls().size() > 1) {
			checkNodes(template, builder);
			return;
		}
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

	/**
	 * Check each node on its own, in parallel, within the one timeout: UP while one is.
	 */
	private void checkNodes(CnosTemplate template, Health.Builder builder) throws InterruptedException {
		List<String> urls = template.getUrls();
		List<Future<Health>> checks = new ArrayList<>(urls.size());
		for (String url : urls) {
			CnosTemplate node = template.forNode(url);
			checks.add(CHECKS.submit(() -> {
				Health.Builder result = new Health.Builder();
				check(node, result, false);
				return result.build();
			}));
		}
		long deadline = System.nanoTime() + this.timeout.toNanos();
		List<Health> healths = new ArrayList<>(urls.size());
		for (Future<Health> check : checks) {
			healths.add(nodeHealth(check, deadline));
		}
		// After the checks: a node that failed one is cooling down now.
		List<CnosNodeState> states = template.getNodeStates();
		Map<String, Object> nodes = new LinkedHashMap<>();
		boolean anyUp = false;
		for (int i = 0; i < urls.size(); i++) {
			Health health = healths.get(i);
			anyUp |= Status.UP.equals(health.getStatus());
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("status", health.getStatus().getCode());
			node.putAll(health.getDetails());
			if (states.get(i).isCoolingDown()) {
				node.put("coolingDownSince", String.valueOf(states.get(i).coolingDownSince()));
			}
			nodes.put(urls.get(i), node);
		}
		builder.status(anyUp ? Status.UP : Status.DOWN)
			.withDetail("tenant", this.operations.getTenant())
			.withDetail("database", this.operations.getDatabase())
			.withDetail("nodes", nodes);
	}

	private Health nodeHealth(Future<Health> check, long deadline) throws InterruptedException {
		try {
			return check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			check.cancel(true);
			return Health.down()
				.withDetail("reason",
						"The node did not answer the health check within " + this.timeout.toMillis() + " ms")
				.build();
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return Health.down()
				.withDetail("reason", "The node failed ping")
				.withDetail("error", String.valueOf(cause.getMessage()))
				.build();
		}
	}

	private void check(Health.Builder builder) {
		check(this.operations, builder, true);
	}

	private static void check(CnosOperations operations, Health.Builder builder, boolean withNamespace) {
		CnosServerInfo server = operations.ping();
		builder.withDetail("version", server.version());
		if (server.revision() != null) {
			builder.withDetail("revision", server.revision());
		}
		if (server.buildTime() != null) {
			builder.withDetail("buildTime", server.buildTime().toString());
		}
		if (withNamespace) {
			builder.withDetail("tenant", operations.getTenant()).withDetail("database", operations.getDatabase());
		}
		try {
			operations.queryForObject(VALIDATION_QUERY, Long.class);
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
