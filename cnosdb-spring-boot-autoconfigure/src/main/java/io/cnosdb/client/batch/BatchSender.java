package io.cnosdb.client.batch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.LineProtocolChunker;
import io.cnosdb.client.write.Point;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.Assert;

/**
 * Sends the batches of a {@link CnosBatchWriter}: a {@link LineProtocolChunker} cuts a
 * batch into request bodies of at most the max request size, one line per entry, and each
 * body goes through {@link CnosOperations#writeLineProtocol} as one request, retried as
 * {@link RetryAttempts} decides, until it is acknowledged, fails for good, or the
 * shutdown deadline passes. Every entry is settled through the {@link BatchQueue}; a line
 * too large for any request fails alone and the rest of the batch goes on. Never throws.
 *
 * @author CnosDB Spring Boot contributors
 */
final class BatchSender {

	private final CnosOperations operations;

	private final CnosBatchWriterOptions options;

	BatchSender(CnosOperations operations, CnosBatchWriterOptions options) {
		this.operations = operations;
		this.options = options;
	}

	/**
	 * Send one batch and settle every entry of it.
	 * @param batch the entries, in acceptance order
	 * @param queue settles the entries
	 */
	void send(List<BatchEntry> batch, BatchQueue queue) {
		// Entries given to the chunker and not settled yet: a body of n lines is the
		// first n of them.
		ArrayDeque<BatchEntry> unsent = new ArrayDeque<>();
		LineProtocolChunker chunker = new LineProtocolChunker(this.options.precision(),
				this.options.maxRequestSize().toBytes(), (body) -> deliver(body, take(unsent, body), queue));
		int next = 0;
		try {
			while (next < batch.size()) {
				BatchEntry entry = batch.get(next++);
				unsent.addLast(entry);
				try {
					append(chunker, entry);
				}
				catch (IllegalArgumentException ex) {
					// The chunker kept nothing of this entry (a line larger than one
					// request): it fails alone.
					unsent.removeLast();
					queue.complete(List.of(entry), new InvalidDataAccessApiUsageException(ex.getMessage(), ex), 0);
				}
			}
			chunker.flush();
		}
		catch (RuntimeException ex) {
			List<BatchEntry> rest = new ArrayList<>(unsent);
			rest.addAll(batch.subList(next, batch.size()));
			queue.complete(rest, new InvalidDataAccessApiUsageException("Encoding a batch failed: " + ex, ex), 0);
		}
	}

	private static void append(LineProtocolChunker chunker, BatchEntry entry) {
		if (entry.item() instanceof Point point) {
			chunker.append(point);
		}
		else {
			chunker.appendLines((String) entry.item());
		}
	}

	private static List<BatchEntry> take(ArrayDeque<BatchEntry> unsent, LineProtocolBuffer body) {
		int lines = body.lineCount();
		Assert.state(lines <= unsent.size(), "A body of more lines than entries");
		List<BatchEntry> entries = new ArrayList<>(lines);
		for (int i = 0; i < lines; i++) {
			entries.add(unsent.pollFirst());
		}
		return entries;
	}

	/**
	 * Send one body, retrying it while the failure may pass, and settle its entries.
	 */
	private void deliver(LineProtocolBuffer body, List<BatchEntry> entries, BatchQueue queue) {
		RetryAttempts retry = new RetryAttempts(this.options);
		int attempts = 0;
		while (true) {
			if (queue.isPastShutdownDeadline()) {
				queue.complete(entries,
						new CnosWriteAbandonedException(
								"The CnosBatchWriter closed before these points could be written (shutdown timeout "
										+ this.options.shutdownTimeout().toMillis() + " ms)",
								null),
						attempts);
				return;
			}
			DataAccessException failure;
			try {
				attempts++;
				this.operations.writeLineProtocol(body);
				queue.complete(entries, null, attempts);
				return;
			}
			catch (DataAccessException ex) {
				failure = ex;
			}
			catch (RuntimeException ex) {
				// Not a translated CnosDB failure: a bug or a misconfiguration, not
				// retried.
				failure = new InvalidDataAccessApiUsageException(String.valueOf(ex.getMessage()), ex);
			}
			long delay = retry.nextDelay(failure, attempts);
			if (delay == RetryAttempts.GIVE_UP) {
				queue.complete(entries, failure, attempts);
				return;
			}
			queue.countRetried(entries.size());
			if (!queue.pause(delay)) {
				queue.complete(entries,
						new CnosWriteAbandonedException(
								"The CnosBatchWriter closed while these points were being retried (shutdown timeout "
										+ this.options.shutdownTimeout().toMillis()
										+ " ms); the last attempt failed with: " + failure.getMessage(),
								failure),
						attempts);
				return;
			}
		}
	}

}
