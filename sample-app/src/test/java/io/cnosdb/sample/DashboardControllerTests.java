package io.cnosdb.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.batch.CnosBatchWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DashboardController} against a WireMock CnosDB answering with the
 * bytes a real 2.4.2 server sends.
 */
class DashboardControllerTests {

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private DashboardController controller;

	@BeforeEach
	void createController() {
		CnosTemplate template = CnosTemplate.builder()
			.url(server.baseUrl())
			.credentials("root", "")
			.database("sample")
			.build();
		this.controller = new DashboardController(template,
				new StaticListableBeanFactory().getBeanProvider(CnosBatchWriter.class), "sample_metrics");
	}

	@Test
	void sensorSeriesIsTheLastMinutesOfTheSensorTableAsParallelArrays() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(CnosServerStub
			.csv("time,temperature\n" + "2026-12-01T10:00:00.000000000,20.5\n2026-12-01T10:00:01.000000000,21.25\n")));
		Instant before = Instant.now();
		DashboardController.Series series = this.controller.sensor(5);
		Instant after = Instant.now();
		assertThat(series.times()).containsExactly(Instant.parse("2026-12-01T10:00:00Z").toEpochMilli(),
				Instant.parse("2026-12-01T10:00:01Z").toEpochMilli());
		assertThat(series.values()).containsExactly(20.5, 21.25);
		LoggedRequest request = CnosServerStub.onlyRequest(server);
		assertThat(request.getUrl()).isEqualTo("/api/v1/sql?tenant=cnosdb&db=sample");
		Matcher matcher = Pattern
			.compile("SELECT time, temperature FROM sensor WHERE sensor = 'sim-1' AND time >= '([^']+)' ORDER BY time")
			.matcher(request.getBodyAsString());
		assertThat(matcher.matches()).as(request.getBodyAsString()).isTrue();
		assertThat(Instant.parse(matcher.group(1))).isBetween(before.minus(Duration.ofMinutes(5)),
				after.minus(Duration.ofMinutes(5)));
	}

	@Test
	void sensorWindowOutsideOneToSixtyMinutesIsRefusedBeforeAnyQuery() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.controller.sensor(0))
			.withMessage("minutes must be between 1 and 60 but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> this.controller.sensor(61));
		assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void metricsExportIsReportedAbsentWhenItsDatabaseDoesNotExist() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).withRequestBody(equalTo("SHOW DATABASES"))
			.willReturn(CnosServerStub.csv("database_name\nsample\nusage_schema\npublic\n")));
		assertThat(this.controller.metricsExport())
			.isEqualTo(new DashboardController.MetricsExport("sample_metrics", false, List.of(), null, null, null));
		assertThat(CnosServerStub.onlyRequest(server).getUrl()).isEqualTo("/api/v1/sql?tenant=cnosdb&db=sample");
	}

	@Test
	void metricsExportReadsTheExportedHeapAndRequestsBack() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).withRequestBody(equalTo("SHOW DATABASES"))
			.willReturn(CnosServerStub.csv("database_name\nsample\nsample_metrics\npublic\n")));
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).withRequestBody(equalTo("SHOW TABLES"))
			.willReturn(CnosServerStub.csv("table_name\njvm_memory_used\nhttp_server_requests\n")));
		// Answers of CnosDB 2.4.2.1 to these statements over rows the export wrote.
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).withRequestBody(containing("FROM jvm_memory_used"))
			.willReturn(CnosServerStub.csv("time,used\n2025-12-01T12:00:00.000000000,37748736.0\n")));
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).withRequestBody(containing("FROM http_server_requests"))
			.willReturn(CnosServerStub.csv("SUM(http_server_requests.count)\n5\n")));
		assertThat(this.controller.metricsExport()).isEqualTo(new DashboardController.MetricsExport("sample_metrics",
				true, Arrays.asList("jvm_memory_used", "http_server_requests"),
				java.time.Instant.parse("2025-12-01T12:00:00Z"), 37748736.0, 5L));
		assertThat(server.findAll(anyRequestedFor(anyUrl()))).extracting(LoggedRequest::getBodyAsString)
			.containsExactly("SHOW DATABASES", "SHOW TABLES",
					"SELECT time, sum(value) AS used FROM jvm_memory_used WHERE area = 'heap' GROUP BY time ORDER BY time DESC LIMIT 1",
					"SELECT sum(count) FROM http_server_requests");
		assertThat(server.findAll(anyRequestedFor(anyUrl()))).extracting(LoggedRequest::getUrl)
			.containsExactly("/api/v1/sql?tenant=cnosdb&db=sample", "/api/v1/sql?tenant=cnosdb&db=sample_metrics",
					"/api/v1/sql?tenant=cnosdb&db=sample_metrics", "/api/v1/sql?tenant=cnosdb&db=sample_metrics");
	}

	@Test
	void writerCountersAreA404ProblemWhenTheBatchingWriterIsOff() {
		assertThat(this.controller.writer().getStatusCode().value()).isEqualTo(404);
	}

}
