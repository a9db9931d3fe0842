package io.cnosdb.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cnosdb.client.CnosAuthenticationException;
import io.cnosdb.client.CnosObjectExistsException;
import io.cnosdb.client.CnosObjectNotFoundException;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.CnosResult;
import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.CnosUnsupportedOperationException;
import io.cnosdb.client.admin.CnosAdminOperations;
import io.cnosdb.client.admin.CnosMember;
import io.cnosdb.client.admin.CnosPrivilege;
import io.cnosdb.client.admin.CnosRoleInfo;
import io.cnosdb.client.admin.CnosSystemRole;
import io.cnosdb.client.admin.CnosTenantInfo;
import io.cnosdb.client.admin.CnosTenantOptions;
import io.cnosdb.client.admin.CnosUserInfo;
import io.cnosdb.client.admin.CnosUserOptions;
import io.cnosdb.client.sql.CnosDuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Users, tenants, members, roles and privileges through the admin API against a real
 * CnosDB; each effect read back through the admin API and through plain SQL on
 * {@code cluster_schema} and {@code information_schema}. These change the server's global
 * state, so they run only on a server this run started; on someone else's server
 * ({@code CNOSDB_URL}) they are skipped.
 *
 * @author CnosDB Spring Boot contributors
 */
@RealCnosDbTest
class AdminUsersTenantsIT {

	private final CnosDbServer server;

	private final CnosTemplate template;

	private final CnosAdminOperations admin;

	private final List<String> users = new ArrayList<>();

	private final List<String> tenants = new ArrayList<>();

	AdminUsersTenantsIT(CnosDbServer server) {
		this.server = server;
		this.template = server.template();
		this.admin = this.template.admin();
	}

	@BeforeEach
	void onlyOnOurOwnServer() {
		assumeThat(this.server.startedHere())
			.as("users and tenants are global: changed only on a server this run started, not on " + this.server)
			.isTrue();
	}

	@AfterEach
	void dropUsersAndTenants() {
		if (!this.server.startedHere()) {
			return;
		}
		for (String tenant : this.tenants) {
			// A tenant with DROP_AFTER, or dropped with a delay, is only hidden by DROP
			// TENANT; recovering it and dropping it after 0s frees its name.
			if (this.admin.listTenants().stream().noneMatch((info) -> info.name().equals(tenant))) {
				try {
					this.admin.recoverTenant(tenant);
				}
				catch (CnosObjectNotFoundException ex) {
					continue;
				}
			}
			this.admin.dropTenantAfter(tenant, CnosDuration.parse("0s"));
		}
		this.users.forEach(this.admin::dropUserIfExists);
	}

	private String newUser(String prefix) {
		String name = CnosDbServer.uniqueName(prefix);
		this.users.add(name);
		return name;
	}

	private String newTenant(String prefix) {
		String name = CnosDbServer.uniqueName(prefix);
		this.tenants.add(name);
		return name;
	}

	private CnosUserInfo listedUser(String user) {
		return this.admin.listUsers()
			.stream()
			.filter((info) -> info.name().equals(user))
			.findFirst()
			.orElseThrow(() -> new AssertionError("user " + user + " is not listed"));
	}

	private Map<String, Object> userRow(String user) {
		CnosResult result = this.template.forTenant("cnosdb")
			.forDatabase("public")
			.query("SELECT * FROM cluster_schema.users WHERE user_name = '" + user + "'");
		assertThat(result.columnNames()).containsExactly("user_name", "is_admin", "user_options");
		assertThat(result.rows()).hasSize(1);
		return Map.of("is_admin", result.rows().get(0).getString("is_admin"), "user_options",
				result.rows().get(0).getString("user_options"));
	}

