package io.cnosdb.client.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

import io.cnosdb.client.sql.CnosByteSize;
import io.cnosdb.client.sql.CnosDuration;
import io.cnosdb.client.sql.CnosSql;
import io.cnosdb.client.sql.CnosStatement;
import org.jspecify.annotations.Nullable;

/**
 * Builds CnosDB's administration statements (reference §7.2 to §7.5) from typed
 * arguments. Every name and value goes through {@link CnosSql}: names are always
 * double-quoted, values are literals of the type CnosDB expects (for example
 * {@code WAL_SYNC 'true'} is a string, {@code SHARD 2} a number), keywords are upper
 * case. Nothing here talks to a server.
 * <p>
 * Statements that carry a password are returned as a {@link CnosStatement} whose display
 * text shows {@code '******'} instead.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosAdminSql {

	/** The system tenant, the only one that can read {@code cluster_schema}. */
	public static final String SYSTEM_TENANT = "cnosdb";

	/** The database that always exists in the system tenant. */
	public static final String SYSTEM_DATABASE = "public";

	/** Lists databases: one column {@code database_name}. */
	public static final String SHOW_DATABASES = "SHOW DATABASES";

	/** Lists the tables of the current database: one column {@code table_name}. */
	public static final String SHOW_TABLES = "SHOW TABLES";

	/** Lists users (only for system administrators, in the system tenant). */
	public static final String LIST_USERS = "SELECT user_name, is_admin, user_options FROM cluster_schema.users ORDER BY user_name";

	/** Lists tenants (only in the system tenant). */
	public static final String LIST_TENANTS = "SELECT tenant_name, tenant_options FROM cluster_schema.tenants ORDER BY tenant_name";

	/** Lists the members of the current tenant. */
	public static final String LIST_MEMBERS = "SELECT user_name, role_name FROM information_schema.members ORDER BY user_name";

	/** Lists the roles of the current tenant. */
	public static final String LIST_ROLES = "SELECT role_name, role_type, inherit_role FROM information_schema.roles ORDER BY role_name";

	private CnosAdminSql() {
	}

	/**
	 * {@code CREATE DATABASE [IF NOT EXISTS] "name" [WITH option ...]}, options separated
	 * by spaces in the order {@code TTL 'd' SHARD n VNODE_DURATION 'd' REPLICA n
	 * PRECISION 'p' MAX_MEMCACHE_SIZE 's' MEMCACHE_PARTITIONS n WAL_MAX_FILE_SIZE 's'
	 * WAL_SYNC 'b' STRICT_WRITE 'b' MAX_CACHE_READERS n}.
	 * @param database the new database name
	 * @param options the options
	 * @param ifNotExists whether to add {@code IF NOT EXISTS}
	 * @return the statement
	 */
	public static String createDatabase(String database, CnosDatabaseOptions options, boolean ifNotExists) {
		Objects.requireNonNull(options, "options must not be null");
		StringBuilder sql = new StringBuilder("CREATE DATABASE ").append(ifNotExists ? "IF NOT EXISTS " : "")
			.append(CnosSql.newIdentifier("database", database));
		Map<String, Object> set = options.asMap();
		if (!set.isEmpty()) {
			sql.append(" WITH");
			set.forEach((name, value) -> sql.append(' ').append(databaseOption(name, value)));
		}
		return sql.toString();
	}

	/**
	 * {@code ALTER DATABASE "name" SET option}, one statement per change, in the order
	 * {@code TTL}, {@code SHARD}, {@code VNODE_DURATION}, {@code REPLICA}.
	 * @param database the database name
	 * @param changes the changes
	 * @return the statements
	 */
	public static List<String> alterDatabase(String database, CnosDatabaseChanges changes) {
		Objects.requireNonNull(changes, "changes must not be null");
		String name = CnosSql.identifier("database", database);
		List<String> statements = new ArrayList<>();
		changes.asMap()
			.forEach((option, value) -> statements
				.add("ALTER DATABASE " + name + " SET " + databaseOption(option, value)));
		return statements;
	}

	private static String databaseOption(String name, Object value) {
		String argument = name.toLowerCase(Locale.ROOT);
		String literal;
		if (value instanceof CnosDuration duration) {
			literal = CnosSql.durationLiteral(argument, duration);
		}
		else if (value instanceof CnosByteSize size) {
			literal = CnosSql.byteSizeLiteral(argument, size);
		}
		else if (value instanceof CnosPrecision precision) {
			literal = CnosSql.stringLiteral(argument, precision.sqlValue());
		}
		else if (value instanceof Boolean flag) {
			// CnosDB reads WAL_SYNC and STRICT_WRITE as strings, not booleans.
			literal = CnosSql.stringLiteral(argument, CnosSql.booleanLiteral(flag));
		}
		else {
			literal = CnosSql.numberLiteral(argument, (Number) value);
		}
		return name + " " + literal;
	}

	/**
	 * {@code DROP DATABASE [IF EXISTS] "name"}.
	 * @param database the database name
	 * @param ifExists whether to add {@code IF EXISTS}
	 * @return the statement
	 */
	public static String dropDatabase(String database, boolean ifExists) {
		return "DROP DATABASE " + (ifExists ? "IF EXISTS " : "") + CnosSql.identifier("database", database);
	}

	/**
	 * {@code DROP DATABASE "name" AFTER 'delay'}: a delayed drop that
	 * {@link #recoverDatabase(String)} can undo until the delay has passed.
	 * @param database the database name
	 * @param delay how long the database stays recoverable
	 * @return the statement
	 */
	public static String dropDatabaseAfter(String database, CnosDuration delay) {
		return "DROP DATABASE " + CnosSql.identifier("database", database) + " AFTER "
				+ CnosSql.durationLiteral("delay", delay);
	}

	/**
	 * {@code RECOVER DATABASE "name"}.
	 * @param database the database name
	 * @return the statement
	 */
	public static String recoverDatabase(String database) {
		return "RECOVER DATABASE " + CnosSql.identifier("database", database);
	}

	/**
	 * {@code DESCRIBE DATABASE "name"}.
	 * @param database the database name
	 * @return the statement
	 */
	public static String describeDatabase(String database) {
		return "DESCRIBE DATABASE " + CnosSql.identifier("database", database);
	}

	/**
	 * {@code CREATE TABLE [IF NOT EXISTS] "name" ("field" TYPE [CODEC(codec)], ...
	 * [, TAGS("tag", ...)])}.
	 * @param table the definition
	 * @param ifNotExists whether to add {@code IF NOT EXISTS}
	 * @return the statement
	 */
	public static String createTable(CnosTableDefinition table, boolean ifNotExists) {
		Objects.requireNonNull(table, "table must not be null");
		StringJoiner columns = new StringJoiner(", ", " (", ")");
		for (CnosTableDefinition.Field field : table.getFields()) {
			String column = CnosSql.identifier("column", field.name()) + " " + field.type().sql();
			if (field.codec() != null) {
				column += " CODEC(" + field.codec().name() + ")";
			}
			columns.add(column);
		}
		if (!table.getTags().isEmpty()) {
			StringJoiner tags = new StringJoiner(", ", "TAGS(", ")");
			table.getTags().forEach((tag) -> tags.add(CnosSql.identifier("column", tag)));
			columns.add(tags.toString());
		}
		return "CREATE TABLE " + (ifNotExists ? "IF NOT EXISTS " : "") + CnosSql.newIdentifier("table", table.getName())
				+ columns;
	}

	/**
	 * {@code DROP TABLE [IF EXISTS] "name"}.
	 * @param table the table name
	 * @param ifExists whether to add {@code IF EXISTS}
	 * @return the statement
	 */
	public static String dropTable(String table, boolean ifExists) {
		return "DROP TABLE " + (ifExists ? "IF EXISTS " : "") + CnosSql.identifier("table", table);
	}

	/**
	 * {@code DESCRIBE TABLE "name"}.
	 * @param table the table name
	 * @return the statement
	 */
	public static String describeTable(String table) {
		return "DESCRIBE TABLE " + CnosSql.identifier("table", table);
	}

	/**
	 * {@code CREATE USER [IF NOT EXISTS] "name" [WITH PASSWORD = '...',
	 * MUST_CHANGE_PASSWORD = b, RSA_PUBLIC_KEY = '...', COMMENT = '...', GRANTED_ADMIN =
	 * b]}, the options that are set, separated by commas.
	 * @param user the new user name
	 * @param options the options
	 * @param ifNotExists whether to add {@code IF NOT EXISTS}
	 * @return the statement, its password masked in the display text
	 */
	public static CnosStatement createUser(String user, CnosUserOptions options, boolean ifNotExists) {
		Objects.requireNonNull(options, "options must not be null");
		CnosStatement.Builder sql = CnosStatement.builder()
			.append("CREATE USER " + (ifNotExists ? "IF NOT EXISTS " : "") + CnosSql.newIdentifier("user", user));
		if (!options.isEmpty()) {
			String separator = " WITH ";
			if (options.getPassword() != null) {
				sql.append(separator + "PASSWORD = ").appendSecret("password", options.getPassword());
				separator = ", ";
			}
			if (options.getMustChangePassword() != null) {
				sql.append(separator + "MUST_CHANGE_PASSWORD = "
						+ CnosSql.booleanLiteral(options.getMustChangePassword()));
				separator = ", ";
			}
			if (options.getRsaPublicKey() != null) {
				sql.append(separator + "RSA_PUBLIC_KEY = "
						+ CnosSql.stringLiteral("rsaPublicKey", options.getRsaPublicKey()));
				separator = ", ";
			}
			if (options.getComment() != null) {
				sql.append(separator + "COMMENT = " + CnosSql.stringLiteral("comment", options.getComment()));
				separator = ", ";
			}
			if (options.getGrantedAdmin() != null) {
				sql.append(separator + "GRANTED_ADMIN = " + CnosSql.booleanLiteral(options.getGrantedAdmin()));
			}
		}
		return sql.build();
	}

	/**
	 * {@code ALTER USER "name" SET PASSWORD = '...'}.
	 * @param user the user name
	 * @param password the new password
	 * @return the statement, its password masked in the display text
	 */
	public static CnosStatement alterUserPassword(String user, String password) {
		return CnosStatement.builder()
			.append("ALTER USER " + CnosSql.identifier("user", user) + " SET PASSWORD = ")
			.appendSecret("password", password)
			.build();
	}

	/**
	 * {@code ALTER USER "name" RENAME TO "new"}.
	 * @param user the user name
	 * @param newName the new name
	 * @return the statement
	 */
	public static String renameUser(String user, String newName) {
		return "ALTER USER " + CnosSql.identifier("user", user) + " RENAME TO "
				+ CnosSql.newIdentifier("new user", newName);
	}

	/**
	 * {@code DROP USER [IF EXISTS] "name"}.
	 * @param user the user name
	 * @param ifExists whether to add {@code IF EXISTS}
	 * @return the statement
	 */
	public static String dropUser(String user, boolean ifExists) {
		return "DROP USER " + (ifExists ? "IF EXISTS " : "") + CnosSql.identifier("user", user);
	}

	/**
	 * {@code CREATE TENANT [IF NOT EXISTS] "name" [WITH COMMENT = '...', DROP_AFTER =
	 * '...']}.
	 * @param tenant the new tenant name (no {@code /} and no {@code .})
	 * @param options the options
	 * @param ifNotExists whether to add {@code IF NOT EXISTS}
	 * @return the statement
	 */
	public static String createTenant(String tenant, CnosTenantOptions options, boolean ifNotExists) {
		Objects.requireNonNull(options, "options must not be null");
		StringBuilder sql = new StringBuilder("CREATE TENANT ").append(ifNotExists ? "IF NOT EXISTS " : "")
			.append(CnosSql.newTenantIdentifier(tenant));
		StringJoiner with = new StringJoiner(", ", " WITH ", "");
		with.setEmptyValue("");
		if (options.getComment() != null) {
			with.add("COMMENT = " + CnosSql.stringLiteral("comment", options.getComment()));
		}
		if (options.getDropAfter() != null) {
			with.add("DROP_AFTER = " + CnosSql.durationLiteral("dropAfter", options.getDropAfter()));
		}
		return sql.append(with).toString();
	}

	/**
	 * {@code DROP TENANT [IF EXISTS] "name"}.
	 * @param tenant the tenant name
	 * @param ifExists whether to add {@code IF EXISTS}
	 * @return the statement
	 */
	public static String dropTenant(String tenant, boolean ifExists) {
		return "DROP TENANT " + (ifExists ? "IF EXISTS " : "") + CnosSql.identifier("tenant", tenant);
	}

	/**
	 * {@code DROP TENANT "name" AFTER 'delay'}: a delayed drop that
	 * {@link #recoverTenant(String)} can undo until the delay has passed.
	 * @param tenant the tenant name
	 * @param delay how long the tenant stays recoverable
	 * @return the statement
	 */
	public static String dropTenantAfter(String tenant, CnosDuration delay) {
		return "DROP TENANT " + CnosSql.identifier("tenant", tenant) + " AFTER "
				+ CnosSql.durationLiteral("delay", delay);
	}

	/**
	 * {@code RECOVER TENANT "name"}.
	 * @param tenant the tenant name
	 * @return the statement
	 */
	public static String recoverTenant(String tenant) {
		return "RECOVER TENANT " + CnosSql.identifier("tenant", tenant);
	}

	/**
	 * {@code ALTER TENANT "tenant" ADD USER "user" AS "role"}.
	 * @param tenant the tenant name
	 * @param user the user name
	 * @param role the role ({@code owner}, {@code member} or a custom role)
	 * @return the statement
	 */
	public static String addUserToTenant(String tenant, String user, String role) {
		return "ALTER TENANT " + CnosSql.identifier("tenant", tenant) + " ADD USER " + CnosSql.identifier("user", user)
				+ " AS " + CnosSql.identifier("role", role);
	}

	/**
	 * {@code ALTER TENANT "tenant" SET USER "user" AS "role"}.
	 * @param tenant the tenant name
	 * @param user the user name
	 * @param role the new role
	 * @return the statement
	 */
	public static String setUserRole(String tenant, String user, String role) {
		return "ALTER TENANT " + CnosSql.identifier("tenant", tenant) + " SET USER " + CnosSql.identifier("user", user)
				+ " AS " + CnosSql.identifier("role", role);
	}

	/**
	 * {@code ALTER TENANT "tenant" REMOVE USER "user"}.
	 * @param tenant the tenant name
	 * @param user the user name
	 * @return the statement
	 */
	public static String removeUserFromTenant(String tenant, String user) {
		return "ALTER TENANT " + CnosSql.identifier("tenant", tenant) + " REMOVE USER "
				+ CnosSql.identifier("user", user);
	}

	/**
	 * {@code CREATE ROLE [IF NOT EXISTS] "name" [INHERIT owner|member]}.
	 * @param role the new role name (not {@code owner} or {@code member})
	 * @param inheritFrom the system role it inherits, or {@code null}
	 * @param ifNotExists whether to add {@code IF NOT EXISTS}
	 * @return the statement
	 */
	public static String createRole(String role, @Nullable CnosSystemRole inheritFrom, boolean ifNotExists) {
		return "CREATE ROLE " + (ifNotExists ? "IF NOT EXISTS " : "") + CnosSql.newIdentifier("role", role)
				+ ((inheritFrom != null) ? " INHERIT " + inheritFrom.roleName() : "");
	}

	/**
	 * {@code DROP ROLE [IF EXISTS] "name"}.
	 * @param role the role name
	 * @param ifExists whether to add {@code IF EXISTS}
	 * @return the statement
	 */
	public static String dropRole(String role, boolean ifExists) {
		return "DROP ROLE " + (ifExists ? "IF EXISTS " : "") + CnosSql.identifier("role", role);
	}

	/**
	 * {@code GRANT READ|WRITE|ALL ON DATABASE "database" TO ROLE "role"}.
	 * @param privilege the privilege
	 * @param database the database name
	 * @param role the role name
	 * @return the statement
	 */
	public static String grant(CnosPrivilege privilege, String database, String role) {
		Objects.requireNonNull(privilege, "privilege must not be null");
		return "GRANT " + privilege.name() + " ON DATABASE " + CnosSql.identifier("database", database) + " TO ROLE "
				+ CnosSql.identifier("role", role);
	}

	/**
	 * {@code REVOKE READ|WRITE|ALL ON DATABASE "database" FROM ROLE "role"}.
	 * @param privilege the privilege
	 * @param database the database name
	 * @param role the role name
	 * @return the statement
	 */
	public static String revoke(CnosPrivilege privilege, String database, String role) {
		Objects.requireNonNull(privilege, "privilege must not be null");
		return "REVOKE " + privilege.name() + " ON DATABASE " + CnosSql.identifier("database", database) + " FROM ROLE "
				+ CnosSql.identifier("role", role);
	}

}
