package io.cnosdb.client.admin;

import java.util.Locale;

/**
 * The precision of a database's timestamps, fixed when the database is created
 * ({@code PRECISION 'ms'|'us'|'ns'}).
 *
 * @author CnosDB Spring Boot contributors
 */
public enum CnosPrecision {

	/** Milliseconds. */
	MS,

	/** Microseconds. */
	US,

	/** Nanoseconds (CnosDB's default). */
	NS;

	/**
	 * Return the value CnosDB takes in {@code PRECISION '...'}.
	 * @return {@code ms}, {@code us} or {@code ns}
	 */
	public String sqlValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Return the precision CnosDB names, in any case ({@code DESCRIBE DATABASE} answers
	 * {@code NS}).
	 * @param text the name
	 * @return the precision
	 * @throws IllegalArgumentException if the text names no precision
	 */
	public static CnosPrecision fromName(String text) {
		for (CnosPrecision precision : values()) {
			if (precision.name().equalsIgnoreCase(text)) {
				return precision;
			}
		}
		throw new IllegalArgumentException("'" + text + "' is not a CnosDB precision (MS, US or NS)");
	}

}
