package io.cnosdb.client.admin;

/**
 * What a table column is, as {@code DESCRIBE TABLE} reports it in {@code column_type}.
 *
 * @author CnosDB Spring Boot contributors
 */
public enum CnosColumnKind {

	/** The implicit {@code time} column. */
	TIME,

	/** A tag: an indexed string that identifies a series. */
	TAG,

	/** A field: a measured value. */
	FIELD

}
