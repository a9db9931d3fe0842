package io.cnosdb.client.write;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the array-based {@link Point} and the allocation-free encoder give the same
 * bytes, getters and refusal messages as the encoder before them, for the
 * {@link EncodingCorpus}: every escaped character in every position, non-ASCII text,
 * every value type, doubles in and out of the plain range, all precisions.
 */
class PointEncodingCompatibilityTests {

	@Test
	void corpusEncodesToTheSameBytesAsBefore() throws IOException {
		List<String> expected;
		try (InputStream in = getClass().getResourceAsStream("point-encoding.golden")) {
			assertThat(in).isNotNull();
			expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
		List<String> actual = EncodingCorpus.render();
		assertThat(actual).hasSameSizeAs(expected);
		for (int i = 0; i < expected.size(); i++) {
			assertThat(actual.get(i)).as("case %d", i).isEqualTo(expected.get(i));
		}
	}

}
