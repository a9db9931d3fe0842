package io.cnosdb.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosRow;
import io.cnosdb.client.admin.CnosDatabaseInfo;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows the admin API and bound parameters on the sample's own database (see
 * {@link SampleDatabase}): one endpoint creates the database with a TTL and its tables,
 * others describe it, list its tables and query the readings that the write endpoints
 * wrote there.
 *
 * @author CnosDB Spring Boot contributors
 */
@RestController
@RequestMapping("/api/admin-demo")
class AdminDemoController {

	/** How far back {@code /readings} looks when no {@code since} is given. */
	static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

	private final CnosOperations cnos;

	private final SampleDatabase database;

	AdminDemoController(CnosOperations cnos, SampleDatabase database) {
		this.cnos = cnos;
		this.database = database;
	}

	/**
	 * Create the sample's database (data kept ten years) and its {@code air} and
	 * {@code sensor} tables unless they exist, and return the database's tables.
	 * @return the table names
	 */
	@PostMapping
	List<String> setUp() {
		return this.database.create();
	}

	/**
	 * What CnosDB says about the sample's database ({@code DESCRIBE DATABASE}) and its
	 * tables ({@code SHOW TABLES}).
	 * @return the database's name, TTL and tables
	 */
	@GetMapping("/database")
	DatabaseSummary database() {
		CnosDatabaseInfo info = this.cnos.admin().describeDatabase(this.database.name());
		return new DatabaseSummary(this.database.name(), info.ttl().toString(), info.precision().name(),
				this.cnos.admin().listTables());
	}

	/**
	 * The tables of the sample's database ({@code SHOW TABLES}).
	 * @return the table names
	 */
	@GetMapping("/tables")
	List<String> tables() {
		return this.cnos.admin().listTables();
	}

	/**
	 * The readings of one station in the {@code air} table, with every value bound as a
	 * parameter (never spliced into the SQL).
	 * @param station the station tag
	 * @param since the earliest time (ISO-8601); 24 hours ago when absent
	 * @param until the time before which readings are returned (ISO-8601); no limit when
	 * absent
	 * @return the readings, oldest first
	 */
	@GetMapping("/readings")
	List<Reading> readings(@RequestParam String station,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant since,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant until) {
		Instant from = (since != null) ? since : Instant.now().minus(DEFAULT_WINDOW);
		String select = "SELECT time, station, temperature, visibility FROM air WHERE station = ? AND time >= ?";
		if (until == null) {
			return this.cnos.query(select + " ORDER BY time", AdminDemoController::reading, station, from);
		}
		return this.cnos.query(select + " AND time < ? ORDER BY time", AdminDemoController::reading, station, from,
				until);
	}

	private static Reading reading(CnosRow row, int rowNum) {
		return new Reading(row.getInstant("time"), row.getString("station"), row.getDouble("temperature"),
				row.getDouble("visibility"));
	}

	/**
	 * One reading of the {@code air} table.
	 *
	 * @param time when it was taken
	 * @param station the station
	 * @param temperature the temperature, or {@code null}
	 * @param visibility the visibility, or {@code null}
	 */
	record Reading(Instant time, String station, @Nullable Double temperature, @Nullable Double visibility) {
	}

	/**
	 * The sample's database as CnosDB describes it.
	 *
	 * @param name the database
	 * @param ttl how long data is kept, as CnosDB writes it
	 * @param precision the precision of its timestamps
	 * @param tables its tables
	 */
	record DatabaseSummary(String name, String ttl, String precision, List<String> tables) {
	}

}
