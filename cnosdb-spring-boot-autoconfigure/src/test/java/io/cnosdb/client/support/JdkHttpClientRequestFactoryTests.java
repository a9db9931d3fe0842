package io.cnosdb.client.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.client.CnosServerStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.StreamUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.CnosServerStub.csv;
import static io.cnosdb.client.CnosServerStub.error;
import static io.cnosdb.client.WriteStubs.PARSE_ERROR;
import static io.cnosdb.client.WriteStubs.writeOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JdkHttpClientRequestFactory}: what reaches the server byte for byte,
 * from a {@link ByteArrayBody} and from any other body, and what the caller reads back,
 * with CnosDB 2.4.2.1's answers.
 */
class JdkHttpClientRequestFactoryTests {

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private final JdkHttpClientRequestFactory factory = new JdkHttpClientRequestFactory(
			HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());

	@Test
	void byteArrayBodyLargerThanASliceReachesTheServerByteForByte() throws IOException {
		server.stubFor(post(urlPathEqualTo("/api/v1/write")).willReturn(writeOk()));
		byte[] lines = lines(3 * ByteArrayBody.SLICE + 17);
		ClientHttpRequest request = request(HttpMethod.POST, "/api/v1/write?tenant=cnosdb&db=public&precision=ns");
		request.getHeaders().setContentType(MediaType.TEXT_PLAIN);
		request.getHeaders().setContentLength(lines.length);
		((StreamingHttpOutputMessage) request).setBody(ByteArrayBody.of(lines));
		try (ClientHttpResponse response = request.execute()) {
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(response.getStatusText()).isEqualTo("OK");
			assertThat(StreamUtils.copyToByteArray(response.getBody())).isEmpty();
		}
		LoggedRequest received = onlyRequest();
		assertThat(received.getUrl()).isEqualTo("/api/v1/write?tenant=cnosdb&db=public&precision=ns");
		assertThat(received.getHeader("Content-Type")).isEqualTo("text/plain");
		assertThat(received.getHeader("Content-Length")).isEqualTo(String.valueOf(lines.length));
		assertThat(received.getBody()).isEqualTo(lines);
	}

	@Test
	void capturedBodySendsOnlyTheRangeItsWriterWrote() throws IOException {
		server.stubFor(post(urlPathEqualTo("/api/v1/write")).willReturn(writeOk()));
		byte[] array = "xxm v=1 1\nm v=2 2\nyy".getBytes(StandardCharsets.UTF_8);
		ByteArrayBody body = ByteArrayBody.capture((out) -> out.write(array, 2, array.length - 4));
		assertThat(body.array()).isSameAs(array);
		ClientHttpRequest request = request(HttpMethod.POST, "/api/v1/write?tenant=cnosdb&db=public");
		((StreamingHttpOutputMessage) request).setBody(body);
		request.execute().close();
		LoggedRequest received = onlyRequest();
		assertThat(received.getBodyAsString()).isEqualTo("m v=1 1\nm v=2 2\n");
		assertThat(received.getHeader("Content-Length")).isEqualTo("16");
	}

