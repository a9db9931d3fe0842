package io.cnosdb.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small web application that uses CnosDB through {@code cnosdb-spring-boot-starter}, as
 * a user would: it sets {@code cnosdb.*} properties and injects the auto-configured
 * {@link io.cnosdb.client.CnosOperations}.
 *
 * @author CnosDB Spring Boot contributors
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
