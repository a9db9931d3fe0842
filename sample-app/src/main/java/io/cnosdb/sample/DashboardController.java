package io.cnosdb.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.batch.CnosBatchWriter;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.dao.support.DataAccessUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the page at {@code /} polls: the simulated sensor's recent series, the batching
 * writer's counters, and whether the application's own metrics are in CnosDB.
 *
 * @author CnosDB Spring Boot contributors
 */
@RestController
@RequestMapping("/api")
class DashboardController {

	/** The longest window {@code /api/sensor} answers for. */
	static final int MAX_MINUTES = 60;

	private final CnosOperations cnos;

	private final ObjectProvider<CnosBatchWriter> batchWriter;

	private final String metricsDatabase;

	DashboardController(CnosOperations cnos, ObjectProvider<CnosBatchWriter> batchWriter,
			@Value("${management.cnosdb.metrics.export.database:metrics}") String metricsDatabase) {
		this.cnos = cnos;
		this.batchWriter = batchWriter;
		this.metricsDatabase = metricsDatabase;
	}

	/**
	 * The simulated sensor's readings of the last minutes, oldest first, as two parallel
	 * arrays (the shape the chart takes).
	 * @param minutes how far back, 1 to 60
	 * @return the series
	 */
	@GetMapping("/sensor")
	Series sensor(@RequestParam(defaultValue = "5") int minutes) {
		if (minutes < 1 || minutes > MAX_MINUTES) {
			throw new IllegalArgumentException("minutes must be between 1 and " + MAX_MINUTES + " but was " + minutes);
		}
		Instant since = Instant.now().minus(Duration.ofMinutes(minutes));
		List<Reading> readings = this.cnos.query(
				"SELECT time, temperature FROM sensor WHERE sensor = ? AND time >= ? ORDER BY time",
				(row, rowNum) -> new Reading(row.getInstant("time"), row.getDouble("temperature")),
				SimulatedSensor.NAME, since);
		List<Long> times = new ArrayList<>(readings.size());
		List<@Nullable Double> values = new ArrayList<>(readings.size());
		for (Reading reading : readings) {
			times.add(reading.time().toEpochMilli());
			values.add(reading.temperature());
		}
		return new Series(SimulatedSensor.TABLE, SimulatedSensor.NAME, times, values);
	}

	/**
	 * The batching writer's counters since the application started.
	 * @return the counters, or 404 when the batching writer is off
	 */
	@GetMapping("/writer")
	ResponseEntity<?> writer() {
		CnosBatchWriter writer = this.batchWriter.getIfAvailable();
		if (writer == null) {
			return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"The batching writer is off; set cnosdb.write.batch.enabled=true"))
				.build();
		}
		return ResponseEntity.ok(writer.getStatistics());
	}

	/**
	 * The application's own metrics as the starter's metrics export wrote them to CnosDB
	 * ({@code management.cnosdb.metrics.export.*}), read back with SQL: the metrics
	 * database, its tables (one per meter), the heap in use at the last exported step and
	 * the HTTP requests counted so far. Before the first step has been written the values
	 * are {@code null}.
	 * @return what the metrics database holds
	 */
	@GetMapping("/metrics-export")
	MetricsExport metricsExport() {
		if (!this.cnos.admin().listDatabases().contains(this.metricsDatabase)) {
			return new MetricsExport(this.metricsDatabase, false, List.of(), null, null, null);
		}
		CnosOperations metrics = this.cnos.forDatabase(this.metricsDatabase);
		List<String> tables = metrics.admin().listTables();
		HeapUsed heap = tables.contains("jvm_memory_used") ? DataAccessUtils.singleResult(metrics.query(
				"SELECT time, sum(value) AS used FROM jvm_memory_used WHERE area = 'heap' GROUP BY time ORDER BY time DESC LIMIT 1",
				HeapUsed.class)) : null;
		Long requests = tables.contains("http_server_requests")
				? metrics.queryForObject("SELECT sum(count) FROM http_server_requests", Long.class) : null;
		return new MetricsExport(this.metricsDatabase, true, tables, (heap != null) ? heap.time() : null,
				(heap != null) ? heap.used() : null, requests);
	}

	/**
	 * A series of one tag value.
	 *
	 * @param table the table
	 * @param tag the value of its tag
	 * @param times the times, in milliseconds since the epoch
	 * @param values the values, one per time ({@code null} where there is none)
	 */
	record Series(String table, String tag, List<Long> times, List<@Nullable Double> values) {
	}

	private record Reading(Instant time, @Nullable Double temperature) {
	}

	/**
	 * The metrics database and what it holds.
	 *
	 * @param database its name
	 * @param exists whether it exists
	 * @param tables its tables (one per meter), empty when it does not exist
	 * @param heapTime the time of the last exported step with the heap in use, or
	 * {@code null}
	 * @param heapUsedBytes the heap in use at that step, or {@code null}
	 * @param httpRequests the HTTP requests counted in all exported steps, or
	 * {@code null}
	 */
	record MetricsExport(String database, boolean exists, List<String> tables, @Nullable Instant heapTime,
			@Nullable Double heapUsedBytes, @Nullable Long httpRequests) {
	}

	private record HeapUsed(Instant time, Double used) {
	}

}