	@Test
	void otherBodiesAreWrittenOnTheCallingThreadAndSentWhole() throws IOException {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("n\n1\n")));
		Thread caller = Thread.currentThread();
		Thread[] writer = new Thread[1];
		ClientHttpRequest request = request(HttpMethod.POST, "/api/v1/sql?tenant=cnosdb&db=public");
		((StreamingHttpOutputMessage) request).setBody((out) -> {
			writer[0] = Thread.currentThread();
			out.write("SELECT ".getBytes(StandardCharsets.UTF_8));
			out.write('1');
			out.write(" AS n".getBytes(StandardCharsets.UTF_8));
		});
		try (ClientHttpResponse response = request.execute()) {
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.parseMediaType("application/csv"));
			assertThat(StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("n\n1\n");
		}
		assertThat(writer[0]).isSameAs(caller);
		assertThat(onlyRequest().getBodyAsString()).isEqualTo("SELECT 1 AS n");
	}

	@Test
	void bodyWrittenToTheRequestStreamIsSent() throws IOException {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("n\n1\n")));
		ClientHttpRequest request = request(HttpMethod.POST, "/api/v1/sql?tenant=cnosdb&db=public");
		request.getBody().write("SELECT 1 AS n".getBytes(StandardCharsets.UTF_8));
		request.execute().close();
		LoggedRequest received = onlyRequest();
		assertThat(received.getBodyAsString()).isEqualTo("SELECT 1 AS n");
		assertThat(received.getHeader("Content-Length")).isEqualTo("13");
	}

	@Test
	void requestWithoutBodyIsSentWithoutOne() throws IOException {
		server.stubFor(get(urlPathEqualTo("/api/v1/ping")).willReturn(CnosServerStub.empty(200)));
		ClientHttpRequest request = request(HttpMethod.GET, "/api/v1/ping");
		request.getHeaders().set("Authorization", "Basic cm9vdDo=");
		request.execute().close();
		LoggedRequest received = onlyRequest();
		assertThat(received.getMethod().getName()).isEqualTo("GET");
		assertThat(received.getHeader("Authorization")).isEqualTo("Basic cm9vdDo=");
		assertThat(received.getBody()).isEmpty();
	}

	@Test
	void errorAnswerIsReturnedWithItsStatusHeadersAndBody() throws IOException {
		server.stubFor(post(urlPathEqualTo("/api/v1/write")).willReturn(error(422, PARSE_ERROR)));
		ClientHttpRequest request = request(HttpMethod.POST, "/api/v1/write?tenant=cnosdb&db=public");
		((StreamingHttpOutputMessage) request).setBody(ByteArrayBody.of("m v=1 1\ntest v=2 x1".getBytes()));
		try (ClientHttpResponse response = request.execute()) {
			assertThat(response.getStatusCode().value()).isEqualTo(422);
			assertThat(response.getStatusText()).isEqualTo("Unprocessable Content");
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
			assertThat(response.getHeaders().getContentLength()).isEqualTo(PARSE_ERROR.length());
			assertThat(StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)).isEqualTo(PARSE_ERROR);
		}
		assertThat(onlyRequest().getBodyAsString()).isEqualTo("m v=1 1\ntest v=2 x1");
	}

	@Test
	void interruptWhileWaitingForTheAnswerAbandonsTheExchangeAndKeepsTheInterrupt() throws Exception {
		server.stubFor(any(urlPathEqualTo("/api/v1/sql")).willReturn(csv("n\n1\n").withFixedDelay(10_000)));
		CompletableFuture<Throwable> failure = new CompletableFuture<>();
		CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
		Thread caller = new Thread(() -> {
			try {
				ClientHttpRequest request = request(HttpMethod.POST, "/api/v1/sql?tenant=cnosdb&db=public");
				((StreamingHttpOutputMessage) request).setBody(ByteArrayBody.of("SELECT 1".getBytes()));
				request.execute().close();
				failure.complete(null);
			}
			catch (IOException ex) {
				failure.complete(ex);
			}
			interrupted.complete(Thread.currentThread().isInterrupted());
		});
		caller.start();
		while (server.getAllServeEvents().isEmpty()) {
			Thread.sleep(10);
		}
		caller.interrupt();
		// Well before the answer's 10 s delay.
		assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
			.hasMessage("Interrupted while waiting for the answer")
			.hasCauseInstanceOf(InterruptedException.class);
		assertThat(interrupted.get(1, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void connectionRefusedIsAConnectException() throws IOException {
		int port;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = closed.getLocalPort();
		}
		ClientHttpRequest request = this.factory.createRequest(URI.create("http://127.0.0.1:" + port + "/api/v1/ping"),
				HttpMethod.GET);
		assertThatExceptionOfType(ConnectException.class).isThrownBy(request::execute);
	}

	private ClientHttpRequest request(HttpMethod method, String path) throws IOException {
		return this.factory.createRequest(URI.create(server.baseUrl() + path), method);
	}

	private static LoggedRequest onlyRequest() {
		return CnosServerStub.onlyRequest(server);
	}

	private static byte[] lines(int length) {
		byte[] lines = new byte[length];
		byte[] line = "cpu,host=a usage=1 1\n".getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < length; i++) {
			lines[i] = line[i % line.length];
		}
		return lines;
	}

}
