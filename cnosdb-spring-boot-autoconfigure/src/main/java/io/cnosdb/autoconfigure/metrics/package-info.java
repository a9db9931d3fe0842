/**
 * Auto-configuration for exporting an application's Micrometer metrics to CnosDB.
 */
@NullMarked
package io.cnosdb.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
