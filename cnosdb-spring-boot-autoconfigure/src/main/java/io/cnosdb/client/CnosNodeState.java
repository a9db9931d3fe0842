package io.cnosdb.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link CnosTemplate} knows about one of its CnosDB nodes: whether requests go to
 * it, and since when and why not.
 *
 * @param url the node's base URL (never with credentials)
 * @param coolingDownSince when the node last refused a connection or timed out, while it
 * is skipped for the cool-down; {@code null} when it is available
 * @param coolingDownUntil when the cool-down ends and requests may go to the node again,
 * or {@code null} when it is available
 * @param lastFailure what the node's last failure was (without credentials), or
 * {@code null} when it is available
 * @author CnosDB Spring Boot contributors
 */
public record CnosNodeState(String url, @Nullable Instant coolingDownSince, @Nullable Instant coolingDownUntil,
		@Nullable String lastFailure) {

	/**
	 * Whether the node is skipped for a cool-down.
	 * @return whether it is cooling down
	 */
	public boolean isCoolingDown() {
		return this.coolingDownSince != null;
	}

}
