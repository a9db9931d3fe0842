package io.cnosdb.it;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * CnosDB in Docker through Testcontainers: the official {@code cnosdb/cnosdb} image (or
 * {@code CNOSDB_IMAGE}) in singleton mode, its HTTP port mapped to a free host port.
 * Loaded only when Testcontainers is on the class path.
 *
 * @author CnosDB Spring Boot contributors
 */
final class DockerCnosDb implements CnosDbServers.Stoppable {

	private static final String DEFAULT_IMAGE = "cnosdb/cnosdb:community-latest";

	private static final int HTTP_PORT = 8902;

	private final GenericContainer<?> container;

	private DockerCnosDb(GenericContainer<?> container) {
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
		GenericContainer<?> container = new GenericContainer<>(image()).withExposedPorts(HTTP_PORT)
			.withCommand("cnosdb", "run", "-M", "singleton")
			.waitingFor(Wait.forHttp("/api/v1/ping").forPort(HTTP_PORT).withStartupTimeout(Duration.ofMinutes(2)));
		container.start();
		return new DockerCnosDb(container);
	}

	static String image() {
		String image = System.getenv("CNOSDB_IMAGE");
		return (image != null && !image.isBlank()) ? image : DEFAULT_IMAGE;
	}

	String url() {
		return "http://" + this.container.getHost() + ":" + this.container.getMappedPort(HTTP_PORT);
	}

	@Override
	public void close() {
		this.container.stop();
	}

}
