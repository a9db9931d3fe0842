/**
 * Internal support classes of the CnosDB client: exception translation, response parsing
 * and value conversion. Not part of the public API.
 */
@NullMarked
package io.cnosdb.client.support;

import org.jspecify.annotations.NullMarked;
