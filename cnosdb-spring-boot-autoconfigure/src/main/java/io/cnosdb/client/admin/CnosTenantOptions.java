package io.cnosdb.client.admin;

import java.time.Duration;
import java.util.Objects;

import io.cnosdb.client.sql.CnosDuration;
import io.cnosdb.client.sql.CnosSql;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@code CREATE TENANT}: a comment, and how long a dropped tenant can be
 * recovered ({@code DROP_AFTER}, since CnosDB 2.4.1). (CnosDB's rate and quota limiters
 * are not covered.)
 * <p>
 * Immutable; build with {@link #builder()}.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosTenantOptions {

	private static final CnosTenantOptions NONE = builder().build();

	private final @Nullable String comment;

	private final @Nullable CnosDuration dropAfter;

	private CnosTenantOptions(Builder builder) {
		this.comment = builder.comment;
		this.dropAfter = builder.dropAfter;
	}

	/**
	 * Return options that set nothing.
	 * @return empty options
	 */
	public static CnosTenantOptions none() {
		return NONE;
	}

	/**
	 * Start building options.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the comment.
	 * @return the comment, or {@code null} if unset
	 */
	public @Nullable String getComment() {
		return this.comment;
	}

	/**
	 * Return how long a dropped tenant stays recoverable.
	 * @return the delay, or {@code null} if unset
	 */
	public @Nullable CnosDuration getDropAfter() {
		return this.dropAfter;
	}

	/**
	 * Whether no option is set.
	 * @return whether the options are empty
	 */
	public boolean isEmpty() {
		return this.comment == null && this.dropAfter == null;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof CnosTenantOptions that && Objects.equals(this.comment, that.comment)
				&& Objects.equals(this.dropAfter, that.dropAfter));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.comment, this.dropAfter);
	}

	@Override
	public String toString() {
		return "CnosTenantOptions[comment=" + this.comment + ", dropAfter=" + this.dropAfter + "]";
	}

	/**
	 * Builds {@link CnosTenantOptions}.
	 */
	public static final class Builder {

		private @Nullable String comment;

		private @Nullable CnosDuration dropAfter;

		private Builder() {
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
		 * Set how long a dropped tenant stays recoverable ({@code DROP_AFTER}).
		 * @param dropAfter the delay
		 * @return this builder
		 */
		public Builder dropAfter(CnosDuration dropAfter) {
			this.dropAfter = Objects.requireNonNull(dropAfter, "dropAfter must not be null");
			return this;
		}

		/**
		 * Set how long a dropped tenant stays recoverable ({@code DROP_AFTER}).
		 * @param dropAfter the delay, not negative
		 * @return this builder
		 */
		public Builder dropAfter(Duration dropAfter) {
			return dropAfter(CnosDuration.of(dropAfter));
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public CnosTenantOptions build() {
			return new CnosTenantOptions(this);
		}

	}

}
