package io.cnosdb.client;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * What CnosDB's ping endpoint reports about the server.
 *
 * @param status the server's status ({@code "healthy"})
 * @param version the version number, such as {@code "2.4.3"}
 * @param revision the seven-character git revision, or {@code null} when the build did
 * not record it
 * @param buildTime when the server was built, or {@code null} when the build did not
 * record it
 * @author CnosDB Spring Boot contributors
 */
public record CnosServerInfo(String status, String version, @Nullable String revision, @Nullable Instant buildTime) {

	private static final String UNKNOWN = "UNKNOWN";

	/**
	 * Read ping's composite version text: from 2.4.3 on, for example
	 * {@code "2.4.3, revision: c760943, build_time: 2025-09-26T03:40:11Z"}; before,
	 * {@code "2.3.5, revision <40 hex digits>"} or {@code "2.4.2, revision UNKNOWN"}. The
	 * version has three parts only: it cannot tell patch releases apart (2.4.0 and
	 * 2.4.0.1 both report {@code 2.4.0}).
	 * @param status the {@code status} member of the ping answer
	 * @param versionText the {@code version} member of the ping answer
	 * @return the server information
	 */
	public static CnosServerInfo parse(String status, String versionText) {
		String version = versionText.strip();
		String revision = null;
		Instant buildTime = null;
		String[] parts = versionText.split(",");
		if (parts.length > 1) {
			version = parts[0].strip();
			for (int i = 1; i < parts.length; i++) {
				String part = parts[i].strip();
				// "key: value", or "key value" before 2.4.3
				int colon = part.indexOf(':');
				int separator = (colon >= 0) ? colon : part.indexOf(' ');
				if (separator < 0) {
					continue;
				}
				String key = part.substring(0, separator).strip();
				String value = part.substring(separator + 1).strip();
				if (UNKNOWN.equals(value) || value.isEmpty()) {
					continue;
				}
				if ("revision".equals(key)) {
					revision = value;
				}
				else if ("build_time".equals(key)) {
					buildTime = parseInstant(value);
				}
			}
		}
		return new CnosServerInfo(status, version, revision, buildTime);
	}

	private static @Nullable Instant parseInstant(String value) {
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
