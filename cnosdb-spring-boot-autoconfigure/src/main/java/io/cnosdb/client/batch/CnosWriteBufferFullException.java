package io.cnosdb.client.batch;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Thrown to the caller of a {@link CnosBatchWriter} write when its points do not fit in
 * the writer's buffer (under {@link OverflowPolicy#FAIL}, or after the block timeout
 * under {@link OverflowPolicy#BLOCK}). None of the call's points were accepted.
 *
 * @author CnosDB Spring Boot contributors
 */
public class CnosWriteBufferFullException extends TransientDataAccessResourceException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param message the detail message
	 * @param cause the cause, or {@code null}
	 */
	public CnosWriteBufferFullException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
