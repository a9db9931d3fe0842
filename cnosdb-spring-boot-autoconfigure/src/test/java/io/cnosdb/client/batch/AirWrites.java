package io.cnosdb.client.batch;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.write.Point;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.spy;

/**
 * What the batching writer's tests write, and templates that hold its writes: the
 * {@code air} point of an id, the same as a row, its line as CnosDB receives it.
 *
 * @author CnosDB Spring Boot contributors
 */
final class AirWrites {

	private AirWrites() {
	}

	/** The point of an id: tag {@code id}, field {@code v}, a millisecond time. */
	static Point point(int id) {
		return Point.measurement("air")
			.tag("id", String.valueOf(id))
			.field("v", (long) id)
			.time(1_700_000_000_000L + id, TimeUnit.MILLISECONDS)
			.build();
	}

	/** The row of {@link #point(int)}. */
	static void air(CnosBatchWriter.Rows rows, int id) {
		rows.row("air")
			.tag("id", String.valueOf(id))
			.field("v", (long) id)
			.at(1_700_000_000_000L + id, TimeUnit.MILLISECONDS);
	}

	/** The line of {@link #point(int)} in nanoseconds, without its newline. */
	static String line(int id) {
		return "air,id=" + id + " v=" + id + "i " + (1_700_000_000_000L + id) * 1_000_000;
	}

	/** The lines of the ids, each ended by a newline. */
	static String lines(int... ids) {
		StringBuilder text = new StringBuilder();
		Arrays.stream(ids).forEach((id) -> text.append(line(id)).append('\n'));
		return text.toString();
	}

	/**
	 * The template, with each write held until {@code release} opens: keeps a batch in
	 * flight for as long as a test needs.
	 */
	static CnosTemplate gated(CnosTemplate template, CountDownLatch release) {
		CnosTemplate gated = spy(template);
		willAnswer((invocation) -> {
			release.await();
			return invocation.callRealMethod();
		}).given(gated).writeLineProtocol(any());
		return gated;
	}

	/**
	 * The template on a client that cannot be interrupted: each write opens
	 * {@code sending}, waits for {@code release} even when interrupted, then writes and
	 * opens {@code answered}.
	 */
	static CnosTemplate uninterruptible(CnosTemplate template, CountDownLatch sending, CountDownLatch release,
			CountDownLatch answered) {
		CnosTemplate stuck = spy(template);
		willAnswer((invocation) -> {
			sending.countDown();
			boolean interrupted = false;
			while (true) {
				try {
					release.await();
					break;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			Object result = invocation.callRealMethod();
			answered.countDown();
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
			return result;
		}).given(stuck).writeLineProtocol(any());
		return stuck;
	}

}
