/**
 * Rendering of identifiers and literals in CnosDB's SQL dialect. Every SQL text the
 * library generates is built from these pieces; nothing else splices names or values into
 * SQL.
 */
@NullMarked
package io.cnosdb.client.sql;

import org.jspecify.annotations.NullMarked;
