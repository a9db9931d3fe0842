/**
 * Administration of CnosDB: databases, tables, users, tenants and roles, as typed calls
 * ({@link io.cnosdb.client.admin.CnosAdminOperations}, reached through
 * {@code CnosOperations.admin()}). This package builds the SQL
 * ({@link io.cnosdb.client.admin.CnosAdminSql}) from typed arguments through
 * {@link io.cnosdb.client.sql.CnosSql} and never talks HTTP; the template runs it.
 */
@NullMarked
package io.cnosdb.client.admin;

import org.jspecify.annotations.NullMarked;
