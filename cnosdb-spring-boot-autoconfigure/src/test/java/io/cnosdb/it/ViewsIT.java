package io.cnosdb.it;

import io.cnosdb.client.CnosObjectNotFoundException;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code forDatabase} and {@code forTenant} views against a real server: each view's
 * queries and writes reach its own database and tenant, and only those.
 *
 * @author CnosDB Spring Boot contributors
 */
@RealCnosDbTest
class ViewsIT {

	private static final long T0 = 1_700_000_000_000_000_000L;

	private static String first;

	private static String second;

	private final CnosDbServer server;

	private final CnosTemplate template;

	ViewsIT(CnosDbServer server) {
		this.server = server;
		this.template = server.template();
	}

	@BeforeAll
	static void createDatabases(CnosDbServer server) {
		first = CnosDbServer.uniqueName("it_view_a");
		second = CnosDbServer.uniqueName("it_view_b");
		CnosTemplate template = server.template();
		for (String db : new String[] { first, second }) {
			template.execute("CREATE DATABASE " + db);
			template.forDatabase(db).execute("CREATE TABLE t (v BIGINT, TAGS(k))");
		}
	}

	@AfterAll
	static void dropDatabases(CnosDbServer server) {
		server.template().execute("DROP DATABASE IF EXISTS " + first);
		server.template().execute("DROP DATABASE IF EXISTS " + second);
	}

	@Test
	void forDatabaseQueriesAndWritesOnlyItsDatabase() {
		CnosTemplate a = this.template.forDatabase(first);
		CnosTemplate b = this.template.forDatabase(second);
		assertThat(a.execute("INSERT INTO t (time, k, v) VALUES (?, 'x', 1)", T0)).isOne();
		assertThat(b.writeLines("t,k=x v=2i " + T0)).isOne();
		assertThat(a.queryForObject("SELECT v FROM t", Long.class)).isEqualTo(1L);
		assertThat(b.queryForObject("SELECT v FROM t", Long.class)).isEqualTo(2L);
		// The server agrees on where each value went, by fully qualified names.
		assertThat(this.template.queryForObject("SELECT v FROM " + first + ".t", Long.class)).isEqualTo(1L);
		assertThat(this.template.queryForObject("SELECT v FROM " + second + ".t", Long.class)).isEqualTo(2L);
		assertThat(a.getDatabase()).isEqualTo(first);
		assertThat(this.template.getDatabase()).isEqualTo("public");
		assertThat(a.admin().listTables()).containsExactly("t");
		// The original template still queries its own database, which has no table t.
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> this.template.query("SELECT v FROM t WHERE k = 'x'"))
			.satisfies((ex) -> assertThat(ex.getErrorResponse().message()).contains("public"));
	}

	@Test
	void forTenantQueriesAndWritesOnlyItsTenant() {
		assumeTrue(this.server.startedHere(), "creates a tenant, so only on a server this run started");
		String tenant = CnosDbServer.uniqueName("it_tenant");
		this.template.admin().createTenant(tenant);
		try {
			CnosOperations view = this.template.forTenant(tenant).forDatabase(first);
			assertThat(view.getTenant()).isEqualTo(tenant);
			this.template.forTenant(tenant).execute("CREATE DATABASE " + first);
			view.execute("CREATE TABLE t (v BIGINT, TAGS(k))");
			assertThat(view.execute("INSERT INTO t (time, k, v) VALUES (?, 'x', 30)", T0)).isOne();
			assertThat(view.writeLines("t,k=y v=31i " + T0)).isOne();
			assertThat(view.query("SELECT v FROM t ORDER BY k", Long.class)).containsExactly(30L, 31L);
			// The default tenant's database of the same name does not see them.
			assertThat(this.template.forDatabase(first).query("SELECT v FROM t WHERE v >= 30", Long.class)).isEmpty();
			assertThat(this.template.forTenant(tenant).query("SHOW DATABASES", String.class)).contains(first);
		}
		finally {
			this.template.forTenant(tenant).execute("DROP DATABASE IF EXISTS " + first);
			this.template.admin().dropTenant(tenant);
		}
		assertThat(this.template.query("SELECT tenant_name FROM cluster_schema.tenants", String.class))
			.doesNotContain(tenant);
	}

	@Test
	void unknownTenantIsObjectNotFound() {
		String tenant = CnosDbServer.uniqueName("no_tenant");
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> this.template.forTenant(tenant).query("SELECT 1"))
			.withMessage("Query failed: CnosDB error 010016 (HTTP 422): Auth error: The tenant " + tenant
					+ " not found; SQL [SELECT 1]")
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("010016"));
	}

}
