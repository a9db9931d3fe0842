package io.cnosdb.client.write;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A fixed, seeded corpus of points (valid and refused) and what building and encoding
 * each gives: the line's bytes under a precision, the getters, or the refusal's message.
 * {@code point-encoding.golden} holds what the encoder before the array-based
 * {@link Point} wrote for it, so that a change of the encoder that alters a byte fails.
 * Only the public API is used, so the corpus runs unchanged against older builds.
 *
 * @author CnosDB Spring Boot contributors
 */
final class EncodingCorpus {

	private static final String[] PIECES = { "a", "host", "Temp_1", "x.y-z", "温度", "🌧x", "é", ",", "=", " ", "\"", "'",
			"#", "/", "\\", "\n", "\t", "\r", "\u0000", "\u00A0", "\u2003", "\uD83C", "time", "", "  ", "中,文", "a=b",
			"\\\"", "\"\\", "\u0085", "\u3000", "\u3001", "\u1680" };

	private static final double[] DOUBLES = { 0.5, -0.5, 1.5, 0.1, 0.2, 0.3, 0.1 + 0.2, 1e-3, 9.99e-4, 1e-4, 0.001,
			0.002, 0.0015, 1e7, 1e7 - 0.5, 9999999.999999998, 1e7 + 0.5, 1e20, 1e21, 1e22, 1e23, -1e23, 1e-7, 1.0e-5,
			Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MAX_VALUE, 0.0, -0.0, 1.0, -1.0, 0x1p53,
			0x1p53 + 2, 0x1p52 + 0.5, -0x1p53, 123456.789, 2.82879384806159e17, 8.41e21, 4.35, 69.5, 53.25, Math.PI,
			Math.E, 1.0 / 3, 2.0 / 3, 100.01, 1234567.125, 0.000123, 3.0e-3, 9.223372036854776e18 };

	private static final long[] LONGS = { 0, 1, -1, 9, 10, 99, 100, 1_000_000_007, Long.MAX_VALUE, Long.MIN_VALUE,
			Long.MIN_VALUE + 1, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L, -1_000_000_000_000_000_000L };

	private static final WritePrecision[] PRECISIONS = WritePrecision.values();

	private EncodingCorpus() {
	}

	/**
	 * Build and encode every point of the corpus.
	 * @return one entry per case, with control characters made visible
	 */
	static List<String> render() {
		List<String> out = new ArrayList<>();
		for (double value : DOUBLES) {
			out.add(outcome(() -> Point.measurement("d").field("v", value).build(), WritePrecision.NS));
		}
		for (long value : LONGS) {
			out.add(outcome(() -> Point.measurement("l").field("v", value).time(value, TimeUnit.NANOSECONDS).build(),
					WritePrecision.NS));
			out.add(outcome(() -> Point.measurement("u").unsignedField("v", value).build(), WritePrecision.NS));
		}
		out.add(outcome(() -> Point.measurement("u")
			.unsignedField("v", BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))
			.build(), WritePrecision.NS));
		SplittableRandom random = new SplittableRandom(20261201);
		for (int i = 0; i < 6000; i++) {
			long seed = random.nextLong();
			WritePrecision precision = PRECISIONS[random.nextInt(PRECISIONS.length)];
			out.add(outcome(() -> randomPoint(new SplittableRandom(seed)), precision));
		}
		return out;
	}

	/**
	 * Return the points of the random part of the corpus that can be built.
	 * @return the points
	 */
	static List<Point> validPoints() {
		List<Point> points = new ArrayList<>();
		SplittableRandom random = new SplittableRandom(20261201);
		for (int i = 0; i < 6000; i++) {
			long seed = random.nextLong();
			random.nextInt(PRECISIONS.length);
			try {
				points.add(randomPoint(new SplittableRandom(seed)));
			}
			catch (IllegalArgumentException ex) {
				// refused: not a point
			}
		}
		return points;
	}

	private static Point randomPoint(SplittableRandom random) {
		Point.Builder builder = Point.measurement(token(random));
		int tags = random.nextInt(4);
		for (int i = 0; i < tags; i++) {
			builder.tag(token(random), random.nextInt(20) == 0 ? null : token(random));
		}
		int fields = 1 + random.nextInt(5);
		for (int i = 0; i < fields; i++) {
			String key = token(random);
			switch (random.nextInt(8)) {
				case 0 -> builder.field(key, DOUBLES[random.nextInt(DOUBLES.length)]);
				case 1 -> builder.field(key, random.nextInt(-100000, 100000) / 100.0);
				case 2 -> builder.field(key, LONGS[random.nextInt(LONGS.length)]);
				case 3 -> builder.unsignedField(key, random.nextLong(0, Long.MAX_VALUE));
				case 4 -> builder.field(key, random.nextBoolean());
				case 5 -> builder.field(key, random.nextInt(20) == 0 ? null : token(random) + token(random));
				case 6 -> builder.field(key, (Object) Integer.valueOf(random.nextInt()));
				default -> builder.field(key, Double.longBitsToDouble(random.nextLong()));
			}
		}
		switch (random.nextInt(4)) {
			case 0 -> builder.time(1_700_000_000_123_456_789L + random.nextInt(1000), TimeUnit.NANOSECONDS);
			case 1 -> builder.time(1_700_000_000_123L + random.nextInt(1000), TimeUnit.MILLISECONDS);
			case 2 -> builder.time(1_700_000_000L, TimeUnit.SECONDS);
			default -> {
			}
		}
		return builder.build();
	}

	private static String token(SplittableRandom random) {
		int pieces = 1 + random.nextInt(3);
		StringBuilder token = new StringBuilder();
		for (int i = 0; i < pieces; i++) {
			// Mostly plain pieces, so that most points are valid
			int index = (random.nextInt(16) == 0) ? random.nextInt(PIECES.length) : random.nextInt(7);
			token.append(PIECES[index]);
		}
		return token.toString();
	}

	private static String outcome(PointSource source, WritePrecision precision) {
		Point point;
		try {
			point = source.get();
		}
		catch (IllegalArgumentException ex) {
			return "refused: " + visible(ex.getMessage());
		}
		String getters = visible(
				point.getMeasurement() + " " + point.getTags() + " " + point.getFields() + " " + point.getTime());
		LineProtocolBuffer buffer = new LineProtocolBuffer(precision);
		try {
			buffer.append(point);
		}
		catch (IllegalArgumentException ex) {
			return getters + " | " + precision.parameter() + " refused: " + visible(ex.getMessage());
		}
		return getters + " | " + precision.parameter() + " "
				+ visible(new String(buffer.toByteArray(), StandardCharsets.UTF_8)) + " | "
				+ visible(point.toLineProtocol());
	}

	private static String visible(String text) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				out.append("\\\\");
			}
			else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c) && !validPair(text, i)) {
				out.append(String.format("\\u%04X", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static boolean validPair(String text, int i) {
		char c = text.charAt(i);
		return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
				: i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
	}

	@FunctionalInterface
	interface PointSource {

		Point get();

	}

}
