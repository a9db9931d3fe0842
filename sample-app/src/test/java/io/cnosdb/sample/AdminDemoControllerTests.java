package io.cnosdb.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AdminDemoController} against a WireMock CnosDB answering with the
 * bytes a real 2.4.2 server sends.
 */
class AdminDemoControllerTests {

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private AdminDemoController controller;

	@BeforeEach
	void createController() {
		CnosTemplate template = CnosTemplate.builder()
			.url(server.baseUrl())
			.credentials("root", "")
			.database("sample")
			.build();
		this.controller = new AdminDemoController(template, new SampleDatabase(template));
		// DDL answers 200 with an empty CSV body.
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(CnosServerStub.csv("")));
	}

	@Test
	void setUpCreatesTheSampleDatabaseWithATtlAndBothTables() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).withRequestBody(equalTo("SHOW TABLES"))
			.willReturn(CnosServerStub.csv("table_name\nair\nsensor\n")));
		assertThat(this.controller.setUp()).containsExactly("air", "sensor");
		List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).extracting(LoggedRequest::getUrl).containsOnly("/api/v1/sql?tenant=cnosdb&db=sample");
		assertThat(requests).extracting(LoggedRequest::getBodyAsString)
			.containsExactly("CREATE DATABASE IF NOT EXISTS \"sample\" WITH TTL '3650d'",
					"CREATE TABLE IF NOT EXISTS \"air\" (\"temperature\" DOUBLE CODEC(GORILLA), \"visibility\" DOUBLE,"
							+ " TAGS(\"station\"))",
					"CREATE TABLE IF NOT EXISTS \"sensor\" (\"temperature\" DOUBLE CODEC(GORILLA), TAGS(\"sensor\"))",
					"SHOW TABLES");
	}

	@Test
	void databaseIsDescribedAsTheServerWritesItsTtl() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).withRequestBody(equalTo("DESCRIBE DATABASE \"sample\""))
			.willReturn(CnosServerStub.csv(
					"ttl,shard,vnode_duration,replica,precision,max_memcache_size,memcache_partitions,wal_max_file_size,"
							+ "wal_sync,strict_write,max_cache_readers\n"
							+ "9years 11months 27days 21h 50m 24s,1,1year,1,NS,128 MiB,4,1 GiB,false,false,32\n")));
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).withRequestBody(equalTo("SHOW TABLES"))
			.willReturn(CnosServerStub.csv("table_name\nair\nsensor\n")));
		assertThat(this.controller.database()).isEqualTo(new AdminDemoController.DatabaseSummary("sample",
				"9years 11months 27days 21h 50m 24s", "NS", List.of("air", "sensor")));
	}

	@Test
	void readingsReadTheSampleDatabaseAndBindStationAndTimes() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(CnosServerStub
			.csv("time,station,temperature,visibility\n2026-01-01T01:00:00.000000000,O'Hare,8.7,57.0\n")));
		assertThat(this.controller.readings("O'Hare", Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2026-01-03T00:00:00Z")))
			.containsExactly(
					new AdminDemoController.Reading(Instant.parse("2026-01-01T01:00:00Z"), "O'Hare", 8.7, 57.0));
		LoggedRequest request = CnosServerStub.onlyRequest(server);
		assertThat(request.getUrl()).isEqualTo("/api/v1/sql?tenant=cnosdb&db=sample");
		assertThat(request.getBodyAsString())
			.isEqualTo("SELECT time, station, temperature, visibility FROM air WHERE station = 'O''Hare'"
					+ " AND time >= '2026-01-01T00:00:00Z' AND time < '2026-01-03T00:00:00Z' ORDER BY time");
	}

	@Test
	void readingsWithoutSinceLookBackTwentyFourHours() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(CnosServerStub.csv("time,station,temperature,visibility\n")));
		Instant before = Instant.now();
		assertThat(this.controller.readings("XiaoMaiDao", null, null)).isEmpty();
		Instant after = Instant.now();
		String sql = CnosServerStub.onlyRequest(server).getBodyAsString();
		Matcher matcher = Pattern
			.compile("SELECT time, station, temperature, visibility FROM air WHERE station = 'XiaoMaiDao'"
					+ " AND time >= '([^']+)' ORDER BY time")
			.matcher(sql);
		assertThat(matcher.matches()).as(sql).isTrue();
		assertThat(Instant.parse(matcher.group(1))).isBetween(before.minus(Duration.ofHours(24)),
				after.minus(Duration.ofHours(24)));
	}

}
