package io.cnosdb.sample;

import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.WriteStubs;
import io.cnosdb.client.batch.CnosBatchWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SimulatedSensor}: what its batching writer sends to a WireMock CnosDB,
 * and that nothing is sent while the sample's database cannot be created.
 */
class SimulatedSensorTests {

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private CnosBatchWriter writer;

	private SimulatedSensor sensor;

	@BeforeEach
	void createSensor() {
		CnosTemplate template = CnosTemplate.builder()
			.url(server.baseUrl())
			.credentials("root", "")
			.database("sample")
			.build();
		this.writer = CnosBatchWriter.builder(template).build();
		this.sensor = new SimulatedSensor(this.writer, new SampleDatabase(template));
	}

	@AfterEach
	void closeWriter() {
		this.writer.close();
	}

	@Test
	void readingIsWrittenThroughTheBatchingWriterOnceTheDatabaseExists() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(CnosServerStub.csv("")));
		server.stubFor(post(urlPathEqualTo("/api/v1/write")).willReturn(WriteStubs.writeOk()));
		Instant time = Instant.parse("2026-12-01T10:00:30Z");
		assertThat(this.sensor.measure(time)).isTrue();
		this.writer.flush();
		assertThat(SimulatedSensor.temperature(time)).isEqualTo(25.64);
		WriteStubs.assertWriteRequest(WriteStubs.onlyWriteRequest(server), "tenant=cnosdb&db=sample&precision=ns",
				"sensor,sensor=sim-1 temperature=25.64 1796119230000000000\n");
		assertThat(this.writer.getStatistics().written()).isEqualTo(1);
	}

	@Test
	void nothingIsWrittenWhileTheDatabaseCannotBeCreated() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(CnosServerStub.error(422,
				"{\"error_code\":\"010004\",\"error_message\":\"Insufficient privileges, expected [create database]\"}")));
		assertThat(this.sensor.measure(Instant.parse("2026-12-01T10:00:30Z"))).isFalse();
		assertThat(this.sensor.measure(Instant.parse("2026-12-01T10:00:31Z"))).isFalse();
		this.writer.flush();
		List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).extracting(LoggedRequest::getBodyAsString)
			.containsExactly("CREATE DATABASE IF NOT EXISTS \"sample\" WITH TTL '3650d'",
					"CREATE DATABASE IF NOT EXISTS \"sample\" WITH TTL '3650d'");
		assertThat(WriteStubs.writeRequests(server)).isEmpty();
	}

}
