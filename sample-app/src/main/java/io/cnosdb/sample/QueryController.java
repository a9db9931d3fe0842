package io.cnosdb.sample;

import java.util.List;

import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosServerInfo;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only endpoints that run queries through the auto-configured CnosDB client and
 * return JSON.
 *
 * @author CnosDB Spring Boot contributors
 */
@RestController
@RequestMapping("/api")
class QueryController {

	private final CnosOperations cnos;

	QueryController(CnosOperations cnos) {
		this.cnos = cnos;
	}

	/**
	 * The databases of the configured tenant ({@code SHOW DATABASES}).
	 * @return the database names
	 */
	@GetMapping("/databases")
	List<String> databases() {
		return this.cnos.query("SHOW DATABASES", String.class);
	}

	/**
	 * The tables of the configured database ({@code SHOW TABLES}).
	 * @return the table names
	 */
	@GetMapping("/tables")
	List<String> tables() {
		return this.cnos.query("SHOW TABLES", String.class);
	}

	/**
	 * What the server reports about itself (CnosDB's ping endpoint).
	 * @return the server's status and version
	 */
	@GetMapping("/server")
	CnosServerInfo server() {
		return this.cnos.ping();
	}

}
