package io.cnosdb.client.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.write.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.unit.DataSize;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.WriteStubs.WRITE_PATH;
import static io.cnosdb.client.WriteStubs.writeOk;
import static io.cnosdb.client.WriteStubs.writeRequests;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how {@link CnosBatchWriter} cuts a batch into requests with the
 * {@link io.cnosdb.client.write.LineProtocolChunker}.
 */
class CnosBatchWriterChunkingTests {

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private final List<WriteFailure> failures = Collections.synchronizedList(new ArrayList<>());

	@Test
	void lineLargerThanOneRequestFailsAloneAndTheRestOfTheBatchIsWritten() throws Exception {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		CnosTemplate template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build();
		Point big = Point.measurement("air")
			.tag("id", "big")
			.field("text", "x".repeat(2000))
			.time(3, TimeUnit.MILLISECONDS)
			.build();
		try (CnosBatchWriter writer = CnosBatchWriter.builder(template)
			.batchSize(4)
			.flushInterval(Duration.ofHours(1))
			.maxRequestSize(DataSize.ofKilobytes(1))
			.failureListener(this.failures::add)
			.build()) {
			CompletableFuture<Void> first = writer.writePoint(point(1));
			CompletableFuture<Void> refused = writer.writePoint(big);
			CompletableFuture<Void> last = writer.writeLines("air,id=4 v=4i 4000000");
			writer.flush();
			assertThat(first).isCompleted();
			assertThat(refused).isCompletedExceptionally();
			assertThat(last).isCompleted();
			assertThat(writer.getStatistics()).isEqualTo(new CnosBatchWriter.Statistics(0, 2, 0, 1));
		}
		assertThat(writeRequests(server)).extracting((request) -> request.getBodyAsString())
			.containsExactly("air,id=1 v=1i 1000000\n", "air,id=4 v=4i 4000000\n");
		assertThat(this.failures).singleElement().satisfies((failure) -> {
			assertThat(failure.points()).containsExactly(big);
			assertThat(failure.attempts()).isZero();
			assertThat(failure.exception()).isInstanceOf(InvalidDataAccessApiUsageException.class)
				.hasMessageContaining("more than the 1024 bytes one write request may carry")
				.hasCauseInstanceOf(IllegalArgumentException.class);
		});
	}

	private static Point point(int id) {
		return Point.measurement("air")
			.tag("id", String.valueOf(id))
			.field("v", (long) id)
			.time(id, TimeUnit.MILLISECONDS)
			.build();
	}

}
