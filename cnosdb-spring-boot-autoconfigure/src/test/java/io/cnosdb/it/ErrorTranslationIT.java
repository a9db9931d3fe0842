package io.cnosdb.it;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.cnosdb.client.CnosBadSqlException;
import io.cnosdb.client.CnosErrorResponse;
import io.cnosdb.client.CnosInvalidDataException;
import io.cnosdb.client.CnosObjectExistsException;
import io.cnosdb.client.CnosObjectNotFoundException;
import io.cnosdb.client.CnosResourceFailureException;
import io.cnosdb.client.CnosRowCallbackHandler;
import io.cnosdb.client.CnosTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each way a real CnosDB refuses a query, and the exception, code and message the client
 * turns it into. Where releases answer differently (a missing table is {@code 010001}
 * before 2.4.3 and {@code 030019} from then on), both answers are accepted but must give
 * the same exception type.
 *
 * @author CnosDB Spring Boot contributors
 */
@RealCnosDbTest
class ErrorTranslationIT {

	private static final String DIGITS = "(VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9))";

	private static String database;

	private static CnosTemplate template;

	private final CnosDbServer server;

	ErrorTranslationIT(CnosDbServer server) {
		this.server = server;
	}

	@BeforeAll
	static void createTable(CnosDbServer server) {
		database = CnosDbServer.uniqueName("it_errors");
		server.template().execute("CREATE DATABASE " + database);
		template = server.template().forDatabase(database);
		template.execute("CREATE TABLE t (b BIGINT, u BIGINT UNSIGNED, TAGS(k))");
		template.execute("INSERT INTO t (time, k, b, u) VALUES (1700000000000000000, 'a', 7, 7)");
	}

	@AfterAll
	static void dropDatabase(CnosDbServer server) {
		server.template().execute("DROP DATABASE IF EXISTS " + database);
	}

