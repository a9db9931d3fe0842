package io.cnosdb.client.admin;

import java.util.Locale;

/**
 * The roles every tenant has. Custom roles inherit from one of them.
 *
 * @author CnosDB Spring Boot contributors
 */
public enum CnosSystemRole {

	/** Full rights in the tenant. */
	OWNER,

	/** Ordinary membership. */
	MEMBER;

	/**
	 * Return the role's name in CnosDB.
	 * @return {@code owner} or {@code member}
	 */
	public String roleName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
