package io.cnosdb.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.cnosdb.client.FaultSuite.Endpoint;
import io.cnosdb.client.FaultSuite.Method;
import io.cnosdb.client.csv.CnosCsvImportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.DataAccessException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.cnosdb.client.CnosServerStub.empty;
import static io.cnosdb.client.CnosServerStub.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The fault suite of the template: every public method against every fault a network, a
 * proxy or CnosDB itself can produce, each failing in bounded time with the exception and
 * message the README's reliability table names. WireMock plays the faults it can; a raw
 * socket server the rest (garbage, resets, a stalled body).
 */
class TemplateFaultTests {

	@RegisterExtension
	static final WireMockExtension wireMock = CnosServerStub.server();

	private static RawHttpServer raw;

	private static final String PROXY_PAGE = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title>"
			+ "<style>body { font-family: sans-serif }</style></head><body><center><h1>502 Bad Gateway</h1></center>"
			+ "<hr><center>nginx/1.25.3</center>" + "<p>" + "The upstream server did not answer in time. ".repeat(12)
			+ "</p></body></html>";

	private static final String LOGIN_PAGE = "<html><head><title>Sign in &amp; continue</title>"
			+ "<script>window.location.hash = '';</script></head>"
			+ "<body><form action=\"/login\"><h1>Please sign in</h1><input name=\"user\"></form></body></html>";

	@BeforeAll
	static void startServers() throws IOException {
		raw = new RawHttpServer((request, in, out, client) -> false);
		// WireMock's first answer can take longer than the short read timeout.
		wireMock.stubFor(any(anyUrl()).willReturn(empty(404)));
		catchThrowable(() -> FaultSuite.template(wireMock.baseUrl()).ping());
	}

	@AfterAll
	static void stopRawServer() throws IOException {
		raw.close();
	}

	/** Each fault, how it is played, and what every method must throw. */
	enum Fault {

		CONNECTION_REFUSED(CnosResourceFailureException.class, "failed: cannot reach CnosDB at http://127.0.0.1:"),

		RESET_MID_REQUEST(CnosResourceFailureException.class, "failed: I/O error talking to CnosDB at"),

		RESET_MID_RESPONSE(CnosResourceFailureException.class, "failed: I/O error talking to CnosDB at"),

		STALLED_BODY(CnosQueryTimeoutException.class,
				"did not answer within the read timeout (HttpTimeoutException: the response was not complete"),

		NO_ANSWER(CnosQueryTimeoutException.class, "did not answer within the read timeout"),

		EMPTY_500(CnosServerException.class, "failed: HTTP 500"),

		HTML_502(CnosTransientException.class,
				"failed: HTTP 502: 502 Bad Gateway 502 Bad Gateway nginx/1.25.3 The upstream server did not answer"),

		HTML_503(CnosTransientException.class, "failed: HTTP 503: 502 Bad Gateway"),

		TOO_MANY_REQUESTS_429(CnosTransientException.class,
				"failed: HTTP 429: slow down (the server asks to retry after 7000 ms)"),

		MEMORY_EXHAUSTED_050033(CnosTransientException.class,
				"failed: CnosDB error 050033 (HTTP 422): Memory exhausted"),

		RATE_LIMITED_030024(CnosTransientException.class, "failed: CnosDB error 030024 (HTTP 422): "),

		TOO_LARGE_413(CnosUnsupportedOperationException.class,
				"failed: HTTP 413 (the request body is above the server's size limit)"),

		ERROR_IN_STREAMED_200(CnosInvalidDataException.class,
				"(result stream ended with an error) failed: CnosDB error 040007 (HTTP 200): Fetch result: Arrow"),

		LOGIN_PAGE_200(CnosResourceFailureException.class,
				"failed: something other than CnosDB answered at http://localhost:"),

		GARBAGE(CnosResourceFailureException.class, "did not answer with HTTP");

		final Class<? extends DataAccessException> type;

		final String message;

		Fault(Class<? extends DataAccessException> type, String message) {
			this.type = type;
			this.message = message;
		}

	}

