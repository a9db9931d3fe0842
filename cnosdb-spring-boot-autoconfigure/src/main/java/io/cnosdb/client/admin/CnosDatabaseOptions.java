package io.cnosdb.client.admin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.cnosdb.client.sql.CnosByteSize;
import io.cnosdb.client.sql.CnosDuration;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@code CREATE DATABASE} (reference §7.2). Options left unset take the
 * server's defaults. {@code PRECISION} and the storage options ({@code MAX_MEMCACHE_SIZE}
 * to {@code MAX_CACHE_READERS}) cannot be changed after creation; see
 * {@link CnosDatabaseChanges} for what can (CnosDB answers {@code 010009} "database
 * config is unmodifiable" to the others). The storage options exist since CnosDB 2.4.2;
 * older servers refuse a statement that sets one.
 * <p>
 * Immutable; build with {@link #builder()}: <pre class="code">
 * CnosDatabaseOptions options = CnosDatabaseOptions.builder()
 *     .ttl(Duration.ofDays(30))
 *     .shard(2)
 *     .precision(CnosPrecision.MS)
 *     .build();
 * </pre>
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosDatabaseOptions {

	private static final CnosDatabaseOptions NONE = builder().build();

	private final @Nullable CnosDuration ttl;

	private final @Nullable Long shard;

	private final @Nullable CnosDuration vnodeDuration;

	private final @Nullable Long replica;

	private final @Nullable CnosPrecision precision;

	private final @Nullable CnosByteSize maxMemcacheSize;

	private final @Nullable Long memcachePartitions;

	private final @Nullable CnosByteSize walMaxFileSize;

	private final @Nullable Boolean walSync;

	private final @Nullable Boolean strictWrite;

	private final @Nullable Long maxCacheReaders;

	private CnosDatabaseOptions(Builder builder) {
		this.ttl = builder.ttl;
		this.shard = builder.shard;
		this.vnodeDuration = builder.vnodeDuration;
		this.replica = builder.replica;
		this.precision = builder.precision;
		this.maxMemcacheSize = builder.maxMemcacheSize;
		this.memcachePartitions = builder.memcachePartitions;
		this.walMaxFileSize = builder.walMaxFileSize;
		this.walSync = builder.walSync;
		this.strictWrite = builder.strictWrite;
		this.maxCacheReaders = builder.maxCacheReaders;
	}

	/**
	 * Return options that leave everything to the server's defaults.
	 * @return empty options
	 */
	public static CnosDatabaseOptions none() {
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
	 * Return how long data is kept ({@code TTL}).
	 * @return the TTL, or {@code null} if unset
	 */
	public @Nullable CnosDuration getTtl() {
		return this.ttl;
	}

	/**
	 * Return the number of shards per time window ({@code SHARD}).
	 * @return the shard count, or {@code null} if unset
	 */
	public @Nullable Long getShard() {
		return this.shard;
	}

	/**
	 * Return the length of a time window ({@code VNODE_DURATION}).
	 * @return the duration, or {@code null} if unset
	 */
	public @Nullable CnosDuration getVnodeDuration() {
		return this.vnodeDuration;
	}

	/**
	 * Return the number of replicas ({@code REPLICA}).
	 * @return the replica count, or {@code null} if unset
	 */
	public @Nullable Long getReplica() {
		return this.replica;
	}

	/**
	 * Return the timestamp precision ({@code PRECISION}).
	 * @return the precision, or {@code null} if unset
	 */
	public @Nullable CnosPrecision getPrecision() {
		return this.precision;
	}

	/**
	 * Return the memory cache size ({@code MAX_MEMCACHE_SIZE}).
	 * @return the size, or {@code null} if unset
	 */
	public @Nullable CnosByteSize getMaxMemcacheSize() {
		return this.maxMemcacheSize;
	}

	/**
	 * Return the number of memory cache partitions ({@code MEMCACHE_PARTITIONS}).
	 * @return the count, or {@code null} if unset
	 */
	public @Nullable Long getMemcachePartitions() {
		return this.memcachePartitions;
	}

	/**
	 * Return the size of one write-ahead-log file ({@code WAL_MAX_FILE_SIZE}).
	 * @return the size, or {@code null} if unset
	 */
	public @Nullable CnosByteSize getWalMaxFileSize() {
		return this.walMaxFileSize;
	}

	/**
	 * Return whether each write is synced to the write-ahead log ({@code WAL_SYNC}).
	 * @return the flag, or {@code null} if unset
	 */
	public @Nullable Boolean getWalSync() {
		return this.walSync;
	}

	/**
	 * Return whether writes are checked strictly ({@code STRICT_WRITE}).
	 * @return the flag, or {@code null} if unset
	 */
	public @Nullable Boolean getStrictWrite() {
		return this.strictWrite;
	}

	/**
	 * Return the number of cached file readers ({@code MAX_CACHE_READERS}).
	 * @return the count, or {@code null} if unset
	 */
	public @Nullable Long getMaxCacheReaders() {
		return this.maxCacheReaders;
	}

	/**
	 * Whether no option is set.
	 * @return whether the server's defaults apply to everything
	 */
	public boolean isEmpty() {
		return asMap().isEmpty();
	}

	/**
	 * Return the options that are set, by CnosDB option name, in the order they are
	 * written in SQL.
	 * @return the options that are set
	 */
	public Map<String, Object> asMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		putIfSet(map, "TTL", this.ttl);
		putIfSet(map, "SHARD", this.shard);
		putIfSet(map, "VNODE_DURATION", this.vnodeDuration);
		putIfSet(map, "REPLICA", this.replica);
		putIfSet(map, "PRECISION", this.precision);
		putIfSet(map, "MAX_MEMCACHE_SIZE", this.maxMemcacheSize);
		putIfSet(map, "MEMCACHE_PARTITIONS", this.memcachePartitions);
		putIfSet(map, "WAL_MAX_FILE_SIZE", this.walMaxFileSize);
		putIfSet(map, "WAL_SYNC", this.walSync);
		putIfSet(map, "STRICT_WRITE", this.strictWrite);
		putIfSet(map, "MAX_CACHE_READERS", this.maxCacheReaders);
		return map;
	}

	private static void putIfSet(Map<String, Object> map, String name, @Nullable Object value) {
		if (value != null) {
			map.put(name, value);
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof CnosDatabaseOptions that && asMap().equals(that.asMap()));
	}

	@Override
	public int hashCode() {
		return asMap().hashCode();
	}

	@Override
	public String toString() {
		return "CnosDatabaseOptions" + asMap();
	}

	/**
	 * Builds {@link CnosDatabaseOptions}. Each setter checks its value at once.
	 */
	public static final class Builder {

		private @Nullable CnosDuration ttl;

		private @Nullable Long shard;

		private @Nullable CnosDuration vnodeDuration;

		private @Nullable Long replica;

		private @Nullable CnosPrecision precision;

		private @Nullable CnosByteSize maxMemcacheSize;

		private @Nullable Long memcachePartitions;

		private @Nullable CnosByteSize walMaxFileSize;

		private @Nullable Boolean walSync;

		private @Nullable Boolean strictWrite;

		private @Nullable Long maxCacheReaders;

		private Builder() {
		}

		/**
		 * Set how long data is kept ({@code TTL}); {@link CnosDuration#INFINITE} keeps it
		 * forever.
		 * @param ttl the TTL
		 * @return this builder
		 */
		public Builder ttl(CnosDuration ttl) {
			this.ttl = Objects.requireNonNull(ttl, "ttl must not be null");
			return this;
		}

		/**
		 * Set how long data is kept ({@code TTL}).
		 * @param ttl the TTL, not negative
		 * @return this builder
		 */
		public Builder ttl(Duration ttl) {
			return ttl(CnosDuration.of(ttl));
		}

		/**
		 * Set the number of shards per time window ({@code SHARD}).
		 * @param shard at least 1
		 * @return this builder
		 */
		public Builder shard(long shard) {
			this.shard = positive("shard", shard);
			return this;
		}

		/**
		 * Set the length of a time window ({@code VNODE_DURATION}).
		 * @param vnodeDuration the duration
		 * @return this builder
		 */
		public Builder vnodeDuration(CnosDuration vnodeDuration) {
			this.vnodeDuration = Objects.requireNonNull(vnodeDuration, "vnodeDuration must not be null");
			return this;
		}

		/**
		 * Set the length of a time window ({@code VNODE_DURATION}).
		 * @param vnodeDuration the duration, not negative
		 * @return this builder
		 */
		public Builder vnodeDuration(Duration vnodeDuration) {
			return vnodeDuration(CnosDuration.of(vnodeDuration));
		}

		/**
		 * Set the number of replicas ({@code REPLICA}).
		 * @param replica at least 1
		 * @return this builder
		 */
		public Builder replica(long replica) {
			this.replica = positive("replica", replica);
			return this;
		}

		/**
		 * Set the timestamp precision ({@code PRECISION}); it cannot be changed later.
		 * @param precision the precision
		 * @return this builder
		 */
		public Builder precision(CnosPrecision precision) {
			this.precision = Objects.requireNonNull(precision, "precision must not be null");
			return this;
		}

		/**
		 * Set the memory cache size ({@code MAX_MEMCACHE_SIZE}).
		 * @param size the size
		 * @return this builder
		 */
		public Builder maxMemcacheSize(CnosByteSize size) {
			this.maxMemcacheSize = Objects.requireNonNull(size, "maxMemcacheSize must not be null");
			return this;
		}

		/**
		 * Set the number of memory cache partitions ({@code MEMCACHE_PARTITIONS}).
		 * @param partitions at least 1
		 * @return this builder
		 */
		public Builder memcachePartitions(long partitions) {
			this.memcachePartitions = positive("memcachePartitions", partitions);
			return this;
		}

		/**
		 * Set the size of one write-ahead-log file ({@code WAL_MAX_FILE_SIZE}).
		 * @param size the size
		 * @return this builder
		 */
		public Builder walMaxFileSize(CnosByteSize size) {
			this.walMaxFileSize = Objects.requireNonNull(size, "walMaxFileSize must not be null");
			return this;
		}

		/**
		 * Set whether each write is synced to the write-ahead log ({@code WAL_SYNC}).
		 * @param walSync the flag
		 * @return this builder
		 */
		public Builder walSync(boolean walSync) {
			this.walSync = walSync;
			return this;
		}

		/**
		 * Set whether writes are checked strictly ({@code STRICT_WRITE}).
		 * @param strictWrite the flag
		 * @return this builder
		 */
		public Builder strictWrite(boolean strictWrite) {
			this.strictWrite = strictWrite;
			return this;
		}

		/**
		 * Set the number of cached file readers ({@code MAX_CACHE_READERS}).
		 * @param readers at least 1
		 * @return this builder
		 */
		public Builder maxCacheReaders(long readers) {
			this.maxCacheReaders = positive("maxCacheReaders", readers);
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public CnosDatabaseOptions build() {
			return new CnosDatabaseOptions(this);
		}

		static long positive(String name, long value) {
			if (value < 1) {
				throw new IllegalArgumentException(name + " must be at least 1, not " + value);
			}
			return value;
		}

	}

}
