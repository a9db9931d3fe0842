package io.cnosdb.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cnosdb.client.CnosTemplate;
import io.cnosdb.it.CnosDbServer;
import io.cnosdb.it.RealCnosDbTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application against a real CnosDB: every endpoint is called over HTTP, and
 * what it wrote is read back from the server with SQL and through its own read endpoints.
 *
 * @author CnosDB Spring Boot contributors
 */
@RealCnosDbTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleApplicationIT {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<String>> STRINGS = new ParameterizedTypeReference<>() {
	};

	private final String database = CnosDbServer.uniqueName("it_sample");

	private final String metricsDatabase = CnosDbServer.uniqueName("it_sample_metrics");

	private CnosTemplate cnos;

	private ConfigurableApplicationContext context;

	private RestClient http;

	@BeforeAll
	void startTheSample(CnosDbServer server) {
		this.cnos = server.templateBuilder().database(this.database).build();
		// The application creates its database when it is ready (before run returns).
		this.context = new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0",
				"--cnosdb.url=" + server.url(), "--cnosdb.user=" + server.user(),
				"--cnosdb.password=" + server.password(), "--cnosdb.database=" + this.database,
				"--sample.sensor.enabled=false", "--cnosdb.write.batch.flush-interval=100ms",
				"--management.cnosdb.metrics.export.database=" + this.metricsDatabase,
				"--management.cnosdb.metrics.export.step=1s");
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		this.http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	@AfterAll
	void stopTheSample() {
		if (this.context != null) {
			this.context.close();
		}
		if (this.cnos != null) {
			this.cnos.admin().dropDatabaseIfExists(this.database);
			this.cnos.admin().dropDatabaseIfExists(this.metricsDatabase);
		}
	}

	@Test
	void theSampleExportsItsOwnJvmAndHttpMetricsToItsMetricsDatabase() {
		this.http.get().uri("/actuator/health").retrieve().toBodilessEntity();
		CnosTemplate metrics = this.cnos.forDatabase(this.metricsDatabase);
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(metrics.admin().listTables()).contains("jvm_memory_used", "http_server_requests");
			assertThat(
					metrics.queryForObject("SELECT max(value) FROM jvm_memory_used WHERE area = 'heap'", Double.class))
				.isPositive();
			assertThat(metrics.queryForObject(
					"SELECT sum(count) FROM http_server_requests WHERE uri = '/actuator/health'", Long.class))
				.isPositive();
		});
	}

	@Test
	void healthIsUpWithTheServersVersion() {
		Map<String, Object> health = this.http.get().uri("/actuator/health").retrieve().body(JSON_OBJECT);
		assertThat(health).containsEntry("status", "UP");
		@SuppressWarnings("unchecked")
		Map<String, Object> cnosdb = (Map<String, Object>) ((Map<String, Object>) health.get("components"))
			.get("cnosdb");
		assertThat(cnosdb).containsEntry("status", "UP");
		assertThat(cnosdb.get("details").toString()).contains("version=" + this.cnos.ping().version())
			.contains("database=" + this.database);
	}

	@Test
	void serverAndDatabasesEndpointsShowWhatTheServerHas() {
		Map<String, Object> server = this.http.get().uri("/api/server").retrieve().body(JSON_OBJECT);
		assertThat(server).containsEntry("status", "healthy").containsEntry("version", this.cnos.ping().version());
		List<String> databases = this.http.get().uri("/api/databases").retrieve().body(STRINGS);
		assertThat(databases).contains("public", this.database);
	}

	@Test
	void aPointWrittenNowIsReadBackThroughTheReadingsEndpointWithoutSince() {
		Map<String, Object> answer = this.http.post()
			.uri("/writes/point")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("station", "now_station", "temperature", 21.5, "visibility", 7))
			.retrieve()
			.body(JSON_OBJECT);
		assertThat(answer).containsEntry("written", 1);
		List<Map<String, Object>> readings = this.http.get()
			.uri("/api/admin-demo/readings?station=now_station")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(readings).singleElement().satisfies((reading) -> {
			assertThat(reading).containsEntry("station", "now_station")
				.containsEntry("temperature", 21.5)
				.containsEntry("visibility", 7.0);
			assertThat(Instant.parse((String) reading.get("time"))).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
		});
	}

	@Test
	void pointEndpointWritesOneReadingThatSqlReadsBack() {
		Map<String, Object> answer = this.http.post()
			.uri("/writes/point")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("station", "point_station", "temperature", 69.5, "visibility", 53, "time",
					"2026-11-30T10:00:00Z"))
			.retrieve()
			.body(JSON_OBJECT);
		assertThat(answer).containsEntry("written", 1);
		assertThat(this.http.get().uri("/api/tables").retrieve().body(STRINGS)).contains("air");
		assertThat(this.cnos.query("SELECT time, temperature, visibility FROM air WHERE station = 'point_station'",
				Reading.class))
			.containsExactly(new Reading(Instant.parse("2026-11-30T10:00:00Z"), 69.5, 53.0));
	}

	@Test
	void batchEndpointWritesThroughTheBatchingWriter() {
		Map<String, Object> answer = this.http.post()
			.uri("/writes/batch?wait=true")
			.contentType(MediaType.APPLICATION_JSON)
			.body(List.of(
					Map.of("station", "batch_station", "temperature", 1.5, "visibility", 2, "time",
							"2026-11-30T11:00:00Z"),
					Map.of("station", "batch_station", "temperature", 3.5, "visibility", 4, "time",
							"2026-11-30T11:00:01Z")))
			.retrieve()
			.body(JSON_OBJECT);
		assertThat(answer).containsEntry("written", 2);
		assertThat(this.cnos.query(
				"SELECT time, temperature, visibility FROM air WHERE station = 'batch_station' ORDER BY time",
				Reading.class))
			.containsExactly(new Reading(Instant.parse("2026-11-30T11:00:00Z"), 1.5, 2.0),
					new Reading(Instant.parse("2026-11-30T11:00:01Z"), 3.5, 4.0));
	}

	@Test
	void csvEndpointImportsAnUploadAndReportsABadRowByLine() {
		// A row inside the database's TTL, so that the table exists.
		this.cnos.writeLines("csv_air,station=seed temperature=0.0,visibility=0.0 1796000000000000000");
		String csv = "time,station,temperature,visibility\n2026-11-30T12:00:00Z,csv_station,20.5,10\n"
				+ "2026-11-30T12:00:01Z,csv_station,21.5,11\n";
		Map<String, Object> result = this.http.post()
			.uri("/writes/csv/csv_air")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(upload(csv))
			.retrieve()
			.body(JSON_OBJECT);
		assertThat(result).containsEntry("rowsWritten", 2);
		assertThat(this.cnos.query(
				"SELECT time, temperature, visibility FROM csv_air WHERE station = 'csv_station' ORDER BY time",
				Reading.class))
			.containsExactly(new Reading(Instant.parse("2026-11-30T12:00:00Z"), 20.5, 10.0),
					new Reading(Instant.parse("2026-11-30T12:00:01Z"), 21.5, 11.0));
		Map<String, Object> problem = this.http.post()
			.uri("/writes/csv/csv_air")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(upload("time,station,temperature,visibility\n2026-11-30T13:00:00Z,bad,warm,1\n"))
			.retrieve()
			.body(JSON_OBJECT);
		assertThat(problem).containsEntry("status", 422)
			.containsEntry("line", 2)
			.containsEntry("column", "temperature")
			.containsEntry("value", "warm");
	}

	@Test
	void theApplicationCreatedItsDatabaseWithATtlAndTheAdminDemoListsAndReadsIt() {
		assertThat(this.cnos.admin().describeDatabase(this.database).ttl().toDuration())
			.isEqualTo(Duration.ofDays(3650));
		List<String> tables = this.http.post().uri("/api/admin-demo").retrieve().body(STRINGS);
		// Other tests may have added csv_air.
		assertThat(tables).contains("air", "sensor");
		assertThat(this.http.get().uri("/api/admin-demo/tables").retrieve().body(STRINGS)).isEqualTo(tables);
		Map<String, Object> database = this.http.get().uri("/api/admin-demo/database").retrieve().body(JSON_OBJECT);
		assertThat(database).containsEntry("name", this.database)
			.containsEntry("ttl", this.cnos.admin().describeDatabase(this.database).ttl().toString())
			.containsEntry("tables", tables);
		Instant time = Instant.parse("2026-01-01T06:00:00Z");
		this.cnos.writeLines(
				"air,station=O'Brien\\ Point temperature=12.5,visibility=3.0 " + time.getEpochSecond() + "000000000");
		List<Map<String, Object>> readings = this.http.get()
			.uri("/api/admin-demo/readings?station={station}&since={since}&until={until}", "O'Brien Point",
					"2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(readings).singleElement().satisfies((reading) -> {
			assertThat(reading).containsEntry("station", "O'Brien Point").containsEntry("temperature", 12.5);
			assertThat(reading.get("time")).isEqualTo(time.toString());
		});
	}

	@Test
	void theShippedAirCsvIsImportedThroughTheCsvEndpoint() throws IOException {
		byte[] airCsv = new ClassPathResource("static/air.csv").getContentAsByteArray();
		assertThat(this.http.get().uri("/air.csv").retrieve().body(byte[].class)).isEqualTo(airCsv);
		Map<String, Object> result = this.http.post()
			.uri("/writes/csv/air")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(upload(new String(airCsv, StandardCharsets.UTF_8)))
			.retrieve()
			.body(JSON_OBJECT);
		assertThat(result).containsEntry("table", "air").containsEntry("rowsWritten", 96);
		assertThat(this.cnos.queryForObject("SELECT count(temperature) FROM air WHERE station = 'XiaoMaiDao'"
				+ " AND time >= '2026-01-01T00:00:00Z' AND time < '2026-01-03T00:00:00Z'", Long.class))
			.isEqualTo(48);
	}

	private static MultiValueMap<String, Object> upload(String csv) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("file", new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {

			@Override
			public String getFilename() {
				return "air.csv";
			}

		});
		return parts;
	}

	record Reading(Instant time, double temperature, double visibility) {
	}

}
