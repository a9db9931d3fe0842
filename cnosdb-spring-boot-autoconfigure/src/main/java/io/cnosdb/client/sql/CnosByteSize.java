package io.cnosdb.client.sql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A size in bytes as CnosDB writes it in DDL ({@code MAX_MEMCACHE_SIZE},
 * {@code WAL_MAX_FILE_SIZE}): a number, an optional space and a unit, such as
 * {@code 128MiB}, {@code 300M} or {@code 286.102294921875 MiB} (the form
 * {@code DESCRIBE DATABASE} answers with).
 * <p>
 * Units: {@code B}; binary {@code KiB MiB GiB TiB PiB} (powers of 1024); decimal
 * {@code KB MB GB TB PB} and their one-letter forms {@code K M G T P} (powers of 1000). A
 * number without a unit is a count of bytes.
 * <p>
 * Instances are immutable. Two sizes are equal when they have the same number of bytes,
 * whatever their text.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosByteSize {

	private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) ?([A-Za-z]*)");

	private static final Map<String, BigDecimal> BYTES_PER_UNIT = units();

	private static final BigDecimal MAX_BYTES = BigDecimal.valueOf(Long.MAX_VALUE);

	private final String text;

	private final long bytes;

	private CnosByteSize(String text, long bytes) {
		this.text = text;
		this.bytes = bytes;
	}

	/**
	 * Read a size in CnosDB's syntax.
	 * @param text such as {@code "128MiB"}, {@code "300M"} or {@code "1 GiB"}
	 * @return the size
	 * @throws IllegalArgumentException if the text is not a size CnosDB accepts
	 */
	public static CnosByteSize parse(@Nullable String text) {
		if (text == null) {
			throw new IllegalArgumentException("byte size must not be null");
		}
		Matcher matcher = SIZE.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("byte size '" + shown(text)
					+ "' is not a CnosDB byte size; use a number and a unit such as '128MiB' or '512MB'");
		}
		BigDecimal perUnit = BYTES_PER_UNIT.get(matcher.group(2));
		if (perUnit == null) {
			throw new IllegalArgumentException("byte size '" + shown(text) + "' has the unknown unit '"
					+ matcher.group(2) + "'; use one of " + String.join(", ", BYTES_PER_UNIT.keySet()));
		}
		BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(perUnit).setScale(0, RoundingMode.HALF_UP);
		if (bytes.compareTo(MAX_BYTES) > 0) {
			throw new IllegalArgumentException("byte size '" + shown(text) + "' is too large");
		}
		return new CnosByteSize(text, bytes.longValueExact());
	}

	/**
	 * Return a size of a number of bytes, written without a unit.
	 * @param bytes the number of bytes, not negative
	 * @return the size
	 */
	public static CnosByteSize ofBytes(long bytes) {
		return of(bytes, 1, "");
	}

	/**
	 * Return a size in kibibytes, such as {@code 512KiB}.
	 * @param kibibytes the number of KiB, not negative
	 * @return the size
	 */
	public static CnosByteSize ofKibibytes(long kibibytes) {
		return of(kibibytes, 1L << 10, "KiB");
	}

	/**
	 * Return a size in mebibytes, such as {@code 128MiB}.
	 * @param mebibytes the number of MiB, not negative
	 * @return the size
	 */
	public static CnosByteSize ofMebibytes(long mebibytes) {
		return of(mebibytes, 1L << 20, "MiB");
	}

	/**
	 * Return a size in gibibytes, such as {@code 1GiB}.
	 * @param gibibytes the number of GiB, not negative
	 * @return the size
	 */
	public static CnosByteSize ofGibibytes(long gibibytes) {
		return of(gibibytes, 1L << 30, "GiB");
	}

	private static CnosByteSize of(long amount, long unit, String suffix) {
		if (amount < 0) {
			throw new IllegalArgumentException("byte size " + amount + suffix + " must not be negative");
		}
		if (amount > Long.MAX_VALUE / unit) {
			throw new IllegalArgumentException("byte size " + amount + suffix + " is too large");
		}
		return new CnosByteSize(amount + suffix, amount * unit);
	}

	/**
	 * Return the number of bytes.
	 * @return the number of bytes
	 */
	public long toBytes() {
		return this.bytes;
	}

	/**
	 * Return the text of this size as it is sent to CnosDB (without quotes).
	 * @return the text, such as {@code 128MiB}
	 */
	@Override
	public String toString() {
		return this.text;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof CnosByteSize that && this.bytes == that.bytes);
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.bytes);
	}

	private static String shown(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "…";
	}

	private static Map<String, BigDecimal> units() {
		Map<String, BigDecimal> units = new LinkedHashMap<>();
		units.put("", BigDecimal.ONE);
		units.put("B", BigDecimal.ONE);
		String[] prefixes = { "K", "M", "G", "T", "P" };
		for (int i = 0; i < prefixes.length; i++) {
			BigDecimal decimal = BigDecimal.valueOf(1000).pow(i + 1);
			units.put(prefixes[i], decimal);
			units.put(prefixes[i] + "B", decimal);
			units.put(prefixes[i] + "iB", BigDecimal.valueOf(1024).pow(i + 1));
		}
		units.put("kB", BigDecimal.valueOf(1000));
		return java.util.Collections.unmodifiableMap(units);
	}

}
