package io.cnosdb.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.cnosdb.client.CnosServerInfo;
import io.cnosdb.client.CnosTemplate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.util.ClassUtils;

/**
 * Where the integration tests get a real CnosDB, in this order:
 * <ol>
 * <li>{@code CNOSDB_URL}: a server someone already runs ({@code CNOSDB_USER} and
 * {@code CNOSDB_PASSWORD}, default {@code root} and empty);</li>
 * <li>{@code CNOSDB_BINARY}: a {@code cnosdb} server binary, started here in singleton
 * mode;</li>
 * <li>the start script of {@code ../shared/cnosdb} next to the repository (or
 * {@code CNOSDB_START_SCRIPT});</li>
 * <li>Docker, through Testcontainers, with the official {@code cnosdb/cnosdb} image
 * ({@code CNOSDB_IMAGE} to choose another tag);</li>
 * <li>otherwise none, and the tests are skipped with one line saying why.</li>
 * </ol>
 * A server started here listens on a free loopback port, keeps its data and logs under
 * {@code target/cnosdb-it/}, and is stopped when the test run ends. A source that is
 * there but fails to start fails the tests: only a missing source skips them.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosDbServers {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private CnosDbServers() {
	}

	/**
	 * Whether the tests must fail, rather than be skipped, when no server can be had.
	 * @return whether {@code CNOSDB_IT_REQUIRED} is {@code true}
	 */
	static boolean required() {
		return "true".equalsIgnoreCase(System.getenv("CNOSDB_IT_REQUIRED"));
	}

	/**
	 * The server shared by every integration test of this run, found or started on first
	 * use and stopped when the run ends.
	 * @param context any extension context of the run
	 * @return the lookup
	 */
	static Lookup shared(ExtensionContext context) {
		return context.getRoot()
			.getStore(ExtensionContext.Namespace.create(CnosDbServers.class))
			.computeIfAbsent("shared", (key) -> find(), Lookup.class);
	}

	/**
	 * Whether this run can start servers of its own (a binary, the start script or
	 * Docker), which tests that need a fresh server with authentication on require.
	 * @return why not, or {@code null} when it can
	 */
	public static @Nullable String whyNoLocalServer() {
		if (System.getenv("CNOSDB_BINARY") != null || startScript() != null) {
			return null;
		}
		return "starting a fresh server needs CNOSDB_BINARY or " + scriptHint();
	}

	/**
	 * Start a fresh server of this run's own, with authentication on: user {@code root},
	 * password {@code root}, which must be changed before anything else.
	 * @param name a name for its directory under {@code target/cnosdb-it}
	 * @return the running server, to close when done
	 */
	public static Launched startWithAuthentication(String name) {
		return launch(name, true);
	}

	private static Lookup find() {
		String url = System.getenv("CNOSDB_URL");
		if (url != null && !url.isBlank()) {
			String user = env("CNOSDB_USER", "root");
			String password = env("CNOSDB_PASSWORD", "");
			return new Lookup(server(url.strip(), user, password, "CNOSDB_URL", false), null, null);
		}
		if (System.getenv("CNOSDB_BINARY") != null || startScript() != null) {
			Launched launched = launch("shared", false);
			return new Lookup(launched.server(), null, launched);
		}
		if (ClassUtils.isPresent("org.testcontainers.DockerClientFactory", CnosDbServers.class.getClassLoader())) {
			String why = DockerCnosDb.whyUnavailable();
			if (why == null) {
				DockerCnosDb docker = DockerCnosDb.start();
				return new Lookup(server(docker.url(), "root", "", "Docker image " + DockerCnosDb.image(), true), null,
						docker);
			}
			return new Lookup(null, "no CNOSDB_URL, no CNOSDB_BINARY, no " + scriptHint() + ", and " + why, null);
		}
		return new Lookup(null, "no CNOSDB_URL, no CNOSDB_BINARY, no " + scriptHint()
				+ ", and no Testcontainers on the class path for Docker", null);
	}

	private static CnosDbServer server(String url, String user, String password, String origin, boolean startedHere) {
		CnosServerInfo info = CnosTemplate.builder().url(url).credentials(user, password).build().ping();
		return new CnosDbServer(url, user, password, origin, info, startedHere);
	}

	private static Launched launch(String name, boolean authentication) {
		Path dir = workDirectory().resolve(name + "-" + System.currentTimeMillis());
		int port = freePortRange(6);
		String binary = System.getenv("CNOSDB_BINARY");
		Launched launched = (binary != null) ? launchBinary(Path.of(binary), dir, port, authentication)
				: launchScript(startScript(), dir, port, authentication);
		Runtime.getRuntime().addShutdownHook(new Thread(launched::close, "cnosdb-it-stop-" + port));
		return launched;
	}

	private static Launched launchScript(@Nullable Path script, Path dir, int port, boolean authentication) {
		if (script == null) {
			throw new IllegalStateException("no start script");
		}
		List<String> command = new ArrayList<>(
				List.of("bash", script.toString(), "--port", String.valueOf(port), "--data", dir.toString()));
		if (authentication) {
			command.add("--auth");
		}
		String output = run(command, START_TIMEOUT);
		String url = "http://127.0.0.1:" + port;
		if (!output.contains("URL=" + url)) {
			throw new IllegalStateException("start-cnosdb.sh did not report " + url + ": " + output);
		}
		String origin = "started by " + script + " on port " + port + ", log in " + dir.resolve("log");
		Runnable stop = () -> run(List.of("bash", script.toString(), "--stop", "--data", dir.toString()),
				Duration.ofSeconds(30));
		return new Launched(url, dir, origin, authentication, stop);
	}

	private static Launched launchBinary(Path binary, Path dir, int port, boolean authentication) {
		try {
			Files.createDirectories(dir);
			String template;
			try (InputStream in = CnosDbServers.class.getResourceAsStream("cnosdb-it.conf.template")) {
				template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			String config = template.replace("@DATA@", dir.toString())
				.replace("@HTTP@", String.valueOf(port))
				.replace("@GRPC@", String.valueOf(port + 1))
				.replace("@FLIGHT@", String.valueOf(port + 2))
				.replace("@TCP@", String.valueOf(port + 3))
				.replace("@VECTOR@", String.valueOf(port + 4))
				.replace("@META@", String.valueOf(port + 5))
				.replace("@AUTH@", String.valueOf(authentication));
			Path configFile = Files.writeString(dir.resolve("cnosdb.conf"), config);
			Process process = new ProcessBuilder(binary.toString(), "run", "--config", configFile.toString(), "-M",
					"singleton")
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("stdout.log").toFile())
				.start();
			String url = "http://127.0.0.1:" + port;
			awaitPing(url, process, dir);
			String origin = "started from CNOSDB_BINARY " + binary + " on port " + port + ", log in " + dir;
			return new Launched(url, dir, origin, authentication, () -> stop(process));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + binary, ex);
		}
	}

	private static void awaitPing(String url, Process process, Path dir) {
		CnosTemplate template = CnosTemplate.builder().url(url).build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (true) {
			try {
				template.ping();
				return;
			}
			catch (RuntimeException ex) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					stop(process);
					throw new IllegalStateException("CnosDB did not come up at " + url + "; see " + dir, ex);
				}
			}
			sleep(Duration.ofMillis(250));
		}
	}

	private static void stop(Process process) {
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String run(List<String> command, Duration timeout) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + String.join(" ", command));
			}
			String text = new String(output, StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + text);
			}
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The start script: {@code CNOSDB_START_SCRIPT}, else
	 * {@code ../shared/cnosdb/start-cnosdb.sh} beside the repository's root (given by the
	 * build as {@code cnosdb.it.root}, else searched upwards from the working directory).
	 */
	static @Nullable Path startScript() {
		String explicit = System.getenv("CNOSDB_START_SCRIPT");
		if (explicit != null && !explicit.isBlank()) {
			return Path.of(explicit);
		}
		String root = System.getProperty("cnosdb.it.root");
		Path start = (root != null) ? Path.of(root) : Path.of("").toAbsolutePath();
		for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path script = dir.resolve("../shared/cnosdb/start-cnosdb.sh").normalize();
			if (Files.isRegularFile(script)) {
				return script;
			}
		}
		return null;
	}

	private static String scriptHint() {
		return "../shared/cnosdb/start-cnosdb.sh (nor CNOSDB_START_SCRIPT)";
	}

	private static Path workDirectory() {
		Path dir = Path.of(System.getProperty("cnosdb.it.work", "target/cnosdb-it")).toAbsolutePath();
		try {
			return Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A port {@code p} such that {@code p} to {@code p + count - 1} are all free on
	 * 127.0.0.1 (CnosDB listens on the HTTP port and the five after it).
	 */
	private static int freePortRange(int count) {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		for (int attempt = 0; attempt < 200; attempt++) {
			int base = ThreadLocalRandom.current().nextInt(20000, 50000);
			boolean free = true;
			for (int port = base; port < base + count && free; port++) {
				try (ServerSocket socket = new ServerSocket(port, 1, loopback)) {
					socket.setReuseAddress(true);
				}
				catch (IOException ex) {
					free = false;
				}
			}
			if (free) {
				return base;
			}
		}
		throw new IllegalStateException("No " + count + " consecutive free ports on loopback");
	}

	private static String env(String name, String defaultValue) {
		String value = System.getenv(name);
		return (value != null) ? value : defaultValue;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A server this run started, stopped when closed. */
	interface Stoppable extends AutoCloseable {

		@Override
		void close();

	}

	/**
	 * The outcome of looking for the shared server: the server, or why there is none.
	 * Closing it stops what this run started.
	 *
	 * @param server the server, or {@code null}
	 * @param reason why there is none, or {@code null}
	 * @param owned what to stop at the end of the run, or {@code null}
	 */
	record Lookup(@Nullable CnosDbServer server, @Nullable String reason,
			@Nullable Stoppable owned) implements AutoCloseable {

		@Override
		public void close() {
			if (this.owned != null) {
				this.owned.close();
			}
		}

	}

	/**
	 * A server this run started. Closing it stops the server; its directory (data, logs)
	 * stays for inspection.
	 */
	public static final class Launched implements Stoppable {

		private final String url;

		private final Path directory;

		private final String origin;

		private final boolean authentication;

		private final Runnable stop;

		private boolean stopped;

		Launched(String url, Path directory, String origin, boolean authentication, Runnable stop) {
			this.url = url;
			this.directory = directory;
			this.origin = origin;
			this.authentication = authentication;
			this.stop = stop;
		}

		/**
		 * The base URL.
		 * @return the URL, on 127.0.0.1
		 */
		public String url() {
			return this.url;
		}

		/**
		 * The directory with the server's configuration, data and logs.
		 * @return the directory
		 */
		public Path directory() {
			return this.directory;
		}

		CnosDbServer server() {
			String password = this.authentication ? "root" : "";
			return CnosDbServers.server(this.url, "root", password, this.origin, true);
		}

		@Override
		public synchronized void close() {
			if (!this.stopped) {
				this.stopped = true;
				this.stop.run();
			}
		}

		@Override
		public String toString() {
			return this.origin;
		}

	}

}
