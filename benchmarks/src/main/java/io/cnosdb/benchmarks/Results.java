package io.cnosdb.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The scores of a run, by benchmark, one per round.
 *
 * @author CnosDB Spring Boot contributors
 */
final class Results {

	private final Map<String, List<Double>> scores = new TreeMap<>();

	private final Map<String, String> units = new TreeMap<>();

	void add(String name, double score, String unit) {
		this.scores.computeIfAbsent(name, (key) -> new ArrayList<>()).add(score);
		this.units.put(name, unit);
	}

	/**
	 * Return the median score of a benchmark over the rounds, or {@code null} if it
	 * produced none (it failed).
	 */
	@Nullable Double median(String name) {
		List<Double> values = this.scores.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	Map<String, List<Double>> all() {
		return this.scores;
	}

	String unit(String name) {
		return this.units.getOrDefault(name, "");
	}

}
