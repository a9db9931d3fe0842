package io.cnosdb.client.write;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The one place that bounds a write request: bodies are cut at line boundaries, never
 * above the limit, in order, with nothing lost or repeated.
 */
class LineProtocolChunkerTests {

	private final List<String> bodies = new ArrayList<>();

	private LineProtocolChunker chunker(long max) {
		return new LineProtocolChunker(WritePrecision.NS, max,
				(body) -> this.bodies.add(new String(body.toByteArray(), StandardCharsets.UTF_8)));
	}

	@Test
	void bodiesAreCutAtLineBoundariesAndNeverExceedTheLimit() {
		LineProtocolChunker chunker = chunker(40);
		StringBuilder all = new StringBuilder();
		for (int i = 0; i < 25; i++) {
			String line = "m,t=a v=" + i + "i " + i;
			chunker.appendLines(line);
			all.append(line).append('\n');
		}
		chunker.flush();
		assertThat(this.bodies).hasSizeGreaterThan(1)
			.allSatisfy((body) -> assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(40))
			.allSatisfy((body) -> assertThat(body).endsWith("\n"));
		assertThat(String.join("", this.bodies)).isEqualTo(all.toString());
		assertThat(chunker.linesSent()).isEqualTo(25);
		assertThat(chunker.requestsSent()).isEqualTo(this.bodies.size());
		assertThat(chunker.pendingLines()).isZero();
	}

	@Test
	void rowsWrittenThroughTheChunkerAreCutLikeOtherLines() {
		LineProtocolChunker chunker = chunker(40);
		StringBuilder all = new StringBuilder();
		for (int i = 0; i < 25; i++) {
			chunker.row("m").tag("t", "a b").field("v", (long) i).at(i, java.util.concurrent.TimeUnit.NANOSECONDS);
			chunker.endRow();
			all.append("m,t=a\\ b v=").append(i).append("i ").append(i).append('\n');
		}
		chunker.flush();
		assertThat(this.bodies).hasSizeGreaterThan(1)
			.allSatisfy((body) -> assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(40));
		assertThat(String.join("", this.bodies)).isEqualTo(all.toString());
		assertThat(chunker.linesSent()).isEqualTo(25);
	}

	@Test
	void withoutEndRowTheLimitStillHoldsAtTheNextFlush() {
		LineProtocolChunker chunker = chunker(20);
		for (int i = 0; i < 5; i++) {
			chunker.row("m").field("v", (long) i).at(i, java.util.concurrent.TimeUnit.NANOSECONDS);
		}
		assertThat(this.bodies).isEmpty();
		chunker.flush();
		assertThat(this.bodies).containsExactly("m v=0i 0\nm v=1i 1\n", "m v=2i 2\nm v=3i 3\n", "m v=4i 4\n");
	}

	@Test
	void endRowRefusesAnUnfinishedRowAndARowLargerThanTheLimit() {
		LineProtocolChunker chunker = chunker(20);
		LineProtocolBuffer.Row unfinished = chunker.row("m").field("v", 1L);
		assertThatIllegalStateException().isThrownBy(chunker::endRow)
			.withMessage("The row is not ended: call one of its at… methods first");
		unfinished.cancel();
		chunker.row("m").field("v", 1L).at(1, java.util.concurrent.TimeUnit.NANOSECONDS);
		chunker.endRow();
		chunker.row("m").field("s", "x".repeat(20)).at(2, java.util.concurrent.TimeUnit.NANOSECONDS);
		assertThatIllegalArgumentException().isThrownBy(chunker::endRow).withMessageStartingWith("Line 2 is 29 bytes");
		assertThat(this.bodies).containsExactly("m v=1i 1\n");
		chunker.flush();
		assertThat(this.bodies).containsExactly("m v=1i 1\n");
	}

