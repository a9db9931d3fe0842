package io.cnosdb.client.write;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class or record whose instances are written as points to the named measurement
 * (table). Its members are mapped with {@link Tag}, {@link Field} and {@link Timestamp};
 * see {@link PointMapper#of(Class)}.
 *
 * @author CnosDB Spring Boot contributors
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Measurement {

	/**
	 * The measurement (table) name.
	 * @return the name
	 */
	String value();

}
