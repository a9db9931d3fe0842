package io.cnosdb.client.admin;

import java.util.Objects;

import io.cnosdb.client.sql.CnosSql;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@code CREATE USER} (reference §7.4): password, whether it must be
 * changed, an RSA public key, a comment, and whether the user is granted administration.
 * Options left unset are not sent.
 * <p>
 * Immutable; build with {@link #builder()}. {@link #toString()} never shows the password.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosUserOptions {

	private static final CnosUserOptions NONE = builder().build();

	private final @Nullable String password;

	private final @Nullable Boolean mustChangePassword;

	private final @Nullable String rsaPublicKey;

	private final @Nullable String comment;

	private final @Nullable Boolean grantedAdmin;

	private CnosUserOptions(Builder builder) {
		this.password = builder.password;
		this.mustChangePassword = builder.mustChangePassword;
		this.rsaPublicKey = builder.rsaPublicKey;
		this.comment = builder.comment;
		this.grantedAdmin = builder.grantedAdmin;
	}

	/**
	 * Return options that set nothing: a user without a password.
	 * @return empty options
	 */
	public static CnosUserOptions none() {
		return NONE;
	}

	/**
	 * Return options with just a password.
	 * @param password the password
	 * @return the options
	 */
	public static CnosUserOptions password(String password) {
		return builder().password(password).build();
	}

	/**
	 * Start building options.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the password.
	 * @return the password, or {@code null} if unset
	 */
	public @Nullable String getPassword() {
		return this.password;
	}

	/**
	 * Return whether the user must change the password before anything else.
	 * @return the flag, or {@code null} if unset
	 */
	public @Nullable Boolean getMustChangePassword() {
		return this.mustChangePassword;
	}

	/**
	 * Return the RSA public key the user may authenticate with.
	 * @return the key, or {@code null} if unset
	 */
	public @Nullable String getRsaPublicKey() {
		return this.rsaPublicKey;
	}

	/**
	 * Return the comment.
	 * @return the comment, or {@code null} if unset
	 */
	public @Nullable String getComment() {
		return this.comment;
	}

	/**
	 * Return whether the user is granted administration.
	 * @return the flag, or {@code null} if unset
	 */
	public @Nullable Boolean getGrantedAdmin() {
		return this.grantedAdmin;
	}

	/**
	 * Whether no option is set.
	 * @return whether the options are empty
	 */
	public boolean isEmpty() {
		return this.password == null && this.mustChangePassword == null && this.rsaPublicKey == null
				&& this.comment == null && this.grantedAdmin == null;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof CnosUserOptions that && Objects.equals(this.password, that.password)
				&& Objects.equals(this.mustChangePassword, that.mustChangePassword)
				&& Objects.equals(this.rsaPublicKey, that.rsaPublicKey) && Objects.equals(this.comment, that.comment)
				&& Objects.equals(this.grantedAdmin, that.grantedAdmin));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.password, this.mustChangePassword, this.rsaPublicKey, this.comment, this.grantedAdmin);
	}

	@Override
	public String toString() {
		return "CnosUserOptions[password=" + ((this.password != null) ? "******" : "null") + ", mustChangePassword="
				+ this.mustChangePassword + ", rsaPublicKey=" + ((this.rsaPublicKey != null) ? "set" : "null")
				+ ", comment=" + this.comment + ", grantedAdmin=" + this.grantedAdmin + "]";
	}

	/**
	 * Builds {@link CnosUserOptions}. Each setter checks its value at once.
	 */
	public static final class Builder {

		private @Nullable String password;

		private @Nullable Boolean mustChangePassword;

		private @Nullable String rsaPublicKey;

		private @Nullable String comment;

		private @Nullable Boolean grantedAdmin;

		private Builder() {
		}

		/**
		 * Set the password. CnosDB stores a bcrypt hash of it; bcrypt reads only the
		 * first 72 bytes (UTF-8).
		 * @param password the password (any text that is valid Unicode)
		 * @return this builder
		 */
		public Builder password(String password) {
			CnosSql.stringLiteral("password", password);
			this.password = password;
			return this;
		}

		/**
		 * Set whether the user must change the password before anything else.
		 * @param mustChangePassword the flag
		 * @return this builder
		 */
		public Builder mustChangePassword(boolean mustChangePassword) {
			this.mustChangePassword = mustChangePassword;
			return this;
		}

		/**
		 * Set an RSA public key the user may authenticate with.
		 * @param rsaPublicKey the key (PEM text)
		 * @return this builder
		 */
		public Builder rsaPublicKey(String rsaPublicKey) {
			CnosSql.stringLiteral("rsaPublicKey", rsaPublicKey);
			this.rsaPublicKey = rsaPublicKey;
			return this;
		}

		/**
		 * Set a comment.
		 * @param comment the comment
		 * @return this builder
		 */
		public Builder comment(String comment) {
			CnosSql.stringLiteral("comment", comment);
			this.comment = comment;
			return this;
		}

		/**
		 * Set whether the user is granted administration.
		 * @param grantedAdmin the flag
		 * @return this builder
		 */
		public Builder grantedAdmin(boolean grantedAdmin) {
			this.grantedAdmin = grantedAdmin;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public CnosUserOptions build() {
			return new CnosUserOptions(this);
		}

	}

}
