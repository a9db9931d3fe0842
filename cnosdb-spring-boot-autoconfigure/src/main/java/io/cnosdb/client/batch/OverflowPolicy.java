package io.cnosdb.client.batch;

/**
 * What {@link CnosBatchWriter} does when a write does not fit in its bounded buffer. No
 * policy drops points: a write is either accepted whole or refused with an exception.
 *
 * @author CnosDB Spring Boot contributors
 */
public enum OverflowPolicy {

	/**
	 * Wait for room, up to the writer's block timeout, then throw
	 * {@link CnosWriteBufferFullException}.
	 */
	BLOCK,

	/**
	 * Throw {@link CnosWriteBufferFullException} at once.
	 */
	FAIL

}
