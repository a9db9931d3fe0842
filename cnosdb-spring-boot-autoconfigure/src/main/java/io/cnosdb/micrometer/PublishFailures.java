package io.cnosdb.micrometer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.cnosdb.client.CnosErrorAware;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the registry does with a failure: it counts it in the counter {@value #COUNTER}
 * (tag {@code kind}), logs the first failure of each kind at warn level and later ones at
 * debug level with the number of repeats, and, once a whole step is published without
 * failure, logs at info level how many failures there were and starts over. Nothing is
 * thrown.
 *
 * @author CnosDB Spring Boot contributors
 */
final class PublishFailures {

	static final String COUNTER = "cnosdb.metrics.export.failures";

	private static final Log logger = LogFactory.getLog(CnosMeterRegistry.class);

	private final MeterRegistry registry;

	private final Map<String, AtomicLong> logged = new ConcurrentHashMap<>();

	private final AtomicLong total = new AtomicLong();

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	private volatile boolean failedThisStep;

	PublishFailures(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Start a step.
	 */
	void stepStarted() {
		this.failedThisStep = false;
	}

	/**
	 * End a step: if it had no failure after earlier ones, say so and log the next
	 * failure of every kind again.
	 */
	void stepEnded() {
		if (!this.failedThisStep && !this.logged.isEmpty()) {
			logger.info("Publishing metrics to CnosDB succeeded again after " + this.total.get() + " failure(s)");
			this.logged.clear();
			this.total.set(0);
		}
	}

	/**
	 * Record a failure.
	 * @param kind the tag of the counter: what failed, from a small fixed set
	 * @param key what makes two failures the same for the log (a kind may have several)
	 * @param message the message to log
	 * @param ex the cause, or {@code null}
	 */
	void failed(String kind, String key, String message, @Nullable Throwable ex) {
		this.failedThisStep = true;
		this.total.incrementAndGet();
		this.counts.computeIfAbsent(kind, (k) -> new AtomicLong()).incrementAndGet();
		Counter.builder(COUNTER)
			.description("Failures to publish metrics to CnosDB (or to create their database)")
			.tag("kind", kind)
			.register(this.registry)
			.increment();
		long repeats = this.logged.computeIfAbsent(kind + ":" + key, (k) -> new AtomicLong()).getAndIncrement();
		String text = (ex != null) ? message + ": " + describe(ex) : message;
		if (repeats == 0) {
			logger.warn(text + " (repeats are logged at debug level until a step succeeds)",
					logger.isDebugEnabled() ? ex : null);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(text + " (" + repeats + " repeat(s) since it was logged at warn level)");
		}
	}

	/**
	 * Return the number of failures of each kind since the registry was created.
	 * @return the counts by kind
	 */
	Map<String, Long> counts() {
		Map<String, Long> counts = new java.util.TreeMap<>();
		this.counts.forEach((kind, count) -> counts.put(kind, count.get()));
		return java.util.Collections.unmodifiableMap(counts);
	}

	/**
	 * Describe an exception by its type and message (the client's messages never contain
	 * the password).
	 * @param ex the exception
	 * @return its description
	 */
	static String describe(Throwable ex) {
		return ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

	/**
	 * The key of an exception for the log: its type and CnosDB's error code.
	 * @param ex the exception
	 * @return the key
	 */
	static String keyOf(Throwable ex) {
		String code = (ex instanceof CnosErrorAware aware) ? aware.getErrorCode() : null;
		return ex.getClass().getName() + ((code != null) ? "/" + code : "");
	}

}
