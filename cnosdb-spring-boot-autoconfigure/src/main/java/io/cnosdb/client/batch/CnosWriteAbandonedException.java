package io.cnosdb.client.batch;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Reported for points that a {@link CnosBatchWriter} could not deliver before its
 * shutdown timeout ran out: they were never sent, or were still being retried. The cause
 * is the last failure, if there was one.
 *
 * @author CnosDB Spring Boot contributors
 */
public class CnosWriteAbandonedException extends TransientDataAccessResourceException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param message the detail message
	 * @param cause the last failure, or {@code null}
	 */
	public CnosWriteAbandonedException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
