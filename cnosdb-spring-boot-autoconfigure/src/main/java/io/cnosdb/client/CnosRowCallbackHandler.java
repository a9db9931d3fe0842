package io.cnosdb.client;

/**
 * Receives the rows of a streamed result one at a time, while the response is still being
 * read, so that results of any size can be processed in constant memory.
 *
 * @author CnosDB Spring Boot contributors
 * @see CnosOperations#query(String, CnosRowCallbackHandler)
 */
@FunctionalInterface
public interface CnosRowCallbackHandler {

	/**
	 * Process one row.
	 * @param row the row
	 */
	void processRow(CnosRow row);

}
