package io.cnosdb.testcontainers;

import java.time.Duration;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A CnosDB server in Docker for tests: the official {@code cnosdb/cnosdb} image in
 * singleton mode, ready once {@code /api/v1/ping} answers. Authentication is off, so user
 * {@code root} with an empty password connects. With {@code @ServiceConnection} the
 * auto-configured {@code CnosTemplate} connects to it:
 *
 * <pre class="code">
 * &#64;Container
 * &#64;ServiceConnection
 * static CnosDBContainer cnosdb = new CnosDBContainer("cnosdb/cnosdb:v2.4.3");
 * </pre>
 *
 * @author CnosDB Spring Boot contributors
 */
public class CnosDBContainer extends GenericContainer<CnosDBContainer> {

	/** The official image. */
	public static final DockerImageName IMAGE = DockerImageName.parse("cnosdb/cnosdb");

	/** The port of CnosDB's HTTP API inside the container. */
	public static final int HTTP_PORT = 8902;

	/**
	 * Create a container for an image such as {@code cnosdb/cnosdb:v2.4.3}.
	 * @param image the image name, {@code cnosdb/cnosdb} or a compatible one
	 */
	public CnosDBContainer(String image) {
		this(DockerImageName.parse(image));
	}

	/**
	 * Create a container for an image.
	 * @param image the image, {@code cnosdb/cnosdb} or a compatible one
	 */
	public CnosDBContainer(DockerImageName image) {
		super(image);
		image.assertCompatibleWith(IMAGE);
		withExposedPorts(HTTP_PORT);
		withCommand("cnosdb", "run", "-M", "singleton");
		waitingFor(Wait.forHttp("/api/v1/ping").forPort(HTTP_PORT).withStartupTimeout(Duration.ofMinutes(2)));
	}

	/**
	 * The base URL of the HTTP API as mapped to the host.
	 * @return the URL, such as {@code http://localhost:32768}
	 */
	public String getUrl() {
		return "http://" + getHost() + ":" + getMappedPort(HTTP_PORT);
	}

}
