/**
 * The batching writer: {@link io.cnosdb.client.batch.CnosBatchWriter} buffers points from
 * any number of threads and writes them in the background through
 * {@link io.cnosdb.client.CnosOperations}, with bounded memory, retries and a report of
 * every point that could not be written. Its settings are
 * {@link io.cnosdb.client.batch.CnosBatchWriterOptions}.
 */
@NullMarked
package io.cnosdb.client.batch;

import org.jspecify.annotations.NullMarked;
