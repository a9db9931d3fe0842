package io.cnosdb.client.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ErrorTrailerInputStream}.
 */
class ErrorTrailerInputStreamTests {

	private static final String TRAILER = "{\"error_code\": \"010001\", \"error_message\": \"Datafusion: \"x\" failed\"}";

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 7, 13, 4096 })
	void rowsBeforeTheTrailerPassAndTheTrailerIsKeptWhateverTheReadSizes(int piece) throws IOException {
		String rows = "v,s\n1,\"{\"\"error_code\"\" is data\"\n2,{x\n";
		ErrorTrailerInputStream stream = new ErrorTrailerInputStream(trickle(rows + TRAILER, piece));
		assertThat(readAll(stream, piece)).isEqualTo(rows);
		assertThat(stream.trailer()).isEqualTo(TRAILER);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 5, 4096 })
	void resultWithoutTrailerPassesWhole(int piece) throws IOException {
		StringBuilder rows = new StringBuilder("v\n");
		for (int i = 0; i < 5000; i++) {
			rows.append("{\"\"e").append(i).append('\n');
		}
		ErrorTrailerInputStream stream = new ErrorTrailerInputStream(trickle(rows.toString(), piece));
		assertThat(readAll(stream, piece)).isEqualTo(rows.toString());
		assertThat(stream.trailer()).isNull();
	}

	@Test
	void trailerAloneLeavesNothingToRead() throws IOException {
		ErrorTrailerInputStream stream = new ErrorTrailerInputStream(trickle(TRAILER, 3));
		assertThat(stream.read()).isEqualTo(-1);
		assertThat(stream.trailer()).isEqualTo(TRAILER);
	}

	@Test
	void trailerIsFoundAtEveryOffsetOfTheWordsScannedAtOnce() throws IOException {
		for (int prefix = 0; prefix < 70; prefix++) {
			for (int piece : new int[] { 3, 4096, 40_000 }) {
				String rows = "v\n" + "{x\n1,2\n".repeat(prefix / 7) + "0123456789".substring(0, prefix % 7) + "\n";
				ErrorTrailerInputStream stream = new ErrorTrailerInputStream(trickle(rows + TRAILER, piece));
				assertThat(readAll(stream, piece)).as("prefix %d, piece %d", prefix, piece).isEqualTo(rows);
				assertThat(stream.trailer()).isEqualTo(TRAILER);
			}
		}
		String large = "v\n" + "1234567,{\n".repeat(10_000);
		ErrorTrailerInputStream stream = new ErrorTrailerInputStream(trickle(large + TRAILER, 50_000));
		assertThat(readAll(stream, 50_000)).isEqualTo(large);
		assertThat(stream.trailer()).isEqualTo(TRAILER);
	}

	@Test
	void bytesReadIntoTheCallersArrayKeepItsOtherBytesAndMarkersSplitAnywhereAreFound() throws IOException {
		// The stream reads into the caller's array: reads of any size at an offset, with
		// the marker and the bytes that only begin it cut at every place by the network.
		String rows = "v\n{\"\"error_cod\n{\"error_cod,{\n";
		for (int read = 1; read <= 30; read++) {
			for (int piece = 1; piece <= 30; piece += 3) {
				for (String trailer : new String[] { TRAILER, "" }) {
					ErrorTrailerInputStream stream = new ErrorTrailerInputStream(trickle(rows + trailer, piece));
					byte[] buffer = new byte[read + 4];
					StringBuilder text = new StringBuilder();
					int count;
					while ((count = stream.read(buffer, 2, read)) != -1) {
						assertThat(count).isBetween(1, read);
						assertThat(buffer[0]).isZero();
						assertThat(buffer[read + 3]).isZero();
						text.append(new String(buffer, 2, count, StandardCharsets.ISO_8859_1));
					}
					assertThat(text).as("reads of %d, pieces of %d", read, piece).hasToString(rows);
					assertThat(stream.trailer()).isEqualTo(trailer.isEmpty() ? null : trailer);
				}
			}
		}
	}

	@Test
	void singleBytesReadAsTheBulkReads() throws IOException {
		ErrorTrailerInputStream stream = new ErrorTrailerInputStream(trickle("v\n\u00e9\n" + TRAILER, 5));
		StringBuilder bytes = new StringBuilder();
		int b;
		while ((b = stream.read()) != -1) {
			bytes.append(b).append(' ');
		}
		assertThat(bytes).hasToString("118 10 195 169 10 ");
		assertThat(stream.trailer()).isEqualTo(TRAILER);
	}

	@Test
	void partialMarkerAtTheEndIsData() throws IOException {
		ErrorTrailerInputStream stream = new ErrorTrailerInputStream(trickle("v\n{\"error_cod", 4));
		assertThat(readAll(stream, 4)).isEqualTo("v\n{\"error_cod");
		assertThat(stream.trailer()).isNull();
	}

	private static String readAll(InputStream stream, int piece) throws IOException {
		byte[] buffer = new byte[piece];
		StringBuilder text = new StringBuilder();
		int count;
		while ((count = stream.read(buffer, 0, piece)) != -1) {
			text.append(new String(buffer, 0, count, StandardCharsets.UTF_8));
		}
		return text.toString();
	}

	/**
	 * A stream that never returns more than {@code piece} bytes per read, like a slow
	 * network.
	 */
	private static InputStream trickle(String text, int piece) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {

			@Override
			public synchronized int read(byte[] b, int off, int len) {
				return super.read(b, off, Math.min(len, piece));
			}

		};
	}

}
