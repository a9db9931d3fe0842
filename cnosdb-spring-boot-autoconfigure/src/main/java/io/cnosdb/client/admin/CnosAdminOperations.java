package io.cnosdb.client.admin;

import java.util.List;

import io.cnosdb.client.sql.CnosDuration;

import org.springframework.dao.DataAccessException;

/**
 * Typed administration of CnosDB: databases, tables, users, tenants and roles. Reached
 * through {@code CnosOperations.admin()}; an interface so that applications can mock it.
 * <p>
 * Each method sends the statement shown in its description, built by
 * {@link CnosAdminSql}: names are always double-quoted (so case, spaces, quotes and any
 * other character are kept exactly), values are rendered as the literal CnosDB expects. A
 * name or value CnosDB cannot hold is rejected with an {@link IllegalArgumentException}
 * before anything is sent.
 * <p>
 * Scope: databases, users, tenants and the statements on them are addressed by name.
 * Tables ({@link #listTables()}, {@link #createTable(CnosTableDefinition)}, ...) belong
 * to the template's database and roles ({@link #createRole(String)}, ...) to its tenant:
 * use {@code forDatabase(...)} or {@code forTenant(...)} to work on others. Users and
 * tenants are global; CnosDB lets only system administrators manage them (else
 * {@code 010004}).
 * <p>
 * Failures are {@link DataAccessException}s: for example
 * {@code CnosObjectExistsException} ({@code 030018} database, {@code 030020} table,
 * {@code 030007} user, {@code 030009} tenant) or {@code CnosObjectNotFoundException}
 * ({@code 030017}, {@code 030019}, {@code 030008}, {@code 030010}). The exception's SQL
 * never shows a password.
 *
 * @author CnosDB Spring Boot contributors
 */
public interface CnosAdminOperations {

	/**
	 * The role {@code owner} every tenant has.
	 */
	String OWNER = "owner";

	/**
	 * The role {@code member} every tenant has.
	 */
	String MEMBER = "member";

	// Databases

	/**
	 * Create a database with the server's default options: {@code CREATE DATABASE "db"}.
	 * @param database the name (CnosDB refuses a {@code /} in it)
	 * @throws DataAccessException if it fails, for example {@code 030018} when the
	 * database exists
	 */
	void createDatabase(String database);

	/**
	 * Create a database: {@code CREATE DATABASE "db" WITH TTL '30d' SHARD 2 ...} (see
	 * {@link CnosAdminSql#createDatabase(String, CnosDatabaseOptions, boolean)}).
	 * @param database the name (CnosDB refuses a {@code /} in it)
	 * @param options the options
	 * @throws DataAccessException if it fails, for example {@code 030018} when the
	 * database exists
	 */
	void createDatabase(String database, CnosDatabaseOptions options);

	/**
	 * Create a database unless one of that name exists:
	 * {@code CREATE DATABASE IF NOT EXISTS "db" [WITH ...]}. An existing database keeps
	 * its options.
	 * @param database the name
	 * @param options the options for a new database
	 * @throws DataAccessException if it fails
	 */
	void createDatabaseIfNotExists(String database, CnosDatabaseOptions options);

	/**
	 * Change a database's options: one {@code ALTER DATABASE "db" SET option} per change
	 * (CnosDB takes one option per statement), in the order {@code TTL}, {@code SHARD},
	 * {@code VNODE_DURATION}, {@code REPLICA}. CnosDB has no transactions: if a statement
	 * fails, the ones before it stay applied, the ones after it are not sent, and its
	 * exception is thrown ({@code getSql()} shows which one it was).
	 * @param database the database name
	 * @param changes the changes
	 * @throws DataAccessException if a statement fails
	 */
	void alterDatabase(String database, CnosDatabaseChanges changes);

	/**
	 * Drop a database and its data: {@code DROP DATABASE "db"}.
	 * @param database the database name
	 * @throws DataAccessException if it fails, for example {@code 030017} when there is
	 * no such database, or {@code 010065} for a system database
	 */
	void dropDatabase(String database);

	/**
	 * Drop a database if it exists: {@code DROP DATABASE IF EXISTS "db"}.
	 * @param database the database name
	 * @throws DataAccessException if it fails
	 */
	void dropDatabaseIfExists(String database);

