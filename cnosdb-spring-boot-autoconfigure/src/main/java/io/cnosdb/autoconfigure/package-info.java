/**
 * Auto-configuration for the CnosDB client.
 */
@NullMarked
package io.cnosdb.autoconfigure;

import org.jspecify.annotations.NullMarked;
