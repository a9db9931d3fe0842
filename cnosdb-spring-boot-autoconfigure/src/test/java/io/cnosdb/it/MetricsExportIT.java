package io.cnosdb.it;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosResult;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.admin.CnosFieldType;
import io.cnosdb.client.admin.CnosTableDefinition;
import io.cnosdb.client.sql.CnosDuration;
import io.cnosdb.client.write.Point;
import io.cnosdb.micrometer.CnosMeterRegistry;
import io.cnosdb.micrometer.CnosRegistryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The meter registry against a real server: it creates its database with the TTL,
 * publishes one step of every kind of meter, and SQL reads the values back exactly, with
 * the column types the registry promises; a meter whose table has another type is refused
 * alone; closing publishes the last step.
 *
 * @author CnosDB Spring Boot contributors
 */
@RealCnosDbTest
class MetricsExportIT {

	private final CnosDbServer server;

	private final String database = CnosDbServer.uniqueName("metrics");

	/** A step boundary two minutes ago: the rows are within the TTL. */
	private final Instant stepStart = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(2));

	private final MockClock clock = new MockClock();

	private final List<String> sentLines = new CopyOnWriteArrayList<>();

	MetricsExportIT(CnosDbServer server) {
		this.server = server;
		// MockClock starts at 1 ms.
		this.clock.add(Duration.ofMillis(this.stepStart.toEpochMilli() - 1));
	}

	@AfterEach
	void dropDatabase() {
		this.server.template().admin().dropDatabaseIfExists(this.database);
	}

	@Test
	void oneStepOfEveryKindOfMeterIsReadBackWithSql() {
		StepRegistry registry = registry();
		Counter.builder("orders.placed").tag("region", "eu").register(registry).increment(3);
		AtomicInteger queue = registry.gauge("queue.size", io.micrometer.core.instrument.Tags.of("area", "checkout"),
				new AtomicInteger(5));
		Timer timer = Timer.builder("http.server.requests").tags("method", "GET", "uri", "/api").register(registry);
		timer.record(Duration.ofMillis(10));
		timer.record(Duration.ofMillis(30));
		DistributionSummary summary = DistributionSummary.builder("payload.size").register(registry);
		summary.record(100);
		summary.record(300);
		LongTaskTimer.builder("batch.job").register(registry).start();
		AtomicLong evictions = new AtomicLong(7);
		FunctionCounter.builder("cache.evictions", evictions, AtomicLong::get).register(registry);
		this.clock.add(Duration.ofMinutes(1));

		registry.publishStep();

		assertThat(queue).hasValue(5);
		Instant time = this.stepStart.plus(Duration.ofMinutes(1));
		CnosTemplate metrics = this.server.template().forDatabase(this.database);
		assertThat(metrics.admin().describeDatabase(this.database).ttl()).isEqualTo(CnosDuration.parse("7d"));
		String timerSql = "SELECT time, method, uri, count, sum, mean, upper FROM http_server_requests";
		CnosResult timerRows = metrics.query(timerSql);
		System.out.println("Lines of the step: " + this.sentLines);
		System.out.println(timerSql + " -> " + timerRows.columnNames() + " " + timerRows.rows());
		assertThat(timerRows.rows()).hasSize(1);
		assertThat(timerRows.rows().get(0).getInstant("time")).isEqualTo(time);
		assertThat(timerRows.rows().get(0).getString("method")).isEqualTo("GET");
		assertThat(timerRows.rows().get(0).getString("uri")).isEqualTo("/api");
		assertThat(timerRows.rows().get(0).getLong("count")).isEqualTo(2);
		assertThat(timerRows.rows().get(0).getDouble("sum")).isEqualTo(40.0);
		assertThat(timerRows.rows().get(0).getDouble("mean")).isEqualTo(20.0);
		assertThat(timerRows.rows().get(0).getDouble("upper")).isEqualTo(30.0);
		String gaugeSql = "SELECT time, area, value FROM queue_size";
		CnosResult gaugeRows = metrics.query(gaugeSql);
		System.out.println(gaugeSql + " -> " + gaugeRows.columnNames() + " " + gaugeRows.rows());
		assertThat(gaugeRows.rows()).singleElement().satisfies((row) -> {
			assertThat(row.getInstant("time")).isEqualTo(time);
			assertThat(row.getString("area")).isEqualTo("checkout");
			assertThat(row.getDouble("value")).isEqualTo(5.0);
		});
		assertThat(metrics.queryForObject("SELECT value FROM orders_placed WHERE region = 'eu'", Double.class))
			.isEqualTo(3.0);
		assertThat(metrics.queryForObject("SELECT value FROM cache_evictions", Double.class)).isEqualTo(7.0);
		assertThat(metrics.query("SELECT count, sum, mean, upper FROM payload_size", (row, n) -> List
			.of(row.getLong("count"), row.getDouble("sum"), row.getDouble("mean"), row.getDouble("upper"))))
			.containsExactly(List.of(2L, 400.0, 200.0, 300.0));
		assertThat(metrics.query("SELECT active_tasks, duration FROM batch_job",
				(row, n) -> List.of(row.getLong("active_tasks"), row.getDouble("duration"))))
			.containsExactly(List.of(1L, 60000.0));
		assertThat(metrics.admin().describeTable("http_server_requests"))
			.extracting((column) -> column.name() + " " + column.dataType())
			.contains("count BIGINT", "sum DOUBLE", "mean DOUBLE", "upper DOUBLE", "method STRING", "uri STRING");
		assertThat(registry.getFailureCounts()).isEmpty();
		assertThat(this.sentLines).contains(
				"http_server_requests,method=GET,uri=/api count=2i,mean=20,sum=40,upper=30 " + nanos(time),
				"queue_size,area=checkout value=5 " + nanos(time));
	}

	@Test
	void aMeterWhoseTableHasAnotherTypeIsRefusedAloneAndCloseWritesTheLastStep() {
		StepRegistry registry = registry();
		CnosTemplate metrics = this.server.template().forDatabase(this.database);
		metrics.admin()
			.createTable(CnosTableDefinition.builder("conflicting").field("value", CnosFieldType.BIGINT).build());
		Counter.builder("conflicting").register(registry).increment();
		Counter.builder("accepted.one").register(registry).increment(2);
		Counter.builder("accepted.two").register(registry).increment(4);
		this.clock.add(Duration.ofMinutes(1));

		registry.publishStep();

		assertThat(metrics.queryForObject("SELECT value FROM accepted_one", Double.class)).isEqualTo(2.0);
		assertThat(metrics.queryForObject("SELECT value FROM accepted_two", Double.class)).isEqualTo(4.0);
		assertThat(metrics.queryForObject("SELECT count(*) FROM conflicting", Long.class)).isZero();
		assertThat(registry.getFailureCounts()).containsExactly(entry("refused", 1L));

		Counter.builder("accepted.one").register(registry).increment(5);
		this.clock.add(Duration.ofSeconds(20));
		registry.close();

		assertThat(metrics.query("SELECT value FROM accepted_one ORDER BY time", Double.class)).containsExactly(2.0,
				5.0);
	}

	private StepRegistry registry() {
		// Enabled: the database is created on start, and close() publishes. The scheduled
		// publishing starts a step (a minute) after the clock's time, after this test.
		Map<String, String> values = Map.of("cnosdb.database", this.database, "cnosdb.ttl", "7d");
		return new StepRegistry(values::get, this.clock, recording(this.server.template()));
	}

	private CnosOperations recording(CnosOperations target) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getName().equals("writePoints")) {
				for (Object point : (Iterable<?>) args[0]) {
					this.sentLines.add(((Point) point).toLineProtocol());
				}
			}
			try {
				Object result = method.invoke(target, args);
				return (result instanceof CnosOperations view && method.getName().startsWith("for")) ? recording(view)
						: result;
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		};
		return (CnosOperations) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { CnosOperations.class }, handler);
	}

	private static String nanos(Instant time) {
		return String.valueOf(TimeUnit.MILLISECONDS.toNanos(time.toEpochMilli()));
	}

	/**
	 * The registry with its step published on demand.
	 */
	static final class StepRegistry extends CnosMeterRegistry {

		StepRegistry(CnosRegistryConfig config, MockClock clock, CnosOperations operations) {
			super(config, clock, operations);
		}

		void publishStep() {
			publish();
		}

	}

}
