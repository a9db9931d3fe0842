package io.cnosdb.client;

import io.cnosdb.client.sql.SqlSanitizer;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The CnosDB-level observations of a {@link CnosTemplate}, one per query, statement,
 * write request and ping, on top of the HTTP client's own {@code http.client.requests}:
 * named {@value #NAME}, with {@code db.system=cnosdb}, {@code db.operation},
 * {@code db.namespace} (the database) and {@code cnosdb.tenant} as low-cardinality keys,
 * {@code server.address} and {@code server.port} of the node that served the request (the
 * last one tried, when every node failed; not on a batch flush, which may take several
 * requests) as low-cardinality keys too, and the statement with its literal values
 * replaced ({@code db.statement}) as a high-cardinality key.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosObservations {

	/** The name of every observation of this client. */
	public static final String NAME = "cnosdb.client.operations";

	private CnosObservations() {
	}

	/**
	 * Create an observation, not started yet.
	 * @param registry the registry
	 * @param operation {@code query}, {@code write}, {@code ping} or {@code batch.flush}
	 * @param tenant the tenant, or {@code null} (ping)
	 * @param database the database, or {@code null} (ping)
	 * @param sql the statement, or {@code null}; it is sanitized here
	 * @return the observation
	 */
	public static Observation create(ObservationRegistry registry, String operation, @Nullable String tenant,
			@Nullable String database, @Nullable String sql) {
		Observation observation = Observation.createNotStarted(NAME, registry)
			.contextualName("cnosdb " + operation)
			.lowCardinalityKeyValues(KeyValues.of("db.system", "cnosdb", "db.operation", operation))
			.lowCardinalityKeyValue("cnosdb.tenant", (tenant != null) ? tenant : "none")
			.lowCardinalityKeyValue("db.namespace", (database != null) ? database : "none");
		if (sql != null) {
			observation.highCardinalityKeyValue("db.statement", SqlSanitizer.sanitize(sql));
		}
		return observation;
	}

}
