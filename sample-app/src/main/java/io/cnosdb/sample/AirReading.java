package io.cnosdb.sample;

import java.time.Instant;

import io.cnosdb.client.write.Field;
import io.cnosdb.client.write.Measurement;
import io.cnosdb.client.write.Tag;
import io.cnosdb.client.write.Timestamp;
import org.jspecify.annotations.Nullable;

/**
 * One reading of a weather station, written as a point of the {@code air} table.
 *
 * @param station the station (a tag)
 * @param temperature the temperature (a DOUBLE field)
 * @param visibility the visibility (a DOUBLE field)
 * @param time when it was measured; the server's clock when {@code null}
 */
@Measurement("air")
public record AirReading(@Tag String station, @Field double temperature, @Field double visibility,
		@Timestamp @Nullable Instant time) {
}
