package io.cnosdb.client.batch;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.Point;
import io.cnosdb.client.write.WritePrecision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.cnosdb.client.CnosServerStub.empty;
import static io.cnosdb.client.CnosServerStub.error;
import static io.cnosdb.client.WriteStubs.WRITE_PATH;
import static io.cnosdb.client.WriteStubs.writeOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batching writer under faults: for each fault, four threads write a known set of
 * points, and in the end every point is acknowledged or reported (acknowledged + reported
 * = produced), every acknowledged point is in a request the server answered with 200, and
 * every report says truly whether CnosDB may have stored its points. Each case prints one
 * row of the accounting table of the README.
 */
class CnosBatchWriterFaultTests {

	private static final int PRODUCERS = 4;

	private static final int PER_PRODUCER = 250;

	private static final String HTML_502 = "<html><head><title>502 Bad Gateway</title></head><body><center>"
			+ "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

	private static final String HTML_503 = "<html><head><title>503 Service Temporarily Unavailable</title></head>"
			+ "<body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center>"
			+ "</body></html>";

	private static final CnosWriteEmulator emulator = new CnosWriteEmulator();

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(emulator))
		.build();

	@BeforeEach
	void resetEmulator() {
		emulator.reset();
	}

	static Stream<Arguments> faults() {
		return Stream.of(fault("connection refused", null, Expect.REPORTED_NOT_WRITTEN),
				fault("connection reset", (s) -> always(s, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
						Expect.REPORTED_POSSIBLY_WRITTEN),
				fault("no answer within the read timeout", (s) -> always(s, writeOk().withFixedDelay(1500)),
						Expect.REPORTED_POSSIBLY_WRITTEN),
				fault("200 whose body stalls",
						(s) -> always(s,
								aResponse().withStatus(200).withBody("0123456789").withChunkedDribbleDelay(10, 1500)),
						Expect.ACKNOWLEDGED_OR_POSSIBLY_WRITTEN),
				fault("empty 500", (s) -> always(s, empty(500)), Expect.REPORTED_POSSIBLY_WRITTEN),
				fault("HTML 502 from a proxy", (s) -> always(s, html(502, HTML_502)), Expect.REPORTED_POSSIBLY_WRITTEN),
				fault("HTML 503 from a proxy", (s) -> always(s, html(503, HTML_503)), Expect.REPORTED_POSSIBLY_WRITTEN),
				fault("429 Retry-After 0, never recovers",
						(s) -> always(s, aResponse().withStatus(429).withHeader("Retry-After", "0")),
						Expect.REPORTED_NOT_WRITTEN),
				fault("429 Retry-After 1, then recovers", CnosBatchWriterFaultTests::retryAfterOneSecond,
						Expect.ACKNOWLEDGED),
				fault("050033 memory exhausted",
						(s) -> always(s, error(422,
								"{\"error_code\":\"050033\",\"error_message\":\"Memory Exhausted Retry Later\"}")),
						Expect.REPORTED_POSSIBLY_WRITTEN),
				fault("030024 rate limit",
						(s) -> always(s,
								error(422, "{\"error_code\":\"030024\",\"error_message\":\"DataIn reached limit\"}")),
						Expect.REPORTED_NOT_WRITTEN),
				fault("reset, 500, 503, then recovers", CnosBatchWriterFaultTests::recoversAfterThreeFailures,
						Expect.ACKNOWLEDGED),
				fault("a bad point among good ones (type conflict)",
						(s) -> always(s, writeOk().withTransformers(CnosWriteEmulator.NAME)), Expect.BAD_POINTS_ONLY));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faults")
	void everyPointIsAcknowledgedOrReportedHonestly(String name, Consumer<WireMockExtension> stubs, Expect expect)
			throws Exception {
		String url = server.baseUrl();
		if (stubs == null) {
			url = "http://127.0.0.1:" + closedPort();
		}
		else {
			stubs.accept(server);
		}
		List<WriteFailure> failures = Collections.synchronizedList(new ArrayList<>());
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
		factory.setReadTimeout(Duration.ofMillis(300));
		CnosTemplate template = CnosTemplate.builder()
			.restClientBuilder(RestClient.builder().requestFactory(factory))
			.url(url)
			.credentials("root", "")
			.build();
		boolean withBadPoints = expect == Expect.BAD_POINTS_ONLY;
		// The table exists, with a float column f.
		emulator.createColumn("fault", "f", "F64");
		long started = System.nanoTime();
		try (CnosBatchWriter writer = CnosBatchWriter.builder(template)
			.batchSize(250)
			.bufferLimit(2000)
			.flushInterval(Duration.ofMillis(10))
			.blockTimeout(Duration.ofMinutes(1))
			.maxRetries(3)
			.retryInterval(Duration.ofMillis(10))
			.retryJitter(Duration.ZERO)
			.maxRetryDelay(Duration.ofMillis(40))
			.maxRetryTime(Duration.ofSeconds(10))
			.failureListener(failures::add)
			.build()) {
			List<List<CompletableFuture<Void>>> futures = produce(writer, withBadPoints);
			writer.flush();
			long acknowledged = 0;
			Set<String> acknowledgedLines = new HashSet<>();
			for (int p = 0; p < PRODUCERS; p++) {
				for (int i = 0; i < PER_PRODUCER; i++) {
					CompletableFuture<Void> future = futures.get(p).get(i);
					assertThat(future).isDone();
					if (!future.isCompletedExceptionally()) {
						acknowledged++;
						acknowledgedLines.add(line(point(p, i, withBadPoints)));
					}
				}
			}
			long produced = PRODUCERS * PER_PRODUCER;
			long reported = failures.stream().mapToLong(WriteFailure::size).sum();
			long possiblyWritten = failures.stream()
				.filter(WriteFailure::possiblyWritten)
				.mapToLong(WriteFailure::size)
				.sum();
			List<ServeEvent> events = server.getAllServeEvents();
			System.out.printf(
					"fault accounting | %s | produced %d | acknowledged %d | reported %d "
							+ "(possibly written %d) | requests %d | %d ms%n",
					name, produced, acknowledged, reported, possiblyWritten, events.size(),
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
			assertThat(acknowledged + reported).isEqualTo(produced);
			assertThat(writer.getStatistics().written()).isEqualTo(acknowledged);
			assertThat(writer.getStatistics().failed()).isEqualTo(reported);
			assertThat(writer.getStatistics().buffered()).isZero();
			// No acknowledged point is missing from what the server answered with 200.
			Set<String> answeredWith200 = new HashSet<>();
			for (ServeEvent event : events) {
				if (event.getResponse().getStatus() == 200 && event.getResponseDefinition().getFault() == null) {
					String body = new String(event.getRequest().getBody(), StandardCharsets.UTF_8);
					answeredWith200.addAll(List.of(body.split("\n")));
				}
			}
			assertThat(answeredWith200).containsAll(acknowledgedLines);
			expect.check(failures, acknowledged, produced);
			if (withBadPoints) {
				assertThat(emulator.storedLines()).containsExactlyInAnyOrderElementsOf(acknowledgedLines);
			}
		}
	}

	private static List<List<CompletableFuture<Void>>> produce(CnosBatchWriter writer, boolean withBadPoints)
			throws InterruptedException {
		List<List<CompletableFuture<Void>>> futures = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < PRODUCERS; p++) {
			List<CompletableFuture<Void>> mine = new ArrayList<>();
			futures.add(mine);
			int producer = p;
			Thread thread = new Thread(() -> {
				for (int i = 0; i < PER_PRODUCER; i++) {
					mine.add(writer.writePoint(point(producer, i, withBadPoints)));
				}
			});
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join(TimeUnit.MINUTES.toMillis(1));
		}
		return futures;
	}

	/** A point; with bad points, every 100th is an integer among floats. */
	private static Point point(int producer, int i, boolean withBadPoints) {
		Point.Builder point = Point.measurement("fault").tag("id", producer + "-" + i);
		if (withBadPoints && i % 100 == 57) {
			point.field("f", (long) i);
		}
		else {
			point.field("f", i + 0.5);
		}
		return point.time(1_700_000_000_000L + i, TimeUnit.MILLISECONDS).build();
	}

	private static String line(Point point) {
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.NS);
		buffer.append(point);
		return buffer.line(0);
	}

	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static Arguments fault(String name, Consumer<WireMockExtension> stubs, Expect expect) {
		return Arguments.of(name, stubs, expect);
	}

	private static void always(WireMockExtension server,
			com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(response));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder html(int status, String body) {
		return aResponse().withStatus(status)
			.withHeader("content-type", "text/html")
			.withHeader("content-length", String.valueOf(body.length()))
			.withBody(body);
	}

	private static void retryAfterOneSecond(WireMockExtension server) {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).inScenario("retry-after")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
			.willSetStateTo("up"));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).inScenario("retry-after")
			.whenScenarioStateIs("up")
			.willReturn(writeOk()));
	}

	private static void recoversAfterThreeFailures(WireMockExtension server) {
		String scenario = "recovers";
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("second"));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).inScenario(scenario)
			.whenScenarioStateIs("second")
			.willReturn(empty(500))
			.willSetStateTo("third"));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).inScenario(scenario)
			.whenScenarioStateIs("third")
			.willReturn(html(503, HTML_503))
			.willSetStateTo("up"));
		server.stubFor(
				post(urlPathEqualTo(WRITE_PATH)).inScenario(scenario).whenScenarioStateIs("up").willReturn(writeOk()));
	}

	enum Expect {

		/** Every point acknowledged. */
		ACKNOWLEDGED {
			@Override
			void check(List<WriteFailure> failures, long acknowledged, long produced) {
				assertThat(failures).isEmpty();
				assertThat(acknowledged).isEqualTo(produced);
			}
		},

		/** Every point reported, none possibly written. */
		REPORTED_NOT_WRITTEN {
			@Override
			void check(List<WriteFailure> failures, long acknowledged, long produced) {
				assertThat(acknowledged).isZero();
				assertThat(failures).isNotEmpty().noneMatch(WriteFailure::possiblyWritten);
			}
		},

		/** Every point reported as possibly written. */
		REPORTED_POSSIBLY_WRITTEN {
			@Override
			void check(List<WriteFailure> failures, long acknowledged, long produced) {
				assertThat(acknowledged).isZero();
				assertThat(failures).isNotEmpty().allMatch(WriteFailure::possiblyWritten);
			}
		},

		/** Each point acknowledged, or reported as possibly written. */
		ACKNOWLEDGED_OR_POSSIBLY_WRITTEN {
			@Override
			void check(List<WriteFailure> failures, long acknowledged, long produced) {
				assertThat(failures).allMatch(WriteFailure::possiblyWritten);
			}
		},

		/** Only the bad points reported, each alone, not written. */
		BAD_POINTS_ONLY {
			@Override
			void check(List<WriteFailure> failures, long acknowledged, long produced) {
				// Points 57 and 157 of each producer.
				assertThat(failures).hasSize(PRODUCERS * 2).allSatisfy((failure) -> {
					assertThat(failure.possiblyWritten()).isFalse();
					assertThat(failure.points()).singleElement()
						.satisfies((point) -> assertThat(point.getFields().get("f")).isInstanceOf(Long.class));
					assertThat(failure.exception()).hasMessageContaining("found I64 expected F64");
				});
			}
		};

		abstract void check(List<WriteFailure> failures, long acknowledged, long produced);

	}

}
