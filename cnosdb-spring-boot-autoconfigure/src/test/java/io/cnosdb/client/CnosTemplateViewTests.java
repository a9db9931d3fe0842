package io.cnosdb.client;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.client.admin.CnosFieldType;
import io.cnosdb.client.admin.CnosTableDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.CnosServerStub.csv;
import static io.cnosdb.client.CnosServerStub.onlyRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the views {@link CnosTemplate#forDatabase(String)} and
 * {@link CnosTemplate#forTenant(String)}: what tenant and database each sends, and that
 * the original is unchanged.
 */
class CnosTemplateViewTests {

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private CnosTemplate template;

	@BeforeEach
	void createTemplate() {
		this.template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build();
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("table_name\nair\n")));
	}

	@Test
	void forDatabaseSendsTheOtherDatabaseAndLeavesTheOriginalAlone() {
		CnosTemplate oceanic = this.template.forDatabase("oceanic_station");
		assertThat(oceanic).isNotSameAs(this.template);
		assertThat(oceanic.getDatabase()).isEqualTo("oceanic_station");
		assertThat(oceanic.getTenant()).isEqualTo("cnosdb");
		assertThat(this.template.getDatabase()).isEqualTo("public");
		oceanic.query("SHOW TABLES");
		assertThat(onlyRequest(server).getUrl()).isEqualTo("/api/v1/sql?tenant=cnosdb&db=oceanic_station");
		server.resetRequests();
		this.template.query("SHOW TABLES");
		assertThat(onlyRequest(server).getUrl()).isEqualTo("/api/v1/sql?tenant=cnosdb&db=public");
	}

	@Test
	void forTenantSendsTheOtherTenantWithTheSameDatabase() {
		CnosTemplate tenantA = this.template.forTenant("tenant_a");
		assertThat(tenantA.getTenant()).isEqualTo("tenant_a");
		assertThat(tenantA.getDatabase()).isEqualTo("public");
		assertThat(this.template.getTenant()).isEqualTo("cnosdb");
		tenantA.query("SHOW TABLES");
		assertThat(onlyRequest(server).getUrl()).isEqualTo("/api/v1/sql?tenant=tenant_a&db=public");
	}

	@Test
	void viewsCompose() {
		CnosOperations view = this.template.forTenant("Tenant A").forDatabase("db&x=1");
		view.query("SHOW TABLES");
		LoggedRequest request = onlyRequest(server);
		assertThat(request.getUrl()).isEqualTo("/api/v1/sql?tenant=Tenant%20A&db=db%26x%3D1");
		assertThat(request.queryParameter("tenant").firstValue()).isEqualTo("Tenant A");
		assertThat(request.queryParameter("db").firstValue()).isEqualTo("db&x=1");
		assertThat(request.getHeader("Authorization")).isEqualTo(CnosServerStub.ROOT_EMPTY_PASSWORD);
	}

	@Test
	void adminOfAViewWorksOnTheViewsDatabase() {
		CnosOperations oceanic = this.template.forDatabase("oceanic_station");
		assertThat(oceanic.admin().listTables()).containsExactly("air");
		assertThat(onlyRequest(server).getUrl()).isEqualTo("/api/v1/sql?tenant=cnosdb&db=oceanic_station");
		server.resetRequests();
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(csv("")));
		oceanic.admin().createTable(CnosTableDefinition.builder("air").field("v", CnosFieldType.DOUBLE).build());
		LoggedRequest request = onlyRequest(server);
		assertThat(request.getUrl()).isEqualTo("/api/v1/sql?tenant=cnosdb&db=oceanic_station");
		assertThat(request.getBodyAsString()).isEqualTo("CREATE TABLE \"air\" (\"v\" DOUBLE)");
	}

	@Test
	void boundQueriesOfAViewUseTheView() {
		this.template.forTenant("t").query("SELECT * FROM air WHERE a = ?", (row, n) -> row, 1);
		LoggedRequest request = onlyRequest(server);
		assertThat(request.getUrl()).isEqualTo("/api/v1/sql?tenant=t&db=public");
		assertThat(request.getBodyAsString()).isEqualTo("SELECT * FROM air WHERE a = 1");
	}

	@Test
	void viewNamesAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.forDatabase(" "))
			.withMessage("database name must not be empty or only spaces");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.forTenant("a\0"))
			.withMessage("tenant name 'a\\0' must not contain a NUL character");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.forDatabase(null))
			.withMessage("database name must not be null");
		assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void viewDoesNotShowCredentials() {
		CnosTemplate secret = CnosTemplate.builder()
			.url(server.baseUrl())
			.credentials("root", "hunter2")
			.build()
			.forDatabase("db");
		assertThat(secret).asString()
			.isEqualTo("CnosTemplate[url=" + server.baseUrl()
					+ ", user=root, tenant=cnosdb, database=db, maxRequestSize=8388608, gzip=false]");
	}

	@Test
	void writesThroughAViewGoToItsTenantAndDatabase() {
		server.stubFor(post(urlPathEqualTo("/api/v1/write")).willReturn(WriteStubs.writeOk()));
		long written = this.template.forTenant("tenant_a").forDatabase("db1").writeLines("air,station=a t=1i 1");
		assertThat(written).isEqualTo(1);
		LoggedRequest request = onlyRequest(server);
		assertThat(request.getUrl()).isEqualTo("/api/v1/write?tenant=tenant_a&db=db1&precision=ns");
		assertThat(request.getBodyAsString()).isEqualTo("air,station=a t=1i 1\n");
	}

	@Test
	void viewKeepsTheWriteSettings() {
		CnosTemplate gzip = CnosTemplate.builder()
			.url(server.baseUrl())
			.gzip(true)
			.maxRequestSize(org.springframework.util.unit.DataSize.ofKilobytes(64))
			.build();
		CnosTemplate view = gzip.forTenant("t").forDatabase("db");
		assertThat(view.isGzip()).isTrue();
		assertThat(view.getMaxRequestSize()).isEqualTo(64 * 1024);
	}

}
