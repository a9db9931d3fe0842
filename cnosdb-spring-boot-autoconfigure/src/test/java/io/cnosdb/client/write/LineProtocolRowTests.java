package io.cnosdb.client.write;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link LineProtocolBuffer#row(String)}: the same bytes as a {@link Point}
 * given in key order, the same checks, and a refused or unfinished row that never reaches
 * the buffer's lines.
 */
class LineProtocolRowTests {

	@Test
	void rowGivesTheBytesOfThePointWithTheSameTagsAndFieldsInKeyOrder() {
		List<Point> points = EncodingCorpus.validPoints();
		assertThat(points).hasSizeGreaterThan(3000);
		LineProtocolBuffer fromPoints = new LineProtocolBuffer(WritePrecision.NS);
		LineProtocolBuffer fromRows = new LineProtocolBuffer(WritePrecision.NS);
		int written = 0;
		for (Point point : points) {
			if (point.getFields().values().stream().anyMatch(BigInteger.class::isInstance)) {
				continue;
			}
			fromPoints.append(point);
			LineProtocolBuffer.Row row = fromRows.row(point.getMeasurement());
			point.getTags().forEach(row::tag);
			for (Map.Entry<String, Object> field : point.getFields().entrySet()) {
				Object value = field.getValue();
				if (value instanceof Double number) {
					row.field(field.getKey(), number.doubleValue());
				}
				else if (value instanceof Long number) {
					row.field(field.getKey(), number.longValue());
				}
				else if (value instanceof Boolean bool) {
					row.field(field.getKey(), bool.booleanValue());
				}
				else {
					row.field(field.getKey(), (String) value);
				}
			}
			Instant time = point.getTime();
			if (time != null) {
				row.at(time);
			}
			else {
				row.atNow();
			}
			written++;
		}
		assertThat(written).isGreaterThan(2500);
		assertThat(fromRows.lineCount()).isEqualTo(written);
		assertThat(text(fromRows)).isEqualTo(text(fromPoints));
		assertThat(fromRows.line(written - 1)).isEqualTo(fromPoints.line(written - 1));
	}

