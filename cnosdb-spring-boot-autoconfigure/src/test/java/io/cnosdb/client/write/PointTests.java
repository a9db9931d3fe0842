package io.cnosdb.client.write;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Point}: encoding as CnosDB's parser reads it (reference §6.1–6.3) and
 * refusal of whatever cannot be written exactly.
 */
class PointTests {

	@Test
	void everyFieldTypeIsEncodedWithItsSuffix() {
		Point point = Point.measurement("demo")
			.tag("host", "h1")
			.field("d", 1.5)
			.field("i", -3L)
			.unsignedField("u", 7)
			.unsignedField("umax", new BigInteger("18446744073709551615"))
			.field("b", true)
			.field("f", false)
			.field("s", "a,b")
			.time(1700000000L, TimeUnit.SECONDS)
			.build();
		assertThat(encode(point, WritePrecision.NS))
			.isEqualTo("demo,host=h1 b=true,d=1.5,f=false,i=-3i,s=\"a,b\",u=7u,umax=18446744073709551615u "
					+ "1700000000000000000\n");
	}

	@Test
	void doublesAlwaysStartWithADigitAndRoundTrip() {
		assertThat(fieldText(0.5)).isEqualTo("0.5");
		assertThat(fieldText(-0.5)).isEqualTo("-0.5");
		assertThat(fieldText(2.0)).isEqualTo("2");
		assertThat(fieldText(-0.0)).isEqualTo("-0");
		assertThat(fieldText(0.1)).isEqualTo("0.1");
		assertThat(fieldText(1e20)).isEqualTo("1.0e20");
		assertThat(fieldText(1e-7)).isEqualTo("1.0e-7");
		assertThat(fieldText(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e308");
		assertThat(fieldText(Double.MIN_VALUE)).isEqualTo("4.9e-324");
		for (double value : new double[] { 0.5, 1e20, 1e-7, Double.MAX_VALUE, Double.MIN_VALUE, 9007199254740993.0 }) {
			assertThat(Double.parseDouble(fieldText(value))).isEqualTo(value);
		}
	}

	@Test
	void longsCoverTheirWholeRange() {
		Point point = Point.measurement("m")
			.field("min", Long.MIN_VALUE)
			.field("max", Long.MAX_VALUE)
			.field("zero", 0L)
			.build();
		assertThat(encode(point, WritePrecision.NS))
			.isEqualTo("m max=9223372036854775807i,min=-9223372036854775808i,zero=0i\n");
	}

	@Test
	void escapesFollowThePositionAsInTheParserUnitTest() {
		// Reference §6.2: the body "comma\,1,equals\==e\,x,two=val2
		// field\=x="fir\"\n,st\\"
		// parses to measurement "comma,1", tags equals= -> e,x and two -> val2, field
		// field=x -> fir"<LF>,st\
		Point point = Point.measurement("comma,1")
			.tag("equals=", "e,x")
			.tag("two", "val2")
			.field("field=x", "fir\"\n,st\\")
			.time(1602841605822791506L, TimeUnit.NANOSECONDS)
			.build();
		assertThat(encode(point, WritePrecision.NS))
			.isEqualTo("comma\\,1,equals\\==e\\,x,two=val2 field\\=x=\"fir\\\"\n,st\\\\\" 1602841605822791506\n");
	}

	@Test
	void measurementEscapesCommaAndSpaceButNotEquals() {
		Point point = Point.measurement("my meas,y").tag("t k", "v v").field("f k", 1L).build();
		assertThat(encode(point, WritePrecision.NS)).isEqualTo("my\\ meas\\,y,t\\ k=v\\ v f\\ k=1i\n");
		assertThat(encode(Point.measurement("a=b").field("f", 1L).build(), WritePrecision.NS)).isEqualTo("a=b f=1i\n");
	}

	@Test
	void measurementWithEqualsAndASpaceOrCommaIsRefusedBecause243CannotParseIt() {
		// 2.4.3 refuses "a\ b=c" (invalid line protocol syntax) and "a\ b\=c" (unexpect
		// token '='); 2.4.2 stores "a b=c" from the first and "a b\=c" from the second.
		for (String name : new String[] { "a b=c", "a,b=c", "a=b c", "a=b,c" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement(name))
				.withMessageStartingWith("measurement \"" + name + "\" must not contain '=' together with a space "
						+ "or a comma: CnosDB 2.4.3 and later refuse such a line");
		}
	}

	@Test
	void measurementStartingWithSpaceOrCommaIsRefusedBecause243MisreadsIt() {
		// 2.4.3 takes the escaped first character for the end of the measurement: "\ a"
		// fails, "\,a" becomes table "\".
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement(" a"))
			.withMessageStartingWith("measurement \" a\" must not start with a space: CnosDB 2.4.3");
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement(",a"))
			.withMessageStartingWith("measurement \",a\" must not start with a comma: CnosDB 2.4.3");
		assertThat(encode(Point.measurement("a ").field("f", 1L).build(), WritePrecision.NS)).isEqualTo("a\\  f=1i\n");
	}

