package io.cnosdb.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.client.admin.CnosAdminOperations;
import io.cnosdb.client.admin.CnosAdminSql;
import io.cnosdb.client.admin.CnosDatabaseChanges;
import io.cnosdb.client.admin.CnosDatabaseOptions;
import io.cnosdb.client.admin.CnosFieldType;
import io.cnosdb.client.admin.CnosPrivilege;
import io.cnosdb.client.admin.CnosSystemRole;
import io.cnosdb.client.admin.CnosTableDefinition;
import io.cnosdb.client.admin.CnosTenantOptions;
import io.cnosdb.client.admin.CnosUserOptions;
import io.cnosdb.client.sql.CnosByteSize;
import io.cnosdb.client.sql.CnosDuration;
import io.cnosdb.client.sql.CnosSqlReader;
import io.cnosdb.client.sql.CnosSqlReader.Kind;
import io.cnosdb.client.sql.CnosSqlReader.Token;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cnosdb.client.CnosServerStub.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Pushes a corpus of hostile names and values ({@link HostileCorpus}) through every admin
 * method, the views and bound parameters, against WireMock. Each input is either rejected
 * before anything is sent (with a clear message, exactly when an independent rule says
 * CnosDB cannot hold it), or sent so that CnosDB reads exactly the value given: the test
 * asserts the exact SQL bytes received, and {@link CnosSqlReader} (CnosDB's lexical
 * rules) must read them back as the statement's fixed tokens with the input as one
 * identifier or string token.
 */
class HostileInputTests {

	private static final String MARK = "__HOSTILE__";

	/** Longer query parameters than this do not fit WireMock's request line. */
	private static final int MAX_ENCODED_PARAMETER = 6000;

	private static final String UNITS = "ns|nanos|nsec|us|usec|ms|millis|msec|s|sec|secs|second|seconds"
			+ "|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks|M|month|months|y|year|years";

	private static final Pattern DURATION = Pattern
		.compile("(?i:inf)|[0-9]+(?:" + UNITS + ")(?: ?[0-9]+(?:" + UNITS + "))*");

	private static final Pattern BYTE_SIZE = Pattern
		.compile("[0-9]+(?:\\.[0-9]+)? ?(?:|B|K|KB|kB|KiB|M|MB|MiB|G|GB|GiB|T|TB|TiB|P|PB|PiB)");

	@RegisterExtension
	static WireMockExtension server = CnosServerStub.server();

	private CnosTemplate template;

