/**
 * Writing to CnosDB: {@link io.cnosdb.client.write.Point}, the line-protocol encoding
 * ({@link io.cnosdb.client.write.LineProtocolBuffer}), the mapping of annotated objects
 * to points ({@link io.cnosdb.client.write.PointMapper}) and the cutting of encoded lines
 * into request bodies ({@link io.cnosdb.client.write.LineProtocolChunker}). The batching
 * writer is in {@code io.cnosdb.client.batch}.
 * <p>
 * The encoding follows CnosDB's own line-protocol parser, which differs from InfluxDB's
 * in several places (escaping per position, string values, float syntax); whatever cannot
 * be written exactly is refused when it is built, never altered on the way.
 */
@NullMarked
package io.cnosdb.client.write;

import org.jspecify.annotations.NullMarked;
