package io.cnosdb.client.batch;

import java.util.ArrayDeque;
import java.util.Deque;

import io.cnosdb.client.CnosErrorAware;
import io.cnosdb.client.CnosErrorResponse;
import io.cnosdb.client.CnosObservations;
import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.support.Texts;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.Assert;

/**
 * Sends the batches of a {@link CnosBatchWriter}: a batch comes with its lines already
 * encoded (one per entry, encoded once when the points were written); it is cut into
 * request bodies of at most the max request size at line boundaries, and each body goes
 * through {@link CnosOperations#writeLineProtocol} as one request, retried as
 * {@link RetryAttempts} decides, until it is acknowledged, fails for good, or the
 * shutdown deadline passes. Every entry is settled through the {@link BatchQueue}; a line
 * too large for any request fails alone and the rest of the batch goes on. Never throws.
 * <p>
 * A data error ({@link PossiblyWritten#isDataError}: a malformed line, a type conflict, a
 * timestamp out of range) refuses a whole request for the sake of some of its lines. The
 * sender isolates them and writes the rest: when the server's message names the line (a
 * byte offset or a value of a {@code 040004} parse error), that line fails alone and the
 * others are sent again (the same bytes, never encoded again); otherwise the request is
 * split in halves, each sent again, down to single lines. Each request spent on this
 * counts against {@value #MAX_ISOLATION_REQUESTS} per body; once they are spent, the
 * lines of a refused request are reported together with the server's answer.
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

	private static final int MAX_LINE_IN_MESSAGE = 200;

	private final CnosOperations operations;

	private final CnosBatchWriterOptions options;

	private final ObservationRegistry observations;

	BatchSender(CnosOperations operations, CnosBatchWriterOptions options, ObservationRegistry observations) {
		this.operations = operations;
		this.options = options;
		this.observations = observations;
	}

	/**
	 * Send one batch and settle every line of it.
	 * @param batch the lines, in acceptance order
	 * @param body the bytes of each line, in the same order; the sender may change it,
	 * after {@link BatchQueue#detachRowLines()} (the lines of rows are read out of it)
	 * @param queue settles the lines
	 */
	void send(BatchLines batch, LineProtocolBuffer body, BatchQueue queue) {
		Observation observation = CnosObservations
			.create(this.observations, "batch.flush", this.operations.getTenant(), this.operations.getDatabase(), null)
			.highCardinalityKeyValue("cnosdb.batch.points", String.valueOf(batch.size()));
		observation.observe(() -> sendObserved(batch.all(), body, queue));
	}

	/**
	 * Cut the body into requests of at most the max request size, as many whole lines
	 * each as fit; a line larger than that fails alone.
	 */
	private void sendObserved(BatchLines.Range batch, LineProtocolBuffer body, BatchQueue queue) {
		Assert.state(body.lineCount() == batch.size(), "A batch of more lines than entries");
		long maxRequestSize = this.options.maxRequestSize().toBytes();
		LineProtocolBuffer rest = body;
		int next = 0;
		try {
			while (next < batch.size()) {
				int lines = rest.lineCount();
				int fitting = rest.fittingLines(maxRequestSize);
				if (fitting == lines) {
					deliver(rest, batch.sub(next, next + lines), queue);
					next += lines;
					break;
				}
				// The body is cut: read the lines of its rows out of it first.
				queue.detachRowLines();
				LineProtocolBuffer part = rest;
				rest = new LineProtocolBuffer(this.options.precision(), BatchQueue.BLOCK_BYTES);
				if (fitting == 0) {
					part.moveLinesTo(1, rest);
					BatchLines.Range line = batch.sub(next, next + 1);
					next++;
					queue.complete(line, tooLarge(part, next, maxRequestSize));
				}
				else {
					part.moveLinesTo(fitting, rest);
					deliver(part, batch.sub(next, next + fitting), queue);
					next += fitting;
				}
			}
		}
		catch (RuntimeException ex) {
			queue.complete(batch.sub(next, batch.size()),
					new InvalidDataAccessApiUsageException("Sending a batch failed: " + ex, ex));
		}
	}

	/** The failure of a line larger than any request may be, the only line of a body. */
	private static DataAccessException tooLarge(LineProtocolBuffer line, int number, long maxRequestSize) {
		IllegalArgumentException ex = new IllegalArgumentException("Line " + number + " of the batch is " + line.size()
				+ " bytes, more than the " + maxRequestSize + " bytes one write request may carry (max request size): "
				+ Texts.abbreviate(line.line(0), MAX_LINE_IN_MESSAGE));
		return new InvalidDataAccessApiUsageException(ex.getMessage(), ex);
	}

	/**
	 * Send one body and settle its lines, isolating the lines a data error is about.
	 */
	private void deliver(LineProtocolBuffer body, BatchLines.Range entries, BatchQueue queue) {
		Deque<Part> work = new ArrayDeque<>();
		work.add(new Part(entries, body));
		int isolationRequests = 0;
		while (!work.isEmpty()) {
			Part part = work.pollFirst();
			LineProtocolBuffer partBody = part.body();
			DataAccessException failure = deliverWithRetries(partBody, part.entries(), queue);
			if (failure == null) {
				continue;
			}
			int size = part.entries().size();
			if (size > 1 && PossiblyWritten.isDataError(failure) && isolationRequests < MAX_ISOLATION_REQUESTS) {
				// The body is cut: read the lines of its rows out of it first.
				queue.detachRowLines();
				int bad = badLine(partBody, failure);
				if (bad >= 0) {
					queue.complete(part.entries().sub(bad, bad + 1), failure);
					work.addFirst(new Part(part.entries().without(bad), without(partBody, bad)));
					isolationRequests++;
				}
				else {
					LineProtocolBuffer secondHalf = newBuffer(partBody.size() / 2);
					partBody.moveLinesTo(size / 2, secondHalf);
					work.addFirst(new Part(part.entries().sub(size / 2, size), secondHalf));
					work.addFirst(new Part(part.entries().sub(0, size / 2), partBody));
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

	/** Take one line out of a body, keeping the others in order; returns the body. */
	private LineProtocolBuffer without(LineProtocolBuffer body, int index) {
		LineProtocolBuffer after = newBuffer(body.size());
		body.moveLinesTo(index + 1, after);
		LineProtocolBuffer dropped = newBuffer(0);
		body.moveLinesTo(index, dropped);
		after.moveLinesTo(0, body);
		return body;
	}

	private LineProtocolBuffer newBuffer(int bytes) {
		return new LineProtocolBuffer(this.options.precision(), Math.max(bytes, 256));
	}

	/**
	 * Send one body, retrying it while the failure may pass.
	 * @return the failure that ended the attempts, for the caller to settle (or isolate)
	 * with; {@code null} if the entries are settled (acknowledged, or abandoned at
	 * shutdown)
	 */
	private @Nullable DataAccessException deliverWithRetries(LineProtocolBuffer body, BatchLines.Range entries,
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
	 * Lines to send in one request, and their body.
	 */
	private record Part(BatchLines.Range entries, LineProtocolBuffer body) {
	}

}
