package io.cnosdb.client.batch;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Publishes the counters of a {@link CnosBatchWriter} to Micrometer:
 * {@code cnosdb.batch.points.buffered} (gauge), and the counters
 * {@code cnosdb.batch.points.written}, {@code cnosdb.batch.points.retried} and
 * {@code cnosdb.batch.points.failed}, tagged with the tenant and database. Spring Boot
 * binds it when Micrometer is present; an application that builds its writer by hand can
 * call {@link #bindTo(MeterRegistry)}.
 *
 * @author CnosDB Spring Boot contributors
 */
public class CnosBatchWriterMetrics implements MeterBinder {

	private final CnosBatchWriter writer;

	private final Tags tags;

	/**
	 * Create metrics for a writer. Every meter is tagged with the tenant
	 * ({@code cnosdb.tenant}) and database ({@code db.namespace}) the writer writes to.
	 * @param writer the writer
	 * @param tags further tags added to every meter (such as the writer's name)
	 */
	public CnosBatchWriterMetrics(CnosBatchWriter writer, Iterable<io.micrometer.core.instrument.Tag> tags) {
		Assert.notNull(writer, "'writer' must not be null");
		this.writer = writer;
		this.tags = Tags
			.of("cnosdb.tenant", writer.operations().getTenant(), "db.namespace", writer.operations().getDatabase())
			.and(tags);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("cnosdb.batch.points.buffered", this.writer, (writer) -> writer.getStatistics().buffered())
			.description("Points accepted by the CnosDB batch writer and not yet acknowledged or reported")
			.baseUnit("points")
			.tags(this.tags)
			.register(registry);
		counter(registry, "written", "Points acknowledged by CnosDB", (writer) -> writer.getStatistics().written());
		counter(registry, "retried", "Points sent again after a transient failure",
				(writer) -> writer.getStatistics().retried());
		counter(registry, "failed", "Points handed to the failure listeners",
				(writer) -> writer.getStatistics().failed());
	}

	private void counter(MeterRegistry registry, String name, String description,
			ToDoubleFunction<CnosBatchWriter> value) {
		FunctionCounter.builder("cnosdb.batch.points." + name, this.writer, value)
			.description(description)
			.baseUnit("points")
			.tags(this.tags)
			.register(registry);
	}

}
