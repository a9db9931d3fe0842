package io.cnosdb.client.batch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.cnosdb.client.CnosErrorAware;
import io.cnosdb.client.CnosErrorResponse;
import io.cnosdb.client.CnosObservations;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.LineProtocolChunker;
import io.cnosdb.client.write.Point;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

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
 * <p>
 * A data error ({@link PossiblyWritten#isDataError}: a malformed line, a type conflict, a
 * timestamp out of range) refuses a whole request for the sake of some of its lines. The
 * sender isolates them and writes the rest: when the server's message names the line (a
 * byte offset or a value of a {@code 040004} parse error), that line fails alone and the
 * others are sent again; otherwise the request is split in halves, each sent again, down
 * to single lines. Each request spent on this counts against
 * {@value #MAX_ISOLATION_REQUESTS} per body; once they are spent, the lines of a refused
 * request are reported together with the server's answer.
 *
 * @author CnosDB Spring Boot contributors
 */
final class BatchSender {

	/**
	 * The most requests sent to isolate the bad lines of one body: enough to bisect a
	 * batch of 5,000 lines down to three or four bad ones (about 2 log2(n) requests
	 * each), or to take out 100 bad lines that the server names one by one.
	 */
	static final int MAX_ISOLATION_REQUESTS = 100;

	private final CnosOperations operations;

	private final CnosBatchWriterOptions options;

	private final ObservationRegistry observations;

	BatchSender(CnosOperations operations, CnosBatchWriterOptions options, ObservationRegistry observations) {
		this.operations = operations;
		this.options = options;
		this.observations = observations;
	}

	/**
	 * Send one batch and settle every entry of it.
	 * @param batch the entries, in acceptance order
	 * @param queue settles the entries
	 */
	void send(List<BatchEntry> batch, BatchQueue queue) {
		Observation observation = CnosObservations
			.create(this.observations, "batch.flush", this.operations.getTenant(), this.operations.getDatabase(), null)
			.highCardinalityKeyValue("cnosdb.batch.points", String.valueOf(batch.size()));
		observation.observe(() -> sendObserved(batch, queue));
	}

	private void sendObserved(List<BatchEntry> batch, BatchQueue queue) {
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
					queue.complete(List.of(entry), new InvalidDataAccessApiUsageException(ex.getMessage(), ex));
				}
			}
			chunker.flush();
		}
		catch (RuntimeException ex) {
			List<BatchEntry> rest = new ArrayList<>(unsent);
			rest.addAll(batch.subList(next, batch.size()));
			queue.complete(rest, new InvalidDataAccessApiUsageException("Encoding a batch failed: " + ex, ex));
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
	 * Send one body and settle its entries, isolating the lines a data error is about.
	 */
	private void deliver(LineProtocolBuffer body, List<BatchEntry> entries, BatchQueue queue) {
		Deque<Part> work = new ArrayDeque<>();
		work.add(new Part(entries, body));
		int isolationRequests = 0;
		while (!work.isEmpty()) {
			Part part = work.pollFirst();
			LineProtocolBuffer partBody = part.body();
			if (partBody == null) {
				try {
					partBody = encode(part.entries());
				}
				catch (RuntimeException ex) {
					queue.complete(part.entries(),
							new InvalidDataAccessApiUsageException("Encoding part of a batch failed: " + ex, ex));
					continue;
				}
			}
			DataAccessException failure = deliverWithRetries(partBody, part.entries(), queue);
			if (failure == null) {
				continue;
			}
			int size = part.entries().size();
			if (size > 1 && PossiblyWritten.isDataError(failure) && isolationRequests < MAX_ISOLATION_REQUESTS) {
				int bad = badLine(partBody, failure);
				if (bad >= 0) {
					queue.complete(List.of(part.entries().get(bad)), failure);
					List<BatchEntry> rest = new ArrayList<>(part.entries());
					rest.remove(bad);
					work.addFirst(new Part(rest, null));
					isolationRequests++;
				}
				else {
					work.addFirst(new Part(part.entries().subList(size / 2, size), null));
					work.addFirst(new Part(part.entries().subList(0, size / 2), null));
					isolationRequests += 2;
				}
				continue;
			}
			queue.endAttempt(part.entries(), PossiblyWritten.afterFailure(failure, size));
			queue.complete(part.entries(), failure);
		}
	}

	/**
	 * Return the index of the line a data error names (by byte offset or value), or
	 * {@code -1} if it names none.
	 */
	private static int badLine(LineProtocolBuffer body, DataAccessException failure) {
		CnosErrorResponse answer = ((CnosErrorAware) failure).getErrorResponse();
		if (answer == null || !"040004".equals(answer.code())) {
			return -1;
		}
		LineProtocolBuffer.ErrorLocation location = body.locateParseError(answer.message());
		return (location != null) ? location.lineIndex() : -1;
	}

	/** Encode entries again, one line each, for a request of part of a body. */
	private LineProtocolBuffer encode(List<BatchEntry> entries) {
		LineProtocolBuffer body = new LineProtocolBuffer(this.options.precision());
		for (BatchEntry entry : entries) {
			if (entry.item() instanceof Point point) {
				body.append(point);
			}
			else {
				body.appendLines((String) entry.item());
			}
		}
		return body;
	}

	/**
	 * Send one body, retrying it while the failure may pass.
	 * @return the failure that ended the attempts, for the caller to settle (or isolate)
	 * with; {@code null} if the entries are settled (acknowledged, or abandoned at
	 * shutdown)
	 */
	private @Nullable DataAccessException deliverWithRetries(LineProtocolBuffer body, List<BatchEntry> entries,
			BatchQueue queue) {
		RetryAttempts retry = new RetryAttempts(this.options);
		int attempts = 0;
		while (true) {
			if (queue.isPastShutdownDeadline()) {
				queue.abandon(entries);
				return null;
			}
			if (!queue.beginAttempt(entries)) {
				// Abandoned at shutdown already.
				return null;
			}
			DataAccessException failure;
			try {
				attempts++;
				this.operations.writeLineProtocol(body);
				queue.endAttempt(entries, false);
				queue.complete(entries, null);
				return null;
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
				// Judged by the caller: a data error may be isolated rather than
				// reported.
				queue.endAttempt(entries, false);
				return failure;
			}
			queue.endAttempt(entries, PossiblyWritten.afterFailure(failure, entries.size()), failure);
			if (!queue.pause(delay)) {
				queue.complete(entries,
						new CnosWriteAbandonedException(
								"The CnosBatchWriter closed while these points were being retried (shutdown timeout "
										+ this.options.shutdownTimeout().toMillis()
										+ " ms); the last attempt failed with: " + failure.getMessage(),
								failure));
				return null;
			}
			queue.countRetried(entries.size());
		}
	}

	/**
	 * Entries to send in one request, and their body if it is already encoded.
	 */
	private record Part(List<BatchEntry> entries, @Nullable LineProtocolBuffer body) {
	}

}
