package io.cnosdb.it;

import io.cnosdb.client.CnosAuthenticationException;
import io.cnosdb.client.CnosErrorAware;
import io.cnosdb.client.CnosPermissionDeniedException;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.admin.CnosUserOptions;
import io.cnosdb.health.CnosHealthIndicator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Authentication on a fresh server of this run's own with {@code auth_enabled = true}:
 * root's forced password change, wrong passwords, unknown users, users outside the tenant
 * and users without privileges, as the client and the health indicator report them. The
 * methods run in order: the server's state moves on from one to the next.
 *
 * @author CnosDB Spring Boot contributors
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthenticationIT {

	private static final String NEW_ROOT_PASSWORD = "It-root-Pa55word";

	private CnosDbServers.Launched server;

	@BeforeAll
	void startServerWithAuthentication() {
		String why = CnosDbServers.whyNoLocalServer();
		if (why != null && CnosDbServers.required()) {
			throw new IllegalStateException("A fresh CnosDB is required (CNOSDB_IT_REQUIRED=true): " + why);
		}
		assumeThat(why).as("Skipped: authentication tests need a fresh server: %s", why).isNull();
		this.server = CnosDbServers.startWithAuthentication("auth");
	}

	@AfterAll
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	private CnosTemplate template(String user, String password) {
		return CnosTemplate.builder().url(this.server.url()).credentials(user, password).build();
	}

	@Test
	@Order(1)
	void rootMustChangeItsPasswordFirstAndHealthSaysSo() {
		CnosTemplate root = template("root", "root");
		assertThatExceptionOfType(CnosPermissionDeniedException.class).isThrownBy(() -> root.query("SELECT 1"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("010004");
				assertThat(ex.getMessage()).contains("Insufficient privileges, expected [change password]");
			});
		Health health = new CnosHealthIndicator(root).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason",
				"CnosDB is reachable but refused the configured credentials");
		assertThat(health.getDetails().get("error")).asString().contains("010004").contains("change password");
		assertThat(health.getDetails()).containsEntry("version", root.ping().version())
			.containsEntry("tenant", "cnosdb");
	}

	@Test
	@Order(2)
	void changingRootsPasswordThroughTheAdminApiUnlocksIt() {
		template("root", "root").admin().alterUserPassword("root", NEW_ROOT_PASSWORD);
		CnosTemplate root = template("root", NEW_ROOT_PASSWORD);
		assertThat(root.queryForObject("SELECT 1", Long.class)).isEqualTo(1L);
		Health health = new CnosHealthIndicator(root).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
	}

	@Test
	@Order(3)
	void wrongPasswordIsAnAuthenticationFailureThatNeverShowsThePassword() {
		String wrong = "Wr0ng-Pa55word-xyz";
		CnosTemplate template = template("root", wrong);
		assertThatExceptionOfType(CnosAuthenticationException.class).isThrownBy(() -> template.query("SELECT 1"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("010016");
				assertThat(ex.getMessage()).contains("Access denied for user 'root'").doesNotContain(wrong);
				assertThat(ex.toString()).doesNotContain(wrong);
			});
		assertThatExceptionOfType(CnosAuthenticationException.class)
			.isThrownBy(() -> template.writeLines("auth_probe f=1 1"));
		Health health = new CnosHealthIndicator(template).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().toString()).contains("refused the configured credentials").doesNotContain(wrong);
	}

	@Test
	@Order(4)
	void unknownUserIsAnAuthenticationFailure() {
		assertThatExceptionOfType(CnosAuthenticationException.class)
			.isThrownBy(() -> template("nobody_here", "x").query("SELECT 1"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("Access denied for user 'nobody_here'"));
	}

	@Test
	@Order(5)
	void userOutsideTheTenantIsRefusedAsIfThePasswordWereWrong() {
		CnosTemplate root = template("root", NEW_ROOT_PASSWORD);
		String user = CnosDbServer.uniqueName("it_outsider");
		root.admin().createUser(user, CnosUserOptions.password("Outsider-pw-123"));
		// CnosDB answers 010016 "username or password invalid" for a user that exists
		// but is no member of the tenant it asks for.
		assertThatExceptionOfType(CnosAuthenticationException.class)
			.isThrownBy(() -> template(user, "Outsider-pw-123").query("SELECT 1"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("010016"));
		root.admin().dropUser(user);
	}

	@Test
	@Order(6)
	void memberWithoutWritePrivilegeGetsPermissionDeniedOnWritesButCanRead() {
		CnosTemplate root = template("root", NEW_ROOT_PASSWORD);
		String user = CnosDbServer.uniqueName("it_reader");
		root.admin().createUser(user, CnosUserOptions.password("Reader-pw-123"));
		root.admin().addUserToTenant("cnosdb", user, "member");
		root.writeLines("auth_probe,k=v f=1 1");
		CnosTemplate reader = template(user, "Reader-pw-123");
		assertThat(reader.query("SELECT f FROM auth_probe").rows()).singleElement()
			.satisfies((row) -> assertThat(row.getDouble("f")).isEqualTo(1.0));
		DataAccessException denied = org.junit.jupiter.api.Assertions.assertThrows(CnosPermissionDeniedException.class,
				() -> reader.writeLines("auth_probe,k=v f=2 2"));
		assertThat(((CnosErrorAware) denied).getErrorCode()).isEqualTo("010004");
		assertThat(denied.getMessage()).contains("Insufficient privileges, expected [Write on database public");
		assertThat(root.query("SELECT f FROM auth_probe").rows()).hasSize(1);
		assertThatExceptionOfType(CnosPermissionDeniedException.class)
			.isThrownBy(() -> reader.admin().createDatabase(CnosDbServer.uniqueName("it_denied")));
		root.admin().removeUserFromTenant("cnosdb", user);
		root.admin().dropUser(user);
	}

}
