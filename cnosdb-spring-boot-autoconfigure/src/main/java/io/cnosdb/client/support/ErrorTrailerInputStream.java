package io.cnosdb.client.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

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

	private final byte[] buffer = new byte[32 * 1024];

	/** Next byte to hand out. */
	private int position;

	/** Bytes before this index are known to hold no marker and may be handed out. */
	private int safe;

	/** End of the bytes read into the buffer. */
	private int limit;

	private boolean end;

	private @Nullable String trailer;

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
		while (this.position == this.safe) {
			if (this.end) {
				return -1;
			}
			fill();
		}
		return this.buffer[this.position++] & 0xFF;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		while (this.position == this.safe) {
			if (this.end) {
				return -1;
			}
			fill();
		}
		int count = Math.min(length, this.safe - this.position);
		System.arraycopy(this.buffer, this.position, target, offset, count);
		this.position += count;
		return count;
	}

	private void fill() throws IOException {
		if (this.position > 0) {
			System.arraycopy(this.buffer, this.position, this.buffer, 0, this.limit - this.position);
			this.limit -= this.position;
			this.safe -= this.position;
			this.position = 0;
		}
		int count = this.in.read(this.buffer, this.limit, this.buffer.length - this.limit);
		if (count == -1) {
			this.end = true;
			this.safe = this.limit;
			return;
		}
		this.limit += count;
		int marker = indexOfMarker(this.safe);
		if (marker >= 0) {
			this.safe = marker;
			this.end = true;
			this.trailer = readTrailer(marker);
			return;
		}
		this.safe = Math.max(this.safe, this.limit - (MARKER.length - 1));
	}

	private int indexOfMarker(int from) {
		byte[] bytes = this.buffer;
		int limit = this.limit;
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
				if (bytes[i] == MARKER[0] && markerAt(i)) {
					return i;
				}
			}
		}
		return -1;
	}

	private boolean markerAt(int index) {
		for (int j = 0; j < MARKER.length; j++) {
			if (this.buffer[index + j] != MARKER[j]) {
				return false;
			}
		}
		return true;
	}

	private String readTrailer(int marker) throws IOException {
		ByteArrayOutputStream text = new ByteArrayOutputStream();
		text.write(this.buffer, marker, this.limit - marker);
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
