/**
 * Docker Compose support for CnosDB: a {@code cnosdb/cnosdb} service of the application's
 * Compose file becomes its {@link io.cnosdb.autoconfigure.CnosConnectionDetails}.
 */
@NullMarked
package io.cnosdb.docker.compose;

import org.jspecify.annotations.NullMarked;
