package io.cnosdb.client.write;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LineProtocolBuffer}: raw lines copied unchanged after the structural
 * check, and the bookkeeping that lets a body be cut and a server offset be located.
 */
class LineProtocolBufferTests {

	@Test
	void rawLinesAreCopiedUnchangedAndEachEndsWithANewline() {
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.NS, 4);
		String lines = "air,station=XiaoMaiDao visibility=53,temperature=53,pressure=69 1644125400000000000\n"
				+ "test_v1_write_path,ta=a1,tb=b1 fa=1,fb=2";
		assertThat(buffer.appendLines(lines)).isEqualTo(2);
		assertThat(text(buffer)).isEqualTo(lines + "\n");
		assertThat(buffer.line(0)).startsWith("air,");
		assertThat(buffer.line(1)).isEqualTo("test_v1_write_path,ta=a1,tb=b1 fa=1,fb=2");
	}

	@Test
	void doubleSpacesFromTheParserUnitTestAreAccepted() {
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.MS);
		String line = "somename,tag1=val1,tag2=val2  floatfield=1,strfield=\"hello\",intfield=-1i,uintfield=1u,"
				+ "boolfield=true  1602841605822";
		buffer.appendLines(line);
		assertThat(text(buffer)).isEqualTo(line + "\n");
	}

	@Test
	void newlineInsideAQuotedStringValueBelongsToTheLine() {
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.NS);
		String text = "comma\\,1,equals\\==e\\,x,two=val2 field\\=x=\"fir\\\"\n,st\\\\\" 1602841605822791506\nm v=1";
		assertThat(buffer.appendLines(text)).isEqualTo(2);
		assertThat(buffer.line(0))
			.isEqualTo("comma\\,1,equals\\==e\\,x,two=val2 field\\=x=\"fir\\\"\n,st\\\\\" 1602841605822791506");
		assertThat(buffer.line(1)).isEqualTo("m v=1");
	}

	@Test
	void blankLinesCommentsAndCarriageReturnsAreDropped() {
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.NS);
		assertThat(buffer.appendLines("\n  # a comment\r\nm v=1 1\r\n\r\n\tm v=2 2\r\n")).isEqualTo(2);
		assertThat(text(buffer)).isEqualTo("m v=1 1\nm v=2 2\n");
	}

	@Test
	void lineWithoutFieldSetIsRefusedBecauseItWouldSwallowTheNextLine() {
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.NS);
		buffer.appendLines("ok v=1\n");
		assertThatIllegalArgumentException().isThrownBy(() -> buffer.appendLines("m v=1\nm,t=a\nm v=2"))
			.withMessage("Line 2 has no field set (CnosDB would read the next line into it): \"m,t=a\"");
		assertThatIllegalArgumentException().isThrownBy(() -> buffer.appendLines("cpu"))
			.withMessage("Line 1 has no field set (CnosDB would read the next line into it): \"cpu\"");
		assertThatIllegalArgumentException().isThrownBy(() -> buffer.appendLines("cpu,host=a value\nm v=1"))
			.withMessage("Line 1 has a key without '=' and value (CnosDB would read the next line into it): "
					+ "\"cpu,host=a value\"");
		assertThat(text(buffer)).as("unchanged after a refused text").isEqualTo("ok v=1\n");
		assertThat(buffer.lineCount()).isEqualTo(1);
	}

	@Test
	void lineWithoutTimestampIsRefusedUnderMillisecondsOnly() {
		LineProtocolBuffer ns = new LineProtocolBuffer(WritePrecision.NS);
		ns.appendLines("m v=1");
		assertThat(text(ns)).isEqualTo("m v=1\n");
		LineProtocolBuffer ms = new LineProtocolBuffer(WritePrecision.MS);
		assertThatIllegalArgumentException().isThrownBy(() -> ms.appendLines("m v=1 1700000000000\nm s=\"a b\"  "))
			.withMessage("Line 2 has no timestamp; CnosDB stamps such lines in nanoseconds and overflows under "
					+ "precision ms: \"m s=\"a b\"  \"");
	}

	@Test
	void unterminatedStringAndTrailingBackslashAreRefused() {
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.NS);
		assertThatIllegalArgumentException().isThrownBy(() -> buffer.appendLines("m s=\"open\nm v=1"))
			.withMessage("Line 1 has a string value without its closing quote: \"m s=\"open\\nm v=1\"");
		assertThatIllegalArgumentException().isThrownBy(() -> buffer.appendLines("m\\"))
			.withMessage("Line 1 ends with a backslash, which escapes nothing: \"m\\\"");
	}

	@Test
	void unpairedSurrogateInRawTextIsRefused() {
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.NS);
		assertThatIllegalArgumentException().isThrownBy(() -> buffer.appendLines("m s=\"\uDC00\""))
			.withMessage(
					"Line 1 contains an unpaired surrogate at index 5, which has no UTF-8 form: \"m s=\"\\uDC00\"\"");
	}

	@Test
	void nonAsciiTextIsEncodedAsUtf8() {
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.NS);
		buffer.appendLines("m,t1=中,t2=发,t3=majh f=\"白\"");
		assertThat(buffer.toByteArray()).isEqualTo("m,t1=中,t2=发,t3=majh f=\"白\"\n".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void byteOffsetsMapBackToLines() {
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.NS);
		buffer.appendLines("a v=1\nbb v=2\nccc v=3");
		assertThat(buffer.lineIndexAt(0)).isZero();
		assertThat(buffer.lineIndexAt(5)).isZero();
		assertThat(buffer.lineIndexAt(6)).isEqualTo(1);
		assertThat(buffer.lineIndexAt(13)).isEqualTo(2);
		assertThat(buffer.lineIndexAt(buffer.size())).isEqualTo(-1);
		assertThat(buffer.lineIndexAt(-1)).isEqualTo(-1);
	}

	@Test
	void bodyIsCutAtLineBoundaries() {
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.NS);
		buffer.appendLines("a v=1\nbb v=2\nccc v=3");
		assertThat(buffer.fittingLines(100)).isEqualTo(3);
		assertThat(buffer.fittingLines(13)).isEqualTo(2);
		assertThat(buffer.fittingLines(12)).isEqualTo(1);
		assertThat(buffer.fittingLines(5)).isZero();
		LineProtocolBuffer rest = new LineProtocolBuffer(WritePrecision.NS);
		rest.appendLines("z v=0");
		buffer.moveLinesTo(1, rest);
		assertThat(text(buffer)).isEqualTo("a v=1\n");
		assertThat(text(rest)).isEqualTo("z v=0\nbb v=2\nccc v=3\n");
		assertThat(rest.lineCount()).isEqualTo(3);
		assertThat(rest.line(2)).isEqualTo("ccc v=3");
		assertThat(rest.lineIndexAt(13)).isEqualTo(2);
		buffer.append(Point.measurement("d").field("v", 4L).build());
		assertThat(text(buffer)).isEqualTo("a v=1\nd v=4i\n");
	}

	private static String text(LineProtocolBuffer buffer) {
		return new String(buffer.toByteArray(), StandardCharsets.UTF_8);
	}

}
