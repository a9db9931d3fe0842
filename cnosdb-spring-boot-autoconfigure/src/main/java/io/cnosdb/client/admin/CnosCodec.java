package io.cnosdb.client.admin;

import java.util.Locale;

/**
 * A compression codec of a table column, as CnosDB names it in {@code CODEC(...)} and in
 * {@code DESCRIBE TABLE}. Which codecs a column may use depends on its type: see
 * {@link CnosFieldType#supports(CnosCodec)}.
 *
 * @author CnosDB Spring Boot contributors
 */
public enum CnosCodec {

	/** The type's default codec. */
	DEFAULT,

	/** No compression. */
	NULL,

	/** Delta encoding (integers and timestamps). */
	DELTA,

	/** Delta encoding for timestamps (integers and timestamps). */
	DELTATS,

	/** Quantile encoding (integers, timestamps and doubles). */
	QUANTILE,

	/** gzip (strings). */
	GZIP,

	/** bzip2 (strings). */
	BZIP,

	/** Gorilla (doubles). */
	GORILLA,

	/** Snappy (strings). */
	SNAPPY,

	/** Zstandard (strings). */
	ZSTD,

	/** zlib (strings). */
	ZLIB,

	/** Bit packing (booleans). */
	BITPACK,

	/**
	 * A codec this client does not know (from a newer server); never valid in a table
	 * definition.
	 */
	UNKNOWN;

	/**
	 * Return the codec CnosDB names, in any case; a name this client does not know is
	 * {@link #UNKNOWN}.
	 * @param text the name, such as {@code GORILLA}
	 * @return the codec
	 */
	public static CnosCodec fromName(String text) {
		try {
			return valueOf(text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return UNKNOWN;
		}
	}

}
