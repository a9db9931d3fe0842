package io.cnosdb.client.csv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.client.CnosInvalidDataException;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.WriteStubs;
import io.cnosdb.client.write.WritePrecision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.util.unit.DataSize;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.CnosServerStub.csv;
import static io.cnosdb.client.CnosServerStub.error;
import static io.cnosdb.client.WriteStubs.WRITE_PATH;
import static io.cnosdb.client.WriteStubs.assertWriteRequest;
import static io.cnosdb.client.WriteStubs.writeOk;
import static io.cnosdb.client.WriteStubs.writeRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CnosCsvImporter}: schema lookup, RFC 4180 quoting, types, malformed
 * rows with their line numbers, bounded requests, and the server-side path import.
 */
class CnosCsvImporterTests {

	private static final String SQL_PATH = "/api/v1/sql";

	private static final String DESCRIBE_HEADER = "column_name,data_type,column_type,compression_codec\n";

	/**
	 * Reference §7.5, exactly as CnosDB 2.4.2.1 describes a table created as
	 * {@code air (visibility DOUBLE, temperature DOUBLE, pressure DOUBLE, TAGS(station))}:
	 * the time first, then the tags, then the fields in their order of creation.
	 */
	private static final String AIR_SCHEMA = DESCRIBE_HEADER + "time,TIMESTAMP(NANOSECOND),TIME,DEFAULT\n"
			+ "station,STRING,TAG,DEFAULT\n" + "visibility,DOUBLE,FIELD,DEFAULT\n"
			+ "temperature,DOUBLE,FIELD,DEFAULT\n" + "pressure,DOUBLE,FIELD,DEFAULT\n";

	private static final String NS = "tenant=cnosdb&db=public&precision=ns";

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private CnosCsvImporter importer;

	@BeforeEach
	void createImporter() {
		this.importer = new CnosCsvImporter(
				CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build());
	}

	private static void describe(String table, String schema) {
		server.stubFor(post(urlPathEqualTo(SQL_PATH)).withRequestBody(equalTo("DESCRIBE TABLE \"" + table + "\""))
			.willReturn(csv(schema)));
	}

	@Test
	void rowsAreTypedByTheTablesSchema() {
		describe("air", AIR_SCHEMA);
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		String csv = "time,station,visibility,temperature,pressure\n"
				+ "2022-10-19T07:40:00.290401000,XiaoMaiDao,56,69,77\n"
				+ "1666165200290402000,\"Xiao,Mai \"\"Dao\"\"\",.5,-1e3,\n";
		CsvImportResult result = this.importer.writeCsv("air", new StringReader(csv));
		assertThat(result).isEqualTo(new CsvImportResult("air", 2, 1, WritePrecision.NS, false));
		assertWriteRequest(WriteStubs.onlyWriteRequest(server), NS,
				"air,station=XiaoMaiDao pressure=77,temperature=69,visibility=56 1666165200290401000\n"
						+ "air,station=Xiao\\,Mai\\ \"Dao\" temperature=-1000,visibility=0.5 1666165200290402000\n");
		server.verify(postRequestedFor(urlPathEqualTo(SQL_PATH)).withQueryParam("db", equalTo("public"))
			.withRequestBody(equalTo("DESCRIBE TABLE \"air\"")));
	}

	@Test
	void quotedValuesKeepCommasQuotesAndNewlines() {
		describe("notes",
				DESCRIBE_HEADER + "time,TIMESTAMP(NANOSECOND),TIME,DEFAULT\n" + "host,STRING,TAG,DEFAULT\n"
						+ "text,STRING,FIELD,DEFAULT\n" + "ok,BOOLEAN,FIELD,DEFAULT\n" + "n,BIGINT,FIELD,DEFAULT\n"
						+ "u,BIGINT UNSIGNED,FIELD,DEFAULT\n");
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		String csv = "time,host,text,ok,n,u\r\n"
				+ "1,h1,\"line one\nline two, \"\"quoted\"\" \\ end\",TRUE,-7,18446744073709551615\r\n"
				+ "2,h2,,false,,\r\n";
		this.importer.writeCsv("notes", new StringReader(csv));
		assertWriteRequest(WriteStubs.onlyWriteRequest(server), NS,
				"notes,host=h1 n=-7i,ok=true,text=\"line one\nline two, \\\"quoted\\\" \\\\ end\",u=18446744073709551615u 1\n"
						+ "notes,host=h2 ok=false 2\n");
	}

