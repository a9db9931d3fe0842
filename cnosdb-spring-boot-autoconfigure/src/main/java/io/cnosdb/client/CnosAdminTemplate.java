package io.cnosdb.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cnosdb.client.admin.CnosAdminOperations;
import io.cnosdb.client.admin.CnosAdminSql;
import io.cnosdb.client.admin.CnosCodec;
import io.cnosdb.client.admin.CnosColumn;
import io.cnosdb.client.admin.CnosColumnKind;
import io.cnosdb.client.admin.CnosDatabaseChanges;
import io.cnosdb.client.admin.CnosDatabaseInfo;
import io.cnosdb.client.admin.CnosDatabaseOptions;
import io.cnosdb.client.admin.CnosMember;
import io.cnosdb.client.admin.CnosPrecision;
import io.cnosdb.client.admin.CnosPrivilege;
import io.cnosdb.client.admin.CnosRoleInfo;
import io.cnosdb.client.admin.CnosSystemRole;
import io.cnosdb.client.admin.CnosTableDefinition;
import io.cnosdb.client.admin.CnosTenantInfo;
import io.cnosdb.client.admin.CnosTenantOptions;
import io.cnosdb.client.admin.CnosUserInfo;
import io.cnosdb.client.admin.CnosUserOptions;
import io.cnosdb.client.sql.CnosByteSize;
import io.cnosdb.client.sql.CnosDuration;
import io.cnosdb.client.sql.CnosStatement;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.TypeMismatchDataAccessException;

/**
 * {@link CnosAdminOperations} on {@link CnosOperations}: the SQL comes from
 * {@link CnosAdminSql}, every statement runs through {@link CnosOperations}, and results
 * are read by their CnosDB column names.
 *
 * @author CnosDB Spring Boot contributors
 */
final class CnosAdminTemplate implements CnosAdminOperations {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Pattern LEGACY_DURATION = Pattern.compile("([0-9]+) (Days|Hours|Minutes)");

	private final CnosOperations operations;

	CnosAdminTemplate(CnosOperations operations) {
		this.operations = operations;
	}

	@Override
	public void createDatabase(String database) {
		createDatabase(database, CnosDatabaseOptions.none());
	}

	@Override
	public void createDatabase(String database, CnosDatabaseOptions options) {
		execute(CnosAdminSql.createDatabase(database, options, false));
	}

	@Override
	public void createDatabaseIfNotExists(String database, CnosDatabaseOptions options) {
		execute(CnosAdminSql.createDatabase(database, options, true));
	}

	@Override
	public void alterDatabase(String database, CnosDatabaseChanges changes) {
		// Built in full first, so that a bad argument fails before anything is sent.
		List<String> statements = CnosAdminSql.alterDatabase(database, changes);
		statements.forEach(this::execute);
	}

	@Override
	public void dropDatabase(String database) {
		execute(CnosAdminSql.dropDatabase(database, false));
	}

	@Override
	public void dropDatabaseIfExists(String database) {
		execute(CnosAdminSql.dropDatabase(database, true));
	}

	@Override
	public void dropDatabaseAfter(String database, CnosDuration delay) {
		execute(CnosAdminSql.dropDatabaseAfter(database, delay));
	}

	@Override
	public void recoverDatabase(String database) {
		execute(CnosAdminSql.recoverDatabase(database));
	}

	@Override
	public List<String> listDatabases() {
		return this.operations.query(CnosAdminSql.SHOW_DATABASES, (row, rowNum) -> name(row, "database_name"));
	}

	@Override
	public CnosDatabaseInfo describeDatabase(String database) {
		String sql = CnosAdminSql.describeDatabase(database);
		List<CnosDatabaseInfo> rows = this.operations.query(sql, (row, rowNum) -> databaseInfo(database, row));
		if (rows.size() != 1) {
			throw new IncorrectResultSizeDataAccessException(
					"DESCRIBE DATABASE answered " + rows.size() + " rows instead of one; SQL [" + sql + "]", 1,
					rows.size());
		}
		return rows.get(0);
	}

	/**
	 * Read one {@code DESCRIBE DATABASE} row: eleven columns from CnosDB 2.4.2 on, the
	 * first five only before (upper-case names before 2.3.4, found by the row's
	 * case-insensitive lookup).
	 */
	private static CnosDatabaseInfo databaseInfo(String database, CnosRow row) {
		boolean storageOptions = hasColumn(row, "max_memcache_size");
		return new CnosDatabaseInfo(database, duration(row, "ttl"), number(row, "shard"),
				duration(row, "vnode_duration"), number(row, "replica"),
				convert(row, "precision", CnosPrecision::fromName),
				storageOptions ? byteSize(row, "max_memcache_size") : null,
				storageOptions ? number(row, "memcache_partitions") : null,
				storageOptions ? byteSize(row, "wal_max_file_size") : null,
				storageOptions ? flag(row, "wal_sync") : null, storageOptions ? flag(row, "strict_write") : null,
				storageOptions ? number(row, "max_cache_readers") : null);
	}