	@Test
	void fieldKeyStartingWithSpaceCommaOrEqualsIsRefusedBecause243MisreadsItWhenFirst() {
		for (String key : new String[] { " a", ",a", "=a" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").field(key, 1L))
				.withMessageStartingWith("Point 'm': field key \"" + key + "\" must not start with ");
		}
		// Tag keys and tag values may start with them, and field keys may hold them.
		Point point = Point.measurement("m").tag(" a", ",b").tag("=c", " d").field("x =,y", 1L).build();
		assertThat(encode(point, WritePrecision.NS)).isEqualTo("m,\\ a=\\,b,\\=c=\\ d x\\ \\=\\,y=1i\n");
	}

	@Test
	void namesFollowTheSqlNamingRuleSoThatSqlCanAddressThem() {
		// 2.4.2 accepts the write of "a/b" but SQL never finds the table; 2.4.3 refuses
		// '/' in CREATE TABLE. The rule is CnosSql.checkNewName's, as in admin().
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("a/b"))
			.withMessage("measurement name 'a/b' must not contain '/' (CnosDB refuses it in names)");
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").tag("  ", "v"))
			.withMessage("Point 'm': tag key name must not be empty or only spaces");
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").field("\u00A0", 1L))
			.withMessage("Point 'm': field key name must not be empty or only spaces");
		// Columns may hold '/': SQL addresses them.
		assertThat(encode(Point.measurement("m").tag("t/k", "a/b").field("f/k", 1L).build(), WritePrecision.NS))
			.isEqualTo("m,t/k=a/b f/k=1i\n");
	}