	@Test
	void encodedNamesAreTheBytesTheRowWriterWrites() {
		String measurement = "a b,c ü";
		String tag = "t =,ü";
		String field = "f =,ü";
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.NS);
		buffer.row(measurement).tag(tag, "v").field(field, true).at(1, java.util.concurrent.TimeUnit.NANOSECONDS);
		byte[] expected = buffer.toByteArray();
		byte[] line = concat(LineProtocolChunker.encodedMeasurement(measurement), bytes(","),
				LineProtocolChunker.encodedKey(tag, false), bytes("=v "), LineProtocolChunker.encodedKey(field, true),
				bytes("=true 1\n"));
		assertThat(new String(line, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8))
			.isEqualTo("a\\ b\\,c\\ ü,t\\ \\=\\,ü=v f\\ \\=\\,ü=true 1\n");
	}

	@Test
	void encodedNamesFollowTheRulesOfTheRowWriter() {
		assertThatIllegalArgumentException().isThrownBy(() -> LineProtocolChunker.encodedMeasurement("#m"))
			.withMessageContaining("must not start with '#'");
		assertThatIllegalArgumentException().isThrownBy(() -> LineProtocolChunker.encodedKey("a\\b", false))
			.withMessageContaining("backslash");
		assertThatIllegalArgumentException().isThrownBy(() -> LineProtocolChunker.encodedKey(",f", true))
			.withMessageContaining("must not start with a comma");
		assertThat(LineProtocolChunker.encodedKey(",t", false)).isEqualTo(bytes("\\,t"));
		assertThatIllegalArgumentException().isThrownBy(() -> LineProtocolChunker.encodedKey("time", true))
			.withMessageContaining("'time'");
	}

	@Test
	void encodedLinesAreCopiedAndCutAtEndRowLikeRows() {
		LineProtocolChunker chunker = chunker(20);
		byte[] bytes = bytes("xxm v=1i 1m v=2i 2m v=3i 3");
		for (int i = 0; i < 3; i++) {
			chunker.appendEncodedLine(bytes, 2 + 8 * i, 8);
			assertThat(this.bodies).isEmpty();
			assertThat(chunker.pendingLines()).isEqualTo(i + 1);
		}
		chunker.endRow();
		assertThat(this.bodies).containsExactly("m v=1i 1\nm v=2i 2\n");
		chunker.flush();
		assertThat(this.bodies).containsExactly("m v=1i 1\nm v=2i 2\n", "m v=3i 3\n");
		assertThatIllegalArgumentException().isThrownBy(() -> chunker.appendEncodedLine(bytes, 20, 8));
		chunker.row("m").field("v", 1L);
		assertThatIllegalStateException().isThrownBy(() -> chunker.appendEncodedLine(bytes, 2, 8));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	@Test
	void nothingIsSentBeforeABodyIsFullOrFlushed() {
		LineProtocolChunker chunker = chunker(1024);
		chunker
			.append(Point.measurement("m").field("v", 1L).time(1L, java.util.concurrent.TimeUnit.NANOSECONDS).build());
		assertThat(this.bodies).isEmpty();
		assertThat(chunker.pendingLines()).isEqualTo(1);
		chunker.flush();
		chunker.flush();
		assertThat(this.bodies).containsExactly("m v=1i 1\n");
	}

	@Test
	void aLineLargerThanTheLimitIsRefusedAfterTheLinesBeforeItAreSentAndTheChunkerGoesOn() {
		LineProtocolChunker chunker = chunker(30);
		chunker.appendLines("m v=1 1\nm v=2 2");
		String big = "m s=\"" + "x".repeat(40) + "\" 3";
		assertThatIllegalArgumentException().isThrownBy(() -> chunker.appendLines(big))
			.withMessage("Line 3 is " + (big.length() + 1)
					+ " bytes, more than the 30 bytes one write request may carry (max request size): " + big);
		assertThat(this.bodies).containsExactly("m v=1 1\nm v=2 2\n");
		chunker.appendLines("m v=4 4");
		chunker.flush();
		assertThat(this.bodies).containsExactly("m v=1 1\nm v=2 2\n", "m v=4 4\n");
		assertThat(chunker.linesSent()).isEqualTo(3);
	}

	@Test
	void buffersOfTheCallerAreFilledAndCanBeReusedOnceCleared() {
		LineProtocolBuffer body = new LineProtocolBuffer(WritePrecision.NS, 16);
		LineProtocolBuffer spare = new LineProtocolBuffer(WritePrecision.NS, 16);
		List<LineProtocolBuffer> sent = new ArrayList<>();
		LineProtocolChunker.Sink sink = (finished) -> {
			sent.add(finished);
			this.bodies.add(new String(finished.toByteArray(), StandardCharsets.UTF_8));
		};
		LineProtocolChunker first = new LineProtocolChunker(20, sink, body, spare);
		first.appendLines("m v=1 1\nm v=2 2\nm v=3 3");
		first.flush();
		assertThat(sent).allSatisfy((buffer) -> assertThat(buffer).isIn(body, spare));
		body.clear();
		spare.clear();
		LineProtocolChunker second = new LineProtocolChunker(20, sink, body, spare);
		second.appendLines("n v=4 4");
		second.flush();
		assertThat(this.bodies).containsExactly("m v=1 1\nm v=2 2\n", "m v=3 3\n", "n v=4 4\n");
		body.appendLines("x v=1");
		assertThatIllegalArgumentException().isThrownBy(() -> new LineProtocolChunker(20, sink, body, spare))
			.withMessage("The body and the spare must be empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LineProtocolChunker(20, sink, spare, new LineProtocolBuffer(WritePrecision.MS)))
			.withMessage("The body and the spare must be two buffers of the same precision");
	}

	@Test
	void aMalformedLineKeepsNothingOfItsText() {
		LineProtocolChunker chunker = chunker(1024);
		chunker.appendLines("m v=1 1");
		assertThatIllegalArgumentException().isThrownBy(() -> chunker.appendLines("m v=2 2\nno_fields"));
		chunker.flush();
		assertThat(this.bodies).containsExactly("m v=1 1\n");
	}

	@Test
	void everyBodyIsSentFromTheSameBufferSoALongWriteHoldsOneBodysWorthOfMemory() {
		List<LineProtocolBuffer> sent = new ArrayList<>();
		LineProtocolChunker chunker = new LineProtocolChunker(WritePrecision.NS, 40,
				LineProtocolChunker.fullBodyCapacity(40), (body) -> {
					sent.add(body);
					this.bodies.add(new String(body.toByteArray(), StandardCharsets.UTF_8));
				});
		StringBuilder all = new StringBuilder();
		for (int i = 0; i < 25; i++) {
			String line = "m,t=a v=" + i + "i " + i;
			chunker.appendLines(line);
			all.append(line).append('\n');
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> chunker.appendLines("m s=\"" + "x".repeat(40) + "\" 1\nm v=1i 1"));
		chunker.flush();
		assertThat(sent).hasSizeGreaterThan(2).allSatisfy((body) -> assertThat(body).isSameAs(sent.get(0)));
		assertThat(String.join("", this.bodies)).isEqualTo(all + "m v=1i 1\n");
		assertThat(LineProtocolChunker.fullBodyCapacity(8 * 1024 * 1024)).isEqualTo(8 * 1024 * 1024 + 64 * 1024);
	}

}
