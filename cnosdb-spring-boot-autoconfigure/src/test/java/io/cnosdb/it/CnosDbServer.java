package io.cnosdb.it;

import java.util.UUID;

import io.cnosdb.client.CnosServerInfo;
import io.cnosdb.client.CnosTemplate;

/**
 * A real CnosDB server that the integration tests talk to, found or started by
 * {@link CnosDbServers}.
 *
 * @param url the base URL, always on loopback when this run started the server
 * @param user the user to connect as
 * @param password that user's password
 * @param origin how the server was found, for messages (for example
 * {@code "started from ../shared/cnosdb/start-cnosdb.sh, log in target/…"})
 * @param info what the server's ping answered
 * @param startedHere whether this test run started the server (and so may change its
 * users and tenants freely)
 * @author CnosDB Spring Boot contributors
 */
public record CnosDbServer(String url, String user, String password, String origin, CnosServerInfo info,
		boolean startedHere) {

	/**
	 * A template builder for this server, with its URL and credentials set.
	 * @return a new builder
	 */
	public CnosTemplate.Builder templateBuilder() {
		return CnosTemplate.builder().url(this.url).credentials(this.user, this.password);
	}

	/**
	 * A template for this server's default tenant and database.
	 * @return a new template
	 */
	public CnosTemplate template() {
		return templateBuilder().build();
	}

	/**
	 * Create a database no other test uses, dropped when the returned handle is closed
	 * (for example by JUnit's {@code @AutoClose} on the test's field).
	 * @param prefix a readable prefix of its name
	 * @return the database
	 */
	public TemporaryDatabase temporaryDatabase(String prefix) {
		String name = uniqueName(prefix);
		template().admin().createDatabase(name);
		return new TemporaryDatabase(name, template().forDatabase(name));
	}

	/**
	 * A name no other test uses, for databases, tables, users and tenants a test creates.
	 * @param prefix a readable prefix
	 * @return the prefix and a random suffix
	 */
	public static String uniqueName(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	@Override
	public String toString() {
		return "CnosDB " + this.info.version() + " at " + this.url + " (" + this.origin + ")";
	}

	/**
	 * A database of one test class, dropped on close.
	 *
	 * @param name its name
	 * @param template a template for it
	 */
	public record TemporaryDatabase(String name, CnosTemplate template) implements AutoCloseable {

		@Override
		public void close() {
			this.template.admin().dropDatabaseIfExists(this.name);
		}

	}

}
