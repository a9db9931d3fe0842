package io.cnosdb.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.cnosdb.client.support.IdleReadTimeoutRequestFactory;
import io.cnosdb.client.support.JdkHttpClientRequestFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that the read timeout of {@link IdleReadTimeoutRequestFactory} bounds each wait
 * for data: a streamed result that keeps coming completes however long it takes, and an
 * answer that does not start, or stops, in time is a {@link CnosQueryTimeoutException}.
 * The server is a raw socket that answers as CnosDB does a {@code chunked=true} query.
 * The read timeout wraps either JDK request factory: the template's own and Spring's.
 */
class CnosTemplateReadTimeoutTests {

	private static final Duration READ_TIMEOUT = Duration.ofMillis(400);

	private static final String HEAD = "HTTP/1.1 200 OK\r\ncontent-type: application/csv\r\ncontent-encoding: identity\r\n"
			+ "transfer-encoding: chunked\r\n\r\n";

	private RawHttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new RawHttpServer((request, in, out, client) -> false);
	}

	@AfterEach
	void stopServer() throws IOException {
		this.server.close();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("factories")
	void streamedResultLongerThanTheReadTimeoutCompletesWhileDataKeepsComing(String name,
			ClientHttpRequestFactory factory) {
		this.server.answerWith((request, in, out, client) -> {
			RawHttpServer.readBody(request, in);
			write(out, HEAD + chunk("n\n"));
			// Eight rows 150 ms apart: the whole answer takes three read timeouts.
			for (int n = 1; n <= 8; n++) {
				Thread.sleep(150);
				write(out, chunk(n + "\n"));
			}
			write(out, "0\r\n\r\n");
			return true;
		});
		CnosTemplate template = template(new IdleReadTimeoutRequestFactory(factory, READ_TIMEOUT));
		try (Stream<Long> rows = template.queryForStream("SELECT n FROM t", (row, rowNum) -> row.getLong("n"))) {
			assertThat(rows).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
		}
		assertThat(this.server.requestLines())
			.containsExactly("POST /api/v1/sql?tenant=cnosdb&db=public&chunked=true HTTP/1.1");
	}

	@Test
	void jdkFactoryReadTimeoutAloneBoundsTheWholeAnswer() {
		// Why the starter wraps the JDK factory: its own read timeout cuts off the same
		// stream although data keeps coming.
		this.server.answerWith((request, in, out, client) -> {
			RawHttpServer.readBody(request, in);
			write(out, HEAD + chunk("n\n"));
			for (int n = 1; n <= 8; n++) {
				Thread.sleep(150);
				write(out, chunk(n + "\n"));
			}
			write(out, "0\r\n\r\n");
			return true;
		});
		JdkClientHttpRequestFactory whole = jdk();
		whole.setReadTimeout(READ_TIMEOUT);
		CnosTemplate template = template(whole);
		assertThatExceptionOfType(CnosQueryTimeoutException.class).isThrownBy(() -> {
			try (Stream<Long> rows = template.queryForStream("SELECT n FROM t", (row, rowNum) -> row.getLong("n"))) {
				rows.forEach((n) -> {
				});
			}
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("factories")
	void answerThatDoesNotStartInTimeIsAQueryTimeoutAndLeavesNoInterrupt(String name,
			ClientHttpRequestFactory factory) {
		this.server.answerWith((request, in, out, client) -> {
			RawHttpServer.readBody(request, in);
			Thread.sleep(10_000);
			return false;
		});
		CnosTemplate template = template(new IdleReadTimeoutRequestFactory(factory, READ_TIMEOUT));
		assertThatExceptionOfType(CnosQueryTimeoutException.class).isThrownBy(() -> template.query("SELECT n FROM t"))
			.withMessage("Query failed: CnosDB at " + this.server.url()
					+ " did not answer within the read timeout (HttpTimeoutException: no answer for 400 ms (read timeout))");
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
		assertThat(this.server.requestLines()).containsExactly("POST /api/v1/sql?tenant=cnosdb&db=public HTTP/1.1");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("factories")
	void streamThatStopsIsAQueryTimeoutAfterTheRowsBeforeIt(String name, ClientHttpRequestFactory factory) {
		this.server.answerWith((request, in, out, client) -> {
			RawHttpServer.readBody(request, in);
			write(out, HEAD + chunk("n\n1\n2\n"));
			Thread.sleep(10_000);
			return false;
		});
		CnosTemplate template = template(new IdleReadTimeoutRequestFactory(factory, READ_TIMEOUT));
		List<Long> rows = new ArrayList<>();
		assertThatExceptionOfType(CnosQueryTimeoutException.class).isThrownBy(
				() -> template.query("SELECT n FROM t", (CnosRowCallbackHandler) (row) -> rows.add(row.getLong("n"))))
			.withMessageEndingWith(
					" did not answer within the read timeout (HttpTimeoutException: no data for 400 ms (read timeout))");
		assertThat(rows).isEqualTo(List.of(1L, 2L).subList(0, rows.size()));
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	@Test
	void templateWithoutARestClientBuilderHasItsOwnReadTimeoutPerWaitForData() {
		this.server.answerWith((request, in, out, client) -> {
			RawHttpServer.readBody(request, in);
			write(out, HEAD + chunk("n\n1\n2\n"));
			Thread.sleep(10_000);
			return false;
		});
		CnosTemplate template = CnosTemplate.builder().url(this.server.url()).readTimeout(READ_TIMEOUT).build();
		List<Long> rows = new ArrayList<>();
		assertThatExceptionOfType(CnosQueryTimeoutException.class).isThrownBy(
				() -> template.query("SELECT n FROM t", (CnosRowCallbackHandler) (row) -> rows.add(row.getLong("n"))))
			.withMessageEndingWith(
					" did not answer within the read timeout (HttpTimeoutException: no data for 400 ms (read timeout))");
		assertThat(rows).isEqualTo(List.of(1L, 2L).subList(0, rows.size()));
		assertThat(this.server.requestLines())
			.containsExactly("POST /api/v1/sql?tenant=cnosdb&db=public&chunked=true HTTP/1.1");
	}

	@Test
	void timeoutsOfTheTemplatesOwnClientAreRefusedWithARestClientBuilder() {
		CnosTemplate.Builder builder = CnosTemplate.builder()
			.restClientBuilder(RestClient.builder())
			.url(this.server.url())
			.readTimeout(READ_TIMEOUT);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(builder::build)
			.withMessageContaining("with a restClientBuilder, set them on its request factory");
	}

	private CnosTemplate template(ClientHttpRequestFactory factory) {
		return CnosTemplate.builder()
			.restClientBuilder(RestClient.builder().requestFactory(factory))
			.url(this.server.url())
			.build();
	}

	/**
	 * Both JDK request factories without a read timeout of their own: the template's own
	 * and Spring's (the auto-configured client's with Spring Boot's JDK builder).
	 */
	static Stream<Arguments> factories() {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		return Stream.of(Arguments.of("JdkHttpClientRequestFactory", new JdkHttpClientRequestFactory(client)),
				Arguments.of("Spring's JdkClientHttpRequestFactory", new JdkClientHttpRequestFactory(client)));
	}

	private static JdkClientHttpRequestFactory jdk() {
		return new JdkClientHttpRequestFactory(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
	}

	private static String chunk(String data) {
		return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

}