	@Test
	void syntaxErrorIsBadSql() {
		assertThatExceptionOfType(CnosBadSqlException.class).isThrownBy(() -> template.query("SELEC 1"))
			.withMessage("Query failed: CnosDB error 010009 (HTTP 422): "
					+ "sql parser error: Expected an SQL statement, found: SELEC; SQL [SELEC 1]")
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("010009");
				assertThat(ex.getSql()).isEqualTo("SELEC 1");
			});
	}

	@Test
	void unknownFunctionIsBadSql() {
		assertThatExceptionOfType(CnosBadSqlException.class)
			.isThrownBy(() -> template.query("SELECT no_such_function(b) FROM t"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("010001");
				assertThat(ex.getErrorResponse().message())
					.startsWith("Datafusion: Error during planning: Invalid function 'no_such_function'");
			});
	}

	@Test
	void unknownTableIsObjectNotFoundOnEveryRelease() {
		String table = CnosDbServer.uniqueName("missing");
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> template.query("SELECT * FROM " + table))
			.satisfies((ex) -> {
				CnosErrorResponse error = ex.getErrorResponse();
				assertThat(error.httpStatus()).isEqualTo(422);
				if ("010001".equals(error.code())) {
					// 2.3.1 to 2.4.2 (the release these tests start)
					assertThat(error.message()).isEqualTo("Datafusion: Error during planning: Table not found, tenant: "
							+ "cnosdb db: " + database + ", table: " + table);
				}
				else {
					// 2.4.3 and later
					assertThat(error.code()).isEqualTo("030019");
					assertThat(error.message()).isEqualTo("Table not found: \"cnosdb." + database + "." + table + "\"");
				}
				assertThat(ex.getMessage()).startsWith("Query failed: CnosDB error " + error.code() + " (HTTP 422): ")
					.endsWith("; SQL [SELECT * FROM " + table + "]");
			});
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> template.query("DESCRIBE TABLE " + table))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030019"));
	}

	@Test
	void unknownDatabaseIsObjectNotFound() {
		String missing = CnosDbServer.uniqueName("nodb");
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> template.query("SELECT * FROM " + missing + ".t"))
			.satisfies((ex) -> assertThat(ex.getErrorResponse().message()).contains(missing));
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> template.forDatabase(missing).query("SELECT * FROM t"))
			.satisfies((ex) -> assertThat(ex.getErrorResponse().message()).contains(missing));
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> template.execute("DESCRIBE DATABASE " + missing))
			.withMessage("Query failed: CnosDB error 030017 (HTTP 422): Database not found: \"" + missing
					+ "\"; SQL [DESCRIBE DATABASE " + missing + "]");
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> template.forDatabase(missing).writeLines("m,k=a v=1i 1700000000000000000"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("030017");
				assertThat(ex.getErrorResponse().message()).isEqualTo("Database not found: \"" + missing + "\"");
			});
	}

	@Test
	void unknownColumnIsObjectNotFound() {
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> template.query("SELECT nosuch FROM t"))
			.withMessage(
					"Query failed: CnosDB error 010001 (HTTP 422): Datafusion: Schema error: No field named nosuch."
							+ " Valid fields are t.time, t.k, t.b, t.u.; SQL [SELECT nosuch FROM t]")
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("010001"));
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> template.execute("INSERT INTO t (time, k, nosuch) VALUES (1700000000000000000, 'a', 1)"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("010044");
				assertThat(ex.getErrorResponse().message()).isEqualTo(
						"Semantic error: Insert column 'nosuch' does not exist in target table, expect time,k,b,u");
			});
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> template.execute("ALTER TABLE t DROP nosuch"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("010029");
				assertThat(ex.getErrorResponse().message())
					.isEqualTo("Semantic error: Column nosuch not exists in table t");
			});
	}

	@Test
	void existingTableIsObjectExists() {
		assertThatExceptionOfType(CnosObjectExistsException.class)
			.isThrownBy(() -> template.execute("CREATE TABLE t (b BIGINT)"))
			.withMessage("Query failed: CnosDB error 030020 (HTTP 422): Table t already exists.; "
					+ "SQL [CREATE TABLE t (b BIGINT)]");
	}

	@Test
	void valueOfTheWrongTypeInInsertIsInvalidDataAndWritesNothing() {
		assertThatExceptionOfType(CnosInvalidDataException.class)
			.isThrownBy(() -> template.execute("INSERT INTO t (time, k, b) VALUES (?, ?, ?)", 1700000000000000001L,
					"typed", "abc"))
			.withMessage("Query failed: CnosDB error 010002 (HTTP 422): Arrow: Cast error: Cannot cast string 'abc'"
					+ " to value of Int64 type; SQL [INSERT INTO t (time, k, b) VALUES (1700000000000000001, 'typed', 'abc')]");
		assertThatExceptionOfType(CnosInvalidDataException.class)
			.isThrownBy(() -> template.execute("INSERT INTO t (time, k, u) VALUES (1700000000000000001, 'typed', -1)"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("010002");
				assertThat(ex.getErrorResponse().message())
					.isEqualTo("Arrow: Cast error: Can't cast value -1 to type UInt64");
			});
		assertThat(template.query("SELECT k FROM t WHERE k = 'typed'", String.class)).isEmpty();
	}

	@Test
	void divisionByZeroAndImpossibleCastsAreInvalidData() {
		assertThatExceptionOfType(CnosInvalidDataException.class)
			.isThrownBy(() -> template.query("SELECT b / 0 FROM t"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("010002");
				assertThat(ex.getErrorResponse().message()).isEqualTo("Arrow: Divide by zero error");
			});
		// A cast of a constant fails while the planner folds it.
		assertThatExceptionOfType(CnosInvalidDataException.class)
			.isThrownBy(() -> template.query("SELECT CAST('abc' AS BIGINT)"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("010001");
				assertThat(ex.getErrorResponse().message())
					.isEqualTo("Datafusion: Optimizer rule 'simplify_expressions' failed\ncaused by\n"
							+ "Arrow error: Cast error: Cannot cast string 'abc' to value of Int64 type");
			});
		assertThatExceptionOfType(CnosInvalidDataException.class)
			.isThrownBy(() -> template.query("SELECT CAST(k AS TIMESTAMP) FROM t"))
			.satisfies((ex) -> assertThat(ex.getErrorResponse().message()).startsWith("Arrow: Parser error: "));
	}

	@Test
	void errorInTheMiddleOfAStreamedResultIsThrownAfterTheRowsBeforeIt() {
		// Row 57 of 100 cannot be cast; the server has already sent the rows of the
		// batches before it with status 200.
		String sql = "SELECT CAST(CASE WHEN a.column1 * 10 + b.column1 = 57 THEN 'abc' ELSE '1' END AS BIGINT) AS q"
				+ " FROM " + DIGITS + " a CROSS JOIN " + DIGITS + " b";
		List<Long> seen = new ArrayList<>();
		assertThatExceptionOfType(CnosInvalidDataException.class)
			.isThrownBy(() -> template.query(sql, (CnosRowCallbackHandler) (row) -> seen.add(row.getLong("q"))))
			.withMessage("Query (result stream ended with an error) failed: CnosDB error 040007 (HTTP 200): "
					+ "Fetch result: Arrow: Cast error: Cannot cast string 'abc' to value of Int64 type; SQL [" + sql
					+ "]")
			.satisfies((ex) -> assertThat(ex.getErrorResponse().httpStatus()).isEqualTo(200));
		assertThat(seen).isNotEmpty().hasSizeLessThan(100).containsOnly(1L);
		List<Long> streamed = new ArrayList<>();
		assertThatExceptionOfType(CnosInvalidDataException.class).isThrownBy(() -> {
			try (Stream<Long> values = template.queryForStream(sql, (row, n) -> row.getLong("q"))) {
				values.forEach(streamed::add);
			}
		}).satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("040007"));
		assertThat(streamed).isNotEmpty().hasSizeLessThan(100).containsOnly(1L);
		// Not streamed, the same failure is an ordinary 422.
		assertThatExceptionOfType(CnosInvalidDataException.class).isThrownBy(() -> template.query(sql))
			.satisfies((ex) -> {
				assertThat(ex.getErrorResponse()).isEqualTo(new CnosErrorResponse(422, "010002",
						"Arrow: Cast error: Cannot cast string 'abc' to value of Int64 type"));
			});
	}

	@Test
	void urlWithAPathPrefixIsNotACnosDbEndpoint() {
		CnosTemplate wrong = this.server.templateBuilder().url(this.server.url() + "/cnosdb").build();
		assertThatExceptionOfType(CnosResourceFailureException.class).isThrownBy(() -> wrong.query("SELECT 1"))
			.withMessage(
					"Query failed: HTTP 404 (check that cnosdb.url points at a CnosDB query node, with no extra path)"
							+ "; SQL [SELECT 1]")
			.satisfies((ex) -> assertThat(ex.getErrorResponse()).isEqualTo(new CnosErrorResponse(404, null, null)));
	}

}
