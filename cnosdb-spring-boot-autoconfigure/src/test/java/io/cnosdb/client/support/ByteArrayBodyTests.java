package io.cnosdb.client.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ByteArrayBody}.
 */
class ByteArrayBodyTests {

	@Test
	void captureOfOneWriteKeepsTheWritersArrayWithoutCopying() throws IOException {
		byte[] array = "..m v=1 1\n..".getBytes(StandardCharsets.UTF_8);
		ByteArrayBody body = ByteArrayBody.capture((out) -> out.write(array, 2, 8));
		assertThat(body.array()).isSameAs(array);
		assertThat(body.offset()).isEqualTo(2);
		assertThat(body.length()).isEqualTo(8);
		assertThat(written(body)).isEqualTo("m v=1 1\n");
	}

	@Test
	void captureOfSeveralWritesGathersThemInOrder() throws IOException {
		byte[] reused = new byte[4];
		ByteArrayBody body = ByteArrayBody.capture((out) -> {
			out.write("m v=".getBytes(StandardCharsets.UTF_8));
			out.write('1');
			for (String part : List.of(" 1\nm", " v=2", " 2\n")) {
				System.arraycopy(part.getBytes(StandardCharsets.UTF_8), 0, reused, 0, part.length());
				out.write(reused, 0, part.length());
			}
		});
		assertThat(body.length()).isEqualTo(16);
		assertThat(written(body)).isEqualTo("m v=1 1\nm v=2 2\n");
	}

	@Test
	void captureOfNothingIsAnEmptyBody() throws IOException {
		ByteArrayBody body = ByteArrayBody.capture((out) -> out.write(new byte[0]));
		assertThat(body.length()).isZero();
		assertThat(written(body)).isEmpty();
	}

	@Test
	void writeToHandsLargeBodiesOverInSlices() throws IOException {
		byte[] bytes = new byte[2 * ByteArrayBody.SLICE + 5];
		bytes[bytes.length - 1] = 7;
		List<Integer> writes = new ArrayList<>();
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		ByteArrayBody.of(bytes).writeTo(new OutputStream() {

			@Override
			public void write(int b) {
				throw new UnsupportedOperationException();
			}

			@Override
			public void write(byte[] b, int off, int len) {
				writes.add(len);
				all.write(b, off, len);
			}

		});
		assertThat(writes).containsExactly(ByteArrayBody.SLICE, ByteArrayBody.SLICE, 5);
		assertThat(all.toByteArray()).isEqualTo(bytes);
		assertThat(ByteArrayBody.of(bytes).repeatable()).isTrue();
	}

	private static String written(ByteArrayBody body) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		body.writeTo(out);
		return out.toString(StandardCharsets.UTF_8);
	}

}
