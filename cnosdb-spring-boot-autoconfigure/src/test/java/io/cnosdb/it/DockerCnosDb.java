package io.cnosdb.it;

import io.cnosdb.testcontainers.CnosDBContainer;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;

/**
 * CnosDB in Docker through Testcontainers: the starter's {@link CnosDBContainer} with the
 * official {@code cnosdb/cnosdb} image (or {@code CNOSDB_IMAGE}). Loaded only when
 * Testcontainers is on the class path.
 *
 * @author CnosDB Spring Boot contributors
 */
final class DockerCnosDb implements CnosDbServers.Stoppable {

	private static final String DEFAULT_IMAGE = "cnosdb/cnosdb:community-latest";

	private final CnosDBContainer container;

	private DockerCnosDb(CnosDBContainer container) {
		this.container = container;
	}

	static @Nullable String whyUnavailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable() ? null
					: "no Docker environment for Testcontainers";
		}
		catch (RuntimeException ex) {
			return "no Docker environment for Testcontainers (" + ex.getMessage() + ")";
		}
	}

	@SuppressWarnings("resource")
	static DockerCnosDb start() {
		CnosDBContainer container = new CnosDBContainer(image());
		container.start();
		return new DockerCnosDb(container);
	}

	static String image() {
		String image = System.getenv("CNOSDB_IMAGE");
		return (image != null && !image.isBlank()) ? image : DEFAULT_IMAGE;
	}

	String url() {
		return this.container.getUrl();
	}

	@Override
	public void close() {
		this.container.stop();
	}

}
