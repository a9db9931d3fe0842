package io.cnosdb.micrometer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;

/**
 * The typed fields of one meter for one step. Each kind of meter always has the same
 * fields with the same types, because a CnosDB column keeps the type of its first value:
 * counts of timers and distribution summaries are BIGINT, everything else DOUBLE. A value
 * that is {@code NaN} or infinite is left out (CnosDB refuses them); a meter left without
 * any field is not written.
 *
 * @author CnosDB Spring Boot contributors
 */
final class MeterFields {

	private final Map<String, Object> values = new LinkedHashMap<>();

	private MeterFields() {
	}

	/**
	 * Read the fields of a meter.
	 * @param meter the meter
	 * @param baseTimeUnit the unit of times (durations, sums, means and maxima of timers)
	 * @return the fields, possibly none
	 */
	static MeterFields of(Meter meter, TimeUnit baseTimeUnit) {
		MeterFields fields = new MeterFields();
		meter.match((gauge) -> fields.gauge(gauge), (counter) -> fields.counter(counter),
				(timer) -> fields.timer(timer, baseTimeUnit), (summary) -> fields.summary(summary),
				(longTaskTimer) -> fields.longTaskTimer(longTaskTimer, baseTimeUnit),
				(timeGauge) -> fields.timeGauge(timeGauge, baseTimeUnit),
				(functionCounter) -> fields.functionCounter(functionCounter),
				(functionTimer) -> fields.functionTimer(functionTimer, baseTimeUnit),
				(other) -> fields.measurements(other));
		return fields;
	}

	/**
	 * Return the fields in their order: values are {@link Double} or {@link Long}.
	 * @return the fields by key
	 */
	Map<String, Object> values() {
		return this.values;
	}

	boolean isEmpty() {
		return this.values.isEmpty();
	}

	private MeterFields gauge(Gauge gauge) {
		return add("value", gauge.value());
	}

	private MeterFields counter(Counter counter) {
		return add("value", counter.count());
	}

	private MeterFields timer(Timer timer, TimeUnit unit) {
		this.values.put("count", timer.count());
		return add("sum", timer.totalTime(unit)).add("mean", timer.mean(unit)).add("upper", timer.max(unit));
	}

	private MeterFields summary(DistributionSummary summary) {
		this.values.put("count", summary.count());
		return add("sum", summary.totalAmount()).add("mean", summary.mean()).add("upper", summary.max());
	}

	private MeterFields longTaskTimer(LongTaskTimer timer, TimeUnit unit) {
		this.values.put("active_tasks", (long) timer.activeTasks());
		return add("duration", timer.duration(unit)).add("upper", timer.max(unit));
	}

	private MeterFields timeGauge(TimeGauge gauge, TimeUnit unit) {
		return add("value", gauge.value(unit));
	}

	private MeterFields functionCounter(FunctionCounter counter) {
		return add("value", counter.count());
	}

	private MeterFields functionTimer(FunctionTimer timer, TimeUnit unit) {
		return add("count", timer.count()).add("sum", timer.totalTime(unit)).add("mean", timer.mean(unit));
	}

	private MeterFields measurements(Meter meter) {
		for (Measurement measurement : meter.measure()) {
			String key = measurement.getStatistic()
				.getTagValueRepresentation()
				.replaceAll("(.)(\\p{Upper})", "$1_$2")
				.toLowerCase(Locale.ROOT);
			add(key, measurement.getValue());
		}
		return this;
	}

	private MeterFields add(String key, double value) {
		if (Double.isFinite(value)) {
			this.values.put(key, value);
		}
		return this;
	}

}
