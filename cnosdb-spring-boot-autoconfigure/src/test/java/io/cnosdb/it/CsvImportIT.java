package io.cnosdb.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.admin.CnosColumn;
import io.cnosdb.client.admin.CnosColumnKind;
import io.cnosdb.client.admin.CnosFieldType;
import io.cnosdb.client.admin.CnosTableDefinition;
import io.cnosdb.client.csv.CnosCsvImportException;
import io.cnosdb.client.csv.CsvColumnMapping;
import io.cnosdb.client.csv.CsvColumnType;
import io.cnosdb.client.csv.CsvImportResult;
import io.cnosdb.client.write.WritePrecision;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * CSV import through the template ({@code writeCsv}) against a real server: typed by
 * {@code DESCRIBE TABLE} from a file, a stream and a reader; a table created from an
 * explicit mapping; a malformed row named by line, column and value.
 *
 * @author CnosDB Spring Boot contributors
 */
@RealCnosDbTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsvImportIT {

	private final CnosDbServer server;

	@AutoClose
	private final CnosDbServer.TemporaryDatabase temporary;

	private final String database;

	private final CnosTemplate template;

	CsvImportIT(CnosDbServer server) {
		this.server = server;
		this.temporary = server.temporaryDatabase("csv");
		this.database = this.temporary.name();
		this.template = this.temporary.template();
	}

	@Test
	void importFromFileStreamAndReaderIsTypedByTheTablesSchema(@TempDir Path dir) throws IOException {
		this.template.admin()
			.createTable(CnosTableDefinition.builder("air")
				.field("visibility", CnosFieldType.DOUBLE)
				.field("count", CnosFieldType.BIGINT)
				.field("ok", CnosFieldType.BOOLEAN)
				.field("note", CnosFieldType.STRING)
				.tag("station")
				.build());
		String header = "time,station,visibility,count,ok,note\n";
		Path file = Files.writeString(dir.resolve("air.csv"),
				header + "2024-03-01T10:00:00.000000001,\"Xiao,Mai \"\"Dao\"\"\",56.5,-3,true,\"two\nlines\"\n");
		CsvImportResult fromFile = this.template.writeCsv("air", file);
		CsvImportResult fromStream = this.template.writeCsv("air", new ByteArrayInputStream(
				(header + "1709287200000000002,北京,1e-5,7,FALSE,\n").getBytes(StandardCharsets.UTF_8)));
		CsvImportResult fromReader = this.template.writeCsv("air",
				new StringReader(header + "2024-03-01 10:00:00.000000003,s3,,,,\\ end\n"));
		assertThat(List.of(fromFile, fromStream, fromReader))
			.containsOnly(new CsvImportResult("air", 1, 1, WritePrecision.NS, false));
		List<String> rows = this.template.query("SELECT * FROM air ORDER BY time",
				(row, n) -> row.getInstant("time") + "|" + row.getString("station") + "|" + row.getDouble("visibility")
						+ "|" + row.getLong("count") + "|" + row.getBoolean("ok") + "|" + row.getString("note"));
		assertThat(rows).containsExactly("2024-03-01T10:00:00.000000001Z|Xiao,Mai \"Dao\"|56.5|-3|true|two\nlines",
				"2024-03-01T10:00:00.000000002Z|北京|1.0E-5|7|false|null",
				"2024-03-01T10:00:00.000000003Z|s3|null|null|null|\\ end");
	}

	@Test
	void explicitMappingCreatesTheTable() {
		CsvColumnMapping mapping = CsvColumnMapping.builder()
			.time("ts")
			.timeUnit(TimeUnit.MILLISECONDS)
			.tag("site")
			.field("reading", CsvColumnType.DOUBLE)
			.field("total", CsvColumnType.BIGINT_UNSIGNED)
			.ignore("comment")
			.build();
		CsvImportResult result = this.template.writeCsv("created",
				new StringReader("ts,site,reading,total,comment\n1709287200000,a b,1.25,18446744073709551615,x\n"
						+ "1709287200001,c=d,-2,0,y\n"),
				mapping);
		assertThat(result).isEqualTo(new CsvImportResult("created", 2, 1, WritePrecision.NS, true));
		assertThat(this.template.admin().describeTable("created"))
			.extracting((column) -> column.name() + " " + column.dataType() + " " + column.kind())
			.containsExactlyInAnyOrder("time TIMESTAMP(NANOSECOND) TIME", "site STRING TAG", "reading DOUBLE FIELD",
					"total BIGINT UNSIGNED FIELD");
		assertThat(this.template.query("SELECT * FROM created ORDER BY time",
				(row, n) -> row.getInstant("time") + "|" + row.getString("site") + "|" + row.getDouble("reading") + "|"
						+ row.getBigInteger("total")))
			.containsExactly("2024-03-01T10:00:00Z|a b|1.25|18446744073709551615",
					"2024-03-01T10:00:00.001Z|c=d|-2.0|0");
	}

	@Test
	void malformedRowIsNamedByLineColumnAndValueAndTheRowsBeforeItAreWritten() {
		this.template.admin()
			.createTable(CnosTableDefinition.builder("bad").field("v", CnosFieldType.BIGINT).tag("k").build());
		String csv = "time,k,v\n1709287200000000000,a,1\n1709287200000000001,b,2\n1709287200000000002,c,1.5\n";
		assertThatExceptionOfType(CnosCsvImportException.class)
			.isThrownBy(() -> this.template.writeCsv("bad", new StringReader(csv)))
			.withMessageStartingWith("Line 4, column 'v': value '1.5' cannot be written as BIGINT")
			.satisfies((ex) -> {
				assertThat(ex.getLineNumber()).isEqualTo(4);
				assertThat(ex.getColumn()).isEqualTo("v");
				assertThat(ex.getValue()).isEqualTo("1.5");
				assertThat(ex.getRowsWritten()).isEqualTo(2);
			});
		assertThat(this.template.query("SELECT k, v FROM bad ORDER BY time",
				(row, n) -> row.getString("k") + "=" + row.getLong("v")))
			.containsExactly("a=1", "b=2");
	}

	@Test
	void importThroughAViewWritesToTheViewsDatabase() {
		String other = CnosDbServer.uniqueName("csvview");
		this.server.template().admin().createDatabase(other);
		try {
			CnosTemplate view = this.server.template().forDatabase(other);
			view.admin().createTable(CnosTableDefinition.builder("t").field("v", CnosFieldType.DOUBLE).build());
			assertThat(view.writeCsv("t", new StringReader("time,v\n1709287200000000000,2.5\n")).rowsWritten())
				.isEqualTo(1);
			assertThat(view.queryForObject("SELECT v FROM t", Double.class)).isEqualTo(2.5);
			assertThat(this.template.admin().listTables()).doesNotContain("t");
		}
		finally {
			this.server.template().admin().dropDatabaseIfExists(other);
		}
	}

	@Test
	void describedColumnsOfAWrittenTableAreTheColumnsImported() {
		// A table created by a write (not by SQL) is described alike.
		this.template.writeLines("written,k=a v=1i 1709287200000000000");
		List<CnosColumn> columns = this.template.admin().describeTable("written");
		assertThat(columns).extracting(CnosColumn::kind)
			.containsExactly(CnosColumnKind.TIME, CnosColumnKind.TAG, CnosColumnKind.FIELD);
		this.template.writeCsv("written", new StringReader("v,time,k\n2,2024-03-01T10:00:00.5Z,b\n"));
		assertThat(this.template.query("SELECT k, v, time FROM written ORDER BY time",
				(row, n) -> row.getString("k") + "=" + row.getLong("v") + "@" + row.getInstant("time")))
			.containsExactly("a=1@" + Instant.parse("2024-03-01T10:00:00Z"), "b=2@2024-03-01T10:00:00.500Z");
	}

}
