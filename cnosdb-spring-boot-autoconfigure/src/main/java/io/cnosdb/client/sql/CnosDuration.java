package io.cnosdb.client.sql;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A duration as CnosDB writes it in DDL: {@code TTL}, {@code VNODE_DURATION},
 * {@code DROP ... AFTER}. Either {@linkplain #INFINITE infinite} ({@code 'inf'}) or one
 * or more parts of a number and a unit, such as {@code 7d}, {@code 2y1M} or
 * {@code 2years 1month} (the form {@code DESCRIBE DATABASE} answers with: parts may be
 * separated by one space).
 * <p>
 * Units (case-sensitive, as CnosDB reads them): {@code ns nanos nsec}, {@code us usec},
 * {@code ms millis msec}, {@code s sec secs second seconds},
 * {@code m min mins minute minutes}, {@code h hr hrs hour hours}, {@code d day days},
 * {@code w week weeks}, {@code M month months} (30.44 days), {@code y year years} (365.25
 * days). A bare number is refused: CnosDB would read it as days, which is rarely what was
 * meant.
 * <p>
 * Instances are immutable. Two durations are equal when they are both infinite or have
 * the same length, whatever their text.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosDuration {

	/** The infinite duration, {@code 'inf'}: for example a TTL that never expires. */
	public static final CnosDuration INFINITE = new CnosDuration("inf", null);

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private static final Map<String, BigInteger> NANOS_PER_UNIT = units();

	private static final Pattern PART = Pattern.compile("([0-9]+)([A-Za-z]+)");

	private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE)
		.multiply(BigInteger.valueOf(NANOS_PER_SECOND))
		.add(BigInteger.valueOf(NANOS_PER_SECOND - 1));

	private final String text;

	private final @Nullable Duration duration;

	private CnosDuration(String text, @Nullable Duration duration) {
		this.text = text;
		this.duration = duration;
	}

	/**
	 * Read a duration in CnosDB's syntax.
	 * @param text such as {@code "7d"}, {@code "2y1M"}, {@code "2years 1month"} or
	 * {@code "inf"} (any case)
	 * @return the duration
	 * @throws IllegalArgumentException if the text is not a duration CnosDB accepts,
	 * naming the part that is wrong
	 */
	public static CnosDuration parse(@Nullable String text) {
		if (text == null) {
			throw new IllegalArgumentException("duration must not be null");
		}
		if (text.equalsIgnoreCase("inf")) {
			return text.equals(INFINITE.text) ? INFINITE : new CnosDuration(text, null);
		}
		if (text.isEmpty()) {
			throw new IllegalArgumentException("duration must not be empty; use a number and a unit such as '7d'");
		}
		if (text.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw new IllegalArgumentException("duration '" + shown(text)
					+ "' has no unit; CnosDB would read a bare number as days, so write '" + shown(text) + "d'");
		}
		Matcher matcher = PART.matcher(text);
		BigInteger nanos = BigInteger.ZERO;
		int end = 0;
		while (end < text.length()) {
			if (end > 0 && text.charAt(end) == ' ' && end + 1 < text.length()) {
				end++;
			}
			if (!matcher.find(end) || matcher.start() != end) {
				throw new IllegalArgumentException("duration '" + shown(text) + "' is not a CnosDB duration at index "
						+ end + "; use parts of a number and a unit such as '7d', '2y1M' or 'inf'");
			}
			BigInteger perUnit = NANOS_PER_UNIT.get(matcher.group(2));
			if (perUnit == null) {
				throw new IllegalArgumentException("duration '" + shown(text) + "' has the unknown unit '"
						+ matcher.group(2) + "'; CnosDB knows " + String.join(", ", NANOS_PER_UNIT.keySet()));
			}
			nanos = nanos.add(new BigInteger(matcher.group(1)).multiply(perUnit));
			end = matcher.end();
		}
		if (nanos.compareTo(MAX_NANOS) > 0) {
			throw new IllegalArgumentException("duration '" + shown(text) + "' is too long");
		}
		BigInteger[] parts = nanos.divideAndRemainder(BigInteger.valueOf(NANOS_PER_SECOND));
		return new CnosDuration(text, Duration.ofSeconds(parts[0].longValueExact(), parts[1].longValueExact()));
	}

	/**
	 * Return the CnosDB duration of a {@link Duration}, written in days, hours, minutes,
	 * seconds and sub-second units, such as {@code 1d12h} for 36 hours.
	 * @param duration a duration that is not negative
	 * @return the duration
	 * @throws IllegalArgumentException if the duration is negative
	 */
	public static CnosDuration of(@Nullable Duration duration) {
		if (duration == null) {
			throw new IllegalArgumentException("duration must not be null");
		}
		if (duration.isNegative()) {
			throw new IllegalArgumentException("duration " + duration + " must not be negative");
		}
		if (duration.isZero()) {
			return new CnosDuration("0s", duration);
		}
		StringBuilder text = new StringBuilder();
		append(text, duration.toDaysPart(), "d");
		append(text, duration.toHoursPart(), "h");
		append(text, duration.toMinutesPart(), "m");
		append(text, duration.toSecondsPart(), "s");
		int nanos = duration.toNanosPart();
		append(text, nanos / 1_000_000, "ms");
		append(text, (nanos / 1_000) % 1_000, "us");
		append(text, nanos % 1_000, "ns");
		return new CnosDuration(text.toString(), duration);
	}

	private static void append(StringBuilder text, long amount, String unit) {
		if (amount != 0) {
			text.append(amount).append(unit);
		}
	}

	/**
	 * Whether this is the infinite duration.
	 * @return whether the duration is infinite
	 */
	public boolean isInfinite() {
		return this.duration == null;
	}

	/**
	 * Return the length of this duration. A month counts as 30.44 days and a year as
	 * 365.25 days, as in CnosDB.
	 * @return the duration
	 * @throws IllegalStateException if the duration is infinite
	 */
	public Duration toDuration() {
		if (this.duration == null) {
			throw new IllegalStateException("the infinite duration has no length");
		}
		return this.duration;
	}

	/**
	 * Return the text of this duration as it is sent to CnosDB (without quotes).
	 * @return the text, such as {@code 7d} or {@code inf}
	 */
	@Override
	public String toString() {
		return this.text;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof CnosDuration that)) {
			return false;
		}
		return (this.duration == null) ? that.duration == null : this.duration.equals(that.duration);
	}

	@Override
	public int hashCode() {
		return (this.duration != null) ? this.duration.hashCode() : -1;
	}

	private static String shown(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "…";
	}

	private static Map<String, BigInteger> units() {
		Map<String, BigInteger> units = new java.util.LinkedHashMap<>();
		put(units, 1L, "ns", "nanos", "nsec");
		put(units, 1_000L, "us", "usec");
		put(units, 1_000_000L, "ms", "millis", "msec");
		put(units, NANOS_PER_SECOND, "s", "sec", "secs", "second", "seconds");
		put(units, 60 * NANOS_PER_SECOND, "m", "min", "mins", "minute", "minutes");
		put(units, 3_600 * NANOS_PER_SECOND, "h", "hr", "hrs", "hour", "hours");
		put(units, 86_400 * NANOS_PER_SECOND, "d", "day", "days");
		put(units, 7 * 86_400 * NANOS_PER_SECOND, "w", "week", "weeks");
		put(units, 2_630_016 * NANOS_PER_SECOND, "M", "month", "months");
		put(units, 31_557_600 * NANOS_PER_SECOND, "y", "year", "years");
		return java.util.Collections.unmodifiableMap(units);
	}

	private static void put(Map<String, BigInteger> units, long nanos, String... names) {
		for (String name : names) {
			units.put(name, BigInteger.valueOf(nanos));
		}
	}

}
