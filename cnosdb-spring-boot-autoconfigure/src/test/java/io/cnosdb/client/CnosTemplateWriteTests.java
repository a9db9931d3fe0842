package io.cnosdb.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.client.csv.CsvColumnMapping;
import io.cnosdb.client.csv.CsvColumnType;
import io.cnosdb.client.csv.CsvImportResult;
import io.cnosdb.client.write.Field;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.Measurement;
import io.cnosdb.client.write.Point;
import io.cnosdb.client.write.Tag;
import io.cnosdb.client.write.Timestamp;
import io.cnosdb.client.write.WritePrecision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.CnosServerStub.error;
import static io.cnosdb.client.WriteStubs.WRITE_PATH;
import static io.cnosdb.client.WriteStubs.assertWriteRequest;
import static io.cnosdb.client.WriteStubs.writeOk;
import static io.cnosdb.client.WriteStubs.writeRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the write methods of {@link CnosTemplate} against byte-faithful CnosDB
 * responses: what reaches the server, byte for byte, and how refusals are reported.
 */
class CnosTemplateWriteTests {

	private static final String NS = "tenant=cnosdb&db=public&precision=ns";

	private static final String AIR_CSV = "time,station,visibility,temperature,pressure\n"
			+ "2022-10-19T07:40:00.290401000,XiaoMaiDao,56,69,77\n" + "1666165200290402000,\"Xiao,Mai\",,-1e3,\n";

	private static final String AIR_LINES = "air,station=XiaoMaiDao pressure=77,temperature=69,visibility=56 "
			+ "1666165200290401000\n" + "air,station=Xiao\\,Mai temperature=-1000 1666165200290402000\n";

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private CnosTemplate template;

	@BeforeEach
	void createTemplate() {
		this.template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build();
	}

	@Test
	void writeLinesSendsTheTextWithTenantDatabasePrecisionAndItsLength() {
		// Reference X6.
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		assertThat(this.template.writeLines("test_v1_write_path,ta=a1,tb=b1 fa=1,fb=2")).isEqualTo(1);
		assertWriteRequest(CnosServerStub.onlyRequest(server), NS, "test_v1_write_path,ta=a1,tb=b1 fa=1,fb=2\n");
	}

