package io.cnosdb.client.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.client.CnosInvalidDataException;
import io.cnosdb.client.CnosObjectNotFoundException;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.CnosTransientException;
import io.cnosdb.client.CnosUnsupportedOperationException;
import io.cnosdb.client.WriteStubs;
import io.cnosdb.client.write.Field;
import io.cnosdb.client.write.Measurement;
import io.cnosdb.client.write.Point;
import io.cnosdb.client.write.Tag;
import io.cnosdb.client.write.Timestamp;
import io.cnosdb.client.write.WritePrecision;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.util.unit.DataSize;

import static io.cnosdb.client.batch.AirWrites.gated;
import static io.cnosdb.client.batch.AirWrites.lines;
import static io.cnosdb.client.batch.AirWrites.point;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.CnosServerStub.error;
import static io.cnosdb.client.WriteStubs.WRITE_PATH;
import static io.cnosdb.client.WriteStubs.assertWriteRequest;
import static io.cnosdb.client.WriteStubs.writeOk;
import static io.cnosdb.client.WriteStubs.writeRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link CnosBatchWriter}: batching, retries, failure reporting, back-pressure,
 * shutdown, and accounting under concurrent producers. Assertions are on outcomes and on
 * what the server received, never on how fast anything happened.
 */
class CnosBatchWriterTests {

	private static final String NS = "tenant=cnosdb&db=public&precision=ns";

	/** CnosDB 2.4.2.1's answer to a request that writes a field with two types. */
	private static final String TYPE_CONFLICT_IN_REQUEST = "{\"error_code\":\"050014\",\"error_message\":\"line to batch error: Expected f64 column\"}";

	/** CnosDB 2.4.2.1's answer to a line whose field type differs from the table's. */
	private static final String TYPE_CONFLICT_WITH_TABLE = "{\"error_code\":\"050014\",\"error_message\":\"Apply engine failed: DataSchemaError: Column 'v' type error, found F64 expected I64\"}";

	private static final String MEMORY_EXHAUSTED = "{\"error_code\":\"050033\",\"error_message\":\"Memory Exhausted Retry Later\"}";

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private final List<WriteFailure> failures = Collections.synchronizedList(new ArrayList<>());

	private CnosTemplate template;

	private CnosBatchWriter writer;

	@BeforeEach
	void createTemplate() {
		this.template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build();
	}

	@AfterEach
	void closeWriter() {
		if (this.writer != null) {
			this.writer.close();
		}
	}

	private CnosBatchWriter.Builder writer() {
		return CnosBatchWriter.builder(this.template)
			.flushInterval(Duration.ofHours(1))
			.retryInterval(Duration.ofMillis(5))
			.retryJitter(Duration.ZERO)
			.maxRetryDelay(Duration.ofMillis(20))
			.failureListener(this.failures::add);
	}

