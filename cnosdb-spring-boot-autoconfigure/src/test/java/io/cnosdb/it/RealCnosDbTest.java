package io.cnosdb.it;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against a real CnosDB server: a {@link CnosDbServer}
 * parameter or field is resolved from {@link CnosDbServers#shared()}, and the class is
 * skipped, with one line saying why, when no server can be had (or fails when
 * {@code CNOSDB_IT_REQUIRED=true}).
 *
 * @author CnosDB Spring Boot contributors
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RealCnosDbExtension.class)
public @interface RealCnosDbTest {

}