	@Test
	void timesAreReadAsCnosDbWritesThem() {
		describe("ms", DESCRIBE_HEADER + "time,TIMESTAMP(MILLISECOND),TIME,DEFAULT\n" + "v,DOUBLE,FIELD,DEFAULT\n");
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		String csv = "time,v\n" + "2023-07-28T02:12:11.000000000,1\n" + "2023-07-28T02:12:11.123+00:00,2\n"
				+ "2023-07-28 04:12:11.5+02:00,3\n" + "2022-01-31 06:30:30,4\n" + "1690510331123,5\n";
		CsvImportResult result = this.importer.writeCsv("ms", new StringReader(csv));
		assertThat(result.precision()).isEqualTo(WritePrecision.MS);
		assertWriteRequest(WriteStubs.onlyWriteRequest(server), "tenant=cnosdb&db=public&precision=ms",
				"ms v=1 1690510331000\nms v=2 1690510331123\nms v=3 1690510331500\nms v=4 1643610630000\n"
						+ "ms v=5 1690510331123\n");
	}

	@Test
	void usualRowsAndRowsWithValuesToEscapeOrFormatAreSentInTheirOrderAsTheirPointsWouldBe() {
		describe("mixed",
				DESCRIBE_HEADER + "time,TIMESTAMP(NANOSECOND),TIME,DEFAULT\n" + "host,STRING,TAG,DEFAULT\n"
						+ "usage,DOUBLE,FIELD,DEFAULT\n" + "requests,BIGINT,FIELD,DEFAULT\n"
						+ "healthy,BOOLEAN,FIELD,DEFAULT\n" + "note,STRING,FIELD,DEFAULT\n");
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		String csv = "time,host,usage,requests,healthy,note\n"
				+ "2024-03-01T10:00:59.999000000,host-1,0.25,1,false,ok\n"
				+ "2024-03-01T10:01:00.000000000,host 2,1.50,+2,TRUE,\"say \"\"hi\"\"\"\n"
				+ "2024-03-01T10:01:00.5,host-3,1e3,-0,true,\n" + "2024-03-01T10:01:01Z,ü,007.0,3,,a\\b\n"
				+ "1709287262000000000,host-4,-.5,-4,false,\n" + "2024-03-01T10:01:03,host-5,x,5,true,\n";
		assertThatExceptionOfType(CnosCsvImportException.class)
			.isThrownBy(() -> this.importer.writeCsv("mixed", new StringReader(csv)))
			.withMessage("Line 7, column 'usage': value 'x' cannot be written as DOUBLE (not a decimal number); "
					+ "rows written before it: 5")
			.satisfies((ex) -> assertThat(ex.getRowsWritten()).isEqualTo(5));
		assertWriteRequest(WriteStubs.onlyWriteRequest(server), NS,
				"mixed,host=host-1 healthy=false,note=\"ok\",requests=1i,usage=0.25 1709287259999000000\n"
						+ "mixed,host=host\\ 2 healthy=true,note=\"say \\\"hi\\\"\",requests=2i,usage=1.5 "
						+ "1709287260000000000\n"
						+ "mixed,host=host-3 healthy=true,requests=0i,usage=1000 1709287260500000000\n"
						+ "mixed,host=ü note=\"a\\\\b\",requests=3i,usage=7 1709287261000000000\n"
						+ "mixed,host=host-4 healthy=false,requests=-4i,usage=-0.5 1709287262000000000\n");
	}

	@Test
	void explicitMappingOverridesTheSchemaAndCanIgnoreColumns() {
		describe("air", AIR_SCHEMA);
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		CsvColumnMapping mapping = CsvColumnMapping.builder()
			.time("ts")
			.timeUnit(TimeUnit.SECONDS)
			.field("visibility", CsvColumnType.BIGINT)
			.ignore("comment")
			.build();
		String csv = "ts,station,visibility,comment\n1666165200,XiaoMaiDao,56,ignored, really\n";
		assertThatExceptionOfType(CnosCsvImportException.class)
			.isThrownBy(() -> this.importer.writeCsv("air", new StringReader(csv), mapping))
			.withMessageContaining("The row at line 2 has 5 values but the header names 4 columns");
		this.importer.writeCsv("air", new StringReader("ts,station,visibility,comment\n1666165200,XiaoMaiDao,56,x\n"),
				mapping);
		assertWriteRequest(WriteStubs.onlyWriteRequest(server), NS,
				"air,station=XiaoMaiDao visibility=56i 1666165200000000000\n");
	}

