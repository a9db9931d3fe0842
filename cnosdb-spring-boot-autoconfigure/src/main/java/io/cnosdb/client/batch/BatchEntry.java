package io.cnosdb.client.batch;

/**
 * One point or raw line buffered by a {@link CnosBatchWriter}, and the write call it
 * belongs to.
 *
 * @param item a {@link io.cnosdb.client.write.Point} or one checked line of line protocol
 * @param call the write call, settled once all its entries are
 * @param number the position in acceptance order, from 1
 * @param acceptedAt when it was accepted, in {@link System#nanoTime()}
 * @author CnosDB Spring Boot contributors
 */
record BatchEntry(Object item, WriteCall call, long number, long acceptedAt) {
}
