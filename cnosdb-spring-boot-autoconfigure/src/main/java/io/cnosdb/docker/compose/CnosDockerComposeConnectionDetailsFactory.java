package io.cnosdb.docker.compose;

import io.cnosdb.autoconfigure.CnosConnectionDetails;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;

/**
 * {@link DockerComposeConnectionDetailsFactory} that makes {@link CnosConnectionDetails}
 * from a {@code cnosdb/cnosdb} service of a Compose file started by Spring Boot's Docker
 * Compose support.
 *
 * @author CnosDB Spring Boot contributors
 */
class CnosDockerComposeConnectionDetailsFactory extends DockerComposeConnectionDetailsFactory<CnosConnectionDetails> {

	private static final String[] CNOSDB_IMAGES = { "cnosdb/cnosdb" };

	CnosDockerComposeConnectionDetailsFactory() {
		super(CNOSDB_IMAGES);
	}

	@Override
	protected CnosConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
		return new CnosDockerComposeConnectionDetails(source.getRunningService());
	}

	/**
	 * The connection to a running {@code cnosdb/cnosdb} service: the host and the port
	 * mapped to 8902, {@code root} with an empty password (the image starts with
	 * authentication off); tenant and database come from the {@code cnosdb.*} properties.
	 */
	static final class CnosDockerComposeConnectionDetails extends DockerComposeConnectionDetails
			implements CnosConnectionDetails {

		static final int HTTP_PORT = 8902;

		private final String url;

		CnosDockerComposeConnectionDetails(RunningService service) {
			super(service);
			this.url = "http://" + service.host() + ":" + service.ports().get(HTTP_PORT);
		}

		@Override
		public String getUrl() {
			return this.url;
		}

		@Override
		public String getUser() {
			return "root";
		}

		@Override
		public String getPassword() {
			return "";
		}

	}

}