	@Override
	public List<String> listTables() {
		return this.operations.query(CnosAdminSql.SHOW_TABLES, (row, rowNum) -> name(row, "table_name"));
	}

	@Override
	public List<CnosColumn> describeTable(String table) {
		return this.operations.query(CnosAdminSql.describeTable(table),
				(row, rowNum) -> new CnosColumn(required(row, "column_name"), required(row, "data_type"),
						convert(row, "column_type", CnosColumnKind::valueOf), codec(row)));
	}

	private static @Nullable CnosCodec codec(CnosRow row) {
		String text = row.getString("compression_codec");
		return (text != null) ? CnosCodec.fromName(text) : null;
	}

	@Override
	public void createTable(CnosTableDefinition table) {
		execute(CnosAdminSql.createTable(table, false));
	}

	@Override
	public void createTableIfNotExists(CnosTableDefinition table) {
		execute(CnosAdminSql.createTable(table, true));
	}

	@Override
	public void dropTable(String table) {
		execute(CnosAdminSql.dropTable(table, false));
	}

	@Override
	public void dropTableIfExists(String table) {
		execute(CnosAdminSql.dropTable(table, true));
	}

	@Override
	public void createUser(String user, CnosUserOptions options) {
		this.operations.execute(CnosAdminSql.createUser(user, options, false));
	}

	@Override
	public void createUserIfNotExists(String user, CnosUserOptions options) {
		this.operations.execute(CnosAdminSql.createUser(user, options, true));
	}

	@Override
	public void alterUserPassword(String user, String password) {
		this.operations.execute(CnosAdminSql.alterUserPassword(user, password));
	}

	@Override
	public void renameUser(String user, String newName) {
		execute(CnosAdminSql.renameUser(user, newName));
	}

	@Override
	public void dropUser(String user) {
		execute(CnosAdminSql.dropUser(user, false));
	}

	@Override
	public void dropUserIfExists(String user) {
		execute(CnosAdminSql.dropUser(user, true));
	}

	@Override
	public List<CnosUserInfo> listUsers() {
		return system().query(CnosAdminSql.LIST_USERS, (row, rowNum) -> {
			JsonNode options = json(row, "user_options");
			return new CnosUserInfo(required(row, "user_name"), flag(row, "is_admin"),
					options.path("must_change_password").asBoolean(false),
					options.path("granted_admin").asBoolean(false), text(options, "comment"));
		});
	}

	@Override
	public void createTenant(String tenant) {
		createTenant(tenant, CnosTenantOptions.none());
	}

	@Override
	public void createTenant(String tenant, CnosTenantOptions options) {
		execute(CnosAdminSql.createTenant(tenant, options, false));
	}

	@Override
	public void createTenantIfNotExists(String tenant, CnosTenantOptions options) {
		execute(CnosAdminSql.createTenant(tenant, options, true));
	}

	@Override
	public void dropTenant(String tenant) {
		execute(CnosAdminSql.dropTenant(tenant, false));
	}

	@Override
	public void dropTenantIfExists(String tenant) {
		execute(CnosAdminSql.dropTenant(tenant, true));
	}

	@Override
	public void dropTenantAfter(String tenant, CnosDuration delay) {
		execute(CnosAdminSql.dropTenantAfter(tenant, delay));
	}

	@Override
	public void recoverTenant(String tenant) {
		execute(CnosAdminSql.recoverTenant(tenant));
	}

	@Override
	public List<CnosTenantInfo> listTenants() {
		return system().query(CnosAdminSql.LIST_TENANTS, (row, rowNum) -> {
			JsonNode options = json(row, "tenant_options");
			return new CnosTenantInfo(required(row, "tenant_name"), text(options, "comment"),
					dropAfter(options.get("drop_after")));
		});
	}

