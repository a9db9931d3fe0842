package io.cnosdb.sample;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.cnosdb.client.batch.CnosBatchWriter;
import io.cnosdb.client.write.Point;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A simulated temperature sensor: every second it hands one point to the batching writer
 * ({@code sensor,sensor=sim-1 temperature=…}), which sends the buffered points as one
 * request per {@code cnosdb.write.batch.flush-interval}. The page charts what it wrote.
 * Switched off with {@code sample.sensor.enabled=false}; needs
 * {@code cnosdb.write.batch.enabled=true}.
 *
 * @author CnosDB Spring Boot contributors
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.sensor.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("cnosdb.write.batch.enabled")
class SimulatedSensor {

	/** The table it writes to. */
	static final String TABLE = "sensor";

	/** The value of its {@code sensor} tag. */
	static final String NAME = "sim-1";

	private final CnosBatchWriter writer;

	private final SampleDatabase database;

	SimulatedSensor(CnosBatchWriter writer, SampleDatabase database) {
		this.writer = writer;
		this.database = database;
	}

	// A fixed delay, not a rate: a slow tick is not followed by a burst of catch-up
	// points.
	@Scheduled(fixedDelay = 1000)
	void tick() {
		measure(Instant.now().truncatedTo(ChronoUnit.MILLIS));
	}

	/**
	 * Hand the reading at the given time to the batching writer, once the database
	 * exists. A write that fails later is reported by the writer (logged, and counted as
	 * failed).
	 * @param time the time of the reading
	 * @return whether a point was handed over
	 */
	boolean measure(Instant time) {
		if (!this.database.ensureCreated()) {
			return false;
		}
		this.writer.writePoint(Point.measurement(TABLE)
			.tag("sensor", NAME)
			.field("temperature", temperature(time))
			.time(time)
			.build());
		return true;
	}

	/**
	 * The simulated temperature: a slow two-minute wave with a faster ripple on top,
	 * rounded to hundredths.
	 * @param time the time
	 * @return the temperature in degrees Celsius
	 */
	static double temperature(Instant time) {
		double seconds = time.toEpochMilli() / 1000.0;
		double value = 20 + 5 * Math.sin(2 * Math.PI * seconds / 120) + 0.8 * Math.sin(2 * Math.PI * seconds / 17);
		return Math.round(value * 100) / 100.0;
	}

}
