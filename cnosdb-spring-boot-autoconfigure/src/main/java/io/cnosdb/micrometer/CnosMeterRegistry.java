package io.cnosdb.micrometer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.cnosdb.client.CnosInvalidDataException;
import io.cnosdb.client.CnosObjectNotFoundException;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.admin.CnosDatabaseOptions;
import io.cnosdb.client.write.Point;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.step.StepMeterRegistry;
import io.micrometer.core.instrument.util.MeterPartition;
import io.micrometer.core.instrument.util.NamedThreadFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * A Micrometer {@link StepMeterRegistry} that writes the meters to CnosDB once per step,
 * through {@link CnosOperations#writePoints(Iterable)}: the starter's encoder, requests
 * bounded by the client's maximum request size, each with a {@code Content-Length}, and
 * CnosDB's errors translated.
 * <p>
 * Each meter is one row of the table named after it ({@link CnosNamingConvention}, snake
 * case by default); its tags are tags and its statistics typed fields:
 * <table>
 * <caption>Fields by kind of meter</caption>
 * <tr>
 * <th>Meter</th>
 * <th>Fields</th>
 * </tr>
 * <tr>
 * <td>counter, function counter, gauge, time gauge</td>
 * <td>{@code value} DOUBLE</td>
 * </tr>
 * <tr>
 * <td>timer, distribution summary</td>
 * <td>{@code count} BIGINT, {@code sum}, {@code mean}, {@code upper} DOUBLE</td>
 * </tr>
 * <tr>
 * <td>function timer</td>
 * <td>{@code count}, {@code sum}, {@code mean} DOUBLE</td>
 * </tr>
 * <tr>
 * <td>long task timer</td>
 * <td>{@code active_tasks} BIGINT, {@code duration}, {@code upper} DOUBLE</td>
 * </tr>
 * <tr>
 * <td>any other meter</td>
 * <td>one DOUBLE per statistic, such as {@code total_time}</td>
 * </tr>
 * </table>
 * Times are in milliseconds. Every row of a step has the same timestamp, the clock's wall
 * time when the step is published, in milliseconds (sent as nanoseconds). {@code NaN} and
 * infinite values are left out, and a meter without any value left is not written. A tag
 * whose key is {@code time} or the key of one of the meter's fields gets the suffix
 * {@code _tag}; an empty tag value is left out.
 * <p>
 * Meters are sent in batches of {@link CnosRegistryConfig#batchSize()} rows. When CnosDB
 * refuses a batch for its data (such as a column of another type), the batch is split in
 * halves until the refused rows are found, so the other rows are still written. When a
 * batch fails otherwise (server unreachable, bad credentials), the rest of the step is
 * skipped. Failures are counted in {@code cnosdb.metrics.export.failures} (tag
 * {@code kind}: {@code publish}, {@code refused}, {@code unwritable},
 * {@code create_database}) and logged once per kind at warn level; they are never thrown.
 * {@link #close()} publishes the last, partial step.
 *
 * @author CnosDB Spring Boot contributors
 */
public class CnosMeterRegistry extends StepMeterRegistry {

	private static final Log logger = LogFactory.getLog(CnosMeterRegistry.class);

	private static final ThreadFactory DEFAULT_THREAD_FACTORY = new NamedThreadFactory("cnosdb-metrics-publisher");

	private static final String TAG_SUFFIX = "_tag";

	/** Meters are sent in a stable order: by name, then by tags. */
	private static final Comparator<Meter> METER_ORDER = Comparator.comparing((Meter meter) -> meter.getId().getName())
		.thenComparing((meter) -> meter.getId().getTags().toString());

	private final CnosRegistryConfig config;

	private final Supplier<CnosOperations> operations;

	private final boolean lazy;

	private final PublishFailures failures;

	private volatile boolean databaseReady;

	/**
	 * Create a registry and start publishing.
	 * @param config the configuration
	 * @param clock the clock
	 * @param operations the client to write with; the registry writes to
	 * {@link CnosRegistryConfig#database()} (and {@link CnosRegistryConfig#tenant()} when
	 * set) through a view of it
	 */
	public CnosMeterRegistry(CnosRegistryConfig config, Clock clock, CnosOperations operations) {
		this(config, clock, () -> operations, false, DEFAULT_THREAD_FACTORY);
		Assert.notNull(operations, "'operations' must not be null");
	}

	private CnosMeterRegistry(CnosRegistryConfig config, Clock clock, Supplier<? extends CnosOperations> operations,
			boolean lazy, ThreadFactory threadFactory) {
		super(config, clock);
		config.validate().orThrow();
		this.config = config;
		this.operations = SingletonSupplier.of(() -> {
			CnosOperations client = operations.get();
			Assert.state(client != null, "No CnosOperations to write metrics with");
			String tenant = config.tenant();
			return ((tenant != null) ? client.forTenant(tenant) : client).forDatabase(config.database());
		});
		this.lazy = lazy;
		this.failures = new PublishFailures(this);
		config().namingConvention(new CnosNamingConvention());
		this.databaseReady = !config.createDatabase();
		start(threadFactory);
	}

	/**
	 * Start building a registry.
	 * @param config the configuration
	 * @param operations the client to write with
	 * @return a builder
	 */
	public static Builder builder(CnosRegistryConfig config, CnosOperations operations) {
		Assert.notNull(operations, "'operations' must not be null");
		return new Builder(config, () -> operations, false);
	}

	/**
	 * Start building a registry whose client is looked up when it is first needed (to
	 * create the database or to publish), for example from a Spring
	 * {@code ObjectProvider}: the client's own HTTP instrumentation may need a meter
	 * registry first. Creating the database waits for that moment or for
	 * {@link #createDatabaseIfNecessary()}.
	 * @param config the configuration
	 * @param operations supplies the client to write with
	 * @return a builder
	 */
	public static Builder builder(CnosRegistryConfig config, Supplier<? extends CnosOperations> operations) {
		Assert.notNull(operations, "'operations' must not be null");
		return new Builder(config, operations, true);
	}

	/**
	 * Return the client the registry writes with: a view for its tenant and database.
	 * @return the client
	 */
	public CnosOperations getOperations() {
		return this.operations.get();
	}

	/**
	 * Return the number of failures of each kind since this registry was created
	 * ({@code publish}, {@code refused}, {@code unwritable}, {@code create_database}).
	 * The counter {@code cnosdb.metrics.export.failures} reports them per step.
	 * @return the counts by kind, only for kinds that occurred
	 */
	public Map<String, Long> getFailureCounts() {
		return this.failures.counts();
	}

	@Override
	public void start(ThreadFactory threadFactory) {
		if (this.config.enabled() && !this.lazy) {
			createDatabaseIfNecessary();
		}
		super.start(threadFactory);
	}

	@Override
	protected String startMessage() {
		String tenant = this.config.tenant();
		return "publishing metrics for " + getClass().getSimpleName() + " every " + this.config.step()
				+ " to CnosDB database '" + this.config.database() + "'"
				+ ((tenant != null) ? " of tenant '" + tenant + "'" : "");
	}

	@Override
	protected TimeUnit getBaseTimeUnit() {
		return TimeUnit.MILLISECONDS;
	}

	@Override
	protected void publish() {
		this.failures.stepStarted();
		createDatabaseIfNecessary();
		long time = this.clock.wallTime();
		List<Meter> meters = new ArrayList<>(getMeters());
		meters.sort(METER_ORDER);
		for (List<Meter> batch : new MeterPartition(meters, this.config.batchSize())) {
			List<Point> points = new ArrayList<>(batch.size());
			for (Meter meter : batch) {
				Point point = toPoint(meter, time);
				if (point != null) {
					points.add(point);
				}
			}
			if (!points.isEmpty() && !send(points)) {
				break;
			}
		}
		this.failures.stepEnded();
	}

	/**
	 * Return the row of a meter for a step.
	 * @param meter the meter
	 * @param time the timestamp, in milliseconds since the epoch
	 * @return the point, or {@code null} if the meter has no value to write or cannot be
	 * written (reported)
	 */
	@Nullable Point toPoint(Meter meter, long time) {
		Meter.Id id = meter.getId();
		String name = getConventionName(id);
		try {
			MeterFields fields = MeterFields.of(meter, getBaseTimeUnit());
			if (fields.isEmpty()) {
				return null;
			}
			Map<String, Object> values = fields.values();
			Point.Builder point = Point.measurement(name).fields(values).time(time, TimeUnit.MILLISECONDS);
			Set<String> used = new HashSet<>(values.keySet());
			used.add("time");
			for (Tag tag : getConventionTags(id)) {
				if (!tag.getValue().isEmpty()) {
					String key = tag.getKey();
					while (used.contains(key)) {
						key = key + TAG_SUFFIX;
					}
					used.add(key);
					point.tag(key, tag.getValue());
				}
			}
			return point.build();
		}
		catch (RuntimeException ex) {
			this.failures.failed("unwritable", name, "Meter '" + id.getName() + "' cannot be written to CnosDB", ex);
			return null;
		}
	}

	/**
	 * Send points, splitting them when CnosDB refuses their data.
	 * @param points the points
	 * @return whether the step may go on
	 */
	private boolean send(List<Point> points) {
		try {
			this.operations.get().writePoints(points);
			if (logger.isTraceEnabled()) {
				logger.trace("Wrote " + points.size() + " meter(s) to CnosDB");
			}
			return true;
		}
		catch (CnosInvalidDataException ex) {
			if (points.size() == 1) {
				String measurement = points.get(0).getMeasurement();
				this.failures.failed("refused", measurement + "/" + PublishFailures.keyOf(ex),
						"CnosDB refused the row of '" + measurement + "'", ex);
				return true;
			}
			int half = points.size() / 2;
			return send(points.subList(0, half)) && send(points.subList(half, points.size()));
		}
		catch (RuntimeException ex) {
			if (ex instanceof CnosObjectNotFoundException && this.config.createDatabase()) {
				// The database may have been dropped: create it again in the next step.
				this.databaseReady = false;
			}
			this.failures.failed("publish", PublishFailures.keyOf(ex),
					"Failed to publish metrics to CnosDB database '" + this.config.database() + "'", ex);
			return false;
		}
	}

	/**
	 * Create the database ({@code CREATE DATABASE IF NOT EXISTS}, with the configured
	 * TTL) unless that has succeeded already or is switched off. A failure is reported
	 * like a failure to publish, and the next step tries again. Called when the registry
	 * starts (unless its client is looked up lazily) and before every step.
	 */
	public void createDatabaseIfNecessary() {
		if (this.databaseReady) {
			return;
		}
		String database = this.config.database();
		try {
			getOperations().admin()
				.createDatabaseIfNotExists(database, CnosDatabaseOptions.builder().ttl(this.config.ttl()).build());
			this.databaseReady = true;
			logger.debug("CnosDB database '" + database + "' is ready for metrics");
		}
		catch (RuntimeException ex) {
			this.failures.failed("create_database", PublishFailures.keyOf(ex),
					"Failed to create CnosDB database '" + database + "' for metrics", ex);
		}
	}

	/**
	 * Builds a {@link CnosMeterRegistry}.
	 */
	public static final class Builder {

		private final CnosRegistryConfig config;

		private final Supplier<? extends CnosOperations> operations;

		private final boolean lazy;

		private Clock clock = Clock.SYSTEM;

		private ThreadFactory threadFactory = DEFAULT_THREAD_FACTORY;

		private Builder(CnosRegistryConfig config, Supplier<? extends CnosOperations> operations, boolean lazy) {
			Assert.notNull(config, "'config' must not be null");
			this.config = config;
			this.operations = operations;
			this.lazy = lazy;
		}

		/**
		 * Use another clock.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "'clock' must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Use another thread factory for the publishing thread.
		 * @param threadFactory the thread factory
		 * @return this builder
		 */
		public Builder threadFactory(ThreadFactory threadFactory) {
			Assert.notNull(threadFactory, "'threadFactory' must not be null");
			this.threadFactory = threadFactory;
			return this;
		}

		/**
		 * Build the registry and start publishing (when the configuration is enabled).
		 * @return the registry
		 */
		public CnosMeterRegistry build() {
			return new CnosMeterRegistry(this.config, this.clock, this.operations, this.lazy, this.threadFactory);
		}

	}

}
