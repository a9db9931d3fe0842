package io.cnosdb.client.admin;

/**
 * A privilege on a database that {@code GRANT} gives to a role.
 *
 * @author CnosDB Spring Boot contributors
 */
public enum CnosPrivilege {

	/** Read the database. */
	READ,

	/** Write to the database. */
	WRITE,

	/** Read, write and administer the database. */
	ALL

}
