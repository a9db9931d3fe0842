package io.cnosdb.client;

import java.io.Serializable;

import org.jspecify.annotations.Nullable;

/**
 * What CnosDB answered when it refused a request: the HTTP status and, when the server
 * sent one, its six-digit error code ({@code MMCCCC}: module and variant) and message.
 *
 * @param httpStatus the HTTP status of the response ({@code 200} for an error reported
 * inside a streamed result)
 * @param code CnosDB's error code, such as {@code "030019"}, or {@code null} when the
 * body was empty
 * @param message CnosDB's error message, or {@code null} when the body was empty
 */
public record CnosErrorResponse(int httpStatus, @Nullable String code,
		@Nullable String message) implements Serializable {

	/**
	 * Return the module part of the error code ({@code "01"} query engine, {@code "02"}
	 * storage, {@code "03"} meta, {@code "04"} HTTP layer, {@code "05"} coordinator), or
	 * {@code null} when there is no code.
	 * @return the two-digit module, or {@code null}
	 */
	public @Nullable String module() {
		return (this.code != null && this.code.length() >= 2) ? this.code.substring(0, 2) : null;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("HTTP ").append(this.httpStatus);
		if (this.code != null) {
			text.append(", CnosDB error ").append(this.code);
		}
		if (this.message != null) {
			text.append(": ").append(this.message);
		}
		return text.toString();
	}

}
