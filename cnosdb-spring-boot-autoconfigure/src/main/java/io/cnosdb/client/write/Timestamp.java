package io.cnosdb.client.write;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

/**
 * Marks the record component, field or no-argument method that holds the timestamp of the
 * point: an {@link java.time.Instant}, {@link java.time.OffsetDateTime},
 * {@link java.time.ZonedDateTime}, or a {@code long} counted in {@link #unit()}.
 * {@code null} writes no timestamp (the server's clock is used, which only works with
 * {@link WritePrecision#NS}).
 *
 * @author CnosDB Spring Boot contributors
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD })
public @interface Timestamp {

	/**
	 * The unit of a numeric timestamp; ignored for date-time types. Seconds and coarser
	 * units are converted on the client.
	 * @return the unit
	 */
	TimeUnit unit() default TimeUnit.MILLISECONDS;

}