	@Test
	void everyValueTypeAndEscapeIsWrittenAsByAPoint() {
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.MS);
		buffer.row("my meas,x")
			.tag("t k", "v=1,2")
			.tag("中", "🌧")
			.field("b", true)
			.field("d", 0.25)
			.field("i", -3L)
			.field("s", "say \"hi\"\n\\")
			.unsignedField("u", Long.MAX_VALUE)
			.field("z", (String) null)
			.at(1_700_000_000_123L, TimeUnit.MILLISECONDS);
		buffer.row("m").tag("skipped", null).field("f", 1.5).at(1_700_000_000L, TimeUnit.SECONDS);
		buffer.row("m").field("f", 2.0).at(Instant.ofEpochMilli(7));
		assertThat(text(buffer)).isEqualTo("my\\ meas\\,x,t\\ k=v\\=1\\,2,中=🌧 b=true,d=0.25,i=-3i,"
				+ "s=\"say \\\"hi\\\"\n\\\\\",u=9223372036854775807u 1700000000123\n" + "m f=1.5 1700000000000\n"
				+ "m f=2 7\n");
		assertThat(buffer.lineCount()).isEqualTo(3);
	}

	@Test
	void refusedCallNamesTheValueAndLeavesTheBufferAsBeforeTheRow() {
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.MS);
		buffer.row("ok").field("v", 1L).at(1, TimeUnit.MILLISECONDS);
		String before = text(buffer);
		assertRefused(buffer, (b) -> b.row("#m"), "measurement \"#m\" must not start with '#'");
		assertRefused(buffer, (b) -> b.row("m").tag("k\\", "v"),
				"Row 'm': tag key \"k\\\" contains a backslash at index 1");
		assertRefused(buffer, (b) -> b.row("m").tag("k", "v\n"),
				"Row 'm': tag 'k' value \"v\\n\" contains the control character U+000A at index 1");
		assertRefused(buffer, (b) -> b.row("m").tag("k", "v").field("d", Double.NaN),
				"Row 'm': field 'd' is NaN: CnosDB's line protocol cannot carry NaN or infinite values exactly");
		assertRefused(buffer, (b) -> b.row("m").field(" d", 1.0),
				"Row 'm': field key \" d\" must not start with a space");
		assertRefused(buffer, (b) -> b.row("m").field("s", "a\\\"b"),
				"Row 'm': field 's' \"a\\\"b\" has a backslash directly before a double quote at index 1");
		assertRefused(buffer, (b) -> b.row("m").unsignedField("u", -1),
				"Row 'm': field 'u' is -1: an unsigned field cannot be negative");
		assertRefused(buffer, (b) -> b.row("m").tag("time", "x"),
				"Row 'm': tag key 'time' is the name of CnosDB's timestamp column");
		assertRefused(buffer, (b) -> b.row("m").tag("k", "v").field("k", 1L),
				"Row 'm': key 'k' is already in this row; a line holds each column once");
		assertRefused(buffer, (b) -> b.row("m").field("f", 1L).field("f", 2L),
				"Row 'm': key 'f' is already in this row");
		assertRefused(buffer, (b) -> b.row("m").tag("k", "v").at(1, TimeUnit.MILLISECONDS),
				"Row 'm': row has no field: CnosDB needs at least one");
		assertRefused(buffer, (b) -> b.row("m").field("f", 1L).at(1, TimeUnit.MICROSECONDS),
				"Row 'm' at 1970-01-01T00:00:00.000001Z cannot be written with precision ms: timestamp 1000ns has "
						+ "digits below milliseconds");
		assertRefused(buffer, (b) -> b.row("m").field("f", 1L).at(Long.MAX_VALUE, TimeUnit.SECONDS),
				"Row 'm': timestamp 9223372036854775807 seconds is outside 1677-09-21T00:12:43.145224192Z");
		assertRefused(buffer, (b) -> b.row("m").field("f", 1L).atNow(),
				"Row 'm' has no timestamp; CnosDB stamps such lines in nanoseconds and overflows under precision ms");
		assertThatIllegalStateException().isThrownBy(() -> buffer.row("m").field("f", 1L).tag("t", "v"))
			.withMessage("Row 'm': tag 't' comes after a field: a line has its tags before its fields");
		assertThat(buffer.hasUnfinishedRow()).isFalse();
		assertThat(text(buffer)).isEqualTo(before);
		buffer.row("m").tag("k", "v").field("k2", 2L).at(2, TimeUnit.MILLISECONDS);
		assertThat(text(buffer)).isEqualTo(before + "m,k=v k2=2i 2\n");
	}

	@Test
	void unfinishedRowIsNeitherReadNorSentNorCounted() {
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.NS);
		buffer.row("a").field("v", 1L).atNow();
		int size = buffer.size();
		LineProtocolBuffer.Row row = buffer.row("b").tag("t", "x").field("v", 2L);
		assertThat(buffer.hasUnfinishedRow()).isTrue();
		assertThat(buffer.lineCount()).isEqualTo(1);
		assertThat(buffer.size()).isEqualTo(size);
		String unfinished = "The row of measurement 'b' is unfinished: end it with at(…) or atNow(), or cancel it, "
				+ "before the buffer is read, sent or appended to";
		assertThatIllegalStateException().isThrownBy(buffer::toByteArray).withMessage(unfinished);
		assertThatIllegalStateException().isThrownBy(() -> buffer.writeTo(java.io.OutputStream.nullOutputStream()))
			.withMessage(unfinished);
		assertThatIllegalStateException().isThrownBy(() -> buffer.append(Point.measurement("c").field("v", 1L).build()))
			.withMessage(unfinished);
		assertThatIllegalStateException().isThrownBy(() -> buffer.appendLines("c v=1")).withMessage(unfinished);
		assertThatIllegalStateException().isThrownBy(() -> buffer.row("c")).withMessage(unfinished);
		assertThatIllegalStateException()
			.isThrownBy(() -> buffer.moveLinesTo(0, new LineProtocolBuffer(WritePrecision.NS)))
			.withMessage(unfinished);
		row.cancel();
		assertThat(buffer.hasUnfinishedRow()).isFalse();
		assertThat(text(buffer)).isEqualTo("a v=1i\n");
		assertThatIllegalStateException().isThrownBy(() -> row.field("w", 3L))
			.withMessage("No row is started: call row(measurement) first");
		assertThatIllegalStateException().isThrownBy(row::atNow);
		buffer.row("b").field("v", 2L).atNow();
		buffer.row("c").field("v", 3L);
		buffer.clear();
		assertThat(buffer.hasUnfinishedRow()).isFalse();
		assertThat(buffer.toByteArray()).isEmpty();
	}

	@Test
	void rowsAndPointsMixAndTheLinesAreKept() {
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.NS, 4);
		for (int i = 0; i < 100; i++) {
			buffer.row("r").tag("host", "h" + (i % 3)).field("v", i * 0.5).at(i, TimeUnit.NANOSECONDS);
			buffer.append(Point.measurement("p").field("v", (long) i).build());
		}
		assertThat(buffer.lineCount()).isEqualTo(200);
		assertThat(buffer.line(2)).isEqualTo("r,host=h1 v=0.5 1");
		assertThat(buffer.line(3)).isEqualTo("p v=1i");
		assertThat(buffer.lineIndexAt(buffer.size() - 1)).isEqualTo(199);
	}

	private static void assertRefused(LineProtocolBuffer buffer, Consumer<LineProtocolBuffer> row, String message) {
		String before = text(buffer);
		int lines = buffer.lineCount();
		assertThatIllegalArgumentException().isThrownBy(() -> row.accept(buffer)).withMessageStartingWith(message);
		assertThat(buffer.hasUnfinishedRow()).isFalse();
		assertThat(buffer.lineCount()).isEqualTo(lines);
		assertThat(text(buffer)).isEqualTo(before);
	}

	@Test
	void keysCheckedInTheLastRowAreStillCheckedForDuplicatesAfterAnotherPrefix() {
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.NS);
		String a = "a";
		String b = "k";
		String sameAsB = new String("k".toCharArray());
		buffer.row("m").tag(a, "1").field(b, 1L).at(1, TimeUnit.NANOSECONDS);
		// The same keys again: taken without checking them again.
		buffer.row("m").tag(a, "2").field(b, 2L).at(2, TimeUnit.NANOSECONDS);
		// Another key first, then dropped.
		buffer.row("m").tag(sameAsB, "3").cancel();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> buffer.row("m").tag(sameAsB, "4").field(b, 4L).at(4, TimeUnit.NANOSECONDS))
			.withMessage("Row 'm': key 'k' is already in this row; a line holds each column once");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> buffer.row("m").tag(a, "5").field(a, 5L).at(5, TimeUnit.NANOSECONDS))
			.withMessage("Row 'm': key 'a' is already in this row; a line holds each column once");
		// A tag key checked before is checked again as a field key.
		assertThatIllegalArgumentException().isThrownBy(() -> buffer.row("m").field("time", 6L))
			.withMessageContaining("'time' is the name of CnosDB's timestamp column");
		buffer.row("m").tag(a, "7").field(b, 7L).at(7, TimeUnit.NANOSECONDS);
		assertThat(text(buffer)).isEqualTo("m,a=1 k=1i 1\nm,a=2 k=2i 2\nm,a=7 k=7i 7\n");
	}

	private static String text(LineProtocolBuffer buffer) {
		return new String(buffer.toByteArray(), StandardCharsets.UTF_8);
	}

}
