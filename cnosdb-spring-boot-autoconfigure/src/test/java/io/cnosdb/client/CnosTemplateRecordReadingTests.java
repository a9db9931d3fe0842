package io.cnosdb.client;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.BeanInstantiationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.TypeMismatchDataAccessException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.CnosServerStub.assertSqlRequest;
import static io.cnosdb.client.CnosServerStub.csv;
import static io.cnosdb.client.CnosServerStub.streamedCsv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Records of {@link CnosRowMapper#of(Class)} are read straight from the result, without a
 * {@link CnosRow} per row, when their components match the columns in column order. Each
 * test runs the same answer through that route and through the row route (the same mapper
 * behind a lambda, which the template cannot see through) and expects the same records,
 * or the same exception with the same message.
 */
class CnosTemplateRecordReadingTests {

	private static final String SQL = "SELECT time, host, usage, requests, healthy FROM bench";

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private CnosTemplate template;

	@BeforeEach
	void createTemplate() {
		this.template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build();
	}

	@Test
	void recordsWithPrimitiveAndBoxedComponentsAreReadAsByRows() {
		String body = "time,host,usage,requests,healthy,code,ratio,count,flag,note,level,amount,at\n"
				+ "2023-11-14T22:13:20.000000000,h1,1.5,-3,true,7,0.25,9,false,\"a,b\",2,1.10,2024-01-01T00:00:00.123456000+01:00\n"
				+ "2023-11-14T22:13:20.123000000,h2,NaN,9223372036854775807,false,-2147483648,,,,,-1,,\n"
				+ "2023-11-14T22:13:21.000000000,,-inf,0,true,0,inf,-1,true,\"\",0,0,2023-11-14T22:13:21\n";
		List<Wide> rows = both(body, Wide.class);
		assertThat(rows).containsExactly(
				new Wide(Instant.parse("2023-11-14T22:13:20Z"), "h1", 1.5, -3, true, 7, 0.25, 9L, false, "a,b",
						(short) 2, new BigDecimal("1.10"), OffsetDateTime.parse("2024-01-01T00:00:00.123456+01:00")),
				new Wide(Instant.parse("2023-11-14T22:13:20.123Z"), "h2", Double.NaN, Long.MAX_VALUE, false,
						Integer.MIN_VALUE, null, null, null, null, (short) -1, null, null),
				new Wide(Instant.parse("2023-11-14T22:13:21Z"), null, Double.NEGATIVE_INFINITY, 0, true, 0,
						Double.POSITIVE_INFINITY, -1L, true, null, (short) 0, BigDecimal.ZERO,
						OffsetDateTime.parse("2023-11-14T22:13:21Z")));
		// Newest first: the two streamed requests, then the two plain ones.
		assertThat(server.getAllServeEvents()).hasSize(4);
		assertSqlRequest(server.getAllServeEvents().get(0).getRequest(), SQL, true);
		assertSqlRequest(server.getAllServeEvents().get(3).getRequest(), SQL, false);
	}

	@Test
	void recordsAreReadStraightOnlyWhenComponentsMatchDistinctColumnsInOrder() {
		DataClassRowMapper<Sample> mapper = new DataClassRowMapper<>(Sample.class);
		assertThat(mapper.recordReader(List.of("time", "host", "usage", "requests", "healthy"))).isNotNull();
		assertThat(mapper.recordReader(List.of("TIME", "extra", "Host", "usage", "x", "requests", "healthy", "y")))
			.isNotNull();
		assertThat(mapper.recordReader(List.of("host", "time", "usage", "requests", "healthy"))).isNull();
		assertThat(mapper.recordReader(List.of("time", "host", "usage", "requests"))).isNull();
		assertThat(new DataClassRowMapper<>(Long.class).recordReader(List.of("v"))).isNull();
		assertThat(new DataClassRowMapper<>(DataClassRowMapperTests.CpuBean.class)
			.recordReader(List.of("time", "host_name", "usage_idle"))).isNull();
	}

	@Test
	void columnsNoComponentReadsAndAnotherOrderMapAsByRows() {
		String extra = "x,time,host,y,usage,requests,healthy,z\n"
				+ "not a number,2023-11-14T22:13:20.000000000,h1,,1.5,3,true,zz\n";
		assertThat(both(extra, Sample.class))
			.containsExactly(new Sample(Instant.parse("2023-11-14T22:13:20Z"), "h1", 1.5, 3, true));
		String reordered = "healthy,requests,usage,host,time\nfalse,4,2.5,h2,2023-11-14T22:13:20.000000000\n";
		assertThat(both(reordered, Sample.class))
			.containsExactly(new Sample(Instant.parse("2023-11-14T22:13:20Z"), "h2", 2.5, 4, false));
	}

	@Test
	void nullForAPrimitiveComponentFailsAsByRows() {
		String body = "time,host,usage,requests,healthy\n2023-11-14T22:13:20.000000000,h1,1.5,,true\n";
		assertThatExceptionOfType(TypeMismatchDataAccessException.class).isThrownBy(() -> both(body, Sample.class))
			.withMessage("Column 'requests' is NULL and cannot be read as primitive long");
	}

	@Test
	void firstValueThatCannotBeConvertedIsReportedNamingColumnAndValue() {
		String body = "time,host,usage,requests,healthy\n" + "2023-11-14T22:13:20.000000000,h1,1.5,3,true\n"
				+ "2023-11-14T22:13:21.000000000,h2,high,18446744073709551615,yes\n";
		assertThatExceptionOfType(TypeMismatchDataAccessException.class).isThrownBy(() -> both(body, Sample.class))
			.withMessage("Column 'usage' value 'high' cannot be read as Double");
		String unsigned = "time,host,usage,requests,healthy\n"
				+ "2023-11-14T22:13:21.000000000,h2,1.0,18446744073709551615,yes\n";
		assertThatExceptionOfType(TypeMismatchDataAccessException.class).isThrownBy(() -> both(unsigned, Sample.class))
			.withMessage("Column 'requests' value '18446744073709551615' cannot be read as Long"
					+ " (an unsigned value above the range of Long? read it as BigInteger)");
		String bool = "time,host,usage,requests,healthy\n2023-11-14T22:13:21.000000000,h2,1.0,1,yes\n";
		assertThatExceptionOfType(TypeMismatchDataAccessException.class).isThrownBy(() -> both(bool, Sample.class))
			.withMessage("Column 'healthy' value 'yes' cannot be read as Boolean");
	}

	@Test
	void rowWithTheWrongNumberOfFieldsIsReportedBeforeItsValues() {
		String body = "time,host,usage,requests,healthy\n2023-11-14T22:13:20.000000000,h1,high,3,true,extra\n";
		assertThatExceptionOfType(CnosServerException.class).isThrownBy(() -> both(body, Sample.class))
			.withMessageContaining(
					"a row has 6 fields but the header names 5 columns " + "[time, host, usage, requests, healthy]");
		String shorter = "time,host,usage,requests,healthy\n2023-11-14T22:13:20.000000000,h1,high\n";
		assertThatExceptionOfType(CnosServerException.class).isThrownBy(() -> both(shorter, Sample.class))
			.withMessageContaining("a row has 3 fields but the header names 5 columns");
	}

	@Test
	void constructorFailureIsReportedAsBeanUtilsReportsIt() {
		String body = "host_name,usage_idle\nh1,1.5\nh2,-1\n";
		assertThatExceptionOfType(BeanInstantiationException.class)
			.isThrownBy(() -> both(body, DataClassRowMapperTests.Checked.class))
			.withMessage("Failed to instantiate [" + DataClassRowMapperTests.Checked.class.getName()
					+ "]: Constructor threw exception")
			.havingCause()
			.isInstanceOf(IllegalArgumentException.class)
			.withMessage("negative usage");
	}

	@Test
	void componentWithoutColumnFailsOnTheFirstRowAndAnEmptyResultMapsToNothing() {
		assertThat(both("time,host\n", Sample.class)).isEmpty();
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> both("time,host\n2023-11-14T22:13:20.000000000,h1\n", Sample.class))
			.withMessageContaining("no column matches component 'usage'")
			.withMessageContaining("[time, host]");
	}

	@Test
	void streamedRecordsAreReadLazilyAndAnErrorAppendedAfterThemIsThrownAfterTheRows() {
		String body = "time,host,usage,requests,healthy\n2023-11-14T22:13:20.000000000,h1,1.5,3,true\n"
				+ "2023-11-14T22:13:21.000000000,h2,2.5,4,false\n"
				+ "{\"error_code\": \"040007\", \"error_message\": \"Fetch result: Arrow error: \"x\" failed\"}";
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(streamedCsv(body)));
		List<Sample> seen = new ArrayList<>();
		assertThatExceptionOfType(CnosServerException.class).isThrownBy(() -> {
			try (Stream<Sample> rows = this.template.queryForStream(SQL, CnosRowMapper.of(Sample.class))) {
				rows.forEach(seen::add);
			}
		}).withMessageContaining("CnosDB error 040007 (HTTP 200): Fetch result: Arrow error: \"x\" failed");
		assertThat(seen).containsExactly(new Sample(Instant.parse("2023-11-14T22:13:20Z"), "h1", 1.5, 3, true),
				new Sample(Instant.parse("2023-11-14T22:13:21Z"), "h2", 2.5, 4, false));
		assertSqlRequest(server.getAllServeEvents().get(0).getRequest(), SQL, true);
	}

	@Test
	void textOtherThanAsciiIsReadAsUtf8AndBytesThatAreNotUtf8FailTheQuery() {
		String body = "time,host,usage,requests,healthy\n"
				+ "2023-11-14T22:13:20.000000000,\u4e3b\u673a-\u00e9\ud83d\ude00,1.5,3,true\n";
		assertThat(both(body, Sample.class)).containsExactly(
				new Sample(Instant.parse("2023-11-14T22:13:20Z"), "\u4e3b\u673a-\u00e9\ud83d\ude00", 1.5, 3, true));
		byte[] rows = "time,host,usage,requests,healthy\n2023-11-14T22:13:20.000000000,h?,1.5,3,true\n"
			.getBytes(StandardCharsets.UTF_8);
		// A lone continuation byte where the host's second character is.
		rows[rows.length - 16] = (byte) 0x80;
		server.stubFor(post(urlPathEqualTo("/api/v1/sql"))
			.willReturn(aResponse().withStatus(200).withHeader("content-type", "application/csv").withBody(rows)));
		String invalid = "(CharConversionException: bytes that are not UTF-8 in the result, at or after line 1)";
		assertThatExceptionOfType(CnosResourceFailureException.class)
			.isThrownBy(() -> this.template.query(SQL, Sample.class))
			.withMessageContaining(invalid);
		assertThatExceptionOfType(CnosResourceFailureException.class).isThrownBy(() -> this.template.query(SQL))
			.withMessageContaining(invalid);
	}

	@Test
	void streamedRecordsCanBeTakenOneAtATime() {
		String body = "time,host,usage,requests,healthy\n2023-11-14T22:13:20.000000000,h1,1.5,3,true\n"
				+ "2023-11-14T22:13:21.000000000,h2,2.5,4,false\n";
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(streamedCsv(body)));
		try (Stream<Sample> rows = this.template.queryForStream(SQL, CnosRowMapper.of(Sample.class))) {
			assertThat(rows.iterator()).toIterable()
				.containsExactly(new Sample(Instant.parse("2023-11-14T22:13:20Z"), "h1", 1.5, 3, true),
						new Sample(Instant.parse("2023-11-14T22:13:21Z"), "h2", 2.5, 4, false));
		}
		try (Stream<Sample> rows = this.template.queryForStream(SQL, CnosRowMapper.of(Sample.class))) {
			assertThat(rows.findFirst())
				.contains(new Sample(Instant.parse("2023-11-14T22:13:20Z"), "h1", 1.5, 3, true));
		}
	}

	/**
	 * Run the answer through both routes, plain and streamed, and return the records when
	 * all four agree, or throw the exception when all four throw the same one.
	 */
	private <T> List<T> both(String body, Class<T> type) {
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv(body)));
		CnosRowMapper<T> direct = CnosRowMapper.of(type);
		CnosRowMapper<T> rows = (row, rowNum) -> direct.mapRow(row, rowNum);
		Outcome<T> straight = outcome(() -> this.template.query(SQL, type));
		Outcome<T> byRows = outcome(() -> this.template.query(SQL, rows));
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(streamedCsv(body)));
		Outcome<T> streamed = outcome(() -> toList(this.template.queryForStream(SQL, direct)));
		Outcome<T> streamedByRows = outcome(() -> toList(this.template.queryForStream(SQL, rows)));
		assertThat(straight.describe()).isEqualTo(byRows.describe())
			.isEqualTo(streamed.describe())
			.isEqualTo(streamedByRows.describe());
		return straight.get();
	}

	private static <T> List<T> toList(Stream<T> stream) {
		try (stream) {
			return stream.toList();
		}
	}

	private static <T> Outcome<T> outcome(Supplier<List<T>> call) {
		try {
			return new Outcome<>(call.get(), null);
		}
		catch (RuntimeException ex) {
			return new Outcome<>(null, ex);
		}
	}

	private record Outcome<T>(List<T> rows, RuntimeException failure) {

		String describe() {
			if (this.failure == null) {
				return this.rows.toString();
			}
			Throwable cause = this.failure.getCause();
			return this.failure.getClass().getName() + ": " + this.failure.getMessage()
					+ ((cause != null) ? " caused by " + cause.getClass().getName() + ": " + cause.getMessage() : "");
		}

		List<T> get() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.rows;
		}

	}

	record Sample(Instant time, String host, double usage, long requests, boolean healthy) {
	}

	record Wide(Instant time, String host, double usage, long requests, boolean healthy, int code, Double ratio,
			Long count, Boolean flag, String note, short level, BigDecimal amount, OffsetDateTime at) {
	}

}
