/**
 * Auto-configuration for the CnosDB health indicator.
 */
@NullMarked
package io.cnosdb.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