	@Test
	void usersCreatedWithEveryOptionAreListedAsStored() {
		String full = newUser("it_user_full");
		String bare = newUser("it_user_bare");
		this.admin.createUser(full,
				CnosUserOptions.builder()
					.password("pa'ss \"word\"")
					.mustChangePassword(true)
					.rsaPublicKey("KEY-TEXT")
					.comment("it's a \"comment\" ü")
					.grantedAdmin(true)
					.build());
		this.admin.createUser(bare, CnosUserOptions.none());
		// GRANTED_ADMIN makes the user a system administrator.
		assertThat(listedUser(full)).isEqualTo(new CnosUserInfo(full, true, true, true, "it's a \"comment\" ü"));
		assertThat(listedUser(bare)).isEqualTo(new CnosUserInfo(bare, false, false, false, null));
		assertThat(this.admin.listUsers()).extracting(CnosUserInfo::name).contains("root", full, bare).isSorted();
		assertThat(userRow(full)).containsEntry("is_admin", "true")
			.containsEntry("user_options", "{\"hash_password\":\"*****\",\"must_change_password\":true,"
					+ "\"rsa_public_key\":\"KEY-TEXT\",\"comment\":\"it's a \\\"comment\\\" ü\",\"granted_admin\":true}");
		assertThat(userRow(bare)).containsEntry("user_options", "{\"hash_password\":\"*****\"}");
		// Users are global: a view of another tenant lists the same ones.
		assertThat(this.template.forTenant("cnosdb").forDatabase("usage_schema").admin().listUsers())
			.extracting(CnosUserInfo::name)
			.contains(full, bare);
	}