	/**
	 * Drop a database after a delay, during which {@link #recoverDatabase(String)} can
	 * undo it: {@code DROP DATABASE "db" AFTER '7d'}. Meanwhile the database is hidden
	 * ({@link #listDatabases()} omits it, using it fails with {@code 030017}) but its
	 * name stays taken; a plain {@link #dropDatabase(String)} drops it at once. Since
	 * CnosDB 2.4.0 (CnosDB 2.3 has no {@code AFTER} and refuses the statement).
	 * @param database the database name
	 * @param delay how long the database stays recoverable
	 * @throws DataAccessException if it fails, for example {@code 030017} when there is
	 * no such database
	 */
	void dropDatabaseAfter(String database, CnosDuration delay);

	/**
	 * Undo a delayed drop: {@code RECOVER DATABASE "db"}. A database that is not being
	 * dropped is left as it is. Since CnosDB 2.4.0.
	 * @param database the database name
	 * @throws DataAccessException if it fails, for example {@code 030017} when there is
	 * no such database
	 */
	void recoverDatabase(String database);

	/**
	 * List the databases of the tenant: {@code SHOW DATABASES}.
	 * @return the database names, sorted
	 * @throws DataAccessException if it fails
	 */
	List<String> listDatabases();

	/**
	 * Read a database's options: {@code DESCRIBE DATABASE "db"}. Durations come back as
	 * CnosDB renders them ({@code 30days}, {@code 1year 1month}, {@code INF}) and equal
	 * the ones set; sizes as {@code 256 MiB}. Needs CnosDB 2.4.2 or later: older servers
	 * answer only {@code ttl} to {@code precision}, without the storage columns.
	 * @param database the database name
	 * @return the options
	 * @throws DataAccessException if it fails, for example {@code 030017} when there is
	 * no such database
	 */
	CnosDatabaseInfo describeDatabase(String database);

	// Tables of the template's database

	/**
	 * List the tables of the template's database: {@code SHOW TABLES}.
	 * @return the table names, sorted
	 * @throws DataAccessException if it fails
	 */
	List<String> listTables();

	/**
	 * Read a table's columns: {@code DESCRIBE TABLE "t"}.
	 * @param table the table name
	 * @return the columns, in the order CnosDB sends them (not guaranteed)
	 * @throws DataAccessException if it fails, for example {@code 030019} when there is
	 * no such table
	 */
	List<CnosColumn> describeTable(String table);

	/**
	 * Create a table in the template's database:
	 * {@code CREATE TABLE "t" ("f" DOUBLE CODEC(GORILLA), ..., TAGS("tag", ...))}.
	 * @param table the definition
	 * @throws DataAccessException if it fails, for example {@code 030020} when the table
	 * exists
	 */
	void createTable(CnosTableDefinition table);

	/**
	 * Create a table unless one of that name exists:
	 * {@code CREATE TABLE IF NOT EXISTS "t" (...)}.
	 * @param table the definition
	 * @throws DataAccessException if it fails
	 */
	void createTableIfNotExists(CnosTableDefinition table);

	/**
	 * Drop a table: {@code DROP TABLE "t"}.
	 * @param table the table name
	 * @throws DataAccessException if it fails, for example {@code 030019} when there is
	 * no such table
	 */
	void dropTable(String table);

	/**
	 * Drop a table if it exists: {@code DROP TABLE IF EXISTS "t"}.
	 * @param table the table name
	 * @throws DataAccessException if it fails
	 */
	void dropTableIfExists(String table);

	// Users

	/**
	 * Create a user:
	 * {@code CREATE USER "u" WITH PASSWORD = '...', MUST_CHANGE_PASSWORD = true, ...}. A
	 * new user belongs to no tenant; see
	 * {@link #addUserToTenant(String, String, String)}.
	 * @param user the name (CnosDB refuses a {@code /} in it)
	 * @param options the password and other options
	 * @throws DataAccessException if it fails, for example {@code 030007} when the user
	 * exists
	 */
	void createUser(String user, CnosUserOptions options);

	/**
	 * Create a user unless one of that name exists:
	 * {@code CREATE USER IF NOT EXISTS "u" [WITH ...]}.
	 * @param user the name
	 * @param options the options for a new user
	 * @throws DataAccessException if it fails
	 */
	void createUserIfNotExists(String user, CnosUserOptions options);

	/**
	 * Change a user's password: {@code ALTER USER "u" SET PASSWORD = '...'}.
	 * @param user the user name
	 * @param password the new password
	 * @throws DataAccessException if it fails, for example {@code 030008} when there is
	 * no such user
	 */
	void alterUserPassword(String user, String password);

