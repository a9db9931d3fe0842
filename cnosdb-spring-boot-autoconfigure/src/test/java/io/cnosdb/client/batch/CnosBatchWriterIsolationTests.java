package io.cnosdb.client.batch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cnosdb.client.CnosInvalidDataException;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.write.Point;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.cnosdb.client.WriteStubs.WRITE_PATH;
import static io.cnosdb.client.WriteStubs.writeOk;
import static io.cnosdb.client.WriteStubs.writeRequests;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that one bad point does not sink a batch of a {@link CnosBatchWriter}: the lines
 * a data error is about are isolated (by the server's message, else by halves), the rest
 * is written, and only the bad points are reported, with the server's answer about them.
 * The server is {@link CnosWriteEmulator}, which answers as CnosDB 2.4.2.1 does.
 */
class CnosBatchWriterIsolationTests {

	private static final CnosWriteEmulator emulator = new CnosWriteEmulator();

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(emulator))
		.build();

	private final List<WriteFailure> failures = Collections.synchronizedList(new ArrayList<>());

	private CnosBatchWriter writer;

	@BeforeEach
	void emulateCnosDb() {
		emulator.reset();
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk().withTransformers(CnosWriteEmulator.NAME)));
		CnosTemplate template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build();
		this.writer = CnosBatchWriter.builder(template)
			.batchSize(1000)
			.flushInterval(Duration.ofHours(1))
			.failureListener(this.failures::add)
			.build();
	}

	@AfterEach
	void closeWriter() {
		this.writer.close();
	}

	@Test
	void typeConflictFailsOnlyTheBadPointAndTheOthersAreStored() throws Exception {
		this.writer.writePoint(point(0, 0.5));
		this.writer.flush();
		List<CompletableFuture<Void>> futures = new ArrayList<>();
		Point bad = Point.measurement("air").tag("id", "500").field("f", 500L).time(500, TimeUnit.SECONDS).build();
		for (int i = 1; i <= 1000; i++) {
			futures.add(this.writer.writePoint((i == 500) ? bad : point(i, i + 0.5)));
		}
		this.writer.flush();
		assertThat(futures.stream().filter(CompletableFuture::isCompletedExceptionally)).hasSize(1);
		assertThat(futures.get(499)).isCompletedExceptionally();
		assertThat(this.failures).singleElement().satisfies((failure) -> {
			assertThat(failure.points()).containsExactly(bad);
			assertThat(failure.possiblyWritten()).isFalse();
			assertThat(failure.exception()).isInstanceOf(CnosInvalidDataException.class)
				.hasMessageContaining(
						"CnosDB error 050014 (HTTP 422): Apply engine failed: DataSchemaError: Column 'f' type error, "
								+ "found I64 expected F64");
		});
		// 999 good points (and the first) stored; the bad one not.
		assertThat(emulator.storedLines()).hasSize(1000)
			.contains("air,id=0 f=0.5 0", line(1, "1.5"), line(499, "499.5"), line(501, "501.5"), line(1000, "1000.5"))
			.doesNotContain(line(500, "500i"));
		// The request of 1,000 points, then halves down to the bad point: about 2
		// log2(1000)
		// requests, and none refused in the end but the bad point's own.
		int requests = writeRequests(server).size();
		assertThat(requests).isBetween(3, 1 + 2 * 10 + 1);
		assertThat(this.writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 1000, 0, 1));
		System.out.println("isolation of 1 bad point in 1000 by halves: " + (requests - 1) + " requests");
	}

	@Test
	void typeConflictFailsOnlyTheBadRowWhichIsReportedWithItsLine() throws Exception {
		this.writer.writePoint(point(0, 0.5));
		this.writer.flush();
		CompletableFuture<Void> other = this.writer.writePoint(point(1001, 1001.5));
		CompletableFuture<Void> rows = this.writer.writeRows((writer) -> {
			for (int i = 1; i <= 998; i++) {
				if (i == 500) {
					writer.row("air").tag("id", "500").field("f", 500L).at(500, TimeUnit.SECONDS);
				}
				else {
					writer.row("air").tag("id", String.valueOf(i)).field("f", i + 0.5).at(i, TimeUnit.SECONDS);
				}
			}
		});
		CompletableFuture<Void> last = this.writer.writePoint(point(1002, 1002.5));
		this.writer.flush();
		assertThat(rows).isCompletedExceptionally();
		assertThat(other).isCompleted();
		assertThat(last).isCompleted();
		assertThat(this.failures).singleElement().satisfies((failure) -> {
			assertThat(failure.points()).isEmpty();
			assertThat(failure.lines()).containsExactly("air,id=500 f=500i 500000000000");
			assertThat(failure.possiblyWritten()).isFalse();
			assertThat(failure.exception()).isInstanceOf(CnosInvalidDataException.class)
				.hasMessageContaining("Column 'f' type error, found I64 expected F64");
		});
		assertThat(emulator.storedLines()).hasSize(1000)
			.contains("air,id=0 f=0.5 0", line(1, "1.5"), line(499, "499.5"), line(501, "501.5"), line(998, "998.5"),
					line(1001, "1001.5"), line(1002, "1002.5"))
			.doesNotContain(line(500, "500i"));
		assertThat(this.writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 1000, 0, 1));
	}

	@Test
	void parseErrorNamingTheBadValueFailsThatLineAloneAndTheRestIsSentOnce() throws Exception {
		CompletableFuture<Void> future = this.writer
			.writeLines("air,id=1 f=1.5 1000\nair,id=2 f=tRUE 2000\nair,id=3 f=3.5 3000\n");
		CompletableFuture<Void> other = this.writer.writeLines("air,id=4 f=4.5 4000");
		this.writer.flush();
		assertThat(future).isCompletedExceptionally();
		assertThat(other).isCompleted();
		assertThat(this.failures).singleElement().satisfies((failure) -> {
			assertThat(failure.lines()).containsExactly("air,id=2 f=tRUE 2000");
			assertThat(failure.possiblyWritten()).isFalse();
			assertThat(failure.attempts()).isEqualTo(1);
			assertThat(failure.exception()).hasMessageContaining(
					"CnosDB error 040004 (HTTP 422): Error parsing message: invalid field value: 'tRUE'; "
							+ "the value \"tRUE\" is in line 2 of the request: air,id=2 f=tRUE 2000");
		});
		assertThat(writeRequests(server)).extracting((request) -> new String(request.getBody(), StandardCharsets.UTF_8))
			.containsExactly("air,id=1 f=1.5 1000\nair,id=2 f=tRUE 2000\nair,id=3 f=3.5 3000\nair,id=4 f=4.5 4000\n",
					"air,id=1 f=1.5 1000\nair,id=3 f=3.5 3000\nair,id=4 f=4.5 4000\n");
		assertThat(emulator.storedLines()).containsExactlyInAnyOrder("air,id=1 f=1.5 1000", "air,id=3 f=3.5 3000",
				"air,id=4 f=4.5 4000");
	}

	@Test
	void isolationIsBoundedAndWhatIsLeftIsReportedWithTheServersAnswer() {
		this.writer.writeLines("air,id=0 f=0.5 0");
		this.writer.flush();
		List<String> lines = new ArrayList<>();
		for (int i = 1; i <= 600; i++) {
			lines.add("air,id=" + i + " f=" + i + "i " + i);
		}
		CompletableFuture<Void> future = this.writer.writeLines(lines);
		this.writer.flush();
		assertThat(future).isCompletedExceptionally();
		int requests = writeRequests(server).size() - 1;
		assertThat(requests).isEqualTo(1 + BatchSender.MAX_ISOLATION_REQUESTS);
		assertThat(this.failures.stream().mapToInt(WriteFailure::size).sum()).isEqualTo(600);
		assertThat(this.failures).allSatisfy((failure) -> {
			assertThat(failure.exception()).isInstanceOf(CnosInvalidDataException.class)
				.hasMessageContaining("Column 'f' type error, found I64 expected F64");
			// A refused request of several lines may have been applied in part (write
			// stage, reference §6.5); a single line was not.
			assertThat(failure.possiblyWritten()).isEqualTo(failure.size() > 1);
		});
		assertThat(emulator.storedLines()).containsExactly("air,id=0 f=0.5 0");
		assertThat(this.writer.getStatistics().failed()).isEqualTo(600);
	}

	private static Point point(int id, double f) {
		return Point.measurement("air").tag("id", String.valueOf(id)).field("f", f).time(id, TimeUnit.SECONDS).build();
	}

	private static String line(int id, String f) {
		return "air,id=" + id + " f=" + f + " " + id + "000000000";
	}

}