	@Test
	void batchIsSentWhenBatchSizePointsAreBuffered() throws Exception {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.writer = writer().batchSize(3).build();
		CompletableFuture<Void> first = this.writer.writePoint(point(1));
		this.writer.writePoints(List.of(point(2), point(3))).get(10, TimeUnit.SECONDS);
		assertThat(first).isCompleted();
		this.writer.writePoint(point(4));
		assertThat(this.writer.getStatistics().buffered()).isEqualTo(1);
		assertThat(writeRequests(server)).hasSize(1);
		assertWriteRequest(writeRequests(server).get(0), NS, lines(1, 2, 3));
		this.writer.flush();
		assertThat(writeRequests(server)).hasSize(2);
		assertWriteRequest(writeRequests(server).get(1), NS, lines(4));
		assertThat(this.writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 4, 0, 0));
	}

	@Test
	void batchIsSentWhenTheFlushIntervalPasses() throws Exception {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.writer = writer().batchSize(1000).flushInterval(Duration.ofMillis(50)).build();
		this.writer.writePoint(point(1)).get(10, TimeUnit.SECONDS);
		assertWriteRequest(CnosServerStub.onlyRequest(server), NS, lines(1));
	}

	@Test
	void rawLinesAndObjectsAreBatchedInTheWritersPrecision() throws Exception {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.writer = writer().batchSize(4).precision(WritePrecision.MS).build();
		this.writer.writeLines("m v=1 1700000000001\nm v=2 1700000000002");
		this.writer.writeObject(new Sample("s1", 3.5, 1700000000003L));
		this.writer.writePoint(point(4)).get(10, TimeUnit.SECONDS);
		assertWriteRequest(CnosServerStub.onlyRequest(server), "tenant=cnosdb&db=public&precision=ms",
				"m v=1 1700000000001\nm v=2 1700000000002\nsample,id=s1 v=3.5 1700000000003\n"
						+ "air,id=4 v=4i 1700000000004\n");
	}

	@Test
	void malformedInputIsRefusedToTheCallerNotReportedLater() {
		this.writer = writer().precision(WritePrecision.MS).build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.writer.writeLines("m v=1"))
			.withMessageStartingWith("element 1: Line 1 has no timestamp;");
		Point withoutTime = Point.measurement("m").field("v", 1L).build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.writer.writePoints(List.of(point(1), withoutTime)))
			.withMessageStartingWith("point 2: Point 'm' has no timestamp;");
		assertThat(this.writer.getStatistics().buffered()).isZero();
		this.writer.flush();
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void pointRefusedByTheEncoderLeavesTheBufferedLinesAsTheyWere() throws Exception {
		// A point that cannot be encoded is refused to the caller and leaves no bytes
		// behind in what is buffered.
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.writer = writer().batchSize(3).precision(WritePrecision.MS).build();
		CompletableFuture<Void> first = this.writer.writePoint(point(1));
		Point withoutTime = Point.measurement("m").field("v", 1L).build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.writer.writePoint(withoutTime))
			.withMessageStartingWith("Point 'm' has no timestamp;");
		Point belowPrecision = Point.measurement("m")
			.field("v", 1L)
			.time(1_700_000_000_000_000_001L, TimeUnit.NANOSECONDS)
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.writer.writePoint(belowPrecision));
		assertThat(this.writer.getStatistics().buffered()).isEqualTo(1);
		this.writer.writePoint(point(2));
		this.writer.writePoint(point(3)).get(10, TimeUnit.SECONDS);
		assertThat(first).isCompleted();
		assertWriteRequest(CnosServerStub.onlyRequest(server), "tenant=cnosdb&db=public&precision=ms",
				"air,id=1 v=1i 1700000000001\nair,id=2 v=2i 1700000000002\nair,id=3 v=3i 1700000000003\n");
		assertThat(this.writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 3, 0, 0));
	}

	@Test
	void pointRefusedBeforeAnyOtherLeavesNothingBehind() throws Exception {
		// The first point of a queue is encoded into a new block of lines: refused, it
		// leaves neither bytes nor an empty block in the next request.
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.writer = writer().batchSize(2).precision(WritePrecision.MS).build();
		Point withoutTime = Point.measurement("m").field("v", 1L).build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.writer.writePoint(withoutTime))
			.withMessageStartingWith("Point 'm' has no timestamp;");
		assertThat(this.writer.getStatistics().buffered()).isZero();
		this.writer.writePoint(point(1));
		this.writer.writePoint(point(2)).get(10, TimeUnit.SECONDS);
		assertWriteRequest(CnosServerStub.onlyRequest(server), "tenant=cnosdb&db=public&precision=ms",
				"air,id=1 v=1i 1700000000001\nair,id=2 v=2i 1700000000002\n");
		assertThat(this.writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 2, 0, 0));
	}

	@Test
	void transientFailuresAreRetriedUntilAcknowledged() throws Exception {
		// A proxy's 503 and 429 with Retry-After, CnosDB's "retry later" (050033), a
		// reset
		// connection, then success.
		String scenario = "flaky";
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0"))
			.willSetStateTo("429"));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).inScenario(scenario)
			.whenScenarioStateIs("429")
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0"))
			.willSetStateTo("050033"));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).inScenario(scenario)
			.whenScenarioStateIs("050033")
			.willReturn(error(422, MEMORY_EXHAUSTED))
			.willSetStateTo("reset"));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).inScenario(scenario)
			.whenScenarioStateIs("reset")
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("ok"));
		server.stubFor(
				post(urlPathEqualTo(WRITE_PATH)).inScenario(scenario).whenScenarioStateIs("ok").willReturn(writeOk()));
		this.writer = writer().batchSize(2).build();
		this.writer.writePoints(List.of(point(1), point(2))).get(10, TimeUnit.SECONDS);
		List<LoggedRequest> requests = writeRequests(server);
		assertThat(requests).hasSize(5);
		for (LoggedRequest request : requests) {
			assertWriteRequest(request, NS, lines(1, 2));
		}
		assertThat(this.failures).isEmpty();
		assertThat(this.writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 2, 8, 0));
	}

	@Test
	void dataErrorsAreNotRetriedAndReachTheListenerAndTheFuture() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(error(422, WriteStubs.PARSE_ERROR)));
		this.writer = writer().batchSize(1).build();
		CompletableFuture<Void> future = this.writer.writePoint(point(1));
		this.writer.flush();
		assertThat(writeRequests(server)).hasSize(1);
		assertThat(this.failures).singleElement().satisfies((failure) -> {
			assertThat(failure.points()).containsExactly(point(1));
			assertThat(failure.lines()).isEmpty();
			assertThat(failure.attempts()).isEqualTo(1);
			assertThat(failure.possiblyWritten()).isFalse();
			assertThat(failure.exception()).isInstanceOf(CnosInvalidDataException.class);
			assertThat(((CnosInvalidDataException) failure.exception()).getErrorCode()).isEqualTo("040004");
		});
		assertThat(future).isCompletedExceptionally();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(future::get)
			.withCauseInstanceOf(CnosInvalidDataException.class);
		assertThat(this.writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 0, 0, 1));
	}

	@Test
	void badRequestAndUnknownDatabaseAreNotRetried() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(error(400,
				"{\"error_code\":\"040005\",\"error_message\":\"Invalid header: content encoding not support: x\"}")));
		this.writer = writer().batchSize(1).build();
		this.writer.writePoint(point(1));
		this.writer.flush();
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(
				error(422, "{\"error_code\":\"030017\",\"error_message\":\"Database not found: \\\"public\\\"\"}")));
		this.writer.writePoint(point(2));
		this.writer.flush();
		assertThat(writeRequests(server)).hasSize(2);
		assertThat(this.failures).extracting(WriteFailure::exception)
			.hasExactlyElementsOfTypes(CnosUnsupportedOperationException.class, CnosObjectNotFoundException.class);
		assertThat(this.failures).extracting(WriteFailure::attempts).containsExactly(1, 1);
	}

	@Test
	void failureListenerReceivesExactlyThePointsThatFailed() {
		// A float among integers: CnosDB 2.4.2.1 refuses the mixed request and the bad
		// line alone.
		Point bad = Point.measurement("air").tag("id", "bad").field("v", 3.5).build();
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).atPriority(2)
			.withRequestBody(containing("id=bad"))
			.willReturn(error(422, TYPE_CONFLICT_IN_REQUEST)));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).atPriority(1)
			.withRequestBody(equalTo("air,id=bad v=3.5\n"))
			.willReturn(error(422, TYPE_CONFLICT_WITH_TABLE)));
		this.writer = writer().batchSize(2).build();
		List<CompletableFuture<Void>> futures = new ArrayList<>();
		futures.add(this.writer.writePoint(point(1)));
		futures.add(this.writer.writePoint(point(2)));
		futures.add(this.writer.writePoint(bad));
		futures.add(this.writer.writeLines("air,id=5 v=5i"));
		futures.add(this.writer.writePoint(point(6)));
		this.writer.flush();
		assertThat(this.failures).singleElement().satisfies((failure) -> {
			assertThat(failure.points()).containsExactly(bad);
			assertThat(failure.lines()).isEmpty();
			assertThat(failure.possiblyWritten()).isFalse();
			assertThat(failure.exception()).hasMessageContaining("Column 'v' type error, found F64 expected I64");
		});
		assertThat(futures).extracting(CompletableFuture::isCompletedExceptionally)
			.containsExactly(false, false, true, false, false);
		assertThat(futures).allMatch(CompletableFuture::isDone);
		// [1, 2], [bad, 5] refused, [bad] refused, [5], [6]
		assertThat(writeRequests(server)).hasSize(5);
		assertWriteRequest(writeRequests(server).get(3), NS, "air,id=5 v=5i\n");
		assertThat(this.writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 4, 0, 1));
	}

	@Test
	void retriesStopAtMaxRetries() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(aResponse().withStatus(503)));
		this.writer = writer().batchSize(1).maxRetries(2).build();
		CompletableFuture<Void> future = this.writer.writePoint(point(1));
		this.writer.flush();
		assertThat(writeRequests(server)).hasSize(3);
		assertThat(this.failures).singleElement().satisfies((failure) -> {
			assertThat(failure.attempts()).isEqualTo(3);
			assertThat(failure.exception()).isInstanceOf(CnosTransientException.class);
		});
		assertThat(future).isCompletedExceptionally();
		assertThat(this.writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 0, 2, 1));
	}

	@Test
	void retryAfterBeyondTheMaxRetryTimeIsNotAwaited() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH))
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
		this.writer = writer().batchSize(1).maxRetryTime(Duration.ofMinutes(1)).build();
		this.writer.writePoint(point(1));
		this.writer.flush();
		assertThat(writeRequests(server)).hasSize(1);
		assertThat(this.failures).singleElement().satisfies((failure) -> {
			assertThat(failure.attempts()).isEqualTo(1);
			assertThat(((CnosTransientException) failure.exception()).getRetryAfter()).isEqualTo(Duration.ofHours(1));
		});
	}

	@Test
	void closeFlushesBufferedPointsAndLaterWritesFailLoudly() throws Exception {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.writer = writer().batchSize(1000).build();
		CompletableFuture<Void> future = this.writer.writePoints(List.of(point(1), point(2), point(3)));
		assertThat(writeRequests(server)).isEmpty();
		this.writer.close();
		assertThat(future).isCompleted();
		assertWriteRequest(CnosServerStub.onlyRequest(server), NS, lines(1, 2, 3));
		assertThatIllegalStateException().isThrownBy(() -> this.writer.writePoint(point(4)))
			.withMessage("The CnosBatchWriter is closed; nothing was accepted");
		this.writer.close();
		assertThat(writeRequests(server)).hasSize(1);
	}

	@Test
	void closeReportsWhatItCouldNotWriteBeforeTheShutdownTimeout() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(aResponse().withStatus(503)));
		this.writer = writer().batchSize(1000)
			.maxRetries(Integer.MAX_VALUE)
			.retryInterval(Duration.ofMillis(20))
			.maxRetryDelay(Duration.ofMillis(20))
			.shutdownTimeout(Duration.ofSeconds(1))
			.build();
		CompletableFuture<Void> future = this.writer.writePoints(List.of(point(1), point(2)));
		this.writer.close();
		assertThat(future).isCompletedExceptionally();
		assertThat(this.failures).singleElement().satisfies((failure) -> {
			assertThat(failure.points()).containsExactly(point(1), point(2));
			assertThat(failure.exception()).isInstanceOf(CnosWriteAbandonedException.class)
				.hasMessageContaining("shutdown timeout 1000 ms")
				.hasCauseInstanceOf(CnosTransientException.class);
		});
		assertThat(writeRequests(server)).isNotEmpty()
			.allSatisfy((request) -> assertWriteRequest(request, NS, lines(1, 2)));
		assertThat(this.writer.getStatistics().failed()).isEqualTo(2);
	}

	@Test
	void fullBufferFailsAtOnceUnderTheFailPolicy() throws Exception {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		CountDownLatch release = new CountDownLatch(1);
		this.writer = CnosBatchWriter.builder(gated(this.template, release))
			.batchSize(2)
			.bufferLimit(2)
			.overflowPolicy(OverflowPolicy.FAIL)
			.flushInterval(Duration.ofHours(1))
			.build();
		CompletableFuture<Void> inFlight = this.writer.writePoints(List.of(point(1), point(2)));
		assertThatExceptionOfType(CnosWriteBufferFullException.class).isThrownBy(() -> this.writer.writePoint(point(3)))
			.withMessage("The CnosBatchWriter buffer holds 2 of 2 points and cannot take 1 more "
					+ "(overflow policy FAIL); nothing was accepted");
		release.countDown();
		inFlight.get(10, TimeUnit.SECONDS);
		this.writer.writePoint(point(3));
		this.writer.flush();
		assertThat(writeRequests(server)).hasSize(2);
		assertWriteRequest(writeRequests(server).get(1), NS, lines(3));
	}

	@Test
	void fullBufferBlocksTheWriterUntilRoomOrTimeout() throws Exception {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		CountDownLatch release = new CountDownLatch(1);
		this.writer = CnosBatchWriter.builder(gated(this.template, release))
			.batchSize(2)
			.bufferLimit(2)
			.overflowPolicy(OverflowPolicy.BLOCK)
			.blockTimeout(Duration.ofMillis(100))
			.flushInterval(Duration.ofHours(1))
			.build();
		this.writer.writePoints(List.of(point(1), point(2)));
		assertThatExceptionOfType(CnosWriteBufferFullException.class).isThrownBy(() -> this.writer.writePoint(point(3)))
			.withMessageEndingWith("after waiting 100 ms; nothing was accepted");
		CnosBatchWriter patient = CnosBatchWriter.builder(gated(this.template, release))
			.batchSize(1)
			.bufferLimit(1)
			.blockTimeout(Duration.ofMinutes(1))
			.build();
		try {
			patient.writePoint(point(4));
			CompletableFuture<CompletableFuture<Void>> blocked = CompletableFuture
				.supplyAsync(() -> patient.writePoint(point(5)));
			release.countDown();
			blocked.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
		}
		finally {
			patient.close();
		}
		this.writer.flush();
		assertThat(writeRequests(server)).extracting((request) -> request.getBodyAsString())
			.containsExactlyInAnyOrder(lines(1, 2), lines(4), lines(5));
	}

	@Test
	void writeLargerThanTheBufferIsRefused() {
		this.writer = writer().batchSize(2).bufferLimit(3).build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.writer.writePoints(List.of(point(1), point(2), point(3), point(4))))
			.withMessage("A write of 4 points cannot fit in a buffer of 3; split it or raise the buffer limit");
	}

	@Test
	void batchLargerThanOneRequestIsSplitIntoSeveralRequests() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.writer = writer().batchSize(100).maxRequestSize(DataSize.ofKilobytes(1)).build();
		List<Point> points = new ArrayList<>();
		StringBuilder expected = new StringBuilder();
		for (int i = 0; i < 100; i++) {
			points.add(point(i));
			expected.append(lines(i));
		}
		this.writer.writePoints(points);
		this.writer.flush();
		List<LoggedRequest> requests = writeRequests(server);
		assertThat(requests).hasSizeGreaterThan(2);
		StringBuilder received = new StringBuilder();
		for (LoggedRequest request : requests) {
			assertThat(request.getBody().length).isLessThanOrEqualTo(1024);
			assertThat(request.getHeader("Content-Length")).isEqualTo(String.valueOf(request.getBody().length));
			received.append(request.getBodyAsString());
		}
		assertThat(received.toString()).isEqualTo(expected.toString());
		assertThat(this.writer.getStatistics().written()).isEqualTo(100);
	}

	@Test
	void flushFromTheWritersOwnThreadIsRefused() throws Exception {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.writer = writer().batchSize(1).build();
		CompletableFuture<Throwable> refused = new CompletableFuture<>();
		this.writer.writePoint(point(1)).whenComplete((ok, ex) -> {
			try {
				this.writer.flush();
				refused.complete(null);
			}
			catch (IllegalStateException expected) {
				refused.complete(expected);
			}
		});
		assertThat(refused.get(10, TimeUnit.SECONDS))
			.hasMessage("flush() cannot be called from the CnosBatchWriter's own thread");
	}

	@Test
	void countersArePublishedToMicrometer() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.writer = writer().batchSize(10).build();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new CnosBatchWriterMetrics(this.writer, List.of()).bindTo(registry);
		this.writer.writePoints(List.of(point(1), point(2)));
		assertThat(registry.get("cnosdb.batch.points.buffered").gauge().value()).isEqualTo(2.0);
		this.writer.flush();
		assertThat(registry.get("cnosdb.batch.points.written").functionCounter().count()).isEqualTo(2.0);
		assertThat(registry.get("cnosdb.batch.points.retried").functionCounter().count()).isZero();
		assertThat(registry.get("cnosdb.batch.points.failed").functionCounter().count()).isZero();
		assertThat(registry.get("cnosdb.batch.points.buffered").gauge().value()).isCloseTo(0.0, within(0.0));
		assertThat(registry.get("cnosdb.batch.points.written")
			.tag("cnosdb.tenant", "cnosdb")
			.tag("db.namespace", "public")
			.functionCounter()).isNotNull();
	}

	@Test
	void concurrentProducersHaveEveryPointAccountedFor() throws Exception {
		// Every other request fails once with a 503 (and is retried); requests holding a
		// poisoned point (a float among integers) are refused as CnosDB does, and the
		// poisoned points isolated and reported.
		String scenario = "alternating";
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0"))
			.willSetStateTo("up"));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).inScenario(scenario)
			.whenScenarioStateIs("up")
			.willReturn(writeOk())
			.willSetStateTo(Scenario.STARTED));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).atPriority(2)
			.withRequestBody(containing("poison"))
			.willReturn(error(422, TYPE_CONFLICT_IN_REQUEST)));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).atPriority(1)
			.withRequestBody(matching("[^\\n]*poison[^\\n]*\\n"))
			.willReturn(error(422, TYPE_CONFLICT_WITH_TABLE)));
		int producers = 8;
		int perProducer = 12_500;
		this.writer = writer().batchSize(1000)
			.bufferLimit(8000)
			.flushInterval(Duration.ofMillis(20))
			.blockTimeout(Duration.ofMinutes(1))
			.maxRetries(10)
			.build();
		List<List<CompletableFuture<Void>>> futures = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < producers; p++) {
			List<CompletableFuture<Void>> mine = new ArrayList<>();
			futures.add(mine);
			int producer = p;
			Thread thread = new Thread(() -> {
				for (int i = 0; i < perProducer; i++) {
					String id = producer + "-" + i;
					boolean poison = (i % 4999 == 4998);
					mine.add(this.writer.writePoint(Point.measurement("load")
						.tag("id", poison ? id + "-poison" : id)
						.field("v", poison ? i + 0.5 : (long) i)
						.time(i, TimeUnit.MILLISECONDS)
						.build()));
				}
			});
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join(TimeUnit.MINUTES.toMillis(2));
		}
		this.writer.flush();
		long produced = (long) producers * perProducer;
		long acknowledged = 0;
		long failedFutures = 0;
		for (List<CompletableFuture<Void>> mine : futures) {
			assertThat(mine).hasSize(perProducer).allMatch(CompletableFuture::isDone);
			for (CompletableFuture<Void> future : mine) {
				if (future.isCompletedExceptionally()) {
					failedFutures++;
				}
				else {
					acknowledged++;
				}
			}
		}
		long reported = this.failures.stream().mapToLong(WriteFailure::size).sum();
		System.out.println(
				"batch accounting: produced=" + produced + " acknowledged=" + acknowledged + " reported=" + reported);
		assertThat(acknowledged + reported).isEqualTo(produced);
		assertThat(failedFutures).isEqualTo(reported);
		// Two poisoned points per producer, and nothing else, are reported.
		assertThat(reported).isEqualTo(2 * producers);
		assertThat(this.failures).allSatisfy((failure) -> {
			assertThat(failure.exception()).isInstanceOf(CnosInvalidDataException.class);
			assertThat(failure.possiblyWritten()).isFalse();
			assertThat(failure.points()).singleElement()
				.satisfies((point) -> assertThat(point.getTags().get("id")).endsWith("-poison"));
		});
		assertThat(this.writer.getStatistics().buffered()).isZero();
		assertThat(this.writer.getStatistics().written()).isEqualTo(acknowledged);
		assertThat(this.writer.getStatistics().failed()).isEqualTo(reported);
		assertThat(this.writer.getStatistics().retried()).isPositive();
		// What the server acknowledged is exactly what the futures say was acknowledged.
		long linesAcknowledgedByServer = server.getAllServeEvents()
			.stream()
			.filter((event) -> event.getResponse().getStatus() == 200)
			.mapToLong((event) -> countLines(event.getRequest().getBody()))
			.sum();
		assertThat(linesAcknowledgedByServer).isEqualTo(acknowledged);
	}

	private static long countLines(byte[] body) {
		long lines = 0;
		for (byte b : body) {
			if (b == '\n') {
				lines++;
			}
		}
		return lines;
	}

	@Measurement("sample")
	record Sample(@Tag String id, @Field double v, @Timestamp long time) {
	}

}
