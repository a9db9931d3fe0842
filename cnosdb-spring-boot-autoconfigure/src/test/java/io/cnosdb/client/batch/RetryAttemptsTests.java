package io.cnosdb.client.batch;

import java.time.Duration;

import io.cnosdb.client.CnosErrorResponse;
import io.cnosdb.client.CnosInvalidDataException;
import io.cnosdb.client.CnosTransientException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryAttempts}.
 */
class RetryAttemptsTests {

	private final CnosBatchWriterOptions options = CnosBatchWriterOptions.builder()
		.retryInterval(Duration.ofMillis(100))
		.retryJitter(Duration.ZERO)
		.maxRetryDelay(Duration.ofMillis(300))
		.maxRetries(3)
		.maxRetryTime(Duration.ofMinutes(1))
		.build();

	@Test
	void delaysGrowUpToTheMaxAndStopAfterMaxRetries() {
		RetryAttempts retry = new RetryAttempts(this.options);
		CnosTransientException failure = transientFailure(null);
		assertThat(retry.nextDelay(failure, 1)).isEqualTo(100);
		assertThat(retry.nextDelay(failure, 2)).isEqualTo(200);
		assertThat(retry.nextDelay(failure, 3)).isEqualTo(300);
		assertThat(retry.nextDelay(failure, 4)).isEqualTo(RetryAttempts.GIVE_UP);
	}

	@Test
	void retryAfterIsHonouredWithinTheMaxRetryTime() {
		assertThat(new RetryAttempts(this.options).nextDelay(transientFailure(Duration.ofSeconds(5)), 1))
			.isEqualTo(5000);
		assertThat(new RetryAttempts(this.options).nextDelay(transientFailure(Duration.ofMinutes(2)), 1))
			.isEqualTo(RetryAttempts.GIVE_UP);
	}

	@Test
	void dataErrorsAreNotRetried() {
		CnosInvalidDataException invalid = new CnosInvalidDataException("bad line",
				new CnosErrorResponse(422, "040004", "parse error"), null, null);
		assertThat(RetryAttempts.isRetryable(invalid)).isFalse();
		assertThat(new RetryAttempts(this.options).nextDelay(invalid, 1)).isEqualTo(RetryAttempts.GIVE_UP);
	}

	private static CnosTransientException transientFailure(@Nullable Duration retryAfter) {
		return new CnosTransientException("busy", null, null, null, retryAfter);
	}

}
