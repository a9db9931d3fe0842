package io.cnosdb.client.batch;

import java.time.Duration;

import io.cnosdb.client.write.LineProtocolChunker;
import io.cnosdb.client.write.WritePrecision;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * The validated settings of a {@link CnosBatchWriter}: when a batch leaves, how much is
 * buffered, how failures are retried and how long the writer flushes on close. The
 * {@code DEFAULT_…} constants are the one definition of each default, used by the
 * builders and by the {@code cnosdb.write.batch.*} properties. They suit a steady stream
 * of points: batches of 5000 points or 1 second, a buffer of 50000 points that blocks
 * writers up to 10 seconds when full, up to 5 retries within 2 minutes starting at 1
 * second (doubling, at most 30 seconds apart, 200 ms jitter), and 30 seconds to flush on
 * close.
 *
 * @param batchSize the number of points that triggers a batch
 * @param flushInterval the longest time a point waits in the buffer before its batch is
 * sent
 * @param bufferLimit the most points buffered or in flight; at least the batch size
 * @param overflowPolicy what a write does when the buffer is full
 * @param blockTimeout how long a write waits for room under {@link OverflowPolicy#BLOCK}
 * @param precision the precision of the requests and of raw lines given to the writer
 * @param maxRequestSize the most bytes of one request, at least 1KB
 * @param maxRetries the most retries of a request after its first attempt
 * @param retryInterval the delay before the first retry
 * @param retryMultiplier the factor by which the delay grows after each retry, at least 1
 * @param maxRetryDelay the longest delay between two attempts, unless a
 * {@code Retry-After} asks for more
 * @param retryJitter the random spread added to or taken from each delay
 * @param maxRetryTime the longest time a request is retried, from its first attempt
 * @param shutdownTimeout the longest time {@link CnosBatchWriter#close()} takes: it keeps
 * writing what is buffered until then, and then abandons the rest, a request in flight
 * included
 * @author CnosDB Spring Boot contributors
 * @see CnosBatchWriter.Builder
 */
public record CnosBatchWriterOptions(int batchSize, Duration flushInterval, int bufferLimit,
		OverflowPolicy overflowPolicy, Duration blockTimeout, WritePrecision precision, DataSize maxRequestSize,
		int maxRetries, Duration retryInterval, double retryMultiplier, Duration maxRetryDelay, Duration retryJitter,
		Duration maxRetryTime, Duration shutdownTimeout) {

	/** The default number of points that triggers a batch. */
	public static final int DEFAULT_BATCH_SIZE = 5000;

	/** The default longest time a point waits in the buffer. */
	public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

	/** The default most points buffered or in flight. */
	public static final int DEFAULT_BUFFER_LIMIT = 50_000;

	/** The default reaction to a full buffer. */
	public static final OverflowPolicy DEFAULT_OVERFLOW_POLICY = OverflowPolicy.BLOCK;

	/** The default longest wait for room under {@link OverflowPolicy#BLOCK}. */
	public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofSeconds(10);

	/** The default precision of the requests. */
	public static final WritePrecision DEFAULT_PRECISION = WritePrecision.NS;

	/** The default most bytes of one request, that of every writer of this client. */
	public static final DataSize DEFAULT_MAX_REQUEST_SIZE = LineProtocolChunker.DEFAULT_MAX_REQUEST_SIZE;

	/** The default most retries of a request after its first attempt. */
	public static final int DEFAULT_MAX_RETRIES = 5;

	/** The default delay before the first retry. */
	public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(1);

	/** The default factor by which the retry delay grows. */
	public static final double DEFAULT_RETRY_MULTIPLIER = 2;

	/** The default longest delay between two attempts. */
	public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(30);

	/** The default random spread of each retry delay. */
	public static final Duration DEFAULT_RETRY_JITTER = Duration.ofMillis(200);

	/** The default longest time a request is retried. */
	public static final Duration DEFAULT_MAX_RETRY_TIME = Duration.ofMinutes(2);

	/**
	 * The default longest time {@link CnosBatchWriter#close()} keeps writing: short
	 * enough that the whole application stops within Kubernetes' default grace period of
	 * 30 seconds.
	 */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Validate the settings.
	 * @throws IllegalArgumentException if a setting is out of range
	 */
	public CnosBatchWriterOptions {
		Assert.isTrue(batchSize > 0, "The batch size must be positive");
		Assert.isTrue(bufferLimit >= batchSize, "The buffer limit must be at least the batch size");
		Assert.isTrue(isPositive(flushInterval), "The flush interval must be positive");
		Assert.isTrue(isNotNegative(blockTimeout), "The block timeout must not be negative");
		Assert.notNull(overflowPolicy, "The overflow policy must not be null");
		Assert.notNull(precision, "The precision must not be null");
		Assert.isTrue(maxRequestSize != null && maxRequestSize.toBytes() >= 1024,
				"The max request size must be at least 1KB");
		Assert.isTrue(maxRetries >= 0, "The number of retries must not be negative");
		Assert.isTrue(isNotNegative(retryInterval), "The retry interval must not be negative");
		Assert.isTrue(retryMultiplier >= 1, "The retry multiplier must be at least 1");
		Assert.isTrue(isNotNegative(maxRetryDelay), "The max retry delay must not be negative");
		Assert.isTrue(isNotNegative(retryJitter), "The retry jitter must not be negative");
		Assert.isTrue(isNotNegative(maxRetryTime), "The max retry time must not be negative");
		Assert.isTrue(isNotNegative(shutdownTimeout), "The shutdown timeout must not be negative");
	}

	private static boolean isPositive(@Nullable Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	private static boolean isNotNegative(@Nullable Duration duration) {
		return duration != null && !duration.isNegative();
	}

	/**
	 * Start building options, from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link CnosBatchWriterOptions}.
	 */
	public static final class Builder extends AbstractBuilder<Builder> {

		private Builder() {
		}

		/**
		 * Build the options.
		 * @return the options
		 * @throws IllegalArgumentException if a setting is out of range
		 */
		public CnosBatchWriterOptions build() {
			return buildOptions();
		}

	}

	/**
	 * The settings shared by {@link Builder} and {@link CnosBatchWriter.Builder},
	 * starting from the defaults.
	 *
	 * @param <B> the type of the builder
	 */
	public abstract static class AbstractBuilder<B extends AbstractBuilder<B>> {

		private int batchSize = DEFAULT_BATCH_SIZE;

		private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;

		private int bufferLimit = DEFAULT_BUFFER_LIMIT;

		private OverflowPolicy overflowPolicy = DEFAULT_OVERFLOW_POLICY;

		private Duration blockTimeout = DEFAULT_BLOCK_TIMEOUT;

		private WritePrecision precision = DEFAULT_PRECISION;

		private DataSize maxRequestSize = DEFAULT_MAX_REQUEST_SIZE;

		private int maxRetries = DEFAULT_MAX_RETRIES;

		private Duration retryInterval = DEFAULT_RETRY_INTERVAL;

		private double retryMultiplier = DEFAULT_RETRY_MULTIPLIER;

		private Duration maxRetryDelay = DEFAULT_MAX_RETRY_DELAY;

		private Duration retryJitter = DEFAULT_RETRY_JITTER;

		private Duration maxRetryTime = DEFAULT_MAX_RETRY_TIME;

		private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

		AbstractBuilder() {
		}

		/**
		 * Take every setting from existing options.
		 * @param options the options to copy
		 * @return this builder
		 */
		public B options(CnosBatchWriterOptions options) {
			Assert.notNull(options, "'options' must not be null");
			this.batchSize = options.batchSize();
			this.flushInterval = options.flushInterval();
			this.bufferLimit = options.bufferLimit();
			this.overflowPolicy = options.overflowPolicy();
			this.blockTimeout = options.blockTimeout();
			this.precision = options.precision();
			this.maxRequestSize = options.maxRequestSize();
			this.maxRetries = options.maxRetries();
			this.retryInterval = options.retryInterval();
			this.retryMultiplier = options.retryMultiplier();
			this.maxRetryDelay = options.maxRetryDelay();
			this.retryJitter = options.retryJitter();
			this.maxRetryTime = options.maxRetryTime();
			this.shutdownTimeout = options.shutdownTimeout();
			return self();
		}

		/**
		 * Set the number of points that triggers a batch.
		 * @param batchSize the batch size
		 * @return this builder
		 */
		public B batchSize(int batchSize) {
			this.batchSize = batchSize;
			return self();
		}

		/**
		 * Set the longest time a point waits in the buffer before its batch is sent.
		 * @param flushInterval the interval
		 * @return this builder
		 */
		public B flushInterval(Duration flushInterval) {
			this.flushInterval = flushInterval;
			return self();
		}

		/**
		 * Set the most points buffered or in flight; at least the batch size.
		 * @param bufferLimit the limit
		 * @return this builder
		 */
		public B bufferLimit(int bufferLimit) {
			this.bufferLimit = bufferLimit;
			return self();
		}

		/**
		 * Set what a write does when the buffer is full.
		 * @param overflowPolicy the policy
		 * @return this builder
		 */
		public B overflowPolicy(OverflowPolicy overflowPolicy) {
			this.overflowPolicy = overflowPolicy;
			return self();
		}

		/**
		 * Set how long a write waits for room under {@link OverflowPolicy#BLOCK}.
		 * @param blockTimeout the timeout
		 * @return this builder
		 */
		public B blockTimeout(Duration blockTimeout) {
			this.blockTimeout = blockTimeout;
			return self();
		}

		/**
		 * Set the precision of the requests (and of raw lines given to the writer).
		 * @param precision the precision
		 * @return this builder
		 */
		public B precision(WritePrecision precision) {
			this.precision = precision;
			return self();
		}

		/**
		 * Set the most bytes of one request; a batch that would be larger is sent in
		 * parts.
		 * @param maxRequestSize the limit, at least 1KB
		 * @return this builder
		 */
		public B maxRequestSize(DataSize maxRequestSize) {
			this.maxRequestSize = maxRequestSize;
			return self();
		}

		/**
		 * Set the most retries of a request after its first attempt ({@code 0} for none).
		 * @param maxRetries the number of retries
		 * @return this builder
		 */
		public B maxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
			return self();
		}

		/**
		 * Set the delay before the first retry.
		 * @param retryInterval the delay
		 * @return this builder
		 */
		public B retryInterval(Duration retryInterval) {
			this.retryInterval = retryInterval;
			return self();
		}

		/**
		 * Set the factor by which the delay grows after each retry.
		 * @param retryMultiplier the factor, at least 1
		 * @return this builder
		 */
		public B retryMultiplier(double retryMultiplier) {
			this.retryMultiplier = retryMultiplier;
			return self();
		}

		/**
		 * Set the longest delay between two attempts (a server's {@code Retry-After} may
		 * ask for more).
		 * @param maxRetryDelay the delay
		 * @return this builder
		 */
		public B maxRetryDelay(Duration maxRetryDelay) {
			this.maxRetryDelay = maxRetryDelay;
			return self();
		}

		/**
		 * Set the random spread added to or taken from each delay (growing with it), so
		 * that many writers do not retry in step.
		 * @param retryJitter the jitter
		 * @return this builder
		 */
		public B retryJitter(Duration retryJitter) {
			this.retryJitter = retryJitter;
			return self();
		}

		/**
		 * Set the longest time a request is retried, from its first attempt.
		 * @param maxRetryTime the time
		 * @return this builder
		 */
		public B maxRetryTime(Duration maxRetryTime) {
			this.maxRetryTime = maxRetryTime;
			return self();
		}

		/**
		 * Set the longest time {@link CnosBatchWriter#close()} takes: it keeps sending
		 * what is buffered until then, and abandons the rest, a request in flight
		 * included.
		 * @param shutdownTimeout the timeout
		 * @return this builder
		 */
		public B shutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
			return self();
		}

		/**
		 * Validate the settings and return them as options.
		 * @return the options
		 * @throws IllegalArgumentException if a setting is out of range
		 */
		final CnosBatchWriterOptions buildOptions() {
			return new CnosBatchWriterOptions(this.batchSize, this.flushInterval, this.bufferLimit, this.overflowPolicy,
					this.blockTimeout, this.precision, this.maxRequestSize, this.maxRetries, this.retryInterval,
					this.retryMultiplier, this.maxRetryDelay, this.retryJitter, this.maxRetryTime,
					this.shutdownTimeout);
		}

		@SuppressWarnings("unchecked")
		private B self() {
			return (B) this;
		}

	}

}
