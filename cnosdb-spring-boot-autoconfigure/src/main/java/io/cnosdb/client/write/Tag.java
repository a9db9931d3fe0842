package io.cnosdb.client.write;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component, field or no-argument method whose value is written as a tag.
 * The value may be a {@link CharSequence}, an enum (written by name), a number, a
 * {@link Boolean}, a {@link Character} or a {@link java.util.UUID}; {@code null} writes
 * no tag.
 *
 * @author CnosDB Spring Boot contributors
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD })
public @interface Tag {

	/**
	 * The tag key; defaults to the name of the member.
	 * @return the key, or empty for the member name
	 */
	String value() default "";

}