	/**
	 * Rename a user: {@code ALTER USER "u" RENAME TO "v"}. No CnosDB release up to 2.4.3
	 * implements it: the statement parses, then the server answers {@code 030034}
	 * ("Operation not support: rename user"), thrown as
	 * {@code CnosUnsupportedOperationException}.
	 * @param user the user name
	 * @param newName the new name
	 * @throws DataAccessException if it fails ({@code CnosUnsupportedOperationException}
	 * on CnosDB 2.3 to 2.4.3)
	 */
	void renameUser(String user, String newName);

	/**
	 * Drop a user: {@code DROP USER "u"}.
	 * @param user the user name
	 * @throws DataAccessException if it fails, for example {@code 030008} when there is
	 * no such user, or {@code 010074} for {@code root}
	 */
	void dropUser(String user);

	/**
	 * Drop a user if it exists: {@code DROP USER IF EXISTS "u"}.
	 * @param user the user name
	 * @throws DataAccessException if it fails
	 */
	void dropUserIfExists(String user);

	/**
	 * List the users:
	 * {@code SELECT user_name, is_admin, user_options FROM cluster_schema.users ORDER BY user_name},
	 * sent to the system tenant {@code cnosdb} (the only one that has
	 * {@code cluster_schema}). CnosDB shows the users only to system administrators; to
	 * others the list is empty.
	 * @return the users, by name
	 * @throws DataAccessException if it fails
	 */
	List<CnosUserInfo> listUsers();

	// Tenants

	/**
	 * Create a tenant: {@code CREATE TENANT "t"}.
	 * @param tenant the name (CnosDB refuses a {@code /}; this client also refuses a
	 * {@code .}, see {@link io.cnosdb.client.sql.CnosSql#newTenantIdentifier(String)})
	 * @throws DataAccessException if it fails, for example {@code 030009} when the tenant
	 * exists
	 */
	void createTenant(String tenant);

	/**
	 * Create a tenant: {@code CREATE TENANT "t" WITH COMMENT = '...', DROP_AFTER = '7d'}.
	 * @param tenant the name
	 * @param options the options
	 * @throws DataAccessException if it fails
	 */
	void createTenant(String tenant, CnosTenantOptions options);

	/**
	 * Create a tenant unless one of that name exists:
	 * {@code CREATE TENANT IF NOT EXISTS "t" [WITH ...]}.
	 * @param tenant the name
	 * @param options the options for a new tenant
	 * @throws DataAccessException if it fails
	 */
	void createTenantIfNotExists(String tenant, CnosTenantOptions options);

	/**
	 * Drop a tenant with all its databases: {@code DROP TENANT "t"}. A tenant created or
	 * altered with a {@code DROP_AFTER} option is not dropped at once: it is hidden and
	 * recoverable for that long, and its name stays taken (see
	 * {@link #dropTenantAfter(String, CnosDuration)}).
	 * @param tenant the tenant name
	 * @throws DataAccessException if it fails, for example {@code 030010} when there is
	 * no such tenant, or {@code 010064} for {@code cnosdb}
	 */
	void dropTenant(String tenant);

	/**
	 * Drop a tenant if it exists: {@code DROP TENANT IF EXISTS "t"}.
	 * @param tenant the tenant name
	 * @throws DataAccessException if it fails
	 */
	void dropTenantIfExists(String tenant);

	/**
	 * Drop a tenant after a delay, during which {@link #recoverTenant(String)} can undo
	 * it: {@code DROP TENANT "t" AFTER '7d'}. Meanwhile the tenant is hidden
	 * ({@link #listTenants()} omits it) but its name stays taken ({@code 030009}), and a
	 * plain {@link #dropTenant(String)} does not shorten the delay: only another
	 * {@code dropTenantAfter} does. Since CnosDB 2.4.0.
	 * @param tenant the tenant name
	 * @param delay how long the tenant stays recoverable
	 * @throws DataAccessException if it fails, for example {@code 030010} when there is
	 * no such tenant
	 */
	void dropTenantAfter(String tenant, CnosDuration delay);

	/**
	 * Undo a delayed drop: {@code RECOVER TENANT "t"}. Since CnosDB 2.4.0.
	 * @param tenant the tenant name
	 * @throws DataAccessException if it fails, for example {@code 030010} when there is
	 * no such tenant
	 */
	void recoverTenant(String tenant);