	/**
	 * Read {@code drop_after} of {@code tenant_options}: {@code null}, or
	 * {@code {"duration":{"secs":86400,"nanos":0},"is_inf":false}}.
	 */
	private static @Nullable CnosDuration dropAfter(@Nullable JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.path("is_inf").asBoolean(false)) {
			return CnosDuration.INFINITE;
		}
		JsonNode secs = node.path("duration").path("secs");
		JsonNode nanos = node.path("duration").path("nanos");
		if (!secs.isIntegralNumber() || !secs.canConvertToLong() || !nanos.isIntegralNumber()
				|| !nanos.canConvertToInt() || secs.longValue() < 0 || nanos.intValue() < 0) {
			throw new TypeMismatchDataAccessException(
					"Column 'tenant_options' has a drop_after that is not the JSON CnosDB sends: " + node);
		}
		return CnosDuration.of(Duration.ofSeconds(secs.longValue(), nanos.intValue()));
	}

	@Override
	public void addUserToTenant(String tenant, String user, String role) {
		execute(CnosAdminSql.addUserToTenant(tenant, user, role));
	}

	@Override
	public void setUserRole(String tenant, String user, String role) {
		execute(CnosAdminSql.setUserRole(tenant, user, role));
	}

	@Override
	public void removeUserFromTenant(String tenant, String user) {
		execute(CnosAdminSql.removeUserFromTenant(tenant, user));
	}

	@Override
	public List<CnosMember> listMembers(String tenant) {
		return this.operations.forTenant(tenant)
			.query(CnosAdminSql.LIST_MEMBERS,
					(row, rowNum) -> new CnosMember(required(row, "user_name"), required(row, "role_name")));
	}

	@Override
	public void createRole(String role) {
		execute(CnosAdminSql.createRole(role, null, false));
	}

	@Override
	public void createRole(String role, CnosSystemRole inheritFrom) {
		Objects.requireNonNull(inheritFrom, "inheritFrom must not be null");
		execute(CnosAdminSql.createRole(role, inheritFrom, false));
	}

	@Override
	public void dropRole(String role) {
		execute(CnosAdminSql.dropRole(role, false));
	}

	@Override
	public void dropRoleIfExists(String role) {
		execute(CnosAdminSql.dropRole(role, true));
	}

	@Override
	public void grant(CnosPrivilege privilege, String database, String role) {
		execute(CnosAdminSql.grant(privilege, database, role));
	}

	@Override
	public void revoke(CnosPrivilege privilege, String database, String role) {
		execute(CnosAdminSql.revoke(privilege, database, role));
	}

	@Override
	public List<CnosRoleInfo> listRoles() {
		return this.operations.query(CnosAdminSql.LIST_ROLES, (row, rowNum) -> {
			// A custom role without INHERIT is listed with the text NULL, a system role
			// with SQL NULL.
			String inherit = row.getString("inherit_role");
			return new CnosRoleInfo(required(row, "role_name"), required(row, "role_type"),
					"NULL".equals(inherit) ? null : inherit);
		});
	}

	private void execute(String sql) {
		this.operations.execute(CnosStatement.of(sql));
	}

	/**
	 * The template for the system tenant's {@code public} database, where
	 * {@code cluster_schema} is.
	 */
	private CnosOperations system() {
		return this.operations.forTenant(CnosAdminSql.SYSTEM_TENANT).forDatabase(CnosAdminSql.SYSTEM_DATABASE);
	}

	/**
	 * The name a {@code SHOW} statement lists: in {@code column}, or in the only column
	 * where CnosDB 2.3.0 calls it {@code Database} or {@code Table}.
	 */
	private static String name(CnosRow row, String column) {
		return (hasColumn(row, column) || row.size() != 1) ? required(row, column)
				: required(row, row.getColumnNames().get(0));
	}

	private static boolean hasColumn(CnosRow row, String column) {
		return row.getColumnNames().stream().anyMatch(column::equalsIgnoreCase);
	}

	private static String required(CnosRow row, String column) {
		String value = row.getString(column);
		if (value == null) {
			throw new TypeMismatchDataAccessException("Column '" + column + "' is empty; CnosDB always fills it");
		}
		return value;
	}

	private static long number(CnosRow row, String column) {
		Long value = row.getLong(column);
		if (value == null) {
			throw new TypeMismatchDataAccessException("Column '" + column + "' is empty; CnosDB always fills it");
		}
		return value;
	}

	private static boolean flag(CnosRow row, String column) {
		Boolean value = row.getBoolean(column);
		if (value == null) {
			throw new TypeMismatchDataAccessException("Column '" + column + "' is empty; CnosDB always fills it");
		}
		return value;
	}

	private static CnosDuration duration(CnosRow row, String column) {
		return convert(row, column, (text) -> CnosDuration.parse(modernDuration(text)));
	}

	/**
	 * CnosDB before 2.4.2 describes a duration as one whole unit, {@code "365 Days"},
	 * {@code "12 Hours"} or {@code "30 Minutes"}; read it as {@code 365d}, {@code 12h} or
	 * {@code 30m}.
	 */
	static String modernDuration(String text) {
		Matcher legacy = LEGACY_DURATION.matcher(text);
		if (!legacy.matches()) {
			return text;
		}
		String unit = switch (legacy.group(2)) {
			case "Days" -> "d";
			case "Hours" -> "h";
			default -> "m";
		};
		return legacy.group(1) + unit;
	}

	private static CnosByteSize byteSize(CnosRow row, String column) {
		return convert(row, column, CnosByteSize::parse);
	}

	private static <T> T convert(CnosRow row, String column, Function<String, T> parser) {
		String text = required(row, column);
		try {
			return parser.apply(text);
		}
		catch (IllegalArgumentException ex) {
			throw new TypeMismatchDataAccessException(
					"Column '" + column + "' value '" + text + "' cannot be read: " + ex.getMessage(), ex);
		}
	}

	private static JsonNode json(CnosRow row, String column) {
		String text = required(row, column);
		try {
			return JSON.readTree(text);
		}
		catch (JacksonException ex) {
			throw new TypeMismatchDataAccessException(
					"Column '" + column + "' is not the JSON CnosDB sends: " + ex.getOriginalMessage(), ex);
		}
	}

	private static @Nullable String text(JsonNode node, String member) {
		JsonNode value = node.get(member);
		return (value != null && value.isString()) ? value.asString() : null;
	}

}
