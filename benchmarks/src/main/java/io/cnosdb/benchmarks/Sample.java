package io.cnosdb.benchmarks;

import java.time.Instant;

/**
 * A row of the sample table, as the benchmarks read it.
 *
 * @param time the row's time
 * @param host the tag
 * @param usage the double field
 * @param requests the bigint field
 * @param healthy the boolean field
 * @author CnosDB Spring Boot contributors
 */
public record Sample(Instant time, String host, double usage, long requests, boolean healthy) {

}
