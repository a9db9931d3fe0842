package io.cnosdb.it;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cnosdb.client.CnosInvalidDataException;
import io.cnosdb.client.CnosObjectNotFoundException;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.admin.CnosColumn;
import io.cnosdb.client.admin.CnosFieldType;
import io.cnosdb.client.admin.CnosTableDefinition;
import io.cnosdb.client.write.Point;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Names and string values at the edge of what the line protocol carries: what a point
 * accepts is stored exactly (read back with SHOW TABLES, DESCRIBE TABLE and SELECT), and
 * what one release or the other cannot read back, or SQL cannot address, is refused
 * before anything is sent.
 *
 * @author CnosDB Spring Boot contributors
 */
@RealCnosDbTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LineProtocolNamesIT {

	private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

	private final CnosDbServer server;

	@AutoClose
	private final CnosDbServer.TemporaryDatabase temporary;

	private final String database;

	private final CnosTemplate template;

	LineProtocolNamesIT(CnosDbServer server) {
		this.server = server;
		this.temporary = server.temporaryDatabase("names");
		this.database = this.temporary.name();
		this.template = this.temporary.template();
	}

	@Test
	void measurementsAtTheBoundaryAreStoredExactly() {
		List<String> names = List.of("a b", "a,b", "a=b", "=a", "é=ü", "a ", "\"q\"", "a'b", "a.b", "中文", "a#");
		for (String name : names) {
			this.template.writePoint(Point.measurement(name).field("v", 1L).time(T0).build());
		}
		assertThat(this.template.admin().listTables()).containsAll(names);
		for (String name : names) {
			assertThat(this.template.query("SELECT v FROM " + quote(name), (row, n) -> row.getLong("v"))).as(name)
				.containsExactly(1L);
		}
	}

	@Test
	void tagsAndFieldKeysAtTheBoundaryAreStoredExactly() {
		Map<String, String> tags = Map.of(" a", "  ", "=b", "a b=c", ",c", ",x", "t/k", "a/b", "d=e f,g", "\"'#");
		Point point = Point.measurement("keys")
			.tags(tags)
			.field("a b=c", 1L)
			.field("f/k", 2L)
			.field("z ", 3L)
			.field("y,=", 4L)
			.time(T0)
			.build();
		this.template.writePoint(point);
		List<CnosColumn> columns = this.template.admin().describeTable("keys");
		assertThat(columns).extracting(CnosColumn::name)
			.containsExactlyInAnyOrder("time", " a", "=b", ",c", "t/k", "d=e f,g", "a b=c", "f/k", "z ", "y,=");
		var row = this.template.query("SELECT * FROM keys").rows().get(0);
		tags.forEach((key, value) -> assertThat(row.getString(key)).as(key).isEqualTo(value));
		assertThat(row.getLong("a b=c")).isEqualTo(1L);
		assertThat(row.getLong("f/k")).isEqualTo(2L);
		assertThat(row.getLong("z ")).isEqualTo(3L);
		assertThat(row.getLong("y,=")).isEqualTo(4L);
		// Each column is addressable on its own.
		assertThat(this.template.query("SELECT \"d=e f,g\", \"f/k\" FROM keys WHERE \" a\" = '  '",
				(r, n) -> r.getString("d=e f,g") + "|" + r.getLong("f/k")))
			.containsExactly("\"'#|2");
	}

	@Test
	void measurementWithEqualsAndASpaceIsRefusedAlthough242WouldStoreIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("a b=c"))
			.withMessageStartingWith("measurement \"a b=c\" must not contain '=' together with a space or a comma");
		// What a point refuses because CnosDB 2.4.3 fails the whole request on it: 2.4.2
		// stores the raw line.
		assumeRelease("2.4.2");
		String name = "eq sp=" + System.nanoTime();
		this.template.writeLines(name.replace(" ", "\\ ") + " v=1i " + T0.getEpochSecond() * 1_000_000_000L);
		assertThat(this.template.admin().listTables()).contains(name);
		this.template.admin().dropTable(name);
	}

	@Test
	void tableWithASlashIsRefusedEverywhereBecauseSqlCannotAddressIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("s/lash"))
			.withMessage("measurement name 's/lash' must not contain '/' (CnosDB refuses it in names)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.admin()
				.createTable(CnosTableDefinition.builder("s/lash").field("v", CnosFieldType.BIGINT).build()))
			.withMessage("table name 's/lash' must not contain '/' (CnosDB refuses it in names)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.writeCsv("s/lash", new StringReader("time,v\n1,1\n")))
			.withMessageStartingWith("Cannot import into table 's/lash': measurement name 's/lash' must not contain");
		// A raw line still reaches the server, which answers 200 and then cannot find
		// the table.
		this.template.writeLines("s/lash v=1i " + T0.getEpochSecond() * 1_000_000_000L);
		assertThat(this.template.admin().listTables()).doesNotContain("s/lash");
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> this.template.admin().describeTable("s/lash"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030019"));
	}

	@Test
	void stringValuesRoundTripExceptABackslashBeforeAQuote() {
		List<String> values = List.of("\"", "a\"b", "\"\"", "\\", "a\\", "\\a", "\"\\", "\\\\", "x\\ny", "line\nbreak",
				"tab\tend", "a,b c=d", "'", " ");
		for (int i = 0; i < values.size(); i++) {
			this.template.writePoint(Point.measurement("strings")
				.tag("i", String.valueOf(i))
				.field("s", values.get(i))
				.time(T0)
				.build());
		}
		List<String> read = this.template.query("SELECT s FROM strings ORDER BY CAST(i AS BIGINT)",
				(row, n) -> row.getString("s"));
		assertThat(read).containsExactlyElementsOf(values);
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("strings").field("s", "x\\\"y"))
			.withMessageContaining("has a backslash directly before a double quote");
		// CnosDB 2.4.2 refuses the request that carries such a value.
		assumeRelease("2.4.2");
		assertThatExceptionOfType(CnosInvalidDataException.class)
			.isThrownBy(() -> this.template.writeLines("strings,i=x s=\"x\\\\\\\"y\",n=1i"))
			.withMessageContaining("Error parsing message: invalid field value:");
	}

	private void assumeRelease(String prefix) {
		Assumptions.assumeTrue(this.server.info().version().startsWith(prefix),
				() -> "behaviour of CnosDB " + prefix + ", not of " + this.server.info().version());
	}

	private static String quote(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

}
