package io.cnosdb.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What an answer that is not HTTP at all costs in sockets. The JDK {@code HttpClient}
 * (17.0.15 and 25.0.3 alike) keeps the connection of every answer whose status line it
 * cannot parse open for as long as the client lives; {@code HttpURLConnection} closes it.
 * Sockets are counted in {@code /proc/self/fd} (Linux only); the server closes its end of
 * each connection, so every socket left is the client's.
 */
class NonHttpAnswerSocketTests {

	private static final int ANSWERS = 100;

	private RawHttpServer server;

	@BeforeEach
	void answerWithGarbage() throws IOException {
		assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "counts sockets in /proc/self/fd");
		this.server = new RawHttpServer((request, in, out, client) -> {
			RawHttpServer.readBody(request, in);
			out.write("SSH-2.0-OpenSSH_9.2p1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			out.flush();
			return false;
		});
	}

	@AfterEach
	void stop() throws IOException {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void simpleRequestFactoryClosesTheConnectionOfEveryNonHttpAnswer() throws Exception {
		long leaked = socketsLeakedBy(new SimpleClientHttpRequestFactory());
		assertThat(leaked).isLessThanOrEqualTo(2);
	}

	@Test
	void jdkRequestFactoryLeaksAtMostOneSocketPerNonHttpAnswer() throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		long leaked = socketsLeakedBy(new JdkClientHttpRequestFactory(http));
		// The JDK's own defect, measured at one socket per answer; never more.
		assertThat(leaked).isLessThanOrEqualTo(ANSWERS + 2);
	}

	private long socketsLeakedBy(ClientHttpRequestFactory factory) throws Exception {
		CnosTemplate template = CnosTemplate.builder()
			.restClientBuilder(RestClient.builder().requestFactory(factory))
			.url(this.server.url())
			.build();
		// One answer first, so that classes and threads of the client exist before
		// counting.
		assertThatExceptionOfType(CnosResourceFailureException.class).isThrownBy(template::ping);
		Thread.sleep(200);
		long before = sockets();
		for (int i = 0; i < ANSWERS; i++) {
			assertThatExceptionOfType(CnosResourceFailureException.class).isThrownBy(() -> template.query("select 1"))
				.withMessageStartingWith(
						"Query failed: the server at " + this.server.url() + " did not answer with HTTP")
				.withMessageEndingWith("); check that cnosdb.url names CnosDB's HTTP port");
		}
		Thread.sleep(200);
		assertThat(this.server.requestLines()).hasSize(ANSWERS + 1);
		return sockets() - before;
	}

	private static long sockets() throws IOException {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return fds.filter((fd) -> {
				try {
					return Files.readSymbolicLink(fd).toString().startsWith("socket:");
				}
				catch (IOException ex) {
					return false;
				}
			}).count();
		}
	}

}
