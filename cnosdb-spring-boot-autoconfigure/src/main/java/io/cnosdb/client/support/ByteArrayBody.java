package io.cnosdb.client.support;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.util.Assert;

/**
 * A request body that is already in memory: a range of a byte array, sent without being
 * copied by {@link JdkHttpClientRequestFactory}. Any other request factory gets it
 * through {@link #writeTo(OutputStream)}, in slices of {@value #SLICE} bytes (Spring's
 * JDK request factory copies each write into a buffer of its size).
 * <p>
 * The bytes are not copied: whoever makes the body keeps them unchanged until the request
 * is done.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class ByteArrayBody implements StreamingHttpOutputMessage.Body {

	/** The most bytes handed to an output stream in one write. */
	static final int SLICE = 64 * 1024;

	private final byte[] array;

	private final int offset;

	private final int length;

	private ByteArrayBody(byte[] array, int offset, int length) {
		this.array = array;
		this.offset = offset;
		this.length = length;
	}

	/**
	 * A body of all the bytes of an array.
	 * @param bytes the bytes, kept unchanged until the request is done
	 * @return the body
	 */
	public static ByteArrayBody of(byte[] bytes) {
		Assert.notNull(bytes, "'bytes' must not be null");
		return new ByteArrayBody(bytes, 0, bytes.length);
	}

	/**
	 * A body of the bytes that {@code writer} writes to a stream. A writer that writes
	 * its bytes in one call (such as {@code ByteArrayOutputStream.writeTo}) gives its
	 * array without a copy; several writes are gathered into a new array.
	 * @param writer writes the bytes, which it keeps unchanged until the request is done
	 * @return the body
	 * @throws IOException if the writer fails
	 */
	public static ByteArrayBody capture(StreamingHttpOutputMessage.Body writer) throws IOException {
		Assert.notNull(writer, "'writer' must not be null");
		Capture capture = new Capture();
		writer.writeTo(capture);
		return capture.body();
	}

	/**
	 * Return the array that holds the bytes.
	 * @return the array, not a copy
	 */
	byte[] array() {
		return this.array;
	}

	/**
	 * Return where the bytes start in {@link #array()}.
	 * @return the offset
	 */
	int offset() {
		return this.offset;
	}

	/**
	 * Return the number of bytes.
	 * @return the length
	 */
	public int length() {
		return this.length;
	}

	@Override
	public void writeTo(OutputStream out) throws IOException {
		for (int at = this.offset, end = this.offset + this.length; at < end; at += SLICE) {
			out.write(this.array, at, Math.min(SLICE, end - at));
		}
	}

	@Override
	public boolean repeatable() {
		return true;
	}

	/**
	 * Keeps the array of the first write; gathers a copy once a second write comes.
	 */
	private static final class Capture extends OutputStream {

		private byte[] array = new byte[0];

		private int offset;

		private int length;

		private boolean owned;

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int off, int len) throws IOException {
			Objects.checkFromIndexSize(off, len, bytes.length);
			if (len == 0) {
				return;
			}
			if (this.length == 0) {
				this.array = bytes;
				this.offset = off;
				this.length = len;
				return;
			}
			if (!this.owned) {
				this.array = Arrays.copyOfRange(this.array, this.offset,
						this.offset + Math.max(this.length * 2, this.length + len));
				this.offset = 0;
				this.owned = true;
			}
			else if (this.array.length - this.length < len) {
				this.array = Arrays.copyOf(this.array, Math.max(this.array.length * 2, this.length + len));
			}
			System.arraycopy(bytes, off, this.array, this.length, len);
			this.length += len;
		}

		ByteArrayBody body() {
			return new ByteArrayBody(this.array, this.offset, this.length);
		}

	}

}