	@Test
	void missingTableIsCreatedFromAnExplicitMapping() {
		String scenario = "create";
		server.stubFor(post(urlPathEqualTo(SQL_PATH)).inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.withRequestBody(equalTo("DESCRIBE TABLE \"Sensors\""))
			.willReturn(error(422,
					"{\"error_code\":\"030019\",\"error_message\":\"Table not found: \\\"cnosdb.public.Sensors\\\"\"}")));
		server.stubFor(post(urlPathEqualTo(SQL_PATH)).inScenario(scenario)
			.withRequestBody(containing("CREATE TABLE"))
			.willReturn(csv(""))
			.willSetStateTo("created"));
		server.stubFor(post(urlPathEqualTo(SQL_PATH)).inScenario(scenario)
			.whenScenarioStateIs("created")
			.withRequestBody(equalTo("DESCRIBE TABLE \"Sensors\""))
			.willReturn(csv(DESCRIBE_HEADER + "time,TIMESTAMP(MICROSECOND),TIME,DEFAULT\nsite,STRING,TAG,DEFAULT\n"
					+ "reading,DOUBLE,FIELD,DEFAULT\ncount,BIGINT UNSIGNED,FIELD,DEFAULT\n")));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		CsvColumnMapping mapping = CsvColumnMapping.builder()
			.time("time")
			.tag("site")
			.field("reading", CsvColumnType.DOUBLE)
			.field("count", CsvColumnType.BIGINT_UNSIGNED)
			.build();
		CsvImportResult result = this.importer.writeCsv("Sensors",
				new StringReader("time,site,reading,count\n1700000000000001,a,1.5,3\n"), mapping);
		assertThat(result.tableCreated()).isTrue();
		assertThat(result.precision()).isEqualTo(WritePrecision.US);
		server.verify(postRequestedFor(urlPathEqualTo(SQL_PATH)).withRequestBody(equalTo(
				"CREATE TABLE IF NOT EXISTS \"Sensors\" (\"reading\" DOUBLE, \"count\" BIGINT UNSIGNED, TAGS(\"site\"))")));
		assertWriteRequest(WriteStubs.onlyWriteRequest(server), "tenant=cnosdb&db=public&precision=us",
				"Sensors,site=a count=3u,reading=1.5 1700000000000001\n");
	}

	@Test
	void missingTableWithoutACompleteMappingIsRefusedBeforeAnythingIsWritten() {
		server.stubFor(post(urlPathEqualTo(SQL_PATH)).willReturn(error(422,
				"{\"error_code\":\"030019\",\"error_message\":\"Table not found: \\\"cnosdb.public.nope\\\"\"}")));
		CsvColumnMapping mapping = CsvColumnMapping.builder().time("time").build();
		assertThatExceptionOfType(CnosCsvImportException.class)
			.isThrownBy(() -> this.importer.writeCsv("nope", new StringReader("time,v\n1,2\n"), mapping))
			.withMessage("Table 'nope' does not exist; to create it, the mapping must name every CSV column, "
					+ "and it does not name [v]")
			.satisfies((ex) -> assertThat(ex.getRowsWritten()).isZero());
		assertThat(writeRequests(server)).isEmpty();
		server.verify(0, postRequestedFor(urlPathEqualTo(SQL_PATH)).withRequestBody(containing("CREATE")));
	}

	@Test
	void csvColumnThatIsNotInTheTableIsRefused() {
		describe("air", AIR_SCHEMA);
		assertThatExceptionOfType(CnosCsvImportException.class)
			.isThrownBy(() -> this.importer.writeCsv("air", new StringReader("time,station,humidity\n1,a,2\n")))
			.withMessage("CSV columns [humidity] are not columns of table 'air' (its columns are [time, station, "
					+ "visibility, temperature, pressure]); map them or ignore them")
			.satisfies((ex) -> {
				assertThat(ex.getLineNumber()).isEqualTo(1);
				assertThat(ex.getColumn()).isEqualTo("humidity");
			});
		assertThat(writeRequests(server)).isEmpty();
	}

	@Test
	void malformedValueStopsTheImportWithLineColumnAndValueAfterWritingTheRowsBeforeIt() {
		describe("air", DESCRIBE_HEADER + "time,TIMESTAMP(NANOSECOND),TIME,DEFAULT\nstation,STRING,TAG,DEFAULT\n"
				+ "note,STRING,FIELD,DEFAULT\ntemperature,DOUBLE,FIELD,DEFAULT\n");
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		String csv = "time,station,note,temperature\n1,a,x,1.5\n2,b,\"multi\nline\",2.5\n3,c,y,abc\n4,d,z,4.5\n";
		assertThatExceptionOfType(CnosCsvImportException.class)
			.isThrownBy(() -> this.importer.writeCsv("air", new StringReader(csv)))
			.withMessage("Line 5, column 'temperature': value 'abc' cannot be written as DOUBLE (not a decimal "
					+ "number); rows written before it: 2")
			.satisfies((ex) -> {
				assertThat(ex.getLineNumber()).isEqualTo(5);
				assertThat(ex.getColumn()).isEqualTo("temperature");
				assertThat(ex.getValue()).isEqualTo("abc");
				assertThat(ex.getRowsWritten()).isEqualTo(2);
			});
		assertWriteRequest(WriteStubs.onlyWriteRequest(server), NS,
				"air,station=a note=\"x\",temperature=1.5 1\nair,station=b note=\"multi\nline\",temperature=2.5 2\n");
	}

