package io.cnosdb.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A small web application that uses CnosDB through {@code cnosdb-spring-boot-starter}, as
 * a user would: it sets {@code cnosdb.*} properties and injects the auto-configured
 * {@link io.cnosdb.client.CnosOperations}. Its page at {@code /} shows the connection, a
 * live chart of a simulated sensor written through the batching writer, a CSV import and
 * the admin API.
 *
 * @author CnosDB Spring Boot contributors
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
