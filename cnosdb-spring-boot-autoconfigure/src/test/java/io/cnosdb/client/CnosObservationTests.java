package io.cnosdb.client;

import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cnosdb.client.write.Point;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.CnosServerStub.csv;
import static io.cnosdb.client.CnosServerStub.error;
import static io.cnosdb.client.CnosServerStub.streamedCsv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The CnosDB-level observations and DEBUG logging of the template: one observation per
 * query (ended when the result is closed), write request and ping, with the statement's
 * literals replaced; never a value or the password in logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class CnosObservationTests {

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private CnosTemplate template;

	private final Logger logger = (Logger) LoggerFactory.getLogger(CnosTemplate.class);

	private Level level;

	@BeforeEach
	void createTemplate() {
		this.template = CnosTemplate.builder()
			.url(server.baseUrl())
			.credentials("root", "Secret-Pa55word")
			.database("air_db")
			.observationRegistry(this.registry)
			.build();
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
	}

	@AfterEach
	void restoreLevel() {
		this.logger.setLevel(this.level);
	}

	@Test
	void queryIsObservedWithItsSanitizedStatementAndLoggedAtDebug(CapturedOutput output) {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("v\n1\n")));
		this.template.query("SELECT v FROM air WHERE station = ? AND v > ?", CnosRowMapper.of(Long.class), "XiaoMaiDao",
				5);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasNameEqualTo(CnosObservations.NAME)
			.hasContextualNameEqualTo("cnosdb query")
			.hasLowCardinalityKeyValue("db.system", "cnosdb")
			.hasLowCardinalityKeyValue("db.operation", "query")
			.hasLowCardinalityKeyValue("cnosdb.tenant", "cnosdb")
			.hasLowCardinalityKeyValue("db.namespace", "air_db")
			.hasHighCardinalityKeyValue("db.statement", "SELECT v FROM air WHERE station = ? AND v > ?")
			.hasBeenStopped()
			.doesNotHaveError();
		assertThat(output)
			.contains("Executing SQL statement on cnosdb.air_db: SELECT v FROM air WHERE station = ? AND v > ?")
			.doesNotContain("XiaoMaiDao");
	}

	@Test
	void streamedQueryIsObservedUntilTheStreamIsClosed() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(streamedCsv("v\n1\n2\n")));
		try (Stream<Long> values = this.template.queryForStream("SELECT v FROM air", (row, n) -> row.getLong("v"))) {
			assertThat(values.findFirst()).contains(1L);
			TestObservationRegistryAssert.assertThat(this.registry).hasSingleObservationThat().isNotStopped();
		}
		TestObservationRegistryAssert.assertThat(this.registry).hasSingleObservationThat().hasBeenStopped();
	}

	@Test
	void failedStatementIsObservedWithItsErrorAndPasswordsNeverReachTheLog(CapturedOutput output) {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(error(422, "{\"error_code\":\"030007\",\"error_message\":\"The user 123 already exists\"}")));
		assertThatExceptionOfType(CnosObjectExistsException.class)
			.isThrownBy(() -> this.template.execute("CREATE USER \"u\" WITH PASSWORD = 'Hunter2-secret'"));
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasHighCardinalityKeyValue("db.statement", "CREATE USER \"u\" WITH PASSWORD = ?")
			.hasBeenStopped()
			.assertThatError()
			.isInstanceOf(CnosObjectExistsException.class);
		assertThat(output).doesNotContain("Hunter2-secret").doesNotContain("Secret-Pa55word");
	}

	@Test
	void eachWriteRequestIsObservedAndItsSplitLogged(CapturedOutput output) {
		server.stubFor(post(urlPathEqualTo("/api/v1/write")).willReturn(WriteStubs.writeOk()));
		CnosTemplate small = this.template.forDatabase("air_db");
		small.writePoints(java.util.List.of(Point.measurement("m").field("v", 1L).build(),
				Point.measurement("m").field("v", 2L).build()));
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasContextualNameEqualTo("cnosdb write")
			.hasLowCardinalityKeyValue("db.operation", "write")
			.hasLowCardinalityKeyValue("db.namespace", "air_db")
			.doesNotHaveHighCardinalityKeyValueWithKey("db.statement");
		assertThat(output).contains("Write: 2 lines, ").contains(" bytes, precision ns, to cnosdb.air_db");
	}

	@Test
	void batchFlushIsObservedAroundItsWriteRequests() {
		server.stubFor(post(urlPathEqualTo("/api/v1/write")).willReturn(WriteStubs.writeOk()));
		try (io.cnosdb.client.batch.CnosBatchWriter writer = io.cnosdb.client.batch.CnosBatchWriter
			.builder(this.template)
			.observationRegistry(this.registry)
			.build()) {
			writer.writePoints(java.util.List.of(Point.measurement("m").field("v", 1L).build()));
			writer.flush();
		}
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(CnosObservations.NAME)
			.that()
			.hasContextualNameEqualTo("cnosdb batch.flush")
			.hasLowCardinalityKeyValue("db.operation", "batch.flush")
			.hasLowCardinalityKeyValue("db.namespace", "air_db")
			.hasHighCardinalityKeyValue("cnosdb.batch.points", "1")
			.hasBeenStopped();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo(CnosObservations.NAME, 2);
	}

	@Test
	void pingIsObserved() {
		server.stubFor(get(urlEqualTo("/api/v1/ping")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "application/json")
			.withBody("{\"status\":\"healthy\",\"version\":\"2.4.2, revision UNKNOWN\"}")));
		this.template.ping();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasContextualNameEqualTo("cnosdb ping")
			.hasLowCardinalityKeyValue("db.operation", "ping");
	}

}