	@BeforeEach
	void createTemplate() {
		this.template = CnosTemplate.builder().url(server.baseUrl()).credentials("root", "").build();
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).atPriority(10).willReturn(csv("")));
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).atPriority(1)
			.withRequestBody(matching("(?s)DESCRIBE DATABASE .*"))
			.willReturn(csv(CnosAdminTemplateTests.DESCRIBE_DATABASE_CSV)));
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).atPriority(1)
			.withRequestBody(matching("(?s)DESCRIBE TABLE .*"))
			.willReturn(csv(CnosAdminTemplateTests.DESCRIBE_TABLE_CSV)));
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).atPriority(1)
			.withRequestBody(matching("(?s)(SHOW TABLES|SELECT user_name, role_name).*"))
			.willReturn(csv("table_name\n")));
		server.stubFor(post(urlPathEqualTo("/api/v1/sql")).atPriority(1)
			.withRequestBody(matching("(?s)SELECT count\\(\\*\\).*"))
			.willReturn(csv("COUNT(*)\n0\n")));
	}

	@Test
	void everyHostileInputIsRejectedOrReadBackExactlyByCnosDbsLexer() {
		List<String> corpus = HostileCorpus.inputs();
		assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
		List<Probe> probes = probes();
		Map<Rule, int[]> byRule = new EnumMap<>(Rule.class);
		int checks = 0;
		int rejected = 0;
		int quoted = 0;
		int tooLongForUrl = 0;
		for (Rule rule : Rule.values()) {
			byRule.put(rule, new int[2]);
		}
		Map<Rule, List<Boolean>> decisions = new EnumMap<>(Rule.class);
		for (String input : corpus) {
			decisions.clear();
			for (Probe probe : probes) {
				if (probe.parameter() != null && !rejects(probe.rule(), input)
						&& URLEncoder.encode(input, StandardCharsets.UTF_8).length() > MAX_ENCODED_PARAMETER) {
					tooLongForUrl++;
					continue;
				}
				server.resetRequests();
				checks++;
				boolean wasRejected = check(probe, input);
				decisions.computeIfAbsent(probe.rule(), (rule) -> new ArrayList<>()).add(wasRejected);
				if (wasRejected) {
					rejected++;
				}
				else {
					quoted++;
				}
			}
			decisions.forEach((rule, outcomes) -> {
				assertThat(outcomes).as("all probes of rule %s agree on input %s", rule, shown(input))
					.containsOnly(outcomes.get(0));
				byRule.get(rule)[outcomes.get(0) ? 0 : 1]++;
			});
		}
		System.out.printf("hostile corpus: %d inputs through %d probes = %d checks: %d rejected, %d quoted%n",
				corpus.size(), probes.size(), checks, rejected, quoted);
		byRule.forEach((rule, counts) -> System.out.printf("hostile corpus as %s: %d inputs, %d rejected, %d quoted%n",
				rule.description, corpus.size(), counts[0], counts[1]));
		System.out.printf("hostile corpus: %d view checks skipped: name longer than %d characters once URL-encoded%n",
				tooLongForUrl, MAX_ENCODED_PARAMETER);
		assertThat(rejected + quoted).isEqualTo(checks);
		assertThat(byRule.get(Rule.NAME)[1]).isGreaterThan(byRule.get(Rule.NAME)[0]);
	}

	/**
	 * Run one probe with one input and check the outcome.
	 * @return whether the input was rejected
	 */
	private boolean check(Probe probe, String input) {
		String what = probe.name() + " with " + shown(input);
		boolean expectRejection = rejects(probe.rule(), input);
		Throwable thrown = catchThrowable(() -> probe.call().accept(this.template, input));
		if (thrown != null) {
			assertThat(thrown).as(what).isInstanceOf(IllegalArgumentException.class);
			assertThat(expectRejection).as("%s was rejected (%s) but CnosDB can hold it", what, thrown.getMessage())
				.isTrue();
			assertThat(thrown.getMessage()).as(what).isNotBlank();
			if (probe.rule() == Rule.VALUE && input.length() > 3) {
				assertThat(thrown.getMessage()).as("rejection of a value must not echo it: " + what)
					.doesNotContain(input);
			}
			assertThat(server.getAllServeEvents()).as("nothing is sent for " + what).isEmpty();
			return true;
		}
		assertThat(expectRejection).as("%s was sent but CnosDB cannot hold it", what).isFalse();
		List<ServeEvent> events = server.getAllServeEvents();
		assertThat(events).as(what).hasSize(1);
		LoggedRequest request = events.get(0).getRequest();
		String expectedSql = fill(probe.template(), identifier(input), literal(input));
		assertThat(request.getBody()).as("bytes sent for " + what)
			.isEqualTo(expectedSql.getBytes(StandardCharsets.UTF_8));
		List<Token> expectedTokens = new ArrayList<>();
		for (Token token : CnosSqlReader.read(fill(probe.template(), "\"" + MARK + "\"", "'" + MARK + "'"))) {
			boolean marked = token.value().equals(MARK);
			expectedTokens.add((marked && token.kind() != Kind.WORD) ? new Token(token.kind(), input) : token);
		}
		assertThat(CnosSqlReader.read(request.getBodyAsString())).as("tokens CnosDB reads for " + what)
			.isEqualTo(expectedTokens);
		if (probe.parameter() != null) {
			assertThat(request.queryParameter(probe.parameter()).firstValue()).as("query parameter of " + what)
				.isEqualTo(input);
		}
		else {
			assertThat(request.getUrl()).as(what).isEqualTo("/api/v1/sql?tenant=cnosdb&db=public");
		}
		return false;
	}

	/**
	 * The rules, written independently of the production code, for what CnosDB cannot
	 * hold.
	 */
	private static boolean rejects(Rule rule, String input) {
		boolean unusableName = isBlankForRust(input) || input.indexOf('\0') >= 0 || hasUnpairedSurrogate(input);
		return switch (rule) {
			case NAME -> unusableName;
			case NEW_NAME -> unusableName || input.contains("/");
			case NEW_TENANT -> unusableName || input.contains("/") || input.contains(".");
			case COLUMN -> unusableName || input.equals("time");
			case VALUE -> hasUnpairedSurrogate(input);
			case DURATION -> !DURATION.matcher(input).matches();
			case BYTE_SIZE -> !BYTE_SIZE.matcher(input).matches();
		};
	}

	private static boolean isBlankForRust(String text) {
		return text.codePoints()
			.allMatch((c) -> (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
					|| (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
					|| c == 0x3000);
	}

	private static boolean hasUnpairedSurrogate(String text) {
		return text.codePoints().anyMatch((c) -> c >= 0xD800 && c <= 0xDFFF);
	}

	private static String identifier(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	private static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

	/** Replace {@code {I}} and {@code {S}} in a template (and only there). */
	private static String fill(String template, String identifier, String literal) {
		StringBuilder sql = new StringBuilder();
		int i = 0;
		while (i < template.length()) {
			if (template.startsWith("{I}", i)) {
				sql.append(identifier);
				i += 3;
			}
			else if (template.startsWith("{S}", i)) {
				sql.append(literal);
				i += 3;
			}
			else {
				sql.append(template.charAt(i++));
			}
		}
		return sql.toString();
	}

	private static String shown(String input) {
		StringBuilder shown = new StringBuilder("[");
		input.codePoints().limit(40).forEach((c) -> {
			if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || Character.getType(c) == Character.FORMAT
					|| (c >= 0xD800 && c <= 0xDFFF)) {
				shown.append(String.format("\\u%04X", c));
			}
			else {
				shown.appendCodePoint(c);
			}
		});
		return shown.append((input.length() > 40) ? "...(" + input.length() + " chars)]" : "]").toString();
	}

	private static List<Probe> probes() {
		List<Probe> probes = new ArrayList<>();
		// New names: CnosDB's parser refuses '/'
		probes.add(sql("createDatabase", Rule.NEW_NAME, "CREATE DATABASE {I}", (a, x) -> a.createDatabase(x)));
		probes.add(sql("createDatabaseIfNotExists", Rule.NEW_NAME, "CREATE DATABASE IF NOT EXISTS {I} WITH TTL '7d'",
				(a, x) -> a.createDatabaseIfNotExists(x,
						CnosDatabaseOptions.builder().ttl(CnosDuration.parse("7d")).build())));
		probes.add(sql("createTable", Rule.NEW_NAME, "CREATE TABLE {I} (\"value_0\" DOUBLE)", (a, x) -> a
			.createTable(CnosTableDefinition.builder(x).field("value_0", CnosFieldType.DOUBLE).build())));
		probes.add(sql("createTableIfNotExists", Rule.NEW_NAME, "CREATE TABLE IF NOT EXISTS {I} (\"value_0\" BIGINT)",
				(a, x) -> a.createTableIfNotExists(
						CnosTableDefinition.builder(x).field("value_0", CnosFieldType.BIGINT).build())));
		probes.add(sql("createUser", Rule.NEW_NAME, "CREATE USER {I} WITH PASSWORD = 'p'",
				(a, x) -> a.createUser(x, CnosUserOptions.password("p"))));
		probes.add(sql("createUserIfNotExists", Rule.NEW_NAME, "CREATE USER IF NOT EXISTS {I}",
				(a, x) -> a.createUserIfNotExists(x, CnosUserOptions.none())));
		probes.add(sql("renameUser (new name)", Rule.NEW_NAME, "ALTER USER \"u\" RENAME TO {I}",
				(a, x) -> a.renameUser("u", x)));
		probes.add(sql("createRole", Rule.NEW_NAME, "CREATE ROLE {I}", (a, x) -> a.createRole(x)));
		probes.add(sql("createRole inheriting", Rule.NEW_NAME, "CREATE ROLE {I} INHERIT owner",
				(a, x) -> a.createRole(x, CnosSystemRole.OWNER)));
		// New tenants: also no '.'
		probes.add(sql("createTenant", Rule.NEW_TENANT, "CREATE TENANT {I}", (a, x) -> a.createTenant(x)));
		probes.add(sql("createTenantIfNotExists", Rule.NEW_TENANT, "CREATE TENANT IF NOT EXISTS {I} WITH COMMENT = 'c'",
				(a, x) -> a.createTenantIfNotExists(x, CnosTenantOptions.builder().comment("c").build())));
		// Names of existing objects
		probes.add(sql("alterDatabase", Rule.NAME, "ALTER DATABASE {I} SET TTL '1d'",
				(a, x) -> a.alterDatabase(x, CnosDatabaseChanges.builder().ttl(CnosDuration.parse("1d")).build())));
		probes.add(sql("dropDatabase", Rule.NAME, "DROP DATABASE {I}", (a, x) -> a.dropDatabase(x)));
		probes.add(sql("dropDatabaseIfExists", Rule.NAME, "DROP DATABASE IF EXISTS {I}",
				(a, x) -> a.dropDatabaseIfExists(x)));
		probes.add(sql("dropDatabaseAfter", Rule.NAME, "DROP DATABASE {I} AFTER '7d'",
				(a, x) -> a.dropDatabaseAfter(x, CnosDuration.parse("7d"))));
		probes.add(sql("recoverDatabase", Rule.NAME, "RECOVER DATABASE {I}", (a, x) -> a.recoverDatabase(x)));
		probes.add(sql("describeDatabase", Rule.NAME, "DESCRIBE DATABASE {I}", (a, x) -> a.describeDatabase(x)));
		probes.add(sql("describeTable", Rule.NAME, "DESCRIBE TABLE {I}", (a, x) -> a.describeTable(x)));
		probes.add(sql("dropTable", Rule.NAME, "DROP TABLE {I}", (a, x) -> a.dropTable(x)));
		probes.add(sql("dropTableIfExists", Rule.NAME, "DROP TABLE IF EXISTS {I}", (a, x) -> a.dropTableIfExists(x)));
		probes.add(sql("alterUserPassword (user)", Rule.NAME, "ALTER USER {I} SET PASSWORD = 'p'",
				(a, x) -> a.alterUserPassword(x, "p")));
		probes
			.add(sql("renameUser (user)", Rule.NAME, "ALTER USER {I} RENAME TO \"v\"", (a, x) -> a.renameUser(x, "v")));
		probes.add(sql("dropUser", Rule.NAME, "DROP USER {I}", (a, x) -> a.dropUser(x)));
		probes.add(sql("dropUserIfExists", Rule.NAME, "DROP USER IF EXISTS {I}", (a, x) -> a.dropUserIfExists(x)));
		probes.add(sql("dropTenant", Rule.NAME, "DROP TENANT {I}", (a, x) -> a.dropTenant(x)));
		probes
			.add(sql("dropTenantIfExists", Rule.NAME, "DROP TENANT IF EXISTS {I}", (a, x) -> a.dropTenantIfExists(x)));
		probes.add(sql("dropTenantAfter", Rule.NAME, "DROP TENANT {I} AFTER '1d'",
				(a, x) -> a.dropTenantAfter(x, CnosDuration.parse("1d"))));
		probes.add(sql("recoverTenant", Rule.NAME, "RECOVER TENANT {I}", (a, x) -> a.recoverTenant(x)));
		probes.add(sql("addUserToTenant (tenant)", Rule.NAME, "ALTER TENANT {I} ADD USER \"u\" AS \"owner\"",
				(a, x) -> a.addUserToTenant(x, "u", CnosAdminOperations.OWNER)));
		probes.add(sql("addUserToTenant (user)", Rule.NAME, "ALTER TENANT \"t\" ADD USER {I} AS \"member\"",
				(a, x) -> a.addUserToTenant("t", x, CnosAdminOperations.MEMBER)));
		probes.add(sql("addUserToTenant (role)", Rule.NAME, "ALTER TENANT \"t\" ADD USER \"u\" AS {I}",
				(a, x) -> a.addUserToTenant("t", "u", x)));
		probes.add(sql("setUserRole (user)", Rule.NAME, "ALTER TENANT \"t\" SET USER {I} AS \"member\"",
				(a, x) -> a.setUserRole("t", x, CnosAdminOperations.MEMBER)));
		probes.add(sql("setUserRole (role)", Rule.NAME, "ALTER TENANT \"t\" SET USER \"u\" AS {I}",
				(a, x) -> a.setUserRole("t", "u", x)));
		probes.add(sql("removeUserFromTenant (tenant)", Rule.NAME, "ALTER TENANT {I} REMOVE USER \"u\"",
				(a, x) -> a.removeUserFromTenant(x, "u")));
		probes.add(sql("removeUserFromTenant (user)", Rule.NAME, "ALTER TENANT \"t\" REMOVE USER {I}",
				(a, x) -> a.removeUserFromTenant("t", x)));
		probes.add(sql("dropRole", Rule.NAME, "DROP ROLE {I}", (a, x) -> a.dropRole(x)));
		probes.add(sql("dropRoleIfExists", Rule.NAME, "DROP ROLE IF EXISTS {I}", (a, x) -> a.dropRoleIfExists(x)));
		probes.add(sql("grant (database)", Rule.NAME, "GRANT READ ON DATABASE {I} TO ROLE \"r\"",
				(a, x) -> a.grant(CnosPrivilege.READ, x, "r")));
		probes.add(sql("grant (role)", Rule.NAME, "GRANT WRITE ON DATABASE \"db\" TO ROLE {I}",
				(a, x) -> a.grant(CnosPrivilege.WRITE, "db", x)));
		probes.add(sql("revoke (database)", Rule.NAME, "REVOKE ALL ON DATABASE {I} FROM ROLE \"r\"",
				(a, x) -> a.revoke(CnosPrivilege.ALL, x, "r")));
		probes.add(sql("revoke (role)", Rule.NAME, "REVOKE READ ON DATABASE \"db\" FROM ROLE {I}",
				(a, x) -> a.revoke(CnosPrivilege.READ, "db", x)));
		// Columns: any name but the implicit 'time'
		probes.add(sql("createTable (field)", Rule.COLUMN, "CREATE TABLE \"t\" ({I} DOUBLE)",
				(a, x) -> a.createTable(CnosTableDefinition.builder("t").field(x, CnosFieldType.DOUBLE).build())));
		probes
			.add(sql("createTable (tag)", Rule.COLUMN, "CREATE TABLE \"t\" (\"value_0\" STRING, TAGS({I}))", (a, x) -> a
				.createTable(CnosTableDefinition.builder("t").field("value_0", CnosFieldType.STRING).tag(x).build())));
		// String values
		probes.add(sql("createUser (password)", Rule.VALUE, "CREATE USER \"u\" WITH PASSWORD = {S}",
				(a, x) -> a.createUser("u", CnosUserOptions.password(x))));
		probes.add(sql("createUser (comment)", Rule.VALUE, "CREATE USER \"u\" WITH COMMENT = {S}",
				(a, x) -> a.createUser("u", CnosUserOptions.builder().comment(x).build())));
		probes.add(sql("createUser (rsa key)", Rule.VALUE, "CREATE USER \"u\" WITH RSA_PUBLIC_KEY = {S}",
				(a, x) -> a.createUser("u", CnosUserOptions.builder().rsaPublicKey(x).build())));
		probes.add(sql("alterUserPassword (password)", Rule.VALUE, "ALTER USER \"u\" SET PASSWORD = {S}",
				(a, x) -> a.alterUserPassword("u", x)));
		probes.add(sql("createTenant (comment)", Rule.VALUE, "CREATE TENANT \"t\" WITH COMMENT = {S}",
				(a, x) -> a.createTenant("t", CnosTenantOptions.builder().comment(x).build())));
		// Bound parameters
		probes.add(new Probe("query with ?", Rule.VALUE, "SELECT * FROM air WHERE station = {S}", null,
				(t, x) -> t.query("SELECT * FROM air WHERE station = ?", (row, n) -> row, x)));
		probes.add(new Probe("query with :name", Rule.VALUE, "SELECT * FROM air WHERE station = {S}", null,
				(t, x) -> t.query("SELECT * FROM air WHERE station = :s", Map.of("s", x), (row, n) -> row)));
		probes.add(new Probe("query with IN (?)", Rule.VALUE, "SELECT * FROM air WHERE station IN ({S}, 'b')", null,
				(t, x) -> t.query("SELECT * FROM air WHERE station IN (?)", (row, n) -> row, List.of(x, "b"))));
		probes.add(new Probe("execute with ?", Rule.VALUE, "INSERT INTO air (time, station) VALUES (0, {S})", null,
				(t, x) -> t.execute("INSERT INTO air (time, station) VALUES (0, ?)", x)));
		probes.add(new Probe("queryForObject with ?", Rule.VALUE, "SELECT count(*) FROM air WHERE station = {S}", null,
				(t, x) -> t.queryForObject("SELECT count(*) FROM air WHERE station = ?", Long.class, x)));
		// Durations and byte sizes
		probes.add(sql("dropDatabaseAfter (delay)", Rule.DURATION, "DROP DATABASE \"db\" AFTER {S}",
				(a, x) -> a.dropDatabaseAfter("db", CnosDuration.parse(x))));
		probes.add(sql("createDatabase (ttl)", Rule.DURATION, "CREATE DATABASE \"db\" WITH TTL {S}",
				(a, x) -> a.createDatabase("db", CnosDatabaseOptions.builder().ttl(CnosDuration.parse(x)).build())));
		probes.add(sql("createDatabase (max_memcache_size)", Rule.BYTE_SIZE,
				"CREATE DATABASE \"db\" WITH MAX_MEMCACHE_SIZE {S}", (a, x) -> a.createDatabase("db",
						CnosDatabaseOptions.builder().maxMemcacheSize(CnosByteSize.parse(x)).build())));
		// Views: the name travels as a query parameter
		probes.add(new Probe("forDatabase", Rule.NAME, "SHOW TABLES", "db",
				(t, x) -> t.forDatabase(x).query("SHOW TABLES")));
		probes.add(new Probe("forTenant", Rule.NAME, "SHOW TABLES", "tenant",
				(t, x) -> t.forTenant(x).query("SHOW TABLES")));
		probes.add(new Probe("forDatabase admin listTables", Rule.NAME, "SHOW TABLES", "db",
				(t, x) -> t.forDatabase(x).admin().listTables()));
		probes.add(new Probe("listMembers", Rule.NAME, CnosAdminSql.LIST_MEMBERS, "tenant",
				(t, x) -> t.admin().listMembers(x)));
		return probes;
	}

	private static Probe sql(String name, Rule rule, String template, BiConsumer<CnosAdminOperations, String> call) {
		return new Probe(name, rule, template, null, (t, x) -> call.accept(t.admin(), x));
	}

	/**
	 * One way to use an input: the rule that decides whether it must be rejected, the SQL
	 * template ({@code {I}}: the input as identifier, {@code {S}}: as string literal),
	 * and, for views, the query parameter that must carry it.
	 */
	private record Probe(String name, Rule rule, String template, String parameter,
			BiConsumer<CnosTemplate, String> call) {
	}

	private enum Rule {

		NAME("names of existing objects"),

		NEW_NAME("names of new databases, tables, users and roles"),

		NEW_TENANT("names of new tenants"),

		COLUMN("column names"),

		VALUE("string values and bound parameters"),

		DURATION("durations"),

		BYTE_SIZE("byte sizes");

		private final String description;

		Rule(String description) {
			this.description = description;
		}

	}

}
