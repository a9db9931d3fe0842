package io.cnosdb.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.cnosdb.client.CnosBadSqlException;
import io.cnosdb.client.CnosObjectExistsException;
import io.cnosdb.client.CnosObjectNotFoundException;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosResult;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.admin.CnosAdminOperations;
import io.cnosdb.client.admin.CnosCodec;
import io.cnosdb.client.admin.CnosColumn;
import io.cnosdb.client.admin.CnosColumnKind;
import io.cnosdb.client.admin.CnosFieldType;
import io.cnosdb.client.admin.CnosTableDefinition;
import io.cnosdb.client.csv.CnosCsvImporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Every table method of the admin API against a real CnosDB, in a database of this class
 * reached through {@code forDatabase(...).admin()}; each effect read back through the
 * admin API and through plain SQL.
 *
 * @author CnosDB Spring Boot contributors
 */
@RealCnosDbTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminTablesIT {

	private final CnosDbServer server;

	private final CnosTemplate template;

	private final String database = CnosDbServer.uniqueName("it_tables");

	private CnosOperations inside;

	private CnosAdminOperations admin;

	AdminTablesIT(CnosDbServer server) {
		this.server = server;
		this.template = server.template();
	}

	@BeforeAll
	void createDatabase() {
		this.template.admin().createDatabase(this.database);
		this.inside = this.template.forDatabase(this.database);
		this.admin = this.inside.admin();
	}

	@AfterAll
	void dropDatabase() {
		this.template.admin().dropDatabaseIfExists(this.database);
	}

	@Test
	void everyTypeAndCodecIsCreatedAndDescribedExactly() {
		CnosTableDefinition.Builder builder = CnosTableDefinition.builder("every_type");
		List<CnosColumn> expected = new ArrayList<>();
		expected.add(new CnosColumn("time", "TIMESTAMP(NANOSECOND)", CnosColumnKind.TIME, CnosCodec.DEFAULT));
		expected.add(new CnosColumn("tag a", "STRING", CnosColumnKind.TAG, CnosCodec.DEFAULT));
		expected.add(new CnosColumn("Tag.B", "STRING", CnosColumnKind.TAG, CnosCodec.DEFAULT));
		for (CnosFieldType type : CnosFieldType.values()) {
			String plain = type.name().toLowerCase(Locale.ROOT) + "_plain";
			builder.field(plain, type);
			expected.add(new CnosColumn(plain, describedType(type), CnosColumnKind.FIELD, CnosCodec.DEFAULT));
			for (CnosCodec codec : CnosCodec.values()) {
				if (type.supports(codec)) {
					String name = type.name().toLowerCase(Locale.ROOT) + "_" + codec.name().toLowerCase(Locale.ROOT);
					builder.field(name, type, codec);
					expected.add(new CnosColumn(name, describedType(type), CnosColumnKind.FIELD, codec));
				}
			}
		}
		CnosTableDefinition table = builder.tag("tag a").tag("Tag.B").build();
		this.admin.createTable(table);
		assertThat(this.admin.describeTable("every_type")).containsExactlyElementsOf(expected);
		CnosResult raw = this.inside.query("DESCRIBE TABLE every_type");
		assertThat(raw.columnNames()).containsExactly("column_name", "data_type", "column_type", "compression_codec");
		// Every declared codec is one the server accepts: a row can be written to each
		// column.
		this.inside.execute("INSERT INTO every_type (time, \"tag a\", bigint_delta, double_gorilla, string_zstd,"
				+ " boolean_bitpack, geometry_point_plain) VALUES (1700000000000000000, 'x', 1, 1.5, 's', true,"
				+ " 'POINT(1 2)')");
		assertThat(this.inside.queryForObject("SELECT string_zstd FROM every_type WHERE \"tag a\" = 'x'", String.class))
			.isEqualTo("s");
	}

	/** The type as DESCRIBE TABLE names it: geometries as {@code Geometry(POINT, 0)}. */
	private static String describedType(CnosFieldType type) {
		return type.sql().startsWith("GEOMETRY") ? "Geometry" + type.sql().substring("GEOMETRY".length()) : type.sql();
	}

	@Test
	void aCodecTheServerDoesNotAllowIsRefusedByTheServerToo() {
		// The client refuses it before sending (CnosTableDefinition); plain SQL shows
		// why.
		assertThatExceptionOfType(CnosBadSqlException.class)
			.isThrownBy(() -> this.inside.execute("CREATE TABLE bad_codec (v BIGINT CODEC(GORILLA))"))
			.satisfies((ex) -> assertThat(ex.getErrorResponse().message())
				.isEqualTo("Semantic error: Unsupported encoding type Gorilla for BIGINT"));
		assertThat(this.admin.listTables()).doesNotContain("bad_codec");
	}

	@Test
	void createIfNotExistsKeepsTheTableAndCreateFailsWith030020() {
		CnosTableDefinition first = CnosTableDefinition.builder("kept").field("a", CnosFieldType.DOUBLE).build();
		this.admin.createTableIfNotExists(first);
		this.admin.createTableIfNotExists(CnosTableDefinition.builder("kept").field("b", CnosFieldType.BIGINT).build());
		assertThat(this.admin.describeTable("kept")).extracting(CnosColumn::name).containsExactly("time", "a");
		assertThatExceptionOfType(CnosObjectExistsException.class).isThrownBy(() -> this.admin.createTable(first))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("030020");
				assertThat(ex.getErrorResponse().message()).isEqualTo("Table kept already exists.");
			});
	}

	@Test
	void listDropAndDropIfExists() {
		this.admin.createTable(CnosTableDefinition.builder("short_lived").field("v", CnosFieldType.DOUBLE).build());
		assertThat(this.admin.listTables()).contains("short_lived").isSorted();
		assertThat(this.inside.query("SHOW TABLES", (row, n) -> row.getString("table_name"))).contains("short_lived");
		this.admin.dropTable("short_lived");
		assertThat(this.admin.listTables()).doesNotContain("short_lived");
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> this.admin.dropTable("short_lived"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("030019");
				assertThat(ex.getErrorResponse().message()).isEqualTo("Table not found: \"short_lived\"");
			});
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> this.admin.describeTable("short_lived"))
			.satisfies((ex) -> assertThat(ex.getErrorResponse().message())
				.isEqualTo("Table not found: \"cnosdb." + this.database + ".short_lived\""));
		this.admin.dropTableIfExists("short_lived");
	}

	@Test
	void tablesBelongToTheViewsDatabase() {
		String other = CnosDbServer.uniqueName("it_tables_other");
		this.template.admin().createDatabase(other);
		try {
			CnosAdminOperations otherAdmin = this.template.forDatabase(other).admin();
			otherAdmin.createTable(CnosTableDefinition.builder("only_there").field("v", CnosFieldType.DOUBLE).build());
			assertThat(otherAdmin.listTables()).containsExactly("only_there");
			assertThat(this.admin.listTables()).doesNotContain("only_there");
			assertThat(this.template.admin().listTables()).doesNotContain("only_there");
		}
		finally {
			this.template.admin().dropDatabase(other);
		}
	}

	@Test
	void copyFromServerFileReadsAPathWithSpaces(@TempDir Path dir) throws IOException {
		assumeThat(this.server.startedHere() && !this.server.origin().startsWith("Docker"))
			.as("the server must read this machine's files: " + this.server)
			.isTrue();
		Path file = Files.createDirectories(dir.resolve("dir with spaces")).resolve("it's data.csv");
		Files.writeString(file, "time,station,v\n2024-01-01T00:00:00Z,s 1,1.5\n2024-01-01T00:00:01Z,s2,2.5\n");
		this.admin
			.createTable(CnosTableDefinition.builder("copied").field("v", CnosFieldType.DOUBLE).tag("station").build());
		long rows = new CnosCsvImporter(this.inside).copyFromServerFile("copied", file.toAbsolutePath().toString());
		assertThat(rows).isEqualTo(2);
		assertThat(this.inside.query("SELECT station, v FROM copied ORDER BY time",
				(row, n) -> row.getString("station") + "=" + row.getDouble("v")))
			.containsExactly("s 1=1.5", "s2=2.5");
	}

	@Test
	void copyFromServerFileReadsAPathWithEveryCharacterItAllows(@TempDir Path dir) throws IOException {
		assumeThat(this.server.startedHere() && !this.server.origin().startsWith("Docker"))
			.as("the server must read this machine's files: " + this.server)
			.isTrue();
		Path file = Files.createDirectories(dir.resolve("it's !$&()+,-.:;=@_ dir")).resolve("a b!$&'()+,-.:;=@_.csv");
		Files.writeString(file, "time,station,v\n2024-01-01T00:00:00Z,s1,1.5\n");
		this.admin.createTable(
				CnosTableDefinition.builder("punctuated").field("v", CnosFieldType.DOUBLE).tag("station").build());
		assertThat(new CnosCsvImporter(this.inside).copyFromServerFile("punctuated", file.toAbsolutePath().toString()))
			.isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "with space", "it's", "say \"hi\"", "ünï", "dotted.name", "comma,name", "MiXeD" })
	void tablesWithOddNamesAreCreatedListedUsedAndDropped(String name) {
		this.admin.createTable(
				CnosTableDefinition.builder(name).field("odd value", CnosFieldType.DOUBLE).tag("odd.tag").build());
		assertThat(this.admin.listTables()).contains(name);
		assertThat(this.admin.describeTable(name)).extracting(CnosColumn::name)
			.containsExactly("time", "odd.tag", "odd value");
		String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
		this.inside.execute("INSERT INTO " + quoted + " (time, \"odd.tag\", \"odd value\") VALUES (1, 'a', 2.5)");
		assertThat(this.inside.queryForObject("SELECT sum(\"odd value\") FROM " + quoted, Double.class)).isEqualTo(2.5);
		this.admin.dropTable(name);
		assertThat(this.admin.listTables()).doesNotContain(name);
	}

}
