package io.cnosdb.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.admin.CnosCodec;
import io.cnosdb.client.admin.CnosDatabaseOptions;
import io.cnosdb.client.admin.CnosFieldType;
import io.cnosdb.client.admin.CnosTableDefinition;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows the admin API, bound parameters and a {@code forDatabase} view: one endpoint
 * creates a database with a TTL and a table in it, others list its tables and query it.
 * The shared client is never switched to the other database; a view is used instead.
 *
 * @author CnosDB Spring Boot contributors
 */
@RestController
@RequestMapping("/api/admin-demo")
class AdminDemoController {

	/** The table this demo creates. */
	static final CnosTableDefinition AIR = CnosTableDefinition.builder("air")
		.field("temperature", CnosFieldType.DOUBLE, CnosCodec.GORILLA)
		.field("visibility", CnosFieldType.DOUBLE)
		.tag("station")
		.build();

	private final CnosOperations cnos;

	private final CnosOperations demo;

	private final String database;

	AdminDemoController(CnosOperations cnos, @Value("${sample.admin-demo.database:demo_admin}") String database) {
		this.cnos = cnos;
		this.database = database;
		this.demo = cnos.forDatabase(database);
	}

	/**
	 * Create the demo database (data kept 30 days) and its {@code air} table unless they
	 * exist, and return the database's tables.
	 * @return the table names
	 */
	@PostMapping
	List<String> setUp() {
		this.cnos.admin()
			.createDatabaseIfNotExists(this.database, CnosDatabaseOptions.builder().ttl(Duration.ofDays(30)).build());
		this.demo.admin().createTableIfNotExists(AIR);
		return this.demo.admin().listTables();
	}

	/**
	 * The tables of the demo database ({@code SHOW TABLES} through the view).
	 * @return the table names
	 */
	@GetMapping("/tables")
	List<String> tables() {
		return this.demo.admin().listTables();
	}

	/**
	 * The readings of one station since a point in time, with both values bound as
	 * parameters (never spliced into the SQL).
	 * @param station the station tag
	 * @param since the earliest time (ISO-8601)
	 * @return the readings, oldest first
	 */
	@GetMapping("/readings")
	List<Reading> readings(@RequestParam String station,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since) {
		return this.demo.query(
				"SELECT time, station, temperature FROM air WHERE station = ? AND time >= ? ORDER BY time",
				(row, rowNum) -> new Reading(row.getInstant("time"), row.getString("station"),
						row.getDouble("temperature")),
				station, since);
	}

	/**
	 * One reading of the {@code air} table.
	 *
	 * @param time when it was taken
	 * @param station the station
	 * @param temperature the temperature, or {@code null}
	 */
	record Reading(Instant time, String station, Double temperature) {
	}

}
