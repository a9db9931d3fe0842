package io.cnosdb.benchmarks;

import java.util.List;

/**
 * Checks that a contender did the whole job, so that no figure comes from a short cut.
 *
 * @author CnosDB Spring Boot contributors
 */
final class Checks {

	private Checks() {
	}

	static <L extends List<?>> L rows(L rows, long expected) {
		count(rows.size(), expected);
		if (!(rows.get(rows.size() - 1) instanceof Sample)) {
			throw new IllegalStateException("The last row is not a Sample: " + rows.get(rows.size() - 1));
		}
		return rows;
	}

	static long count(long actual, long expected) {
		if (actual != expected) {
			throw new IllegalStateException("Expected " + expected + " rows but got " + actual);
		}
		return actual;
	}

}
