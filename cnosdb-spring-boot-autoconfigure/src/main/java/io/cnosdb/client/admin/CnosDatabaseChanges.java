package io.cnosdb.client.admin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.cnosdb.client.sql.CnosDuration;
import org.jspecify.annotations.Nullable;

/**
 * The options {@code ALTER DATABASE} can change: {@code TTL}, {@code SHARD},
 * {@code VNODE_DURATION} and {@code REPLICA} (the others are fixed at creation). CnosDB
 * changes one option per statement, so each option set here is one statement, sent in
 * that order.
 * <p>
 * Immutable; build with {@link #builder()}.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosDatabaseChanges {

	private final @Nullable CnosDuration ttl;

	private final @Nullable Long shard;

	private final @Nullable CnosDuration vnodeDuration;

	private final @Nullable Long replica;

	private CnosDatabaseChanges(Builder builder) {
		this.ttl = builder.ttl;
		this.shard = builder.shard;
		this.vnodeDuration = builder.vnodeDuration;
		this.replica = builder.replica;
	}

	/**
	 * Start building changes.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the changes, by CnosDB option name, in the order the statements are sent:
	 * {@code TTL}, {@code SHARD}, {@code VNODE_DURATION}, {@code REPLICA}.
	 * @return the options to change
	 */
	public Map<String, Object> asMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		if (this.ttl != null) {
			map.put("TTL", this.ttl);
		}
		if (this.shard != null) {
			map.put("SHARD", this.shard);
		}
		if (this.vnodeDuration != null) {
			map.put("VNODE_DURATION", this.vnodeDuration);
		}
		if (this.replica != null) {
			map.put("REPLICA", this.replica);
		}
		return map;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof CnosDatabaseChanges that && asMap().equals(that.asMap()));
	}

	@Override
	public int hashCode() {
		return asMap().hashCode();
	}

	@Override
	public String toString() {
		return "CnosDatabaseChanges" + asMap();
	}

	/**
	 * Builds {@link CnosDatabaseChanges}.
	 */
	public static final class Builder {

		private @Nullable CnosDuration ttl;

		private @Nullable Long shard;

		private @Nullable CnosDuration vnodeDuration;

		private @Nullable Long replica;

		private Builder() {
		}

		/**
		 * Change how long data is kept ({@code TTL}).
		 * @param ttl the new TTL
		 * @return this builder
		 */
		public Builder ttl(CnosDuration ttl) {
			this.ttl = Objects.requireNonNull(ttl, "ttl must not be null");
			return this;
		}

		/**
		 * Change how long data is kept ({@code TTL}).
		 * @param ttl the new TTL, not negative
		 * @return this builder
		 */
		public Builder ttl(Duration ttl) {
			return ttl(CnosDuration.of(ttl));
		}

		/**
		 * Change the number of shards per time window ({@code SHARD}).
		 * @param shard at least 1
		 * @return this builder
		 */
		public Builder shard(long shard) {
			this.shard = CnosDatabaseOptions.Builder.positive("shard", shard);
			return this;
		}

		/**
		 * Change the length of a time window ({@code VNODE_DURATION}).
		 * @param vnodeDuration the new duration
		 * @return this builder
		 */
		public Builder vnodeDuration(CnosDuration vnodeDuration) {
			this.vnodeDuration = Objects.requireNonNull(vnodeDuration, "vnodeDuration must not be null");
			return this;
		}

		/**
		 * Change the length of a time window ({@code VNODE_DURATION}).
		 * @param vnodeDuration the new duration, not negative
		 * @return this builder
		 */
		public Builder vnodeDuration(Duration vnodeDuration) {
			return vnodeDuration(CnosDuration.of(vnodeDuration));
		}

		/**
		 * Change the number of replicas ({@code REPLICA}).
		 * @param replica at least 1
		 * @return this builder
		 */
		public Builder replica(long replica) {
			this.replica = CnosDatabaseOptions.Builder.positive("replica", replica);
			return this;
		}

		/**
		 * Build the changes.
		 * @return the changes
		 * @throws IllegalArgumentException if nothing is changed
		 */
		public CnosDatabaseChanges build() {
			if (this.ttl == null && this.shard == null && this.vnodeDuration == null && this.replica == null) {
				throw new IllegalArgumentException(
						"No change given; set at least one of ttl, shard, vnodeDuration and replica");
			}
			return new CnosDatabaseChanges(this);
		}

	}

}
