package io.cnosdb.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The naming convention of a {@link CnosMeterRegistry}: a delegate convention (snake case
 * by default, so {@code http.server.requests} becomes the table
 * {@code http_server_requests}), then every character that CnosDB cannot store exactly in
 * that position replaced with {@code _}:
 * <ul>
 * <li>in names, tag keys and tag values: a backslash and control characters (the line
 * protocol has no escape for them);</li>
 * <li>in names (tables): also {@code /} (a table so named cannot be addressed by SQL),
 * {@code =} (CnosDB 2.4.3 refuses it together with a space or comma), and a leading
 * {@code #}, space or comma.</li>
 * </ul>
 * Everything else, spaces and commas included, is kept: the encoder escapes it.
 *
 * @author CnosDB Spring Boot contributors
 */
public class CnosNamingConvention implements NamingConvention {

	private final NamingConvention delegate;

	/**
	 * Create a convention over {@link NamingConvention#snakeCase}.
	 */
	public CnosNamingConvention() {
		this(NamingConvention.snakeCase);
	}

	/**
	 * Create a convention over another one.
	 * @param delegate the convention applied first
	 */
	public CnosNamingConvention(NamingConvention delegate) {
		Assert.notNull(delegate, "'delegate' must not be null");
		this.delegate = delegate;
	}

	@Override
	public String name(String name, Meter.Type type, @Nullable String baseUnit) {
		String converted = replace(this.delegate.name(name, type, baseUnit), true);
		if (!converted.isEmpty()) {
			char first = converted.charAt(0);
			if (first == '#' || first == ' ' || first == ',') {
				converted = "_" + converted.substring(1);
			}
		}
		return converted;
	}

	@Override
	public String tagKey(String key) {
		return replace(this.delegate.tagKey(key), false);
	}

	@Override
	public String tagValue(String value) {
		return replace(this.delegate.tagValue(value), false);
	}

	private static String replace(String text, boolean table) {
		@Nullable StringBuilder result = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean replace = c == '\\' || Character.isISOControl(c) || (table && (c == '/' || c == '='));
			if (replace && result == null) {
				result = new StringBuilder(text.length()).append(text, 0, i);
			}
			if (result != null) {
				result.append(replace ? '_' : c);
			}
		}
		return (result != null) ? result.toString() : text;
	}

}