	static Stream<Arguments> faultsAndMethods() {
		List<Arguments> cases = new ArrayList<>();
		for (Fault fault : Fault.values()) {
			for (Method method : FaultSuite.METHODS) {
				cases.add(Arguments.of(fault, method));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} → {1}")
	@MethodSource("faultsAndMethods")
	void everyMethodFailsWithTheRightExceptionInBoundedTime(Fault fault, Method method) throws IOException {
		String url = play(fault);
		CnosTemplate template = FaultSuite.template(url);
		Throwable thrown = assertTimeoutPreemptively(FaultSuite.BOUND,
				() -> catchThrowable(() -> method.call().apply(template)));
		assertThat(thrown).as("what %s threw", method).isNotNull();
		if (method.wrapped()) {
			assertThat(thrown).isInstanceOf(CnosCsvImportException.class)
				.hasMessageStartingWith("Cannot read the schema of table 'm': ");
			thrown = thrown.getCause();
		}
		Class<? extends DataAccessException> type = fault.type;
		String message = fault.message;
		if (fault == Fault.ERROR_IN_STREAMED_200 && method.endpoint() != Endpoint.SQL) {
			// A CSV body where CnosDB answers a write with none and ping with JSON.
			type = CnosResourceFailureException.class;
			message = "failed: something other than CnosDB answered";
		}
		assertThat(thrown).isInstanceOf(type).isInstanceOf(CnosErrorAware.class).hasMessageContaining(message);
		assertThat(thrown.getMessage()).hasSizeLessThan(800);
		if (fault.name().startsWith("HTML") || fault == Fault.LOGIN_PAGE_200) {
			assertThat(thrown.getMessage()).doesNotContain("<").doesNotContain("font-family").doesNotContain("window");
		}
		if (fault == Fault.TOO_MANY_REQUESTS_429) {
			assertThat(((CnosTransientException) thrown).getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
		}
		if (fault == Fault.RESET_MID_REQUEST && method.endpoint() == Endpoint.PING) {
			// The JDK client sends a GET once more after a connection reset.
			assertThat(requestPaths(fault)).as("what the server received")
				.hasSizeBetween(1, 2)
				.containsOnly(method.endpoint().path);
		}
		else if (fault != Fault.CONNECTION_REFUSED) {
			assertThat(requestPaths(fault)).as("what the server received").containsExactly(method.endpoint().path);
		}
	}

	@Test
	void aServerThatRecoversAfterThreeFailuresIsUsedAgainWithoutRestart() throws IOException {
		for (Method method : FaultSuite.METHODS) {
			if (method.wrapped()) {
				continue; // a CSV import needs a table schema, not this server's answer
			}
			AtomicInteger requests = new AtomicInteger();
			raw.answerWith((request, in, out, client) -> {
				RawHttpServer.readBody(request, in);
				if (requests.incrementAndGet() <= 3) {
					out.write(("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
				}
				else {
					out.write(FaultSuite.healthyAnswer(request.path()));
				}
				out.flush();
				return true;
			});
			CnosTemplate template = FaultSuite.template(raw.url());
			for (int attempt = 1; attempt <= 3; attempt++) {
				Throwable thrown = catchThrowable(() -> method.call().apply(template));
				assertThat(thrown).as("%s, attempt %d", method, attempt)
					.isInstanceOf(CnosTransientException.class)
					.hasMessageContaining("failed: HTTP 503");
			}
			Object result = assertTimeoutPreemptively(FaultSuite.BOUND, () -> method.call().apply(template));
			assertThat(result).as("%s after recovery", method).isNotNull();
			assertThat(raw.requestLines()).as("%s: requests", method)
				.hasSize(4)
				.allSatisfy((line) -> assertThat(line).contains(method.endpoint().path));
		}
	}

	/** Set the fault up and return the URL to talk to. */
	private static String play(Fault fault) throws IOException {
		switch (fault) {
			case CONNECTION_REFUSED -> {
				return FaultSuite.refusingUrl();
			}
			case RESET_MID_REQUEST -> raw.answerWith((request, in, out, client) -> {
				RawHttpServer.reset(client);
				return false;
			});
			case RESET_MID_RESPONSE -> raw.answerWith((request, in, out, client) -> {
				RawHttpServer.readBody(request, in);
				String head = new String(FaultSuite.healthyAnswer(request.path()), StandardCharsets.US_ASCII);
				head = head.substring(0, head.indexOf("\r\n\r\n")).replaceFirst("content-length: \\d+", "")
						+ "content-length: 1000\r\n\r\n";
				out.write((head + "database_name\npub").getBytes(StandardCharsets.US_ASCII));
				out.flush();
				Thread.sleep(50);
				RawHttpServer.reset(client);
				return false;
			});
			case STALLED_BODY -> raw.answerWith((request, in, out, client) -> {
				RawHttpServer.readBody(request, in);
				out.write(("HTTP/1.1 200 OK\r\ncontent-type: application/csv\r\ncontent-encoding: identity\r\n"
						+ "transfer-encoding: chunked\r\n\r\n" + "e\r\ndatabase_name\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				Thread.sleep(30_000);
				return false;
			});
			case NO_ANSWER -> raw.answerWith((request, in, out, client) -> {
				RawHttpServer.readBody(request, in);
				Thread.sleep(30_000);
				return false;
			});
			case GARBAGE -> raw.answerWith((request, in, out, client) -> {
				RawHttpServer.readBody(request, in);
				byte[] garbage = new byte[512];
				new Random(11).nextBytes(garbage);
				out.write(garbage);
				out.flush();
				return false;
			});
			default -> {
				wireMock.stubFor(any(anyUrl()).willReturn(wireMockAnswer(fault)));
				return wireMock.baseUrl();
			}
		}
		return raw.url();
	}

	private static ResponseDefinitionBuilder wireMockAnswer(Fault fault) {
		return switch (fault) {
			case EMPTY_500 -> empty(500);
			case HTML_502 -> html(502, PROXY_PAGE);
			case HTML_503 -> html(503, PROXY_PAGE);
			case TOO_MANY_REQUESTS_429 -> aResponse().withStatus(429)
				.withHeader("content-type", "text/plain")
				.withHeader("retry-after", "7")
				.withBody("slow down");
			case MEMORY_EXHAUSTED_050033 ->
				error(422, "{\"error_code\":\"050033\",\"error_message\":\"Memory exhausted, please retry later\"}");
			case RATE_LIMITED_030024 -> error(422,
					"{\"error_code\":\"030024\",\"error_message\":\"Request limit exceeded: data_in, rate limit\"}");
			case TOO_LARGE_413 -> empty(413);
			case ERROR_IN_STREAMED_200 -> CnosServerStub.streamedCsv("database_name\n"
					+ "{\"error_code\": \"040007\", \"error_message\": \"Fetch result: Arrow: Cast error: Cannot cast string 'x' to value of Int64 type\"}");
			case LOGIN_PAGE_200 -> html(200, LOGIN_PAGE);
			default -> throw new IllegalArgumentException(fault.name());
		};
	}

	private static ResponseDefinitionBuilder html(int status, String page) {
		return aResponse().withStatus(status)
			.withHeader("content-type", "text/html; charset=utf-8")
			.withHeader("content-length", String.valueOf(page.getBytes(StandardCharsets.UTF_8).length))
			.withBody(page);
	}

	private static List<String> requestPaths(Fault fault) {
		return switch (fault) {
			case RESET_MID_REQUEST, RESET_MID_RESPONSE, STALLED_BODY, NO_ANSWER, GARBAGE ->
				raw.requestLines().stream().map((line) -> line.split(" ")[1].replaceFirst("\\?.*", "")).toList();
			default -> wireMock.getAllServeEvents()
				.stream()
				.map(ServeEvent::getRequest)
				.map((request) -> request.getUrl().replaceFirst("\\?.*", ""))
				.toList();
		};
	}

}
