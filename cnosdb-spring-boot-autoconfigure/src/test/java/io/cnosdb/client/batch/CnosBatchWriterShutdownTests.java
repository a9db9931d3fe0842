package io.cnosdb.client.batch;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static io.cnosdb.client.batch.AirWrites.point;
import static io.cnosdb.client.batch.AirWrites.uninterruptible;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.WriteStubs.WRITE_PATH;
import static io.cnosdb.client.WriteStubs.writeOk;
import static io.cnosdb.client.WriteStubs.writeRequests;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link CnosBatchWriter#close()} ends by the shutdown timeout even when
 * CnosDB hangs: the request in flight is cancelled and its points reported as possibly
 * written, what was never sent as not written. The time bounds are the behaviour under
 * test (a shutdown that fits a grace period), with a margin for a loaded machine.
 */
class CnosBatchWriterShutdownTests {

	/** What close() may take beyond the shutdown timeout on a loaded 2-core machine. */
	private static final long MARGIN_MILLIS = 2500;

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private final List<WriteFailure> failures = Collections.synchronizedList(new ArrayList<>());

	private HungServer hung;

	private CnosBatchWriter writer;

	@BeforeEach
	void startHungServer() throws Exception {
		this.hung = new HungServer();
	}

	@AfterEach
	void stop() throws Exception {
		if (this.writer != null) {
			this.writer.close();
		}
		this.hung.close();
	}

	@Test
	void closeEndsByTheShutdownTimeoutAndCancelsTheRequestCnosDbNeverAnswers() throws Exception {
		// The starter's defaults: the JDK client, HTTP/1.1, a read timeout of 60 seconds.
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
		factory.setReadTimeout(Duration.ofSeconds(60));
		CnosTemplate template = CnosTemplate.builder()
			.restClientBuilder(RestClient.builder().requestFactory(factory))
			.url(this.hung.url())
			.credentials("root", "")
			.build();
		this.writer = CnosBatchWriter.builder(template)
			.batchSize(3)
			.flushInterval(Duration.ofHours(1))
			.shutdownTimeout(Duration.ofSeconds(1))
			.failureListener(this.failures::add)
			.build();
		CompletableFuture<Void> inFlight = this.writer.writePoints(List.of(point(1), point(2), point(3)));
		assertThat(this.hung.awaitRequest()).isTrue();
		CompletableFuture<Void> queued = this.writer.writePoints(List.of(point(4), point(5)));
		long start = System.nanoTime();
		this.writer.close();
		long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		System.out.println("close() with a request CnosDB never answers, shutdown timeout 1000 ms: " + elapsed + " ms");
		assertThat(elapsed).isBetween(900L, 1000 + MARGIN_MILLIS);
		assertThat(inFlight).isCompletedExceptionally();
		assertThat(queued).isCompletedExceptionally();
		assertThat(this.failures).hasSize(2);
		assertThat(this.failures).filteredOn(WriteFailure::possiblyWritten).singleElement().satisfies((failure) -> {
			assertThat(failure.points()).containsExactly(point(1), point(2), point(3));
			assertThat(failure.attempts()).isEqualTo(1);
			assertThat(failure.exception()).isInstanceOf(CnosWriteAbandonedException.class)
				.hasMessage("The CnosBatchWriter closed (shutdown timeout 1000 ms) before CnosDB acknowledged these "
						+ "points; a request carrying them was abandoned while waiting for its answer, or got none, "
						+ "so CnosDB may have stored them");
		});
		assertThat(this.failures).filteredOn((failure) -> !failure.possiblyWritten())
			.singleElement()
			.satisfies((failure) -> {
				assertThat(failure.points()).containsExactly(point(4), point(5));
				assertThat(failure.attempts()).isZero();
				assertThat(failure.exception())
					.hasMessage("The CnosBatchWriter closed before these points could be written (shutdown timeout "
							+ "1000 ms)");
			});
		assertThat(this.writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 0, 0, 5));
		// The JDK client cancels the request when its thread is interrupted, and closes
		// the
		// connection: nothing is left waiting for the 60-second read timeout.
		assertThat(this.hung.awaitClientClose(5000)).isTrue();
	}

	@Test
	void anAnswerArrivingAfterTheDeadlineChangesNothingAndNothingMoreIsSent() throws Exception {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		CnosTemplate template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build();
		// A client that cannot be interrupted: the request returns only when released.
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch answered = new CountDownLatch(1);
		CnosTemplate stuck = uninterruptible(template, new CountDownLatch(1), release, answered);
		this.writer = CnosBatchWriter.builder(stuck)
			.batchSize(2)
			.flushInterval(Duration.ofHours(1))
			.shutdownTimeout(Duration.ofMillis(300))
			.failureListener(this.failures::add)
			.build();
		CompletableFuture<Void> inFlight = this.writer.writePoints(List.of(point(1), point(2)));
		CompletableFuture<Void> queued = this.writer.writePoints(List.of(point(3), point(4)));
		long start = System.nanoTime();
		this.writer.close();
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(300 + MARGIN_MILLIS);
		assertThat(this.failures).extracting(WriteFailure::size, WriteFailure::possiblyWritten)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(2, true),
					org.assertj.core.groups.Tuple.tuple(2, false));
		release.countDown();
		// The late answer is CnosDB's 200 for points 1 and 2, reported as possibly
		// written: true. The retired thread sends nothing more.
		assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
		Thread.sleep(200);
		assertThat(writeRequests(server)).hasSize(1);
		assertThat(inFlight).isCompletedExceptionally();
		assertThat(queued).isCompletedExceptionally();
		assertThat(this.writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 0, 0, 4));
	}

}
