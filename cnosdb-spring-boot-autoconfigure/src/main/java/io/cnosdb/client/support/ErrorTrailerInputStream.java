package io.cnosdb.client.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Reads a streamed ({@code chunked=true}) CSV result and stops at the error text CnosDB
 * appends when a query fails after the response has started: {@code {"error_code": "…",
 * "error_message": "…"}}. The status of such a response is still 200, so the error can
 * only be found in the body.
 * <p>
 * The detection is exact, not a guess: CnosDB writes CSV with the Rust {@code csv} crate,
 * which quotes a field only when needed and doubles every quote inside a quoted field, so
 * the bytes <code>{"e</code> (a quote that neither opens nor closes a field and is not
 * doubled) never occur in a valid result. Everything from the marker on is kept as the
 * {@link #trailer() trailer} and is not passed to the reader.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class ErrorTrailerInputStream extends InputStream {

	private static final byte[] MARKER = "{\"error_code\"".getBytes(StandardCharsets.US_ASCII);

	private static final int MAX_TRAILER = 64 * 1024;

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	/** The marker's first byte in each byte of a word. */
	private static final long BRACES = 0x7B7B7B7B7B7B7B7BL;

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGHS = 0x8080808080808080L;

	/** The bytes the scan skips at once. */
	private static final int SPAN = 2 * Long.BYTES;

	private final InputStream in;

	/**
	 * Bytes read but not handed out: first those known to be data, then those at the end
	 * of a read that may begin the marker, until the next read tells.
	 */
	private final byte[] held = new byte[2 * MARKER.length];

	/** The number of bytes in {@link #held}. */
	private int heldCount;

	/** The number of bytes at the start of {@link #held} known to be data. */
	private int heldData;

	private boolean end;

	private @Nullable String trailer;

	private byte @Nullable [] single;

	/**
	 * Wrap a response body.
	 * @param in the body of a streamed CSV result
	 */
	public ErrorTrailerInputStream(InputStream in) {
		this.in = in;
	}

	/**
	 * Return the error text CnosDB appended to the result, or {@code null} if there was
	 * none. Meaningful once this stream has returned end of input.
	 * @return the appended error text, or {@code null}
	 */
	public @Nullable String trailer() {
		return this.trailer;
	}

	@Override
	public int read() throws IOException {
		byte[] one = this.single;
		if (one == null) {
			one = new byte[1];
			this.single = one;
		}
		return (read(one, 0, 1) == 1) ? one[0] & 0xFF : -1;
	}

	/**
	 * Read the body straight into the caller's array and scan the bytes there, so that
	 * the result is not copied once more on its way to the reader: only the few bytes at
	 * the end of a read that may begin the marker are held back until the next read
	 * tells.
	 */
	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, target.length);
		if (length == 0) {
			return 0;
		}
		while (true) {
			if (this.heldData > 0) {
				return handOutHeld(target, offset, Math.min(length, this.heldData));
			}
			if (this.end) {
				return -1;
			}
			int held = this.heldCount;
			if (length <= held) {
				readIntoHeld();
				continue;
			}
			System.arraycopy(this.held, 0, target, offset, held);
			this.heldCount = 0;
			int count = this.in.read(target, offset + held, length - held);
			if (count == -1) {
				// Bytes held as the start of a marker that never came are data.
				this.end = true;
				return (held > 0) ? held : -1;
			}
			int limit = offset + held + count;
			int marker = indexOfMarker(target, offset, limit);
			if (marker >= 0) {
				this.end = true;
				this.trailer = readTrailer(target, marker, limit);
				if (marker > offset) {
					return marker - offset;
				}
				continue;
			}
			int kept = markerPrefixAt(target, offset, limit);
			System.arraycopy(target, kept, this.held, 0, limit - kept);
			this.heldCount = limit - kept;
			if (kept > offset) {
				return kept - offset;
			}
		}
	}

	/**
	 * For a read too small to tell whether the held bytes begin the marker: read more
	 * after them, and tell how many are data.
	 */
	private void readIntoHeld() throws IOException {
		int count = this.in.read(this.held, this.heldCount, this.held.length - this.heldCount);
		if (count == -1) {
			this.end = true;
			this.heldData = this.heldCount;
			return;
		}
		this.heldCount += count;
		int marker = indexOfMarker(this.held, 0, this.heldCount);
		if (marker >= 0) {
			this.end = true;
			this.trailer = readTrailer(this.held, marker, this.heldCount);
			this.heldCount = marker;
			this.heldData = marker;
			return;
		}
		this.heldData = markerPrefixAt(this.held, 0, this.heldCount);
	}

	/** Hand out held bytes known to be data. */
	private int handOutHeld(byte[] target, int offset, int count) {
		System.arraycopy(this.held, 0, target, offset, count);
		System.arraycopy(this.held, count, this.held, 0, this.heldCount - count);
		this.heldCount -= count;
		this.heldData -= count;
		return count;
	}

	/**
	 * Return where the bytes at the end of {@code [from, limit)} that could begin the
	 * marker start, or {@code limit} if none could.
	 */
	private static int markerPrefixAt(byte[] bytes, int from, int limit) {
		for (int i = Math.max(from, limit - (MARKER.length - 1)); i < limit; i++) {
			if (bytes[i] == MARKER[0] && startsMarker(bytes, i, limit)) {
				return i;
			}
		}
		return limit;
	}

	/**
	 * Whether the bytes from {@code index} are the marker, or as much of its start as
	 * there is before {@code limit}.
	 */
	private static boolean startsMarker(byte[] bytes, int index, int limit) {
		for (int j = 0; j < MARKER.length && index + j < limit; j++) {
			if (bytes[index + j] != MARKER[j]) {
				return false;
			}
		}
		return true;
	}

	private static int indexOfMarker(byte[] bytes, int from, int limit) {
		int last = limit - MARKER.length;
		int i = from;
		while (i <= last) {
			// Skip sixteen bytes at a time while none of them is the marker's first
			// byte: two words tested together, one branch.
			if (i + SPAN <= limit) {
				long low = (long) LONGS.get(bytes, i) ^ BRACES;
				long high = (long) LONGS.get(bytes, i + Long.BYTES) ^ BRACES;
				if (((((low - ONES) & ~low) | ((high - ONES) & ~high)) & HIGHS) == 0) {
					i += SPAN;
					continue;
				}
			}
			for (int stop = Math.min(i + SPAN, last + 1); i < stop; i++) {
				if (bytes[i] == MARKER[0] && startsMarker(bytes, i, limit)) {
					return i;
				}
			}
		}
		return -1;
	}

	private String readTrailer(byte[] bytes, int marker, int limit) throws IOException {
		ByteArrayOutputStream text = new ByteArrayOutputStream();
		text.write(bytes, marker, limit - marker);
		byte[] chunk = new byte[4096];
		int count;
		while (text.size() < MAX_TRAILER && (count = this.in.read(chunk)) != -1) {
			text.write(chunk, 0, count);
		}
		return text.toString(StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
