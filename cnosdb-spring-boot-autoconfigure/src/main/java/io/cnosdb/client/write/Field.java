package io.cnosdb.client.write;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component, field or no-argument method whose value is written as a
 * field. The column type follows the Java type: {@code double}/{@code float} as DOUBLE,
 * {@code long}/{@code int}/{@code short}/{@code byte} as BIGINT (or BIGINT UNSIGNED with
 * {@link #unsigned()}), {@link java.math.BigInteger} as BIGINT UNSIGNED, {@code boolean}
 * as BOOLEAN, and {@link CharSequence} or an enum (by name) as STRING. {@code null}
 * writes no field.
 *
 * @author CnosDB Spring Boot contributors
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD })
public @interface Field {

	/**
	 * The field key; defaults to the name of the member.
	 * @return the key, or empty for the member name
	 */
	String value() default "";

	/**
	 * Whether an integral value is written as BIGINT UNSIGNED (negative values are then
	 * refused).
	 * @return whether the field is unsigned
	 */
	boolean unsigned() default false;

}