	@Test
	void eachMalformedCaseNamesItsLine() {
		describe("t",
				DESCRIBE_HEADER + "time,TIMESTAMP(MILLISECOND),TIME,DEFAULT\n" + "tag,STRING,TAG,DEFAULT\n"
						+ "d,DOUBLE,FIELD,DEFAULT\n" + "b,BOOLEAN,FIELD,DEFAULT\n" + "u,BIGINT UNSIGNED,FIELD,DEFAULT\n"
						+ "i,BIGINT,FIELD,DEFAULT\n");
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		String header = "time,tag,d,b,u,i\n";
		String good = "1,x,1,true,1,1\n";
		assertMalformed(header + good + "2,x,1,true\n", 3, null, null,
				"The row at line 3 has 4 values but the header names 6 columns");
		assertMalformed(header + good + "\n" + "yesterday,x,1,true,1,1\n", 4, "time", "yesterday",
				"Line 4, column 'time': value 'yesterday' cannot be written as the time (neither an integer in "
						+ "milliseconds nor an ISO-8601 date-time)");
		assertMalformed(header + good + "2023-01-01T00:00:00.0001Z,x,1,true,1,1\n", 3, "time",
				"2023-01-01T00:00:00.0001Z",
				"Line 3, column 'time': value '2023-01-01T00:00:00.0001Z' cannot be written as the time (timestamp "
						+ "1672531200000100000ns has digits below milliseconds and would be truncated; write it with a "
						+ "finer precision)");
		assertMalformed(header + good + ",x,1,true,1,1\n", 3, "time", "",
				"Line 3, column 'time': value '' cannot be written as the time (the time is empty)");
		assertMalformed(header + good + "2,x,1,yes,1,1\n", 3, "b", "yes",
				"Line 3, column 'b': value 'yes' cannot be written as BOOLEAN (not true or false)");
		// The line where the row starts, after empty lines (skipped).
		assertMalformed(header + good + "\n\r\n2,x,1,yes,1,1\n", 5, "b", "yes",
				"Line 5, column 'b': value 'yes' cannot be written as BOOLEAN (not true or false)");
		assertMalformed(header + good + "2,x,1,true,-1,1\n", 3, "u", "-1",
				"Line 3, column 'u': value '-1' cannot be written as BIGINT UNSIGNED (not an unsigned 64-bit integer)");
		assertMalformed(header + good + "2,x,1,true,1,9223372036854775808\n", 3, "i", "9223372036854775808",
				"Line 3, column 'i': value '9223372036854775808' cannot be written as BIGINT (not a signed 64-bit "
						+ "integer)");
		assertMalformed(header + good + "2,x,NaN,true,1,1\n", 3, "d", "NaN",
				"Line 3, column 'd': value 'NaN' cannot be written as DOUBLE (line protocol cannot carry NaN or "
						+ "infinities)");
		assertMalformed(header + good + "2,C:\\temp,1,true,1,1\n", 3, "tag", "C:\\temp",
				"Line 3, column 'tag': value 'C:\\temp' cannot be written as a tag (tag 'tag' value \"C:\\temp\" "
						+ "contains a backslash at index 2: CnosDB keeps or rejects backslashes in names and tags, so "
						+ "it cannot be written exactly)");
		assertMalformed(header + good + "2,x,,,,\n", 3, null, null,
				"The row at line 3 has no field value (all are empty); CnosDB needs at least one");
		assertMalformed(header + good + "2,\"x,1,true,1,1\n3,x,1,true,1,1\n", 3, null, null,
				"Malformed CSV in the row starting at line 3: Unclosed quoted field at end of input (record starting at "
						+ "line 3)");
	}

	private void assertMalformed(String csv, long line, String column, String value, String message) {
		server.resetRequests();
		assertThatExceptionOfType(CnosCsvImportException.class)
			.isThrownBy(() -> this.importer.writeCsv("t", new StringReader(csv)))
			.withMessage(message + "; rows written before it: 1")
			.satisfies((ex) -> {
				assertThat(ex.getLineNumber()).isEqualTo(line);
				assertThat(ex.getColumn()).isEqualTo(column);
				assertThat(ex.getValue()).isEqualTo(value);
				assertThat(ex.getRowsWritten()).isEqualTo(1);
			});
		assertWriteRequest(WriteStubs.onlyWriteRequest(server), "tenant=cnosdb&db=public&precision=ms",
				"t,tag=x b=true,d=1,i=1i,u=1u 1\n");
	}

