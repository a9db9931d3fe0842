/**
 * Testcontainers support for CnosDB: {@link io.cnosdb.testcontainers.CnosDBContainer} and
 * its {@code @ServiceConnection}.
 */
@NullMarked
package io.cnosdb.testcontainers;

import org.jspecify.annotations.NullMarked;
