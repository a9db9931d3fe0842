/**
 * Actuator health support for CnosDB.
 */
@NullMarked
package io.cnosdb.health;

import org.jspecify.annotations.NullMarked;