	@Test
	void writeLinesSendsThePrecisionParameter() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.template.writeLines(List.of("m v=1 1700000000123", "m v=2 1700000000124"), WritePrecision.MS);
		this.template.writeLines("m v=1 1700000000123456", WritePrecision.US);
		List<LoggedRequest> requests = writeRequests(server);
		assertWriteRequest(requests.get(0), "tenant=cnosdb&db=public&precision=ms",
				"m v=1 1700000000123\nm v=2 1700000000124\n");
		assertWriteRequest(requests.get(1), "tenant=cnosdb&db=public&precision=us", "m v=1 1700000000123456\n");
	}

	@Test
	void writesGoToTheTemplatesTenantAndDatabase() {
		CnosTemplate other = CnosTemplate.builder()
			.url(server.baseUrl())
			.credentials("root", "")
			.tenant("tenant001")
			.database("my db")
			.build();
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		other.writePoint(Point.measurement("m").field("v", 1L).build());
		assertWriteRequest(CnosServerStub.onlyRequest(server), "tenant=tenant001&db=my%20db&precision=ns", "m v=1i\n");
	}

	@Test
	void writePointsEncodesEveryFieldTypeExactly() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		List<Point> points = List.of(
				Point.measurement("demo")
					.tag("host", "h1")
					.field("d", 1.5)
					.field("i", -3L)
					.unsignedField("u", 7)
					.field("b", true)
					.field("s", "a,b \"q\" \\ \n")
					.time(Instant.parse("2023-11-14T22:13:20Z"))
					.build(),
				Point.measurement("demo")
					.tag("host", "h2")
					.field("d", 2.0)
					.field("b", false)
					.time(Instant.parse("2023-11-14T22:13:20.123Z"))
					.build());
		assertThat(this.template.writePoints(points)).isEqualTo(2);
		assertWriteRequest(CnosServerStub.onlyRequest(server), NS,
				"demo,host=h1 b=true,d=1.5,i=-3i,s=\"a,b \\\"q\\\" \\\\ \n\",u=7u 1700000000000000000\n"
						+ "demo,host=h2 b=false,d=2 1700000000123000000\n");
	}

	@Test
	void writeObjectsMapsAnnotatedRecords() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		this.template.writeObjects(List.of(new Air("XiaoMaiDao", 53, 69.5, 1644125400000L)));
		this.template.writeObjects(List.of("a", "bb"),
				(text) -> Point.measurement("words").field("length", (long) text.length()).build());
		List<LoggedRequest> requests = writeRequests(server);
		assertWriteRequest(requests.get(0), NS,
				"air,station=XiaoMaiDao temperature=69.5,visibility=53i 1644125400000000000\n");
		assertWriteRequest(requests.get(1), NS, "words length=1i\nwords length=2i\n");
	}

	@Test
	void gzipBodyDecompressesToTheLinesAndCarriesItsCompressedLength() throws IOException {
		// WireMock hands out request bodies already decompressed, so the exact bytes on
		// the wire are taken from the client side as they leave it.
		List<byte[]> sent = new ArrayList<>();
		RestClient.Builder recording = RestClient.builder().requestInterceptor((request, body, execution) -> {
			sent.add(body);
			return execution.execute(request, body);
		});
		CnosTemplate gzip = CnosTemplate.builder()
			.restClientBuilder(recording)
			.url(server.baseUrl())
			.credentials("root", "")
			.gzip(true)
			.build();
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		StringBuilder expected = new StringBuilder();
		List<Point> points = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			points.add(Point.measurement("air")
				.tag("station", "s" + (i % 3))
				.field("v", (long) i)
				.time(i, TimeUnit.SECONDS)
				.build());
			expected.append("air,station=s")
				.append(i % 3)
				.append(" v=")
				.append(i)
				.append("i ")
				.append(i * 1_000_000_000L)
				.append('\n');
		}
		gzip.writePoints(points);
		assertThat(sent).hasSize(1);
		byte[] compressed = sent.get(0);
		assertThat(compressed.length).isLessThan(expected.length() / 4);
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expected.toString());
		}
		LoggedRequest request = CnosServerStub.onlyRequest(server);
		assertThat(request.getUrl()).isEqualTo(WRITE_PATH + "?" + NS);
		assertThat(request.getHeader("Content-Encoding")).isEqualTo("gzip");
		assertThat(request.getHeader("Content-Length")).isEqualTo(String.valueOf(compressed.length));
		assertThat(request.containsHeader("Transfer-Encoding")).isFalse();
		assertThat(request.getBodyAsString()).as("as the server decodes it").isEqualTo(expected.toString());
	}

	@Test
	void largeWritesAreCutAtLineBoundariesEachWithItsContentLength() {
		CnosTemplate small = CnosTemplate.builder()
			.url(server.baseUrl())
			.credentials("root", "")
			.maxRequestSize(DataSize.ofKilobytes(1))
			.build();
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		List<String> lines = IntStream.range(0, 300)
			.mapToObj((i) -> "cpu,host=server-" + i + " usage=" + i + ".5 " + (1_700_000_000_000_000_000L + i))
			.toList();
		assertThat(small.writeLines(lines)).isEqualTo(300);
		List<LoggedRequest> requests = writeRequests(server);
		assertThat(requests).hasSizeGreaterThan(10);
		StringBuilder received = new StringBuilder();
		for (LoggedRequest request : requests) {
			String body = new String(request.getBody(), StandardCharsets.UTF_8);
			assertThat(request.getBody().length).isLessThanOrEqualTo(1024);
			assertThat(request.getHeader("Content-Length")).isEqualTo(String.valueOf(request.getBody().length));
			assertThat(request.containsHeader("Transfer-Encoding")).isFalse();
			assertThat(body).endsWith("\n").startsWith("cpu,host=server-");
			received.append(body);
		}
		assertThat(received.toString()).isEqualTo(String.join("\n", lines) + "\n");
	}

	@Test
	void buffersKeptBetweenWritesCarryNoBytesOfAnEarlierWrite() {
		CnosTemplate small = CnosTemplate.builder()
			.url(server.baseUrl())
			.credentials("root", "")
			.maxRequestSize(DataSize.ofKilobytes(1))
			.build();
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).withRequestBody(containing("fails"))
			.willReturn(error(422,
					"{\"error_code\":\"040004\",\"error_message\":\"Error parsing message: unexpect token 'q' at 3\"}")));
		List<String> many = IntStream.range(0, 300).mapToObj((i) -> "cpu,host=server-" + i + " usage=" + i).toList();
		assertThat(small.writeLines(many)).isEqualTo(300);
		// Refused on the client after lines were buffered, and refused by the server
		assertThatIllegalArgumentException()
			.isThrownBy(() -> small.writeLines(List.of("kept v=1", "kept v=2", "no_fields")))
			.withMessageStartingWith("element 3: Line 1 has no field set");
		assertThatExceptionOfType(CnosInvalidDataException.class)
			.isThrownBy(() -> small.writeLines("fails v=1\nfails v=2"));
		server.resetRequests();
		small.writeLines("a v=1");
		small.writePoint(Point.measurement("b").field("v", 2L).build());
		small.writeLines("c v=3 5\nd v=4 6", WritePrecision.MS);
		List<LoggedRequest> requests = writeRequests(server);
		assertThat(requests).hasSize(3);
		assertWriteRequest(requests.get(0), NS, "a v=1\n");
		assertWriteRequest(requests.get(1), NS, "b v=2i\n");
		assertWriteRequest(requests.get(2), "tenant=cnosdb&db=public&precision=ms", "c v=3 5\nd v=4 6\n");
	}

	@Test
	void lineLargerThanOneRequestIsRefusedBeforeAnythingIsSent() {
		CnosTemplate small = CnosTemplate.builder()
			.url(server.baseUrl())
			.credentials("root", "")
			.maxRequestSize(DataSize.ofKilobytes(1))
			.build();
		String big = "m s=\"" + "x".repeat(2000) + "\"";
		assertThatIllegalArgumentException().isThrownBy(() -> small.writeLines(big))
			.withMessageStartingWith("Line 1 is 2007 bytes, more than the 1024 bytes one write request may carry");
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void lineThatCnosDbWouldMisreadIsRefusedOnTheClient() {
		// Reference X7: this line has no field set; the server would answer 040004.
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.writeLines("test,t2=t22,f2=2 1642176000000000000"))
			.withMessage("Line 1 has a key without '=' and value (CnosDB would read the next line into it): "
					+ "\"test,t2=t22,f2=2 1642176000000000000\"");
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void parseErrorWithAnUnquotedOffsetNamesTheLine() {
		// The exact answer of CnosDB 2.4.2.1 to this body: the offset counts bytes from
		// the start of the body (17 is where line 2's timestamp starts).
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(error(422,
				"{\"error_code\":\"040004\",\"error_message\":\"Error parsing message: fail to parse timestamp at 17\"}")));
		String lines = "m v=1 1\ntest v=2 x1";
		assertThatExceptionOfType(CnosInvalidDataException.class).isThrownBy(() -> this.template.writeLines(lines))
			.withMessage("Write failed: CnosDB error 040004 (HTTP 422): Error parsing message: fail to parse "
					+ "timestamp at 17; byte 17 of the request body is in line 2 of the request: test v=2 x1")
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("040004");
				assertThat(ex.getErrorResponse().httpStatus()).isEqualTo(422);
			});
		assertWriteRequest(CnosServerStub.onlyRequest(server), NS, lines + "\n");
	}

	@Test
	void emptyServerErrorOfAWriteSaysWhatOldServersMeanByIt() {
		// CnosDB 2.3.x and 2.4.0 answer a line-protocol error with an empty 500
		// (main/src/http/mod.rs of those tags: the parse error is not mapped to 422).
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(CnosServerStub.empty(500)));
		assertThatExceptionOfType(CnosServerException.class).isThrownBy(() -> this.template.writeLines("m v=1 x"))
			.withMessageContaining("HTTP 500")
			.withMessageEndingWith("; CnosDB before 2.4.0.1 answers a line-protocol error this way, and before 2.3.4"
					+ " (and in 2.4.0) also a gzip-compressed body");
		assertThat(writeRequests(server)).hasSize(1);
	}

	@Test
	void parseErrorOf243NamesTheLine() {
		// CnosDB 2.4.3's parser (common/protocol_parser, v2.4.3.4) refuses an escaped 'q'
		// and names its byte in the body, without quotes; 2.4.2 accepts this body.
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(error(422,
				"{\"error_code\":\"040004\",\"error_message\":\"Error parsing message: unexpect token 'q' at 17\"}")));
		String lines = "m v=1 1\ntest,t=a\\q v=2 2";
		assertThatExceptionOfType(CnosInvalidDataException.class).isThrownBy(() -> this.template.writeLines(lines))
			.withMessageEndingWith("unexpect token 'q' at 17; byte 17 of the request body is in line 2 of the "
					+ "request: test,t=a\\q v=2 2");
	}

	@Test
	void parseErrorWithAQuotedOffsetNamesTheLine() {
		// 2.4.3's form for an unexpected end, such as an unterminated string value.
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(error(422,
				"{\"error_code\":\"040004\",\"error_message\":\"Error parsing message: unexpect end line start at '15'\"}")));
		assertThatExceptionOfType(CnosInvalidDataException.class)
			.isThrownBy(() -> this.template.writeLines("m v=1 1\ntest v=2 1"))
			.withMessageEndingWith("at '15'; byte 15 of the request body is in line 2 of the request: test v=2 1");
	}

	@Test
	void parseErrorNamingAValueNamesTheLineThatHoldsIt() {
		// The exact answer of CnosDB 2.4.2.1 (and of 2.4.3's parser) to this body.
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(error(422,
				"{\"error_code\":\"040004\",\"error_message\":\"Error parsing message: invalid field value: 'tRUE'\"}")));
		String lines = "m,t=tRUE v=1 1\ntest,t2=t22 f2=tRUE 1642176000000000000";
		assertThatExceptionOfType(CnosInvalidDataException.class).isThrownBy(() -> this.template.writeLines(lines))
			.withMessage("Write failed: CnosDB error 040004 (HTTP 422): Error parsing message: invalid field value: "
					+ "'tRUE'; the value \"tRUE\" is in line 2 of the request: "
					+ "test,t2=t22 f2=tRUE 1642176000000000000");
	}

	@Test
	void failureOfALaterRequestSaysWhichLinesWereAlreadyWritten() {
		CnosTemplate small = CnosTemplate.builder()
			.url(server.baseUrl())
			.credentials("root", "")
			.maxRequestSize(DataSize.ofKilobytes(1))
			.build();
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).withRequestBody(containing("bad"))
			.willReturn(error(422,
					"{\"error_code\":\"040004\",\"error_message\":\"Error parsing message: unexpect end line start at '31'\"}")));
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			lines.add((i == 61) ? "bad,t=1 v=1\nbad v=1" : "m,t=aaaaaaaaaaaaaaaaaa v=" + i);
		}
		assertThatExceptionOfType(CnosInvalidDataException.class).isThrownBy(() -> small.writeLines(lines))
			.withMessageStartingWith("Write (request 2 of this call; lines 1 to 36 were written by the earlier "
					+ "requests) failed: CnosDB error 040004 (HTTP 422): Error parsing message: unexpect end line "
					+ "start at '31'; byte 31 of the request body is in line 2 of the request (line 38 of this write): "
					+ "m,t=aaaaaaaaaaaaaaaaaa v=37");
		assertThat(writeRequests(server)).hasSize(2);
	}

	@Test
	void writeToAMissingDatabaseIsNotFound() {
		// Reference X18.
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(
				error(422, "{\"error_code\":\"030017\",\"error_message\":\"Database not found: \\\"public\\\"\"}")));
		assertThatExceptionOfType(CnosObjectNotFoundException.class).isThrownBy(() -> this.template.writeLines("m v=1"))
			.withMessage("Write failed: CnosDB error 030017 (HTTP 422): Database not found: \"public\"")
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030017"));
	}

	@Test
	void rateLimitIsTransientAndNotRetriedOnTheDirectPath() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH))
			.willReturn(error(422, "{\"error_code\":\"030024\",\"error_message\":\"HttpDataIn reached limit\"}")));
		assertThatExceptionOfType(CnosTransientException.class).isThrownBy(() -> this.template.writeLines("m v=1"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030024"));
		assertThat(writeRequests(server)).hasSize(1);
	}

	@Test
	void proxyRetryAfterIsKeptOnTheTransientException() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH))
			.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2").withBody("busy")));
		assertThatExceptionOfType(CnosTransientException.class).isThrownBy(() -> this.template.writeLines("m v=1"))
			.withMessage("Write failed: HTTP 503: busy (the server asks to retry after 2000 ms)")
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(2)));
		assertThat(writeRequests(server)).hasSize(1);
	}

	@Test
	void connectionResetIsAResourceFailure() {
		server.stubFor(
				post(urlPathEqualTo(WRITE_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThatExceptionOfType(CnosResourceFailureException.class)
			.isThrownBy(() -> this.template.writeLines("m v=1"))
			.withMessageStartingWith("Write failed: I/O error talking to CnosDB at " + server.baseUrl())
			.satisfies((ex) -> assertThat(ex.getErrorResponse()).isNull());
	}

	@Test
	void malformedLinesAreRefusedWithTheirNumberBeforeAnythingIsSent() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.writeLines(List.of("m v=1", "m,t=a", "m v=3")))
			.withMessage("element 2: Line 1 has no field set (CnosDB would read the next line into it): \"m,t=a\"");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.writeLines("m v=1 1\nm v=2", WritePrecision.MS))
			.withMessageStartingWith("Line 2 has no timestamp;");
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void writeLineProtocolSendsTheBufferAsOneRequest() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.MS);
		buffer.append(Point.measurement("m").field("v", 1L).time(Instant.ofEpochMilli(5)).build());
		buffer.appendLines("m v=2i 6");
		this.template.writeLineProtocol(buffer);
		this.template.writeLineProtocol(new LineProtocolBuffer(WritePrecision.MS));
		assertWriteRequest(CnosServerStub.onlyRequest(server), "tenant=cnosdb&db=public&precision=ms",
				"m v=1i 5\nm v=2i 6\n");
		assertThat(buffer.lineCount()).isEqualTo(2);
	}

	@Test
	void writeLineProtocolSendsRowsWrittenWithoutPoints() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.MS);
		buffer.row("air")
			.tag("station", "XiaoMaiDao")
			.field("temperature", 69.5)
			.field("visibility", 53L)
			.at(1644125400000L, TimeUnit.MILLISECONDS);
		buffer.row("air")
			.tag("station", "Lang Fang")
			.field("temperature", 70.25)
			.at(1644125401000L, TimeUnit.MILLISECONDS);
		this.template.writeLineProtocol(buffer);
		assertWriteRequest(CnosServerStub.onlyRequest(server), "tenant=cnosdb&db=public&precision=ms",
				"air,station=XiaoMaiDao temperature=69.5,visibility=53i 1644125400000\n"
						+ "air,station=Lang\\ Fang temperature=70.25 1644125401000\n");
	}

	@Test
	void writeLineProtocolRefusesABufferWithAnUnfinishedRowAndSendsNothing() {
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.NS);
		buffer.row("m").field("v", 1L).atNow();
		buffer.row("m").field("v", 2L);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.template.writeLineProtocol(buffer))
			.withMessage("The buffer has an unfinished row: end it with at(…) or atNow(), or cancel it, before the "
					+ "buffer is written");
		assertThat(writeRequests(server)).isEmpty();
	}

	@Test
	void maxRequestSizeIsValidated() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosTemplate.builder().maxRequestSize(DataSize.ofBytes(100)).build())
			.withMessage("The max request size must be from 1KB to 1GB, not 100B");
	}

	@Test
	void writeCsvReadsEachSourceTypedByTheTablesSchema(@TempDir Path dir) throws IOException {
		describe("public", "air");
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		Path file = Files.writeString(dir.resolve("air.csv"), AIR_CSV);
		CsvImportResult expected = new CsvImportResult("air", 2, 1, WritePrecision.NS, false);
		assertThat(this.template.writeCsv("air", file)).isEqualTo(expected);
		assertThat(this.template.writeCsv("air", new ByteArrayInputStream(AIR_CSV.getBytes(StandardCharsets.UTF_8))))
			.isEqualTo(expected);
		assertThat(this.template.writeCsv("air", new StringReader(AIR_CSV))).isEqualTo(expected);
		List<LoggedRequest> writes = writeRequests(server);
		assertThat(writes).hasSize(3);
		writes.forEach((request) -> assertWriteRequest(request, NS, AIR_LINES));
		server.verify(3, postRequestedFor(urlPathEqualTo("/api/v1/sql")).withQueryParam("db", equalTo("public"))
			.withRequestBody(equalTo("DESCRIBE TABLE \"air\"")));
	}

	@Test
	void writeCsvWithAMappingFromEachSource(@TempDir Path dir) throws IOException {
		describe("public", "air");
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		String csv = "ts,station,visibility,note\n1666165200,XiaoMaiDao,56,ignored\n";
		CsvColumnMapping mapping = CsvColumnMapping.builder()
			.time("ts")
			.timeUnit(TimeUnit.SECONDS)
			.field("visibility", CsvColumnType.BIGINT)
			.ignore("note")
			.build();
		Path file = Files.writeString(dir.resolve("air.csv"), csv);
		CsvImportResult expected = new CsvImportResult("air", 1, 1, WritePrecision.NS, false);
		assertThat(this.template.writeCsv("air", file, mapping)).isEqualTo(expected);
		assertThat(
				this.template.writeCsv("air", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), mapping))
			.isEqualTo(expected);
		assertThat(this.template.writeCsv("air", new StringReader(csv), mapping)).isEqualTo(expected);
		List<LoggedRequest> writes = writeRequests(server);
		assertThat(writes).hasSize(3);
		writes.forEach((request) -> assertWriteRequest(request, NS,
				"air,station=XiaoMaiDao visibility=56i 1666165200000000000\n"));
	}

	@Test
	void writeCsvOnAViewReadsTheSchemaAndWritesInTheViewsTenantAndDatabase() {
		describe("other", "air");
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		CsvImportResult result = this.template.forTenant("t2")
			.forDatabase("other")
			.writeCsv("air", new StringReader(AIR_CSV));
		assertThat(result.rowsWritten()).isEqualTo(2);
		assertWriteRequest(WriteStubs.onlyWriteRequest(server), "tenant=t2&db=other&precision=ns", AIR_LINES);
		server.verify(postRequestedFor(urlPathEqualTo("/api/v1/sql")).withQueryParam("tenant", equalTo("t2"))
			.withQueryParam("db", equalTo("other"))
			.withRequestBody(equalTo("DESCRIBE TABLE \"air\"")));
	}

	@Test
	void writeCsvSplitsAtTheTemplatesMaxRequestSize() {
		describe("public", "air");
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		CnosTemplate small = CnosTemplate.builder()
			.url(server.baseUrl())
			.credentials("root", "")
			.maxRequestSize(DataSize.ofKilobytes(1))
			.build();
		StringBuilder csv = new StringBuilder("time,station,visibility,temperature,pressure\n");
		for (int i = 0; i < 100; i++) {
			csv.append(i).append(",XiaoMaiDao,1,2,3\n");
		}
		CsvImportResult result = small.writeCsv("air", new StringReader(csv.toString()));
		assertThat(result.rowsWritten()).isEqualTo(100);
		assertThat(result.requests()).isGreaterThan(1).isEqualTo(writeRequests(server).size());
		writeRequests(server).forEach((request) -> assertThat(request.getBody().length).isLessThanOrEqualTo(1024));
	}

	/** DESCRIBE TABLE of a table created as air (visibility, temperature, pressure). */
	private static void describe(String database, String table) {
		// The exact answer of CnosDB 2.4.2.1.
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).withQueryParam("db", equalTo(database))
			.withRequestBody(equalTo("DESCRIBE TABLE \"" + table + "\""))
			.willReturn(CnosServerStub.csv("column_name,data_type,column_type,compression_codec\n"
					+ "time,TIMESTAMP(NANOSECOND),TIME,DEFAULT\n" + "station,STRING,TAG,DEFAULT\n"
					+ "visibility,DOUBLE,FIELD,DEFAULT\n" + "temperature,DOUBLE,FIELD,DEFAULT\n"
					+ "pressure,DOUBLE,FIELD,DEFAULT\n")));
	}

	@Measurement("air")
	record Air(@Tag String station, @Field int visibility, @Field double temperature, @Timestamp long time) {
	}

}
