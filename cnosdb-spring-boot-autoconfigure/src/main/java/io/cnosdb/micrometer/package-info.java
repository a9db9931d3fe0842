/**
 * Micrometer support: {@link io.cnosdb.micrometer.CnosMeterRegistry} publishes an
 * application's meters to CnosDB every step, through
 * {@link io.cnosdb.client.CnosOperations}, configured by
 * {@link io.cnosdb.micrometer.CnosRegistryConfig}. Needs {@code micrometer-core} on the
 * classpath.
 */
@NullMarked
package io.cnosdb.micrometer;

import org.jspecify.annotations.NullMarked;
