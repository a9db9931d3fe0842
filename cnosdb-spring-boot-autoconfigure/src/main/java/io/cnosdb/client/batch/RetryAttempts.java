package io.cnosdb.client.batch;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.cnosdb.client.CnosQueryTimeoutException;
import io.cnosdb.client.CnosResourceFailureException;
import io.cnosdb.client.CnosServerException;
import io.cnosdb.client.CnosTransientException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The retry decision for one request of a {@link CnosBatchWriter}: whether a failure may
 * pass, and how long to wait before the next attempt (exponential backoff with jitter, at
 * least as long as a {@code Retry-After} asks), within the most retries and the most
 * retry time, counted from the first attempt. One instance per request; not thread-safe.
 *
 * @author CnosDB Spring Boot contributors
 */
final class RetryAttempts {

	/** What {@link #nextDelay} returns when the request is not retried. */
	static final long GIVE_UP = -1;

	private final CnosBatchWriterOptions options;

	private final long start = System.nanoTime();

	private @Nullable BackOffExecution delays;

	/**
	 * Start counting, at the first attempt of a request.
	 * @param options the writer's retry settings
	 */
	RetryAttempts(CnosBatchWriterOptions options) {
		this.options = options;
	}

	/**
	 * Decide what to do after a failed attempt.
	 * @param failure why the attempt failed
	 * @param attempts the attempts made so far, the failed one included
	 * @return the milliseconds to wait before the next attempt, or {@link #GIVE_UP}
	 */
	long nextDelay(DataAccessException failure, int attempts) {
		if (!isRetryable(failure) || attempts > this.options.maxRetries()) {
			return GIVE_UP;
		}
		BackOffExecution delays = this.delays;
		if (delays == null) {
			delays = backOff().start();
			this.delays = delays;
		}
		long delay = Math.max(0, delays.nextBackOff());
		if (failure instanceof CnosTransientException transientFailure) {
			Duration retryAfter = transientFailure.getRetryAfter();
			if (retryAfter != null) {
				delay = Math.max(delay, retryAfter.toMillis());
			}
		}
		long elapsed = System.nanoTime() - this.start;
		if (elapsed + TimeUnit.MILLISECONDS.toNanos(delay) > this.options.maxRetryTime().toNanos()) {
			return GIVE_UP;
		}
		return delay;
	}

	/** Exponential delays with jitter, from Spring's {@link ExponentialBackOff}. */
	private ExponentialBackOff backOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.options.retryInterval().toMillis(),
				this.options.retryMultiplier());
		backOff.setMaxInterval(this.options.maxRetryDelay().toMillis());
		backOff.setJitter(this.options.retryJitter().toMillis());
		return backOff;
	}

	/**
	 * Whether a failure may pass: connection failures and timeouts, HTTP 5xx, 429 and
	 * CnosDB's "retry later" codes. Data errors (a malformed line, an unknown database,
	 * bad credentials) do not.
	 * @param ex the failure
	 * @return whether to try again
	 */
	static boolean isRetryable(DataAccessException ex) {
		if (ex instanceof CnosTransientException || ex instanceof CnosQueryTimeoutException) {
			return true;
		}
		if (ex instanceof CnosResourceFailureException failure) {
			// No answer at all: the connection failed. (404/405 carry an answer.)
			return failure.getErrorResponse() == null;
		}
		if (ex instanceof CnosServerException server) {
			return server.getErrorResponse() != null && server.getErrorResponse().httpStatus() >= 500;
		}
		return false;
	}

}
