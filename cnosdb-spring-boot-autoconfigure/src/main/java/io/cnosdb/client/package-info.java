/**
 * The CnosDB client: {@link io.cnosdb.client.CnosOperations},
 * {@link io.cnosdb.client.CnosTemplate}, row mapping callbacks, result types and the
 * exceptions a call can throw.
 */
@NullMarked
package io.cnosdb.client;

import org.jspecify.annotations.NullMarked;
