package io.cnosdb.client.admin;

import java.util.EnumSet;
import java.util.Set;

/**
 * The type of a field column in {@code CREATE TABLE}, with the codecs CnosDB allows for
 * it. (Tags are always strings; the {@code time} column is implicit.)
 *
 * @author CnosDB Spring Boot contributors
 */
public enum CnosFieldType {

	/** 64-bit signed integer. */
	BIGINT("BIGINT", Codecs.INTEGER),

	/** 64-bit unsigned integer. */
	BIGINT_UNSIGNED("BIGINT UNSIGNED", Codecs.INTEGER),

	/** 64-bit floating point. */
	DOUBLE("DOUBLE", Codecs.DOUBLE),

	/** UTF-8 text. */
	STRING("STRING", Codecs.STRING),

	/** Boolean. */
	BOOLEAN("BOOLEAN", Codecs.BOOLEAN),

	/** A point (WKT), Cartesian coordinates. */
	GEOMETRY_POINT("GEOMETRY(POINT, 0)", Codecs.STRING),

	/** A line string (WKT), Cartesian coordinates. */
	GEOMETRY_LINESTRING("GEOMETRY(LINESTRING, 0)", Codecs.STRING),

	/** A polygon (WKT), Cartesian coordinates. */
	GEOMETRY_POLYGON("GEOMETRY(POLYGON, 0)", Codecs.STRING),

	/** Several points (WKT), Cartesian coordinates. */
	GEOMETRY_MULTIPOINT("GEOMETRY(MULTIPOINT, 0)", Codecs.STRING),

	/** Several line strings (WKT), Cartesian coordinates. */
	GEOMETRY_MULTILINESTRING("GEOMETRY(MULTILINESTRING, 0)", Codecs.STRING),

	/** Several polygons (WKT), Cartesian coordinates. */
	GEOMETRY_MULTIPOLYGON("GEOMETRY(MULTIPOLYGON, 0)", Codecs.STRING),

	/** A collection of geometries (WKT), Cartesian coordinates. */
	GEOMETRY_GEOMETRYCOLLECTION("GEOMETRY(GEOMETRYCOLLECTION, 0)", Codecs.STRING);

	private final String sql;

	private final Set<CnosCodec> codecs;

	CnosFieldType(String sql, Set<CnosCodec> codecs) {
		this.sql = sql;
		this.codecs = codecs;
	}

	/**
	 * Return the type as written in {@code CREATE TABLE}, such as
	 * {@code BIGINT UNSIGNED}.
	 * @return the SQL type
	 */
	public String sql() {
		return this.sql;
	}

	/**
	 * Whether CnosDB allows this codec for columns of this type.
	 * @param codec the codec
	 * @return whether it is allowed
	 */
	public boolean supports(CnosCodec codec) {
		return this.codecs.contains(codec);
	}

	/**
	 * Return the codecs CnosDB allows for this type.
	 * @return the codecs
	 */
	public Set<CnosCodec> codecs() {
		return this.codecs;
	}

	private static final class Codecs {

		static final Set<CnosCodec> INTEGER = Set.copyOf(
				EnumSet.of(CnosCodec.DEFAULT, CnosCodec.NULL, CnosCodec.DELTA, CnosCodec.DELTATS, CnosCodec.QUANTILE));

		static final Set<CnosCodec> DOUBLE = Set
			.copyOf(EnumSet.of(CnosCodec.DEFAULT, CnosCodec.NULL, CnosCodec.GORILLA, CnosCodec.QUANTILE));

		static final Set<CnosCodec> STRING = Set.copyOf(EnumSet.of(CnosCodec.DEFAULT, CnosCodec.NULL, CnosCodec.GZIP,
				CnosCodec.BZIP, CnosCodec.ZSTD, CnosCodec.SNAPPY, CnosCodec.ZLIB));

		static final Set<CnosCodec> BOOLEAN = Set
			.copyOf(EnumSet.of(CnosCodec.DEFAULT, CnosCodec.NULL, CnosCodec.BITPACK));

	}

}
