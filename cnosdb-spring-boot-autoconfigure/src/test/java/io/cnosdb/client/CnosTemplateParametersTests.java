package io.cnosdb.client;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.CnosServerStub.assertSqlRequest;
import static io.cnosdb.client.CnosServerStub.csv;
import static io.cnosdb.client.CnosServerStub.error;
import static io.cnosdb.client.CnosServerStub.onlyRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the {@link CnosTemplate} methods that bind parameters on the client.
 */
class CnosTemplateParametersTests {

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private CnosTemplate template;

	@BeforeEach
	void createTemplate() {
		this.template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build();
	}

	@Test
	void queryBindsPositionalArgumentsAndMapsRows() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(csv("time,station,temperature\n2023-01-01T01:10:00.000000000,XiaoMaiDao,69.0\n")));
		List<String> rows = this.template.query(
				"SELECT time, station, temperature FROM air WHERE station IN (?) AND time >= ? AND temperature > ?",
				(row, rowNum) -> row.getString("station") + "@" + row.getInstant("time"),
				List.of("XiaoMaiDao", "LianYunGang"), Instant.parse("2023-01-01T00:00:00Z"), 50);
		assertThat(rows).containsExactly("XiaoMaiDao@2023-01-01T01:10:00Z");
		assertSqlRequest(onlyRequest(server),
				"SELECT time, station, temperature FROM air WHERE station IN ('XiaoMaiDao', 'LianYunGang')"
						+ " AND time >= '2023-01-01T00:00:00Z' AND temperature > 50",
				false);
	}

	@Test
	void queryForObjectBindsArguments() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("COUNT(UInt8(1))\n42\n")));
		assertThat(this.template.queryForObject("SELECT count(*) FROM air WHERE station = ?", Long.class, "it's"))
			.isEqualTo(42L);
		assertSqlRequest(onlyRequest(server), "SELECT count(*) FROM air WHERE station = 'it''s'", false);
	}

	@Test
	void executeBindsArgumentsAndReturnsRowsWritten() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("rows\n1\n")));
		long rows = this.template.execute(
				"INSERT INTO air (TIME, station, visibility, temperature, pressure) VALUES (?, ?, ?, ?, ?)",
				LocalDateTime.parse("2022-10-19T07:40:00.290401"), "XiaoMaiDao", 56, 69.5, null);
		assertThat(rows).isEqualTo(1);
		assertSqlRequest(onlyRequest(server), "INSERT INTO air (TIME, station, visibility, temperature, pressure)"
				+ " VALUES ('2022-10-19T07:40:00.290401Z', 'XiaoMaiDao', 56, 69.5, NULL)", false);
	}

	@Test
	void namedParametersBindByName() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("station\nXiaoMaiDao\n")));
		Map<String, Object> params = new HashMap<>();
		params.put("station", "XiaoMaiDao");
		params.put("since", Instant.parse("2023-01-01T00:00:00.5Z"));
		List<String> stations = this.template.query(
				"SELECT station FROM air WHERE station = :station AND time > :since AND station <> ':station'", params,
				(row, rowNum) -> row.getString("station"));
		assertThat(stations).containsExactly("XiaoMaiDao");
		assertSqlRequest(onlyRequest(server),
				"SELECT station FROM air WHERE station = 'XiaoMaiDao' AND time > '2023-01-01T00:00:00.500Z'"
						+ " AND station <> ':station'",
				false);
	}

	@Test
	void namedQueryForObjectAndExecute() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("MAX(air.temperature)\n79.0\n")));
		assertThat(this.template.queryForObject("SELECT max(temperature) FROM air WHERE station = :s", Map.of("s", "a"),
				Double.class))
			.isEqualTo(79.0);
		assertSqlRequest(onlyRequest(server), "SELECT max(temperature) FROM air WHERE station = 'a'", false);
		server.resetAll();
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("")));
		assertThat(this.template.execute("DELETE FROM air WHERE station = :s", Map.of("s", "a"))).isZero();
		assertSqlRequest(onlyRequest(server), "DELETE FROM air WHERE station = 'a'", false);
	}

	@Test
	void placeholderInALiteralOrCommentIsNotBound() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("v\n")));
		this.template.query("SELECT v FROM t WHERE s = '?' -- why?\nAND \"c?\" = ?", (row, rowNum) -> row, 1);
		assertSqlRequest(onlyRequest(server), "SELECT v FROM t WHERE s = '?' -- why?\nAND \"c?\" = 1", false);
	}

	@Test
	void badArgumentsAreRejectedBeforeAnythingIsSent() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.execute("INSERT INTO t (time, v) VALUES (?, ?)", 1))
			.withMessage("The SQL has 2 '?' placeholders but 1 argument was given");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.queryForObject("SELECT ?", Long.class, new Object()))
			.withMessageStartingWith("parameter 1 has the unsupported type java.lang.Object");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.query("SELECT v FROM t WHERE v IN (?)", (row, n) -> row, List.of()))
			.withMessageStartingWith("parameter 1 is an empty collection");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.execute("DELETE FROM t WHERE a = :a", Map.of("b", 1)))
			.withMessageStartingWith("The SQL uses :a but no value was given for it");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.execute(" ", 1))
			.withMessage("'sql' must not be empty");
		assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void errorShowsTheBoundStatement() {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(error(422,
				"{\"error_code\":\"030019\",\"error_message\":\"Table not found: \\\"cnosdb.public.air\\\"\"}")));
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> this.template.query("SELECT * FROM air WHERE a = ?", (row, n) -> row, 1))
			.satisfies((ex) -> assertThat(ex.getSql()).isEqualTo("SELECT * FROM air WHERE a = 1"));
	}

}
