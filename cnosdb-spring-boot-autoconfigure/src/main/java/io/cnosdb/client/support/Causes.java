package io.cnosdb.client.support;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * What the {@link CnosExceptionTranslator} reads from a failure's cause chain and from a
 * {@code Retry-After} header.
 *
 * @author CnosDB Spring Boot contributors
 */
final class Causes {

	private Causes() {
	}

	/**
	 * Read a {@code Retry-After} value: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
	 * @param value the header value, or {@code null}
	 * @return the delay (never negative), or {@code null} if absent or unreadable
	 */
	static @Nullable Duration retryAfter(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		try {
			long seconds = Long.parseLong(text);
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			// Not delay-seconds: try an HTTP date below.
		}
		try {
			ZonedDateTime date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration delay = Duration.between(Instant.now(), date.toInstant());
			return delay.isNegative() ? Duration.ZERO : delay;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * Describe the I/O failure behind {@code ex}: the first {@link IOException} in its
	 * chain (a {@code ConnectException} says more than the channel error under it) that
	 * says more than {@code closed}, else the deepest cause.
	 */
	static String describe(Throwable ex) {
		Throwable chosen = null;
		Throwable deepest = ex;
		for (Throwable current = ex; current != null; current = current.getCause()) {
			// The JDK reports a broken response body as "closed", caused by the failure.
			boolean saysOnlyClosed = "closed".equals(current.getMessage()) && current.getCause() != null;
			if (chosen == null && current instanceof IOException && !saysOnlyClosed) {
				chosen = current;
			}
			deepest = current;
			if (current.getCause() == current) {
				break;
			}
		}
		Throwable shown = (chosen != null) ? chosen : deepest;
		String name = shown.getClass().getSimpleName();
		return (shown.getMessage() != null) ? name + ": " + shown.getMessage() : name;
	}

	static boolean has(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

}
