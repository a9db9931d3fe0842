package io.cnosdb.client.batch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.Point;
import io.cnosdb.client.write.WritePrecision;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.util.unit.DataSize;

import static io.cnosdb.client.batch.AirWrites.air;
import static io.cnosdb.client.batch.AirWrites.gated;
import static io.cnosdb.client.batch.AirWrites.line;
import static io.cnosdb.client.batch.AirWrites.lines;
import static io.cnosdb.client.batch.AirWrites.point;
import static io.cnosdb.client.batch.AirWrites.uninterruptible;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.WriteStubs.WRITE_PATH;
import static io.cnosdb.client.WriteStubs.assertWriteRequest;
import static io.cnosdb.client.WriteStubs.writeOk;
import static io.cnosdb.client.WriteStubs.writeRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link CnosBatchWriter#writeRows}: rows written without a {@link Point} are
 * sent as a point's line would be, in order with the other writes, never mixed with the
 * rows of another call, accepted whole or not at all, retried as the same bytes, and
 * reported with their lines when they fail. Assertions are on what the server received
 * and what the caller got.
 */
class CnosBatchWriterRowsTests {

	private static final String NS = "tenant=cnosdb&db=public&precision=ns";

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
	void rowsAreSentAsPointsAreInOrderWithTheOtherWrites() throws Exception {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.writer = writer().batchSize(5).build();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new CnosBatchWriterMetrics(this.writer, List.of()).bindTo(registry);
		CompletableFuture<Void> first = this.writer.writePoint(point(1));
		CompletableFuture<Void> rows = this.writer.writeRows((r) -> {
			air(r, 2);
			air(r, 3);
			assertThat(r.count()).isEqualTo(2);
		});
		assertThat(this.writer.getStatistics().buffered()).isEqualTo(3);
		assertThat(registry.get("cnosdb.batch.points.buffered").gauge().value()).isEqualTo(3.0);
		this.writer.writeLines(lines(4));
		this.writer.writeRows((r) -> air(r, 5)).get(10, TimeUnit.SECONDS);
		assertThat(first).isCompleted();
		assertThat(rows).isCompleted();
		assertWriteRequest(CnosServerStub.onlyRequest(server), NS, lines(1, 2, 3, 4, 5));
		assertThat(this.writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 5, 0, 0));
		assertThat(registry.get("cnosdb.batch.points.written").functionCounter().count()).isEqualTo(5.0);
	}

	@Test
	void rowsAreCheckedAndEscapedAsPointsAre() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.writer = writer().batchSize(100).precision(WritePrecision.MS).build();
		Point point = Point.measurement("my air,1")
			.tag("a b", "c,d=e")
			.field("f=1", "say \"hi\"\nback\\slash")
			.field("g", -0.25)
			.field("h", true)
			.unsignedField("u", 7)
			.time(1_700_000_000_123L, TimeUnit.MILLISECONDS)
			.build();
		this.writer.writeRows((rows) -> {
			rows.row("my air,1")
				.tag("a b", "c,d=e")
				.field("f=1", "say \"hi\"\nback\\slash")
				.field("g", -0.25)
				.field("h", true)
				.unsignedField("u", 7)
				.at(1_700_000_000_123L, TimeUnit.MILLISECONDS);
			assertThatIllegalArgumentException().isThrownBy(() -> rows.row("air").tag("id", "2").field("v", Double.NaN))
				.withMessage(refusal((buffer) -> buffer.row("air").tag("id", "2").field("v", Double.NaN)))
				.withMessageStartingWith("Row 'air': field 'v'");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> rows.row("air").field("v", 1L).at(1_700_000_000_000_001L, TimeUnit.MICROSECONDS))
				.withMessage(refusal((
						buffer) -> buffer.row("air").field("v", 1L).at(1_700_000_000_000_001L, TimeUnit.MICROSECONDS)));
			// A refused row is dropped; the next one is written.
			rows.row("air").field("v", 3L).at(1_700_000_000_003L, TimeUnit.MILLISECONDS);
		});
		this.writer.flush();
		LineProtocolBuffer expected = new LineProtocolBuffer(WritePrecision.MS);
		expected.append(point);
		expected.appendLines("air v=3i 1700000000003");
		assertWriteRequest(CnosServerStub.onlyRequest(server), "tenant=cnosdb&db=public&precision=ms",
				new String(expected.toByteArray(), StandardCharsets.UTF_8));
	}

	@Test
	void rowsOfConcurrentCallsAreNeverMixed() throws Exception {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		// A batch size that is not a multiple of the rows per call: batches cut calls.
		this.writer = writer().batchSize(64).bufferLimit(1000).blockTimeout(Duration.ofMinutes(1)).build();
		int threads = 4;
		int calls = 50;
		int rowsPerCall = 20;
		List<CompletableFuture<Void>> futures = Collections.synchronizedList(new ArrayList<>());
		List<Thread> started = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			Thread producer = new Thread(() -> {
				for (int c = 0; c < calls; c++) {
					String call = thread + "-" + c;
					futures.add(this.writer.writeRows((rows) -> {
						for (int i = 0; i < rowsPerCall; i++) {
							rows.row("t").tag("call", call).field("i", (long) i).at(i, TimeUnit.SECONDS);
						}
					}));
				}
			});
			started.add(producer);
			producer.start();
		}
		for (Thread producer : started) {
			producer.join(TimeUnit.MINUTES.toMillis(1));
		}
		this.writer.flush();
		assertThat(futures).hasSize(threads * calls)
			.allMatch((future) -> future.isDone() && !future.isCompletedExceptionally());
		StringBuilder received = new StringBuilder();
		for (LoggedRequest request : writeRequests(server)) {
			received.append(request.getBodyAsString());
		}
		List<String> lines = Arrays.asList(received.toString().split("\n"));
		assertThat(lines).hasSize(threads * calls * rowsPerCall).doesNotHaveDuplicates();
		for (int at = 0; at < lines.size(); at += rowsPerCall) {
			String call = lines.get(at).substring("t,call=".length(), lines.get(at).indexOf(' '));
			for (int i = 0; i < rowsPerCall; i++) {
				assertThat(lines.get(at + i)).isEqualTo("t,call=" + call + " i=" + i + "i " + i * 1_000_000_000L);
			}
		}
		assertThat(this.writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 4000, 0, 0));
	}

	@Test
	void nothingIsAcceptedWhenTheConsumerThrowsOrLeavesARowUnfinished() throws Exception {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.writer = writer().batchSize(100).build();
		IllegalStateException thrown = new IllegalStateException("the caller's own failure");
		assertThatIllegalStateException().isThrownBy(() -> this.writer.writeRows((rows) -> {
			air(rows, 1);
			throw thrown;
		})).isSameAs(thrown);
		assertThatIllegalStateException().isThrownBy(() -> this.writer.writeRows((rows) -> {
			air(rows, 2);
			rows.row("air").tag("id", "3");
		}))
			.withMessage("A row written in writeRows is unfinished when the call returns: end it with at(…) or "
					+ "atNow(), or cancel it; nothing was accepted");
		AtomicReference<CnosBatchWriter.Rows> leaked = new AtomicReference<>();
		CompletableFuture<Void> empty = this.writer.writeRows(leaked::set);
		assertThat(empty).isCompleted();
		assertThatIllegalStateException().isThrownBy(() -> leaked.get().row("air"))
			.withMessage("Rows can only be written during their call of writeRows");
		assertThat(this.writer.getStatistics().buffered()).isZero();
		CompletableFuture<Void> written = this.writer.writeRows((rows) -> air(rows, 4));
		this.writer.flush();
		assertThat(written).isCompleted();
		assertWriteRequest(CnosServerStub.onlyRequest(server), NS, lines(4));
	}

	@Test
	void transientFailuresAreRetriedWithTheSameBytes() throws Exception {
		String scenario = "flaky";
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0"))
			.willSetStateTo("again"));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).inScenario(scenario)
			.whenScenarioStateIs("again")
			.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0"))
			.willSetStateTo("ok"));
		server.stubFor(
				post(urlPathEqualTo(WRITE_PATH)).inScenario(scenario).whenScenarioStateIs("ok").willReturn(writeOk()));
		this.writer = writer().batchSize(2).build();
		this.writer.writeRows((rows) -> {
			air(rows, 1);
			air(rows, 2);
		}).get(10, TimeUnit.SECONDS);
		assertThat(writeRequests(server)).hasSize(3)
			.allSatisfy((request) -> assertWriteRequest(request, NS, lines(1, 2)));
		assertThat(this.failures).isEmpty();
		assertThat(this.writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 2, 4, 0));
	}

	@Test
	void rowsThatDoNotFitAreRefusedWholeByTheOverflowPolicy() throws Exception {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		CountDownLatch release = new CountDownLatch(1);
		this.writer = CnosBatchWriter.builder(gated(this.template, release))
			.batchSize(2)
			.bufferLimit(3)
			.overflowPolicy(OverflowPolicy.FAIL)
			.flushInterval(Duration.ofHours(1))
			.build();
		CompletableFuture<Void> inFlight = this.writer.writeRows((rows) -> {
			air(rows, 1);
			air(rows, 2);
		});
		assertThatExceptionOfType(CnosWriteBufferFullException.class).isThrownBy(() -> this.writer.writeRows((rows) -> {
			air(rows, 3);
			air(rows, 4);
		}))
			.withMessage("The CnosBatchWriter buffer holds 2 of 3 points and cannot take 2 more "
					+ "(overflow policy FAIL); nothing was accepted");
		assertThatIllegalArgumentException().isThrownBy(() -> this.writer.writeRows((rows) -> {
			for (int i = 0; i < 4; i++) {
				air(rows, i);
			}
		})).withMessage("A write of 4 points cannot fit in a buffer of 3; split it or raise the buffer limit");
		release.countDown();
		inFlight.get(10, TimeUnit.SECONDS);
		this.writer.writeRows((rows) -> air(rows, 5));
		this.writer.flush();
		assertThat(writeRequests(server)).extracting(LoggedRequest::getBodyAsString)
			.containsExactly(lines(1, 2), lines(5));
	}

	@Test
	void batchOfRowsLargerThanOneRequestIsSplitAndARowTooLargeForAnyFailsAloneWithItsLine() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.writer = writer().batchSize(100).maxRequestSize(DataSize.ofKilobytes(1)).build();
		String large = "x".repeat(2000);
		CompletableFuture<Void> future = this.writer.writeRows((rows) -> {
			for (int i = 0; i < 60; i++) {
				if (i == 30) {
					rows.row("air").tag("id", "large").field("s", large).at(1, TimeUnit.SECONDS);
				}
				else {
					air(rows, i);
				}
			}
		});
		this.writer.flush();
		List<LoggedRequest> requests = writeRequests(server);
		assertThat(requests).hasSizeGreaterThan(2);
		StringBuilder received = new StringBuilder();
		for (LoggedRequest request : requests) {
			assertThat(request.getBody().length).isLessThanOrEqualTo(1024);
			received.append(request.getBodyAsString());
		}
		StringBuilder expected = new StringBuilder();
		for (int i = 0; i < 60; i++) {
			if (i != 30) {
				expected.append(lines(i));
			}
		}
		assertThat(received.toString()).isEqualTo(expected.toString());
		assertThat(future).isCompletedExceptionally();
		assertThat(this.failures).singleElement().satisfies((failure) -> {
			assertThat(failure.points()).isEmpty();
			assertThat(failure.lines()).containsExactly("air,id=large s=\"" + large + "\" 1000000000");
			assertThat(failure.possiblyWritten()).isFalse();
			assertThat(failure.attempts()).isZero();
			assertThat(failure.exception())
				.hasMessageStartingWith("Line 31 of the batch is 2029 bytes, more than the 1024 bytes");
		});
		assertThat(this.writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 59, 0, 1));
	}

	@Test
	void closeReportsTheRowsItCouldNotWriteWithTheirLines() throws Exception {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		// A request CnosDB does not answer before the shutdown deadline, on a client that
		// cannot be interrupted.
		CountDownLatch sending = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch answered = new CountDownLatch(1);
		CnosTemplate stuck = uninterruptible(this.template, sending, release, answered);
		this.writer = CnosBatchWriter.builder(stuck)
			.batchSize(2)
			.flushInterval(Duration.ofHours(1))
			.shutdownTimeout(Duration.ofMillis(300))
			.failureListener(this.failures::add)
			.build();
		CompletableFuture<Void> future = this.writer.writeRows((rows) -> {
			air(rows, 1);
			air(rows, 2);
			air(rows, 3);
		});
		assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();
		this.writer.close();
		assertThat(future).isCompletedExceptionally();
		assertThat(this.failures).hasSize(2).allSatisfy((failure) -> {
			assertThat(failure.points()).isEmpty();
			assertThat(failure.exception()).isInstanceOf(CnosWriteAbandonedException.class);
		});
		// The rows in flight, read out of the request body; the row still queued.
		assertThat(this.failures).filteredOn(WriteFailure::possiblyWritten).singleElement().satisfies((failure) -> {
			assertThat(failure.lines()).containsExactly(line(1), line(2));
			assertThat(failure.attempts()).isEqualTo(1);
		});
		assertThat(this.failures).filteredOn((failure) -> !failure.possiblyWritten())
			.singleElement()
			.satisfies((failure) -> {
				assertThat(failure.lines()).containsExactly(line(3));
				assertThat(failure.attempts()).isZero();
			});
		release.countDown();
		// The late answer is for the rows in flight; nothing more is sent.
		assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
		Thread.sleep(200);
		assertThat(writeRequests(server)).singleElement()
			.satisfies((request) -> assertWriteRequest(request, NS, lines(1, 2)));
	}

	/** The message a buffer of the writer's kind gives for a refused row. */
	private static String refusal(java.util.function.Consumer<LineProtocolBuffer> row) {
		try {
			row.accept(new LineProtocolBuffer(WritePrecision.MS));
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
		throw new AssertionError("Not refused");
	}

}
