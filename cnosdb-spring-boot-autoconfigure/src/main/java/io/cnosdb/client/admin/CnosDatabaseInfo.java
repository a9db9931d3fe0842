package io.cnosdb.client.admin;

import io.cnosdb.client.sql.CnosByteSize;
import io.cnosdb.client.sql.CnosDuration;
import org.jspecify.annotations.Nullable;

/**
 * The options of a database, as {@code DESCRIBE DATABASE} reports them. Servers before
 * CnosDB 2.4.2 report only the first five options (TTL, shard, vnode duration, replica,
 * precision); the storage options after them are then {@code null}.
 *
 * @param name the database name
 * @param ttl how long data is kept ({@code ttl}; {@link CnosDuration#INFINITE} for
 * {@code INF})
 * @param shard the number of shards per time window ({@code shard})
 * @param vnodeDuration the length of a time window ({@code vnode_duration})
 * @param replica the number of replicas ({@code replica})
 * @param precision the timestamp precision ({@code precision})
 * @param maxMemcacheSize the memory cache size ({@code max_memcache_size})
 * @param memcachePartitions the number of memory cache partitions
 * ({@code memcache_partitions})
 * @param walMaxFileSize the size of one write-ahead-log file ({@code wal_max_file_size})
 * @param walSync whether each write is synced to the write-ahead log ({@code wal_sync})
 * @param strictWrite whether writes are checked strictly ({@code strict_write})
 * @param maxCacheReaders the number of cached file readers ({@code max_cache_readers})
 * @author CnosDB Spring Boot contributors
 */
public record CnosDatabaseInfo(String name, CnosDuration ttl, long shard, CnosDuration vnodeDuration, long replica,
		CnosPrecision precision, @Nullable CnosByteSize maxMemcacheSize, @Nullable Long memcachePartitions,
		@Nullable CnosByteSize walMaxFileSize, @Nullable Boolean walSync, @Nullable Boolean strictWrite,
		@Nullable Long maxCacheReaders) {

	/**
	 * Return these options as options for creating a database like this one.
	 * @return the options, every reported one set
	 */
	public CnosDatabaseOptions toOptions() {
		CnosDatabaseOptions.Builder builder = CnosDatabaseOptions.builder()
			.ttl(this.ttl)
			.shard(this.shard)
			.vnodeDuration(this.vnodeDuration)
			.replica(this.replica)
			.precision(this.precision);
		if (this.maxMemcacheSize != null) {
			builder.maxMemcacheSize(this.maxMemcacheSize);
		}
		if (this.memcachePartitions != null) {
			builder.memcachePartitions(this.memcachePartitions);
		}
		if (this.walMaxFileSize != null) {
			builder.walMaxFileSize(this.walMaxFileSize);
		}
		if (this.walSync != null) {
			builder.walSync(this.walSync);
		}
		if (this.strictWrite != null) {
			builder.strictWrite(this.strictWrite);
		}
		if (this.maxCacheReaders != null) {
			builder.maxCacheReaders(this.maxCacheReaders);
		}
		return builder.build();
	}

}
