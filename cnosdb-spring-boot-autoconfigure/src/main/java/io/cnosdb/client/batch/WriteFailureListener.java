package io.cnosdb.client.batch;

/**
 * Receives the points a {@link CnosBatchWriter} could not write: rejected by the server,
 * still failing when the retries ran out, or abandoned at shutdown. Called on the
 * writer's thread once per failed batch; it should return quickly (hand the failure to
 * another thread or a dead-letter store for slow work) and must not call
 * {@link CnosBatchWriter#flush()}.
 *
 * @author CnosDB Spring Boot contributors
 */
@FunctionalInterface
public interface WriteFailureListener {

	/**
	 * Handle one failed batch.
	 * @param failure the points and lines of the batch, the exception and the number of
	 * attempts
	 */
	void onFailure(WriteFailure failure);

}
