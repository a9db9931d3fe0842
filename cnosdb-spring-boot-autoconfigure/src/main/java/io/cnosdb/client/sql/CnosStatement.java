package io.cnosdb.client.sql;

import java.util.ArrayList;
import java.util.List;

import io.cnosdb.client.support.Texts;

import org.jspecify.annotations.Nullable;

/**
 * One SQL statement and the text that may be shown for it. For most statements both are
 * the same; a statement that carries a secret (a password) shows {@code '******'} in its
 * place, so that exception messages, logs and {@link #toString()} never reveal it. This
 * holds for SQL given as text too: the literal of every {@code PASSWORD = '…'} option (as
 * in {@code CREATE USER} and {@code ALTER USER}) is shown masked, whatever its length.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosStatement {

	private static final String MASK = Texts.MASKED_LITERAL;

	private final String sql;

	private final String displaySql;

	private final List<String> secrets;

	private CnosStatement(String sql, String displaySql, List<String> secrets) {
		this.sql = sql;
		this.displaySql = displaySql;
		this.secrets = List.copyOf(secrets);
	}

	/**
	 * Return a statement given as text. The literal of a {@code PASSWORD = '…'} option in
	 * it is taken as a secret: shown as {@code '******'} and removed from what the server
	 * answers.
	 * @param sql the SQL
	 * @return the statement
	 */
	public static CnosStatement of(String sql) {
		String displaySql = Texts.maskPasswordLiterals(sql);
		if (displaySql.equals(sql)) {
			return new CnosStatement(sql, sql, List.of());
		}
		List<String> secrets = new ArrayList<>();
		for (String inner : Texts.passwordLiterals(sql)) {
			if (!inner.isEmpty()) {
				secrets.add(inner);
				String value = inner.replace("''", "'");
				if (!value.equals(inner)) {
					secrets.add(value);
				}
			}
		}
		return new CnosStatement(sql, displaySql, secrets);
	}

	/**
	 * Start building a statement that may carry secrets.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the SQL to send.
	 * @return the SQL, secrets included
	 */
	public String sql() {
		return this.sql;
	}

	/**
	 * Return the SQL as it may be shown: secrets replaced by {@code '******'}.
	 * @return the text to show
	 */
	public String displaySql() {
		return this.displaySql;
	}

	/**
	 * Return the secrets this statement carries, as given and as written in the SQL, so
	 * that they can be removed from any text the server sends back.
	 * @return the secrets (empty for most statements)
	 */
	public List<String> secrets() {
		return this.secrets;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof CnosStatement that && this.sql.equals(that.sql)
				&& this.displaySql.equals(that.displaySql));
	}

	@Override
	public int hashCode() {
		return this.sql.hashCode();
	}

	/**
	 * Return the text that may be shown, never a secret.
	 * @return the display SQL
	 */
	@Override
	public String toString() {
		return this.displaySql;
	}

	/**
	 * Builds a {@link CnosStatement} from SQL pieces and secret string literals.
	 */
	public static final class Builder {

		private final StringBuilder sql = new StringBuilder();

		private final StringBuilder displaySql = new StringBuilder();

		private final List<String> secrets = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Append SQL that may be shown, already rendered by {@link CnosSql}.
		 * @param text the SQL text
		 * @return this builder
		 */
		public Builder append(String text) {
			this.sql.append(text);
			this.displaySql.append(text);
			return this;
		}

		/**
		 * Append a secret as a string literal; the display text gets {@code '******'}.
		 * @param argument what the secret is, for error messages (such as
		 * {@code "password"})
		 * @param secret the secret
		 * @return this builder
		 * @throws IllegalArgumentException if the secret cannot be sent unchanged
		 */
		public Builder appendSecret(String argument, @Nullable String secret) {
			String literal = CnosSql.stringLiteral(argument, secret);
			this.sql.append(literal);
			this.displaySql.append(MASK);
			if (!secret.isEmpty()) {
				this.secrets.add(secret);
				String inner = literal.substring(1, literal.length() - 1);
				if (!inner.equals(secret)) {
					this.secrets.add(inner);
				}
			}
			return this;
		}

		/**
		 * Build the statement.
		 * @return the statement
		 */
		public CnosStatement build() {
			return new CnosStatement(this.sql.toString(), this.displaySql.toString(), this.secrets);
		}

	}

}