	@Test
	void backslashBeforeAQuoteInAStringValueIsRefusedBecause242CannotParseIt() {
		// 2.4.2 answers 040004 "invalid field value" for s="x\\\"y" and fails the
		// request.
		for (String value : new String[] { "\\\"", "x\\\"y", "\\\\\"" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").field("s", value))
				.withMessageContaining("has a backslash directly before a double quote");
		}
		Point point = Point.measurement("m").field("s", "\"\\ \\a\\").build();
		assertThat(encode(point, WritePrecision.NS)).isEqualTo("m s=\"\\\"\\\\ \\\\a\\\\\"\n");
	}

	@Test
	void quotesAreLiteralInNamesAndEscapedOnlyInStringValues() {
		Point point = Point.measurement("m\"'").tag("t", "it's \"x\"").field("s", "it's \"x\"").build();
		assertThat(encode(point, WritePrecision.NS)).isEqualTo("m\"',t=it's\\ \"x\" s=\"it's \\\"x\\\"\"\n");
	}

	@Test
	void stringValuesKeepRawNewlinesAndNonAsciiText() {
		Point point = Point.measurement("m").tag("city", "北京").field("s", "白\n🌧 \r\t").build();
		assertThat(encode(point, WritePrecision.NS)).isEqualTo("m,city=北京 s=\"白\n🌧 \r\t\"\n");
		assertThat(point.toLineProtocol()).isEqualTo("m,city=北京 s=\"白\n🌧 \r\t\"");
	}

	@Test
	void emptyStringValueIsWritten() {
		assertThat(encode(Point.measurement("m").field("s", "").build(), WritePrecision.NS)).isEqualTo("m s=\"\"\n");
	}

	@Test
	void timestampIsWrittenInTheRequestPrecision() {
		Point point = Point.measurement("m").field("v", 1L).time(Instant.parse("2023-11-14T22:13:20.123Z")).build();
		assertThat(encode(point, WritePrecision.NS)).isEqualTo("m v=1i 1700000000123000000\n");
		assertThat(encode(point, WritePrecision.US)).isEqualTo("m v=1i 1700000000123000\n");
		assertThat(encode(point, WritePrecision.MS)).isEqualTo("m v=1i 1700000000123\n");
	}

	@Test
	void secondsAndCoarserUnitsAreConvertedOnTheClient() {
		Point point = Point.measurement("m").field("v", 1L).time(19675, TimeUnit.DAYS).build();
		assertThat(point.getTime()).isEqualTo(Instant.parse("2023-11-14T00:00:00Z"));
		assertThat(encode(point, WritePrecision.MS)).isEqualTo("m v=1i 1699920000000\n");
	}

	@Test
	void timestampBelowTheRequestPrecisionIsRefusedNotTruncated() {
		Point point = Point.measurement("m").field("v", 1L).time(Instant.parse("2023-11-14T22:13:20.123456Z")).build();
		LineProtocolBuffer buffer = new LineProtocolBuffer(WritePrecision.MS);
		assertThatIllegalArgumentException().isThrownBy(() -> buffer.append(point))
			.withMessage("Point 'm' at 2023-11-14T22:13:20.123456Z cannot be written with precision ms: "
					+ "timestamp 1700000000123456000ns has digits below milliseconds and would be truncated; "
					+ "write it with a finer precision");
		assertThat(buffer.isEmpty()).isTrue();
		assertThat(buffer.size()).isZero();
	}

	@Test
	void pointWithoutTimestampIsRefusedUnderMillisecondsAndMicroseconds() {
		Point point = Point.measurement("m").field("v", 1L).build();
		assertThat(encode(point, WritePrecision.NS)).isEqualTo("m v=1i\n");
		assertThatIllegalArgumentException().isThrownBy(() -> new LineProtocolBuffer(WritePrecision.US).append(point))
			.withMessage("Point 'm' has no timestamp; CnosDB stamps such lines in nanoseconds and overflows under "
					+ "precision us: give it a timestamp or write it with precision ns");
	}

	@Test
	void timestampOutsideTheNanosecondRangeIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Point.measurement("m").time(Instant.parse("2262-04-12T00:00:00Z")))
			.withMessageStartingWith("Point 'm': timestamp 2262-04-12T00:00:00Z is outside 1677-09-21");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Point.measurement("m").time(Long.MAX_VALUE / 1000, TimeUnit.SECONDS))
			.withMessageContaining("is outside");
	}

	@Test
	void pointWithoutFieldIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").tag("t", "v").build())
			.withMessage("Point 'm': point has no field: CnosDB needs at least one, "
					+ "and a line without fields would swallow the line after it");
	}

	@Test
	void nanAndInfinitiesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").field("v", Double.NaN))
			.withMessage(
					"Point 'm': field 'v' is NaN: CnosDB's line protocol cannot carry NaN or infinite values exactly");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Point.measurement("m").field("v", Double.NEGATIVE_INFINITY))
			.withMessageContaining("field 'v' is -Infinity");
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").field("v", (Object) Float.NaN))
			.withMessageContaining("field 'v' is NaN");
	}

	@Test
	void emptyNamesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement(""))
			.withMessage("measurement must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").tag("", "v"))
			.withMessage("Point 'm': tag key must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").tag("t", ""))
			.withMessage("Point 'm': tag 't' value must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").field("", 1L))
			.withMessage("Point 'm': field key must not be empty");
	}

	@Test
	void backslashesInNamesAndTagsAreRefusedBecauseTheyDoNotRoundTrip() {
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("a\\b"))
			.withMessage("measurement \"a\\b\" contains a backslash at index 1: CnosDB keeps or rejects backslashes "
					+ "in names and tags, so it cannot be written exactly");
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").tag("k\\", "v"))
			.withMessageStartingWith("Point 'm': tag key \"k\\\" contains a backslash at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").tag("k", "C:\\temp"))
			.withMessageStartingWith("Point 'm': tag 'k' value \"C:\\temp\" contains a backslash at index 2");
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").field("f\\x", 1L))
			.withMessageStartingWith("Point 'm': field key \"f\\x\" contains a backslash at index 1");
	}

	@Test
	void newlinesAndOtherControlCharactersInNamesAndTagsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").tag("k", "two\nlines"))
			.withMessage("Point 'm': tag 'k' value \"two\\nlines\" contains the control character U+000A at index 3: "
					+ "CnosDB's line protocol has no escape for it outside string field values");
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("a\tb"))
			.withMessageContaining("control character U+0009 at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").field("f\r", 1L))
			.withMessageContaining("control character U+000D");
	}

	@Test
	void measurementStartingWithHashIsRefusedBecauseItReadsAsAComment() {
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("#m"))
			.withMessage(
					"measurement \"#m\" must not start with '#': CnosDB reads such a line as a comment and drops it");
		assertThat(encode(Point.measurement("m#").field("v", 1L).build(), WritePrecision.NS)).isEqualTo("m# v=1i\n");
	}

	@Test
	void unpairedSurrogatesAreRefusedEvenInStringValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").field("s", "a\uD800b"))
			.withMessage("Point 'm': field 's' \"a\\uD800b\" contains an unpaired surrogate at index 1 "
					+ "and cannot be sent as UTF-8");
	}

	@Test
	void keyUsedAsTagAndFieldIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Point.measurement("m").tag("x", "a").field("x", 1L).build())
			.withMessage("Point 'm': key 'x' is used both as a tag and as a field; a column is one or the other");
	}

	@Test
	void timeIsNotAValidTagOrFieldKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").field("time", 1L))
			.withMessage("Point 'm': field key 'time' is the name of CnosDB's timestamp column; "
					+ "set the timestamp with time(…)");
	}

	@Test
	void unsignedValuesOutsideTheirRangeAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").unsignedField("u", -1))
			.withMessageContaining("field 'u' is -1: an unsigned field cannot be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Point.measurement("m").unsignedField("u", BigInteger.ONE.shiftLeft(64)))
			.withMessageContaining("an unsigned field holds 0 to 18446744073709551615");
	}

	@Test
	void genericFieldTakesItsTypeFromTheValue() {
		Point point = Point.measurement("m")
			.fields(Map.of("d", 1.25f, "i", 7, "s", new StringBuilder("x"), "b", Boolean.TRUE, "u", BigInteger.TEN))
			.build();
		assertThat(encode(point, WritePrecision.NS)).isEqualTo("m b=true,d=1.25,i=7i,s=\"x\",u=10u\n");
		assertThat(point.getFields()).containsExactly(Map.entry("b", true), Map.entry("d", 1.25), Map.entry("i", 7L),
				Map.entry("s", "x"), Map.entry("u", BigInteger.TEN));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Point.measurement("m").field("x", (Object) new java.util.Date(0)))
			.withMessageContaining("field 'x' has type java.util.Date, which has no line-protocol type");
	}

	@Test
	void nullTagOrFieldMeansNone() {
		Point point = Point.measurement("m")
			.tag("t", "a")
			.tag("t", null)
			.field("s", "x")
			.field("s", (String) null)
			.field("v", 1L)
			.build();
		assertThat(point.getTags()).isEmpty();
		assertThat(point.getFields()).containsOnlyKeys("v");
	}

	@Test
	void pointsWithTheSameContentAreEqual() {
		Point one = Point.measurement("m")
			.tag("a", "1")
			.tag("b", "2")
			.field("v", 1.0)
			.time(1, TimeUnit.SECONDS)
			.build();
		Point two = Point.measurement("m")
			.tag("b", "2")
			.tag("a", "1")
			.field("v", 1.0)
			.time(1000, TimeUnit.MILLISECONDS)
			.build();
		assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
		assertThat(one).isNotEqualTo(Point.measurement("m").tag("a", "1").tag("b", "2").field("v", 1L).build());
		assertThat(one.getTags()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
		assertThat(one).hasToString("m,a=1,b=2 v=1 1000000000");
	}

	@Test
	void builderCanBeReusedWithoutChangingThePointsItBuilt() {
		Point.Builder builder = Point.measurement("m").tag("b", "2").field("v", 1L).field("s", "x");
		Point first = builder.build();
		Point again = builder.build();
		builder.tag("a", "1").tag("b", null).field("v", 2.5).field("s", (String) null).field("t", "y");
		Point second = builder.build();
		builder.field("w", true);
		assertThat(first).hasToString("m,b=2 s=\"x\",v=1i").isEqualTo(again);
		assertThat(second).hasToString("m,a=1 t=\"y\",v=2.5");
		assertThat(builder.build()).hasToString("m,a=1 t=\"y\",v=2.5,w=true");
	}

	@Test
	void manyTagsAndFieldsAreSortedByKeyAndTheLastValueOfAKeyWins() {
		Point.Builder builder = Point.measurement("m");
		for (int i = 99; i >= 0; i--) {
			builder.tag("t" + (i % 50), "v" + i).field("f" + (i % 60), (long) i);
		}
		Point point = builder.field("f7", "seven").build();
		assertThat(point.getTags()).hasSize(50).containsEntry("t0", "v0").containsEntry("t49", "v49");
		assertThat(List.copyOf(point.getTags().keySet())).isSorted();
		assertThat(point.getFields()).hasSize(60).containsEntry("f7", "seven").containsEntry("f59", 59L);
		assertThat(List.copyOf(point.getFields().keySet())).isSorted();
	}

	@Test
	void namesAndTagValuesSeenBeforeAreWrittenAsTheFirstTime() {
		// checked names and tag values are kept with their bytes and reused: the first,
		// second and third point (value uncached, seen once, cached) are written alike
		String longKey = "k".repeat(200);
		String expected = "m\\ 1,host\\=x=v\\,1\\ é," + longKey + "=é中😀 a\\,long\\ field\\=key=1.25," + "b=\"s\" 7\n";
		Point first = null;
		for (int i = 0; i < 3; i++) {
			Point point = Point.measurement("m 1")
				.tag("host=x", "v,1 é")
				.tag(longKey, "é中😀")
				.field("b", "s")
				.field("a,long field=key", 1.25)
				.time(7, TimeUnit.NANOSECONDS)
				.build();
			assertThat(encode(point, WritePrecision.NS)).isEqualTo(expected);
			first = (first != null) ? first : point;
			assertThat(point).isEqualTo(first).hasSameHashCodeAs(first);
			assertThat(point.getTags()).isEqualTo(Map.of("host=x", "v,1 é", longKey, "é中😀"));
		}
		// equal text in another String is the same name
		Point copy = Point.measurement(new String("m 1"))
			.tag(new String("host=x"), new String("v,1 é"))
			.tag(new String(longKey), new String("é中😀"))
			.field(new String("b"), new String("s"))
			.field(new String("a,long field=key"), 1.25)
			.time(7, TimeUnit.NANOSECONDS)
			.build();
		assertThat(copy).isEqualTo(first).hasSameHashCodeAs(first);
		assertThat(encode(copy, WritePrecision.NS)).isEqualTo(expected);
	}

	@Test
	void aNameCheckedForOnePlaceIsCheckedAgainForAnother() {
		Point.measurement("m").tag("#x", "v").tag("=k", "v").field("f", 1L).build();
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("#x"))
			.withMessageContaining("must not start with '#'");
		assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").field("=k", 1L))
			.withMessage("Point 'm': field key \"=k\" must not start with '=': CnosDB 2.4.3 and later keep the "
					+ "backslash that escapes it, or refuse the line, when it is the first field of a line");
		for (int i = 0; i < 2; i++) {
			assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").tag("time", "v"))
				.withMessageContaining("'time' is the name of CnosDB's timestamp column");
			assertThatIllegalArgumentException().isThrownBy(() -> Point.measurement("m").tag("k", "a\\b"))
				.withMessageContaining("contains a backslash at index 1");
		}
	}

	@Test
	void pointsBuiltOnManyThreadsWithManyNamesAreWrittenExactly() throws InterruptedException {
		// more names than the cache has slots, from several threads at once
		List<Thread> threads = new java.util.ArrayList<>();
		java.util.Queue<String> wrong = new java.util.concurrent.ConcurrentLinkedQueue<>();
		for (int t = 0; t < 4; t++) {
			int seed = t;
			threads.add(new Thread(() -> {
				for (int i = 0; i < 20_000; i++) {
					int n = (i * 31 + seed * 7) % 5000;
					Point point = Point.measurement("m" + n % 3)
						.tag("tag " + n, "value " + n)
						.field("field" + n, n)
						.field("z", n % 2 == 0)
						.time(n, TimeUnit.NANOSECONDS)
						.build();
					String expected = "m" + n % 3 + ",tag\\ " + n + "=value\\ " + n + " field" + n + "=" + n + "i,z="
							+ (n % 2 == 0) + " " + n + "\n";
					String line = encode(point, WritePrecision.NS);
					if (!line.equals(expected)) {
						wrong.add(line);
					}
				}
			}));
		}
		threads.forEach(Thread::start);
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void numbersOfEveryLengthAreWrittenInFull() {
		long power = 1;
		for (int digits = 1; digits <= 19; digits++) {
			for (long value : new long[] { power, power - 1, power + 1, 2 * power - 1, -power, -(power - 1) }) {
				Point point = Point.measurement("m")
					.field("i", value)
					.unsignedField("u", Math.abs(value))
					.time(value, TimeUnit.NANOSECONDS)
					.build();
				assertThat(encode(point, WritePrecision.NS))
					.isEqualTo("m i=" + value + "i,u=" + Math.abs(value) + "u " + value + "\n");
			}
			power = (digits < 19) ? power * 10 : power;
		}
		assertThat(fieldText(0.001)).isEqualTo("0.001");
		assertThat(fieldText(-0.005)).isEqualTo("-0.005");
		assertThat(fieldText(0.125)).isEqualTo("0.125");
		assertThat(fieldText(1234567.25)).isEqualTo("1234567.25");
		assertThat(fieldText(9999999.5)).isEqualTo("9999999.5");
		assertThat(fieldText(12345.678901234)).isEqualTo("12345.678901234");
		assertThat(fieldText(0.123456789012345)).isEqualTo("0.123456789012345");
	}

	private static String fieldText(double value) {
		String line = encode(Point.measurement("m").field("v", value).build(), WritePrecision.NS);
		return line.substring("m v=".length(), line.length() - 1);
	}

	static String encode(Point point, WritePrecision precision) {
		LineProtocolBuffer buffer = new LineProtocolBuffer(precision, 8);
		buffer.append(point);
		assertThat(buffer.lineCount()).isEqualTo(1);
		return new String(buffer.toByteArray(), StandardCharsets.UTF_8);
	}

}