	/**
	 * List the tenants:
	 * {@code SELECT tenant_name, tenant_options FROM cluster_schema.tenants ORDER BY tenant_name},
	 * sent to the system tenant {@code cnosdb}.
	 * @return the tenants, by name
	 * @throws DataAccessException if it fails
	 */
	List<CnosTenantInfo> listTenants();

	/**
	 * Make a user a member of a tenant: {@code ALTER TENANT "t" ADD USER "u" AS "role"}.
	 * @param tenant the tenant name
	 * @param user the user name
	 * @param role {@link #OWNER}, {@link #MEMBER} or a custom role of the tenant
	 * @throws DataAccessException if it fails, for example {@code 030007} when the user
	 * is a member already (CnosDB names the user by its numeric id then), {@code 030008}
	 * when there is no such user, {@code 030006} when there is no such role,
	 * {@code 030010} when there is no such tenant
	 */
	void addUserToTenant(String tenant, String user, String role);

	/**
	 * Change a member's role: {@code ALTER TENANT "t" SET USER "u" AS "role"}.
	 * @param tenant the tenant name
	 * @param user the user name
	 * @param role the new role
	 * @throws DataAccessException if it fails, for example {@code 030008} when the user
	 * is no member (CnosDB names the user by its numeric id then)
	 */
	void setUserRole(String tenant, String user, String role);

	/**
	 * Remove a user from a tenant: {@code ALTER TENANT "t" REMOVE USER "u"}.
	 * @param tenant the tenant name
	 * @param user the user name
	 * @throws DataAccessException if it fails, for example {@code 030008} when the user
	 * is no member
	 */
	void removeUserFromTenant(String tenant, String user);

	/**
	 * List the members of a tenant:
	 * {@code SELECT user_name, role_name FROM information_schema.members ORDER BY user_name},
	 * sent to that tenant.
	 * @param tenant the tenant name
	 * @return the members, by user name
	 * @throws DataAccessException if it fails
	 */
	List<CnosMember> listMembers(String tenant);

	// Roles of the template's tenant

	/**
	 * Create a custom role in the template's tenant: {@code CREATE ROLE "r"}.
	 * @param role the name (not {@code owner} or {@code member})
	 * @throws DataAccessException if it fails
	 */
	void createRole(String role);

	/**
	 * Create a custom role that inherits a system role:
	 * {@code CREATE ROLE "r" INHERIT member}.
	 * @param role the name (not {@code owner} or {@code member})
	 * @param inheritFrom the system role it inherits
	 * @throws DataAccessException if it fails
	 */
	void createRole(String role, CnosSystemRole inheritFrom);

	/**
	 * Drop a custom role: {@code DROP ROLE "r"}. CnosDB keeps the members that had the
	 * role, still listed with it (by {@link #listMembers(String)}).
	 * @param role the role name
	 * @throws DataAccessException if it fails, for example {@code 030006} when there is
	 * no such role, or {@code 010076} for a system role
	 */
	void dropRole(String role);

	/**
	 * Drop a custom role if it exists: {@code DROP ROLE IF EXISTS "r"}.
	 * @param role the role name
	 * @throws DataAccessException if it fails
	 */
	void dropRoleIfExists(String role);

	/**
	 * Give a role a privilege on a database:
	 * {@code GRANT READ ON DATABASE "db" TO ROLE "r"}. A role holds one privilege per
	 * database: a later grant replaces the earlier one. CnosDB lists the privileges in
	 * {@code information_schema.database_privileges} ({@code Read}, {@code Write},
	 * {@code All}).
	 * @param privilege the privilege
	 * @param database the database name
	 * @param role the role name
	 * @throws DataAccessException if it fails
	 */
	void grant(CnosPrivilege privilege, String database, String role);

	/**
	 * Take a privilege on a database from a role:
	 * {@code REVOKE READ ON DATABASE "db" FROM ROLE "r"}.
	 * @param privilege the privilege, the one the role holds on that database
	 * @param database the database name
	 * @param role the role name
	 * @throws DataAccessException if it fails, for example {@code 030056} when the role
	 * does not hold exactly that privilege
	 */
	void revoke(CnosPrivilege privilege, String database, String role);

	/**
	 * List the roles of the template's tenant:
	 * {@code SELECT role_name, role_type, inherit_role FROM information_schema.roles ORDER BY role_name}.
	 * @return the roles, by name
	 * @throws DataAccessException if it fails
	 */
	List<CnosRoleInfo> listRoles();

}
