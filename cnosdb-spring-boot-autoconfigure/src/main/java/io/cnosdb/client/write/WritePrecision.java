package io.cnosdb.client.write;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The unit of the timestamps in a write request: the {@code precision} parameter of
 * CnosDB's write endpoint.
 * <p>
 * Only the three units CnosDB accepts exist here. The server reads any other value,
 * {@code s} included, as nanoseconds without an error, so a timestamp in seconds must be
 * converted before it is sent: {@link Point.Builder#time(long, TimeUnit)} does that for
 * points. The server also gives a line without a timestamp its current time in
 * nanoseconds <em>whatever the precision</em>, which overflows under {@link #US} and
 * {@link #MS}; the encoder therefore refuses lines without a timestamp under those two.
 *
 * @author CnosDB Spring Boot contributors
 */
public enum WritePrecision {

	/** Nanoseconds ({@code precision=ns}), CnosDB's default. */
	NS("ns", 1L, TimeUnit.NANOSECONDS),

	/** Microseconds ({@code precision=us}). */
	US("us", 1_000L, TimeUnit.MICROSECONDS),

	/** Milliseconds ({@code precision=ms}). */
	MS("ms", 1_000_000L, TimeUnit.MILLISECONDS);

	private final String parameter;

	private final long nanosPerUnit;

	private final TimeUnit timeUnit;

	WritePrecision(String parameter, long nanosPerUnit, TimeUnit timeUnit) {
		this.parameter = parameter;
		this.nanosPerUnit = nanosPerUnit;
		this.timeUnit = timeUnit;
	}

	/**
	 * Return the value of the {@code precision} query parameter.
	 * @return {@code ns}, {@code us} or {@code ms}
	 */
	public String parameter() {
		return this.parameter;
	}

	/**
	 * Return the matching {@link TimeUnit}.
	 * @return the time unit
	 */
	public TimeUnit timeUnit() {
		return this.timeUnit;
	}

	/**
	 * Whether a line without a timestamp can be sent with this precision (only
	 * {@link #NS}: the server stamps such a line with its clock in nanoseconds and scales
	 * that value by the precision, which overflows for the other two).
	 * @return whether lines without a timestamp are safe
	 */
	public boolean allowsLinesWithoutTimestamp() {
		return this == NS;
	}

	/**
	 * Convert nanoseconds since the epoch to this unit, exactly.
	 * @param epochNanos nanoseconds since the epoch
	 * @return the same instant in this unit
	 * @throws IllegalArgumentException if the value has digits below this unit (it would
	 * be truncated)
	 */
	public long fromNanos(long epochNanos) {
		if (this.nanosPerUnit == 1) {
			return epochNanos;
		}
		if (epochNanos % this.nanosPerUnit != 0) {
			throw new IllegalArgumentException(
					"timestamp " + epochNanos + "ns has digits below " + this.timeUnit.name().toLowerCase(Locale.ROOT)
							+ " and would be truncated; write it with a finer precision");
		}
		return epochNanos / this.nanosPerUnit;
	}

}
