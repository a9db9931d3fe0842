package io.cnosdb.sample;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.admin.CnosAdminOperations;
import io.cnosdb.client.admin.CnosCodec;
import io.cnosdb.client.admin.CnosDatabaseOptions;
import io.cnosdb.client.admin.CnosFieldType;
import io.cnosdb.client.admin.CnosTableDefinition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The sample's own database ({@code cnosdb.database}, {@code sample} in
 * {@code application.properties}), created through the admin API with a TTL, and its two
 * tables: {@code air} (what the write endpoints and the CSV upload fill) and
 * {@code sensor} (what the {@link SimulatedSensor} writes every second). Everything the
 * sample writes goes there, and every read endpoint reads there.
 * <p>
 * It is created when the application is ready; if CnosDB cannot be reached then, the
 * application still starts, and the sensor tries again on each tick.
 *
 * @author CnosDB Spring Boot contributors
 */
@Component
class SampleDatabase {

	/**
	 * How long CnosDB keeps the sample's data: ten years, so that the shipped
	 * {@code air.csv} (January 2026) stays importable. A write older than the TTL is
	 * refused by CnosDB.
	 */
	static final Duration TTL = Duration.ofDays(3650);

	/** The table of the weather readings (point, batch and CSV writes). */
	static final CnosTableDefinition AIR = CnosTableDefinition.builder("air")
		.field("temperature", CnosFieldType.DOUBLE, CnosCodec.GORILLA)
		.field("visibility", CnosFieldType.DOUBLE)
		.tag("station")
		.build();

	/** The table of the simulated sensor. */
	static final CnosTableDefinition SENSOR = CnosTableDefinition.builder(SimulatedSensor.TABLE)
		.field("temperature", CnosFieldType.DOUBLE, CnosCodec.GORILLA)
		.tag("sensor")
		.build();

	private static final Log logger = LogFactory.getLog(SampleDatabase.class);

	private final CnosOperations cnos;

	private volatile boolean created;

	private @Nullable String lastFailure;

	SampleDatabase(CnosOperations cnos) {
		this.cnos = cnos;
	}

	/**
	 * The name of the database.
	 * @return the database of the auto-configured client
	 */
	String name() {
		return this.cnos.getDatabase();
	}

	/**
	 * Create the database with its TTL and both tables unless they exist
	 * ({@code CREATE DATABASE IF NOT EXISTS … WITH TTL '3650d'},
	 * {@code CREATE TABLE IF NOT EXISTS …}), and list the tables.
	 * @return the table names
	 */
	List<String> create() {
		CnosAdminOperations admin = this.cnos.admin();
		admin.createDatabaseIfNotExists(name(), CnosDatabaseOptions.builder().ttl(TTL).build());
		admin.createTableIfNotExists(AIR);
		admin.createTableIfNotExists(SENSOR);
		this.created = true;
		return admin.listTables();
	}

	/**
	 * Create the database and its tables unless this has succeeded before. A failure is
	 * logged once (and again only when it changes), never thrown.
	 * @return whether the database exists now
	 */
	boolean ensureCreated() {
		if (this.created) {
			return true;
		}
		try {
			create();
			if (this.lastFailure != null) {
				logger.info("Created the sample's database '" + name() + "'");
				this.lastFailure = null;
			}
			return true;
		}
		catch (DataAccessException ex) {
			if (!Objects.equals(ex.getMessage(), this.lastFailure)) {
				logger.warn("Cannot create the sample's database '" + name() + "' yet: " + ex.getMessage());
				this.lastFailure = ex.getMessage();
			}
			return false;
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void createOnStart() {
		ensureCreated();
	}

}