	@Test
	void createIfNotExistsKeepsTheUserAndCreateFailsWith030007() {
		String user = newUser("it_user_twice");
		this.admin.createUserIfNotExists(user, CnosUserOptions.builder().comment("first").build());
		this.admin.createUserIfNotExists(user, CnosUserOptions.builder().comment("second").build());
		assertThat(listedUser(user).comment()).isEqualTo("first");
		assertThatExceptionOfType(CnosObjectExistsException.class)
			.isThrownBy(() -> this.admin.createUser(user, CnosUserOptions.password("secret-pw")))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("030007");
				assertThat(ex.getErrorResponse().message()).isEqualTo("The user " + user + " already exists");
				assertThat(ex.getMessage()).doesNotContain("secret-pw").contains("'******'");
			});
	}

	@Test
	void renameUserIsRefusedAsUnsupportedAndChangesNothing() {
		String user = newUser("it_user_rename");
		String renamed = newUser("it_user_renamed");
		this.admin.createUser(user, CnosUserOptions.none());
		assertThatExceptionOfType(CnosUnsupportedOperationException.class)
			.isThrownBy(() -> this.admin.renameUser(user, renamed))
			.satisfies((ex) -> {
				assertThat(ex.getErrorResponse().code()).isEqualTo("030034");
				assertThat(ex.getErrorResponse().httpStatus()).isEqualTo(422);
				assertThat(ex.getErrorResponse().message()).isEqualTo("Operation not support: rename user");
				assertThat(ex.getSql()).isEqualTo("ALTER USER \"" + user + "\" RENAME TO \"" + renamed + "\"");
			});
		assertThat(this.admin.listUsers()).extracting(CnosUserInfo::name).contains(user).doesNotContain(renamed);
	}

	@Test
	void dropDropIfExistsAndTheProtectedRoot() {
		String user = newUser("it_user_drop");
		this.admin.createUser(user, CnosUserOptions.none());
		this.admin.dropUser(user);
		assertThat(this.admin.listUsers()).extracting(CnosUserInfo::name).doesNotContain(user);
		assertThatExceptionOfType(CnosObjectNotFoundException.class).isThrownBy(() -> this.admin.dropUser(user))
			.satisfies(
					(ex) -> assertThat(ex.getErrorResponse().message()).isEqualTo("The user " + user + " not found"));
		this.admin.dropUserIfExists(user);
		assertThatExceptionOfType(CnosUnsupportedOperationException.class).isThrownBy(() -> this.admin.dropUser("root"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorResponse().code()).isEqualTo("010074");
				assertThat(ex.getErrorResponse().message()).isEqualTo("User 'root' is prohibited from being dropped");
			});
		assertThat(this.admin.listUsers()).extracting(CnosUserInfo::name).contains("root");
	}

	@Test
	void alterPasswordOfAMissingUserFailsWithoutShowingThePassword() {
		String user = CnosDbServer.uniqueName("it_user_none");
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> this.admin.alterUserPassword(user, "hunter2"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("030008");
				assertThat(ex.getMessage()).doesNotContain("hunter2")
					.endsWith("SQL [ALTER USER \"" + user + "\" SET PASSWORD = '******']");
			});
	}

	@Test
	void theAlteredPasswordIsTheOneThatAuthenticates() {
		String why = CnosDbServers.whyNoLocalServer();
		assumeThat(why).as(why).isNull();
		try (CnosDbServers.Launched launched = CnosDbServers.startWithAuthentication("admin-password")) {
			CnosTemplate.Builder builder = CnosTemplate.builder().url(launched.url());
			// root must change its password before anything else.
			builder.credentials("root", "root").build().admin().alterUserPassword("root", "root-2");
			CnosAdminOperations root = builder.credentials("root", "root-2").build().admin();
			root.createUser("pw_user", CnosUserOptions.password("first pw"));
			root.addUserToTenant("cnosdb", "pw_user", CnosAdminOperations.MEMBER);
			assertThat(builder.credentials("pw_user", "first pw").build().queryForObject("SELECT 1", Long.class))
				.isEqualTo(1L);
			root.alterUserPassword("pw_user", "second 'pw'");
			assertThatExceptionOfType(CnosAuthenticationException.class)
				.isThrownBy(() -> builder.credentials("pw_user", "first pw").build().query("SELECT 1"))
				.satisfies((ex) -> assertThat(ex.getErrorResponse().code()).isEqualTo("010016"));
			assertThat(builder.credentials("pw_user", "second 'pw'").build().queryForObject("SELECT 1", Long.class))
				.isEqualTo(1L);
		}
	}

	@Test
	void tenantsAreCreatedWithTheirOptionsAndListed() {
		String withOptions = newTenant("it_tenant_opts");
		String bare = newTenant("it_tenant_bare");
		this.admin.createTenant(withOptions,
				CnosTenantOptions.builder().comment("it's ü").dropAfter(CnosDuration.parse("1d")).build());
		this.admin.createTenant(bare);
		this.admin.createTenantIfNotExists(bare, CnosTenantOptions.builder().comment("ignored").build());
		List<CnosTenantInfo> listed = this.admin.listTenants();
		assertThat(listed).contains(new CnosTenantInfo(withOptions, "it's ü", CnosDuration.parse("1d")),
				new CnosTenantInfo(bare, null, null), new CnosTenantInfo("cnosdb", "system tenant", null));
		assertThat(listed).extracting(CnosTenantInfo::name).isSorted();
		CnosResult raw = this.template.forTenant("cnosdb")
			.query("SELECT * FROM cluster_schema.tenants WHERE tenant_name = '" + withOptions + "'");
		assertThat(raw.columnNames()).containsExactly("tenant_name", "tenant_options");
		assertThat(raw.rows()).singleElement()
			.satisfies((row) -> assertThat(row.getString("tenant_options"))
				.isEqualTo("{\"comment\":\"it's ü\",\"limiter_config\":null,"
						+ "\"drop_after\":{\"duration\":{\"secs\":86400,\"nanos\":0},\"is_inf\":false},"
						+ "\"tenant_is_hidden\":false}"));
		assertThatExceptionOfType(CnosObjectExistsException.class).isThrownBy(() -> this.admin.createTenant(bare))
			.satisfies((ex) -> assertThat(ex.getErrorResponse().message())
				.isEqualTo("The tenant " + bare + " already exists"));
	}

	@Test
	void dropTenantFreesTheNameUnlessTheTenantHasDropAfter() {
		String plain = newTenant("it_tenant_plain");
		String delayed = newTenant("it_tenant_delayed");
		this.admin.createTenant(plain);
		this.admin.createTenant(delayed, CnosTenantOptions.builder().dropAfter(CnosDuration.parse("1d")).build());
		this.admin.dropTenant(plain);
		this.admin.dropTenant(delayed);
		assertThat(this.admin.listTenants()).extracting(CnosTenantInfo::name).doesNotContain(plain, delayed);
		this.admin.createTenant(plain);
		assertThatExceptionOfType(CnosObjectExistsException.class).isThrownBy(() -> this.admin.createTenant(delayed))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030009"));
		this.admin.recoverTenant(delayed);
		assertThat(this.admin.listTenants()).extracting(CnosTenantInfo::name).contains(plain, delayed);
		this.admin.dropTenantIfExists(plain);
		this.admin.dropTenantIfExists(plain);
		assertThatExceptionOfType(CnosObjectNotFoundException.class).isThrownBy(() -> this.admin.dropTenant(plain))
			.satisfies((ex) -> assertThat(ex.getErrorResponse().message())
				.isEqualTo("The tenant " + plain + " not found"));
		assertThatExceptionOfType(CnosUnsupportedOperationException.class)
			.isThrownBy(() -> this.admin.dropTenant("cnosdb"))
			.satisfies((ex) -> assertThat(ex.getErrorResponse().code()).isEqualTo("010064"));
	}

	@Test
	void aTenantDroppedWithADelayKeepsItsDatabasesUntilRecovered() {
		String tenant = newTenant("it_tenant_after");
		this.admin.createTenant(tenant);
		CnosOperations inTenant = this.template.forTenant(tenant);
		inTenant.admin().createDatabase("kept_db");
		assertThat(inTenant.admin().listDatabases()).contains("kept_db");
		assertThat(this.admin.listDatabases()).doesNotContain("kept_db");
		this.admin.dropTenantAfter(tenant, CnosDuration.parse("7d"));
		assertThat(this.admin.listTenants()).extracting(CnosTenantInfo::name).doesNotContain(tenant);
		this.admin.recoverTenant(tenant);
		assertThat(this.admin.listTenants()).extracting(CnosTenantInfo::name).contains(tenant);
		assertThat(inTenant.admin().listDatabases()).contains("kept_db");
		String missing = CnosDbServer.uniqueName("it_tenant_none");
		assertThatExceptionOfType(CnosObjectNotFoundException.class).isThrownBy(() -> this.admin.recoverTenant(missing))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030010"));
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> this.admin.dropTenantAfter(missing, CnosDuration.parse("1d")))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030010"));
	}

	@Test
	void membersAreAddedChangedListedAndRemoved() {
		String tenant = newTenant("it_tenant_members");
		String owner = newUser("it_member_owner");
		String member = newUser("it_member_member");
		this.admin.createTenant(tenant);
		this.admin.createUser(owner, CnosUserOptions.none());
		this.admin.createUser(member, CnosUserOptions.none());
		this.admin.addUserToTenant(tenant, owner, CnosAdminOperations.OWNER);
		this.admin.addUserToTenant(tenant, member, CnosAdminOperations.MEMBER);
		// Listed by user name: it_member_member before it_member_owner.
		assertThat(this.admin.listMembers(tenant)).containsExactly(new CnosMember(member, "member"),
				new CnosMember(owner, "owner"));
		assertThat(this.template.forTenant(tenant)
			.query("SELECT * FROM information_schema.members ORDER BY user_name",
					(row, n) -> row.getString("user_name") + "=" + row.getString("role_name")))
			.containsExactly(member + "=member", owner + "=owner");
		assertThatExceptionOfType(CnosObjectExistsException.class)
			.isThrownBy(() -> this.admin.addUserToTenant(tenant, member, CnosAdminOperations.OWNER))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030007"));
		this.admin.setUserRole(tenant, member, CnosAdminOperations.OWNER);
		assertThat(this.admin.listMembers(tenant)).contains(new CnosMember(member, "owner"));
		this.admin.removeUserFromTenant(tenant, member);
		assertThat(this.admin.listMembers(tenant)).containsExactly(new CnosMember(owner, "owner"));
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> this.admin.removeUserFromTenant(tenant, member))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030008"));
		assertThatExceptionOfType(CnosObjectNotFoundException.class)
			.isThrownBy(() -> this.admin.addUserToTenant(tenant, member, "no_such_role"))
			.satisfies(
					(ex) -> assertThat(ex.getErrorResponse().message()).isEqualTo("The role no_such_role not found"));
	}

	@Test
	void rolesAndPrivilegesOfTheViewsTenant() {
		String tenant = newTenant("it_tenant_roles");
		String user = newUser("it_role_user");
		this.admin.createTenant(tenant);
		this.admin.createUser(user, CnosUserOptions.none());
		CnosOperations inTenant = this.template.forTenant(tenant);
		CnosAdminOperations tenantAdmin = inTenant.admin();
		tenantAdmin.createDatabase("db_r");
		tenantAdmin.createRole("reader");
		tenantAdmin.createRole("writer", CnosSystemRole.MEMBER);
		tenantAdmin.createRole("boss", CnosSystemRole.OWNER);
		assertThat(tenantAdmin.listRoles()).containsExactly(new CnosRoleInfo("boss", "custom", "owner"),
				new CnosRoleInfo("member", "system", null), new CnosRoleInfo("owner", "system", null),
				new CnosRoleInfo("reader", "custom", null), new CnosRoleInfo("writer", "custom", "member"));
		// Roles belong to the view's tenant only.
		assertThat(this.admin.listRoles()).extracting(CnosRoleInfo::name).doesNotContain("reader");
		assertThatExceptionOfType(CnosObjectExistsException.class).isThrownBy(() -> tenantAdmin.createRole("reader"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("030005"));

		tenantAdmin.grant(CnosPrivilege.READ, "db_r", "reader");
		tenantAdmin.grant(CnosPrivilege.WRITE, "db_r", "writer");
		tenantAdmin.grant(CnosPrivilege.ALL, "db_r", "boss");
		assertThat(privileges(inTenant)).containsExactly(tenant + ",db_r,All,boss", tenant + ",db_r,Read,reader",
				tenant + ",db_r,Write,writer");
		// One privilege per role and database: a later grant replaces it.
		tenantAdmin.grant(CnosPrivilege.WRITE, "db_r", "reader");
		assertThat(privileges(inTenant)).contains(tenant + ",db_r,Write,reader")
			.doesNotContain(tenant + ",db_r,Read,reader");
		tenantAdmin.revoke(CnosPrivilege.WRITE, "db_r", "reader");
		assertThat(privileges(inTenant)).noneMatch((line) -> line.endsWith(",reader"));
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> tenantAdmin.revoke(CnosPrivilege.WRITE, "db_r", "reader"))
			.withMessageContaining("030056");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> tenantAdmin.grant(CnosPrivilege.READ, "db_r", CnosAdminOperations.OWNER))
			.withMessageContaining("010043")
			.withMessageContaining("System roles are not allowed to be modified");

		this.admin.addUserToTenant(tenant, user, "reader");
		assertThat(this.admin.listMembers(tenant)).containsExactly(new CnosMember(user, "reader"));
		tenantAdmin.dropRole("writer");
		tenantAdmin.dropRoleIfExists("writer");
		assertThat(tenantAdmin.listRoles()).extracting(CnosRoleInfo::name).doesNotContain("writer");
		assertThatExceptionOfType(CnosObjectNotFoundException.class).isThrownBy(() -> tenantAdmin.dropRole("writer"))
			.satisfies((ex) -> assertThat(ex.getErrorResponse().message()).isEqualTo("The role writer not found"));
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> tenantAdmin.dropRole(CnosAdminOperations.OWNER))
			.withMessageContaining("010076");
	}

	private static List<String> privileges(CnosOperations inTenant) {
		return inTenant.query("SELECT * FROM information_schema.database_privileges ORDER BY role_name, privilege_type",
				(row, n) -> row.getString("tenant_name") + "," + row.getString("database_name") + ","
						+ row.getString("privilege_type") + "," + row.getString("role_name"));
	}

}
