package io.cnosdb.client;

import java.util.concurrent.atomic.AtomicReference;

import io.cnosdb.client.support.Texts;
import io.cnosdb.client.write.LineProtocolBuffer;
import io.cnosdb.client.write.LineProtocolChunker;
import io.cnosdb.client.write.WritePrecision;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The one way a direct write of a {@link CnosTemplate} goes: items are encoded into a
 * {@link LineProtocolChunker}, which hands each bounded body to the
 * {@link CnosHttpExchange}; a refused body's message names its place in the call and the
 * line a parse error is in. The buffers of a write are emptied and kept for the next
 * write (one pair, up to {@link #MAX_RETAINED_CAPACITY} each), so that a template that
 * writes often does not grow a new body from 64 KB each time.
 *
 * @author CnosDB Spring Boot contributors
 */
final class WritePath {

	private static final int MAX_LINE_IN_MESSAGE = 200;

	/** The largest buffer kept between writes: at most two are kept, 4 MB in all. */
	static final int MAX_RETAINED_CAPACITY = 2 * 1024 * 1024;

	private final CnosHttpExchange exchange;

	private final String tenant;

	private final String database;

	private final CnosTemplate.WriteSettings settings;

	/** The body and spare of the last write, emptied, or {@code null}. */
	private final AtomicReference<@Nullable Buffers> retained = new AtomicReference<>();

	WritePath(CnosHttpExchange exchange, String tenant, String database, CnosTemplate.WriteSettings settings) {
		this.exchange = exchange;
		this.tenant = tenant;
		this.database = database;
		this.settings = settings;
	}

	/**
	 * Encode items into bounded request bodies and send each as it fills: memory stays at
	 * about one body whatever the number of items.
	 */
	<T> long write(Iterable<? extends T> items, WritePrecision precision, String itemName, Appender<T> appender) {
		Assert.notNull(precision, "'precision' must not be null");
		Buffers buffers = takeBuffers(precision);
		try {
			LineProtocolChunker chunker = new LineProtocolChunker(this.settings.maxRequestSize(), new WriteSink(),
					buffers.body(), buffers.spare());
			long index = 0;
			for (T item : items) {
				index++;
				try {
					appender.append(chunker, item);
				}
				catch (IllegalArgumentException ex) {
					String where = itemName.equals("line") ? "" : itemName + " " + index + ": ";
					throw new IllegalArgumentException(where + ex.getMessage() + alreadyWritten(chunker), ex);
				}
			}
			chunker.flush();
			return chunker.linesSent();
		}
		finally {
			giveBack(buffers);
		}
	}

	/**
	 * Take the retained buffers if they have this precision, or make new ones: a write
	 * then starts with the memory an earlier write grew to.
	 */
	private Buffers takeBuffers(WritePrecision precision) {
		Buffers buffers = this.retained.getAndSet(null);
		if (buffers != null && buffers.body().getPrecision() == precision) {
			return buffers;
		}
		long max = this.settings.maxRequestSize();
		return new Buffers(LineProtocolChunker.newBody(precision, max), LineProtocolChunker.newSpare(precision, max));
	}

	/**
	 * Empty the buffers of a finished (or failed) write and keep them for the next write,
	 * unless they grew beyond {@link #MAX_RETAINED_CAPACITY}. One pair is kept:
	 * concurrent writes beyond the first make their own, as before.
	 */
	private void giveBack(Buffers buffers) {
		buffers.body().clear();
		buffers.spare().clear();
		if (buffers.body().capacity() <= MAX_RETAINED_CAPACITY && buffers.spare().capacity() <= MAX_RETAINED_CAPACITY) {
			this.retained.set(buffers);
		}
	}

	private static String alreadyWritten(LineProtocolChunker chunker) {
		return (chunker.requestsSent() == 0) ? "" : " (lines 1 to " + chunker.linesSent() + " were already written by "
				+ chunker.requestsSent() + " earlier request(s) of this call; nothing after them was sent)";
	}

	/** Send one body to {@code /api/v1/write}. */
	void send(LineProtocolBuffer body, String task, long firstLine) {
		this.exchange.write(this.tenant, this.database, body, this.settings.gzip(), task,
				(error) -> locateParseError(error, body, firstLine));
	}

	/**
	 * Name the line a line-protocol parse error ({@code 040004}) is about: the server
	 * names a byte offset in the body ({@code unexpect token 'q' at 32}, or
	 * {@code unexpect end line start at '17'} from 2.4.3 on) or the value it could not
	 * read ({@code invalid field value: 'tRUE'}). Servers before 2.4.0.1 answer a parse
	 * error with an empty 500: say so.
	 */
	private static @Nullable String locateParseError(CnosErrorResponse error, LineProtocolBuffer body, long firstLine) {
		if (error.code() == null && error.httpStatus() == 500) {
			return "CnosDB before 2.4.0.1 answers a line-protocol error this way, and before 2.3.4 (and in 2.4.0)"
					+ " also a gzip-compressed body";
		}
		if (!"040004".equals(error.code())) {
			return null;
		}
		LineProtocolBuffer.ErrorLocation location = body.locateParseError(error.message());
		if (location == null) {
			return null;
		}
		int index = location.lineIndex();
		if (index < 0) {
			return location.clue() + " is outside the " + body.size() + "-byte request body";
		}
		return location.clue() + " is in line " + (index + 1) + " of the request"
				+ ((firstLine > 1) ? " (line " + (firstLine + index) + " of this write)" : "") + ": "
				+ Texts.abbreviate(body.line(index), MAX_LINE_IN_MESSAGE);
	}

	/**
	 * Sends each body the chunker of one write call finishes, naming its place in the
	 * call.
	 */
	private final class WriteSink implements LineProtocolChunker.Sink {

		private int requests;

		private long lines;

		@Override
		public void accept(LineProtocolBuffer body) {
			String task = (this.requests == 0) ? "Write" : "Write (request " + (this.requests + 1)
					+ " of this call; lines 1 to " + this.lines + " were written by the earlier requests)";
			send(body, task, this.lines + 1);
			this.requests++;
			this.lines += body.lineCount();
		}

	}

	/** The two buffers a chunker fills. */
	private record Buffers(LineProtocolBuffer body, LineProtocolBuffer spare) {
	}

	@FunctionalInterface
	interface Appender<T> {

		/** Append one item as one or more lines. */
		void append(LineProtocolChunker chunker, T item);

	}

}