	@Test
	void parseErrorWithAnUnquotedOffsetNamesTheRow() {
		// CnosDB 2.4.2's form (all releases name token and timestamp positions so): the
		// offset counts bytes of the body; byte 40 is in the body's second line.
		describe("air", AIR_SCHEMA);
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(error(422,
				"{\"error_code\":\"040004\",\"error_message\":\"Error parsing message: fail to parse timestamp at 40\"}")));
		String csv = "time,station,temperature\n0,s0,1.5\n1,s1,1.5\n2,s2,1.5\n";
		assertThatExceptionOfType(CnosCsvImportException.class)
			.isThrownBy(() -> this.importer.writeCsv("air", new StringReader(csv)))
			.withMessageStartingWith("Writing the rows from line 2 to line 4 failed, at the row from line 3 "
					+ "(the server may have applied part of them)");
		assertWriteRequest(WriteStubs.onlyWriteRequest(server), NS,
				"air,station=s0 temperature=1.5 0\nair,station=s1 temperature=1.5 1\nair,station=s2 temperature=1.5 2\n");
	}

	@Test
	void columnNamesFollowTheRuleOfPointsBeforeAnythingIsCreated() {
		server.stubFor(post(urlPathEqualTo(SQL_PATH)).willReturn(error(422,
				"{\"error_code\":\"030019\",\"error_message\":\"Table not found: \\\"cnosdb.public.t\\\"\"}")));
		CsvColumnMapping mapping = CsvColumnMapping.builder().time("time").field(" v", CsvColumnType.DOUBLE).build();
		assertThatExceptionOfType(CnosCsvImportException.class)
			.isThrownBy(() -> this.importer.writeCsv("t", new StringReader("time, v\n1,2\n"), mapping))
			.withMessageStartingWith("CSV column ' v' cannot be written as a field of table 't': field key \" v\" "
					+ "must not start with a space")
			.satisfies((ex) -> assertThat(ex.getColumn()).isEqualTo(" v"));
		server.verify(0, postRequestedFor(urlPathEqualTo(SQL_PATH)).withRequestBody(containing("CREATE")));
		assertThat(writeRequests(server)).isEmpty();
	}

	@Test
	void tableNameWithASlashIsRefusedBeforeAnyRequest() {
		// CnosDB 2.4.2 accepts a write to table "a/b" but SQL never finds it; DESCRIBE
		// TABLE answers 030019.
		assertThatIllegalArgumentException().isThrownBy(() -> this.importer.writeCsv("a/b", new StringReader("")))
			.withMessage("Cannot import into table 'a/b': measurement name 'a/b' must not contain '/' "
					+ "(CnosDB refuses it in names)");
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void serverFailureSaysWhichRowsWereWrittenBeforeIt() {
		describe("air", AIR_SCHEMA);
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).withRequestBody(containing("station=bad"))
			.willReturn(error(422,
					"{\"error_code\":\"040004\",\"error_message\":\"Error parsing message: unexpect end line start at '40'\"}")));
		CnosCsvImporter small = new CnosCsvImporter(
				CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build(), DataSize.ofKilobytes(1));
		StringBuilder csv = new StringBuilder("time,station,temperature\n");
		for (int i = 0; i < 100; i++) {
			csv.append(i).append(',').append((i == 60) ? "bad" : "s" + i).append(",1.5\n");
		}
		assertThatExceptionOfType(CnosCsvImportException.class)
			.isThrownBy(() -> small.writeCsv("air", new StringReader(csv.toString())))
			.withMessageStartingWith("Writing the rows from line 60 to line 88 failed, at the row from line 61 "
					+ "(the server may have applied part of them); rows written before them: 58; Write failed: "
					+ "CnosDB error 040004")
			.satisfies((ex) -> {
				assertThat(ex.getRowsWritten()).isEqualTo(58);
				assertThat(ex.getLineNumber()).isEqualTo(60);
				assertThat(ex.getCause()).isInstanceOf(CnosInvalidDataException.class);
			});
		assertThat(writeRequests(server)).hasSize(3);
	}

	@Test
	void sameRequestsAndMessagesWhetherTheNextBodyIsReadWhileOneIsSentOrAfter() {
		describe("air", AIR_SCHEMA);
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).withRequestBody(containing("station=bad"))
			.willReturn(error(422,
					"{\"error_code\":\"040004\",\"error_message\":\"Error parsing message: unexpect end line start at '40'\"}")));
		CnosTemplate template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build();
		List<List<String>> bodies = new ArrayList<>();
		// A heap large enough for a second body, then one too small for it.
		for (long maxHeap : new long[] { Long.MAX_VALUE, 1024 }) {
			server.resetRequests();
			StringBuilder good = new StringBuilder("time,station,temperature\n");
			for (int i = 0; i < 100; i++) {
				good.append(i).append(",s").append(i).append(",1.5\n");
			}
			CsvImportResult result = new CsvImportRun(template, 1024, "air",
					new CsvRecordReader(new StringReader(good.toString())), -1, maxHeap)
				.run(CsvColumnMapping.none());
			assertThat(result.rowsWritten()).isEqualTo(100);
			assertThat(result.requests()).isEqualTo(4);
			List<String> sent = new ArrayList<>();
			for (LoggedRequest request : writeRequests(server)) {
				sent.add(request.getBodyAsString());
			}
			assertThat(String.join("", sent)).startsWith("air,station=s0 temperature=1.5 0\n")
				.endsWith("air,station=s99 temperature=1.5 99\n");
			bodies.add(sent);
			server.resetRequests();
			String bad = good.toString().replace("\n60,s60,", "\n60,bad,");
			assertThatExceptionOfType(CnosCsvImportException.class)
				.isThrownBy(() -> new CsvImportRun(template, 1024, "air", new CsvRecordReader(new StringReader(bad)),
						-1, maxHeap)
					.run(CsvColumnMapping.none()))
				.withMessageStartingWith("Writing the rows from line 60 to line 88 failed, at the row from line 61 "
						+ "(the server may have applied part of them); rows written before them: 58; Write failed: "
						+ "CnosDB error 040004")
				.satisfies((ex) -> assertThat(ex.getRowsWritten()).isEqualTo(58));
			assertThat(writeRequests(server)).hasSize(3);
			server.resetRequests();
			String malformed = good.toString().replace("\n70,s70,1.5", "\n70,s70,warm");
			assertThatExceptionOfType(CnosCsvImportException.class)
				.isThrownBy(() -> new CsvImportRun(template, 1024, "air",
						new CsvRecordReader(new StringReader(malformed)), -1, maxHeap)
					.run(CsvColumnMapping.none()))
				.withMessageEndingWith("; rows written before it: 70")
				.satisfies((ex) -> {
					assertThat(ex.getLineNumber()).isEqualTo(72);
					assertThat(ex.getValue()).isEqualTo("warm");
					assertThat(ex.getRowsWritten()).isEqualTo(70);
				});
			assertThat(writeRequests(server)).hasSize(3);
		}
		assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
	}

	@Test
	void fileAndStreamAreReadAsUtf8WithOrWithoutByteOrderMark(@TempDir Path dir) throws IOException {
		describe("air", AIR_SCHEMA);
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		Path file = dir.resolve("air.csv");
		Files.writeString(file, "\uFEFFtime,station,temperature\n1,北京,1.5\n", StandardCharsets.UTF_8);
		assertThat(this.importer.writeCsv("air", file).rowsWritten()).isEqualTo(1);
		assertThat(
				this.importer
					.writeCsv("air",
							new ByteArrayInputStream(
									"time,station,temperature\n2,東京,2.5\n".getBytes(StandardCharsets.UTF_8)))
					.rowsWritten())
			.isEqualTo(1);
		List<LoggedRequest> writes = writeRequests(server);
		assertWriteRequest(writes.get(0), NS, "air,station=北京 temperature=1.5 1\n");
		assertWriteRequest(writes.get(1), NS, "air,station=東京 temperature=2.5 2\n");
		byte[] latin1 = "time,station,temperature\n3,Gen\u00e8ve,3.5\n".getBytes(StandardCharsets.ISO_8859_1);
		assertThatExceptionOfType(CnosCsvImportException.class)
			.isThrownBy(() -> this.importer.writeCsv("air", new ByteArrayInputStream(latin1)))
			.withMessageStartingWith("The CSV input is not valid UTF-8")
			.satisfies((ex) -> assertThat(ex.getRowsWritten()).isZero());
		assertThat(writeRequests(server)).hasSize(2);
	}

	@Test
	void largeInputIsStreamedInBoundedRequestsWhileItIsRead() {
		describe("load", DESCRIBE_HEADER + "time,TIMESTAMP(NANOSECOND),TIME,DEFAULT\nid,STRING,TAG,DEFAULT\n"
				+ "v,DOUBLE,FIELD,DEFAULT\n");
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		int rows = 1_000_000;
		int chunk = 1024 * 1024;
		CnosCsvImporter importer = new CnosCsvImporter(
				CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build(), DataSize.ofBytes(chunk));
		GeneratedCsv source = new GeneratedCsv(rows);
		CsvImportResult result = importer.writeCsv("load", source);
		assertThat(result.rowsWritten()).isEqualTo(rows);
		List<LoggedRequest> requests = writeRequests(server);
		assertThat(requests).hasSize(result.requests());
		// The importer never held the input: when the generator reached its end, all but
		// the last two requests had already reached the server (one may be in flight
		// while the last is read).
		assertThat(source.requestsSeenAtEnd).isGreaterThanOrEqualTo(requests.size() - 2);
		assertThat(requests.size()).isGreaterThan(20);
		long next = 0;
		for (LoggedRequest request : requests) {
			byte[] body = request.getBody();
			assertThat(body.length).isLessThanOrEqualTo(chunk);
			assertThat(request.getHeader("Content-Length")).isEqualTo(String.valueOf(body.length));
			assertThat(request.containsHeader("Transfer-Encoding")).isFalse();
			String text = new String(body, StandardCharsets.UTF_8);
			assertThat(text).endsWith("\n");
			for (String line : text.split("\n")) {
				String expected = GeneratedCsv.expectedLine(next++);
				if (!line.equals(expected)) {
					assertThat(line).as("row %d", next - 1).isEqualTo(expected);
				}
			}
		}
		assertThat(next).isEqualTo(rows);
	}

	@Test
	void serverSidePathImportUsesCopyInto() {
		server.stubFor(post(urlPathEqualTo(SQL_PATH)).willReturn(csv("")));
		this.importer.copyFromServerFile("air", "/data/it's here.csv");
		CnosServerStub.assertSqlRequest(CnosServerStub.onlyRequest(server),
				"COPY INTO \"air\" FROM 'file:///data/it''s here.csv' FILE_FORMAT = (TYPE = 'CSV', DELIMITER = ',', "
						+ "WITH_HEADER = true)",
				false);
		assertThatIllegalArgumentException().isThrownBy(() -> this.importer.copyFromServerFile("air", "data.csv"))
			.withMessage("The server path must be absolute, not 'data.csv'");
	}

	@Test
	void serverSidePathWithEveryCharacterTheServerReadsAsItselfIsSentUnchanged() {
		// CnosDB 2.4.2.1's exact answer to a COPY INTO that read two rows.
		server.stubFor(post(urlPathEqualTo(SQL_PATH)).willReturn(csv("rows\n2\n")));
		String path = "/data/dir with spaces/it's !$&()+,-.:;=@_ A-z 0-9.csv";
		assertThat(this.importer.copyFromServerFile("air", path)).isEqualTo(2);
		CnosServerStub.assertSqlRequest(CnosServerStub.onlyRequest(server),
				"COPY INTO \"air\" FROM 'file:///data/dir with spaces/it''s !$&()+,-.:;=@_ A-z 0-9.csv' "
						+ "FILE_FORMAT = (TYPE = 'CSV', DELIMITER = ',', WITH_HEADER = true)",
				false);
	}

	@ParameterizedTest
	@MethodSource("pathsTheServerReadsOtherwise")
	void serverSidePathThatTheServerWouldReadAsAnotherPathIsRefusedBeforeAnyRequest(String path, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.importer.copyFromServerFile("air", path))
			.withMessage("The server path '" + path + "' cannot be imported: it holds " + message);
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	/** What CnosDB 2.4.2.1 made of each path when it was sent: another file, or none. */
	static Stream<Arguments> pathsTheServerReadsOtherwise() {
		String url = ", and the server reads the path as a URL, ";
		return Stream.of(
				// Read as /data/pctA.csv.
				Arguments.of("/data/pct%41.csv",
						"'%' (U+0025) at index 9" + url + "which decodes '%' as the start of a percent escape"),
				// Read as /data/hash.
				Arguments.of("/data/hash#1.csv",
						"'#' (U+0023) at index 10" + url + "where '#' starts a fragment and cuts the path"),
				// Read as /data/what.
				Arguments.of("/data/what?.csv",
						"'?' (U+003F) at index 10" + url + "where '?' starts a query and cuts the path"),
				// Read as /data/back/slash.csv.
				Arguments.of("/data/back\\slash.csv",
						"'\\' (U+005C) at index 10" + url + "where a backslash reads as '/'"),
				// Read as /data/tabx.csv.
				Arguments.of("/data/tab\tx.csv",
						"the control character U+0009 at index 9" + url + "which drops tabs and newlines"),
				// Read as /data/trail.
				Arguments.of("/data/trail ", "' ' (U+0020) at index 11" + url + "which drops a space at its end"),
				// Looked for as /data/x%7Ey.csv, /data/x%5By.csv, /data/x%22y.csv,
				// /data/x%01y.csv and /data/%C3%BC.csv: never found.
				Arguments.of("/data/x~y.csv",
						"'~' (U+007E) at index 7" + url + "which percent-encodes it (%7E), so the file is never found"),
				Arguments.of("/data/x[y.csv",
						"'[' (U+005B) at index 7" + url + "which percent-encodes it (%5B), so the file is never found"),
				Arguments.of("/data/x\"y.csv",
						"'\"' (U+0022) at index 7" + url
								+ "which percent-encodes it (%22), so the file is never found"),
				Arguments.of("/data/x\u0001y.csv",
						"the control character U+0001 at index 7" + url
								+ "which percent-encodes it (%01), so the file is never found"),
				Arguments.of("/data/\u00fc.csv",
						"'\u00fc' (U+00FC) at index 6" + url
								+ "which percent-encodes it (%C3%BC), so the file is never found"),
				Arguments.of("/data/\uD83D\uDE00.csv", "'\uD83D\uDE00' (U+1F600) at index 6" + url
						+ "which percent-encodes it (%F0%9F%98%80), so the file is never found"));
	}

	@Test
	void rowLargerThanOneRequestStopsTheImportAfterTheRowsBeforeItAreWritten() {
		describe("notes",
				DESCRIBE_HEADER + "time,TIMESTAMP(NANOSECOND),TIME,DEFAULT\n" + "text,STRING,FIELD,DEFAULT\n");
		server.stubFor(post(urlPathEqualTo(WRITE_PATH)).willReturn(writeOk()));
		CnosCsvImporter small = new CnosCsvImporter(
				CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build(), DataSize.ofKilobytes(1));
		String big = "x".repeat(1100);
		String csv = "time,text\n1,a\n2,b\n3," + big + "\n4,c\n";
		assertThatExceptionOfType(CnosCsvImportException.class)
			.isThrownBy(() -> small.writeCsv("notes", new StringReader(csv)))
			.withMessageStartingWith("The row at line 4 cannot be written: Line 3 is 1116 bytes, more than the 1024 "
					+ "bytes one write request may carry (max request size): notes text=\"xxx")
			.withMessageEndingWith("; rows written before it: 2")
			.satisfies((ex) -> {
				assertThat(ex.getLineNumber()).isEqualTo(4);
				assertThat(ex.getColumn()).isNull();
				assertThat(ex.getRowsWritten()).isEqualTo(2);
			});
		assertWriteRequest(WriteStubs.onlyWriteRequest(server), NS, "notes text=\"a\" 1\nnotes text=\"b\" 2\n");
		server.resetRequests();
		assertThatExceptionOfType(CnosCsvImportException.class)
			.isThrownBy(() -> small.writeCsv("notes", new StringReader("time,text\n3," + big + "\n4,c\n")))
			.withMessageStartingWith("The row at line 2 cannot be written: Line 1 is 1116 bytes")
			.satisfies((ex) -> assertThat(ex.getRowsWritten()).isZero());
		assertThat(writeRequests(server)).isEmpty();
	}

	/**
	 * CSV rows made on demand: the whole input never exists at once. Records how many
	 * write requests the server had received when the last row was handed out.
	 */
	static final class GeneratedCsv extends Reader {

		private final int rows;

		private int row = -1;

		private String current = "time,id,v\n";

		private int position;

		private volatile int requestsSeenAtEnd = -1;

		GeneratedCsv(int rows) {
			this.rows = rows;
		}

		static String expectedLine(long row) {
			return "load,id=sensor-" + (row % 1000) + " v=" + row + ".25 " + (1_700_000_000_000_000_000L + row);
		}

		@Override
		public int read(char[] buffer, int offset, int length) {
			if (this.position == this.current.length()) {
				this.row++;
				if (this.row >= this.rows) {
					if (this.requestsSeenAtEnd < 0) {
						this.requestsSeenAtEnd = writeRequests(server).size();
					}
					return -1;
				}
				this.current = (1_700_000_000_000_000_000L + this.row) + ",sensor-" + (this.row % 1000) + "," + this.row
						+ ".25\n";
				this.position = 0;
			}
			int count = Math.min(length, this.current.length() - this.position);
			this.current.getChars(this.position, this.position + count, buffer, offset);
			this.position += count;
			return count;
		}

		@Override
		public void close() {
		}

	}

}
