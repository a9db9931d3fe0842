package io.cnosdb.client.write;

import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.cnosdb.client.write.LineProtocolRules.Checked;

import org.jspecify.annotations.Nullable;

/**
 * One row to write to CnosDB: a measurement (the table), tags, typed fields and an
 * optional timestamp. Build one with {@link #measurement(String)}:
 *
 * <pre class="code">
 * Point point = Point.measurement("air")
 *     .tag("station", "XiaoMaiDao")
 *     .field("temperature", 69.5)
 *     .field("visibility", 53L)
 *     .time(Instant.now())
 *     .build();
 * </pre>
 *
 * A point is checked when it is built, against what every CnosDB release's line-protocol
 * parser (the one before 2.4.3 and the one from 2.4.3 on) reads back unchanged, and
 * against the naming rule of SQL, so that what a write creates can be addressed by SQL
 * and by the admin API afterwards. Refused, with an {@link IllegalArgumentException} that
 * names the problem, are: a point with no field; a {@code NaN} or infinite value; a
 * measurement or key that is empty or blank, or a measurement with a {@code /} (the rule
 * of {@link io.cnosdb.client.sql.CnosSql#checkNewName(String, String)} and
 * {@link io.cnosdb.client.sql.CnosSql#checkName(String, String)}); a backslash or a
 * control character in a measurement, key or tag value; a measurement that starts with
 * {@code #}, a space or a comma, or holds {@code =} together with a space or a comma; a
 * field key that starts with a space, a comma or {@code =}; and a string value with a
 * backslash directly before a double quote. Nothing is altered on the way to the server.
 * <p>
 * Points are immutable and thread-safe. Tags and fields are kept sorted by key; the
 * timestamp is kept in nanoseconds since the epoch, which covers 1677-09-21 to
 * 2262-04-11.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class Point {

	/** Field type: DOUBLE. */
	static final byte DOUBLE = 0;

	/** Field type: BIGINT. */
	static final byte LONG = 1;

	/** Field type: BIGINT UNSIGNED. */
	static final byte UNSIGNED = 2;

	/** Field type: BOOLEAN. */
	static final byte BOOLEAN = 3;

	/** Field type: STRING. */
	static final byte STRING = 4;

	private static final Object[] NO_OBJECTS = {};

	private static final long[] NO_LONGS = {};

	// A point is filled by its builder, which hands it out with build() and copies it
	// before any later change (Builder.editable()): once built, it never changes. The
	// fields are not final so that the builder needs no copy of its own; build()
	// publishes them with a release fence, as a constructor does with final fields.

	private final Checked measurement;

	/**
	 * Tag keys and values in turn, sorted by key; may be longer than needed. A key is a
	 * {@link Checked}; a value is a {@link Checked} or, if it was not cached, a string.
	 */
	private Object[] tags = NO_OBJECTS;

	private int tagCount;

	/**
	 * Field keys ({@link Checked}) and values in turn, sorted by key: the value is the
	 * text of a string field, or the {@link Kind} of another field, whose value is in
	 * {@link #numbers}.
	 */
	private Object[] fields = NO_OBJECTS;

	/** The values of numeric and boolean fields, at the index of the field. */
	private long[] numbers = NO_LONGS;

	private int fieldCount;

	private boolean hasTime;

	private long timeNanos;

	private Point(Checked measurement) {
		this.measurement = measurement;
	}

	/** A copy that its builder can change. */
	private Point copy() {
		Point copy = new Point(this.measurement);
		copy.tags = this.tags.clone();
		copy.tagCount = this.tagCount;
		copy.fields = this.fields.clone();
		copy.numbers = this.numbers.clone();
		copy.fieldCount = this.fieldCount;
		copy.hasTime = this.hasTime;
		copy.timeNanos = this.timeNanos;
		return copy;
	}

	/**
	 * Start building a point.
	 * @param measurement the measurement (table) name; must not be empty or blank, start
	 * with {@code #} (the line would be read as a comment), a space or a comma, contain
	 * {@code /}, a backslash or a control character, or contain {@code =} together with a
	 * space or a comma
	 * @return a new builder
	 * @throws IllegalArgumentException if the name cannot be written exactly
	 */
	public static Builder measurement(String measurement) {
		return new Builder(measurement);
	}

	/**
	 * Return the measurement (table) name.
	 * @return the measurement
	 */
	public String getMeasurement() {
		return this.measurement.text;
	}

	/**
	 * Return the tags, sorted by key.
	 * @return an unmodifiable map of tag keys to values
	 */
	public Map<String, String> getTags() {
		Map<String, String> tags = new LinkedHashMap<>();
		for (int i = 0; i < this.tagCount; i++) {
			tags.put(Checked.text(this.tags[2 * i]), Checked.text(this.tags[2 * i + 1]));
		}
		return Collections.unmodifiableMap(tags);
	}

	/**
	 * Return the fields, sorted by key. Values are {@link Double} (DOUBLE), {@link Long}
	 * (BIGINT), {@link BigInteger} (BIGINT UNSIGNED), {@link Boolean} or {@link String}.
	 * @return an unmodifiable map of field keys to values
	 */
	public Map<String, Object> getFields() {
		Map<String, Object> fields = new LinkedHashMap<>();
		for (int i = 0; i < this.fieldCount; i++) {
			fields.put(((Checked) this.fields[2 * i]).text, fieldValue(i));
		}
		return Collections.unmodifiableMap(fields);
	}

	private Object fieldValue(int i) {
		Object value = this.fields[2 * i + 1];
		if (value instanceof String text) {
			return text;
		}
		long number = this.numbers[i];
		return switch ((Kind) value) {
			case DOUBLE -> Double.longBitsToDouble(number);
			case LONG -> number;
			case UNSIGNED -> new BigInteger(Long.toUnsignedString(number));
			case BOOLEAN -> number != 0;
		};
	}

	/**
	 * Return the timestamp, or {@code null} if the point has none (the server then uses
	 * its clock; only possible with {@link WritePrecision#NS}).
	 * @return the timestamp, or {@code null}
	 */
	public @Nullable Instant getTime() {
		return this.hasTime ? Instant.ofEpochSecond(Math.floorDiv(this.timeNanos, 1_000_000_000L),
				Math.floorMod(this.timeNanos, 1_000_000_000L)) : null;
	}

	/**
	 * Write this point as one line, without the {@code \n} that ends it.
	 * @param out where the line's bytes go
	 * @param precision the precision of the request
	 * @throws IllegalArgumentException if the timestamp has digits below the precision,
	 * or the point has no timestamp and the precision is not {@link WritePrecision#NS}
	 */
	void encodeTo(LineProtocolWriter out, WritePrecision precision) {
		long time = timestampIn(precision);
		out.writeChecked(this.measurement);
		Object[] tags = this.tags;
		for (int i = 0; i < 2 * this.tagCount; i += 2) {
			out.writeChecked((Checked) tags[i]);
			Object value = tags[i + 1];
			if (value instanceof Checked checked) {
				out.writeChecked(checked);
			}
			else {
				out.writeEscaped((String) value, LineProtocolWriter.Position.KEY);
			}
		}
		Object[] fields = this.fields;
		for (int i = 0; i < this.fieldCount; i++) {
			Checked key = (Checked) fields[2 * i];
			out.writeChecked(key);
			if (i == 0) {
				out.replaceByte(out.size() - key.length, ' ');
			}
			Object value = fields[2 * i + 1];
			if (value instanceof String text) {
				out.writeFieldValue(STRING, 0, text);
			}
			else {
				out.writeFieldValue(((Kind) value).code, this.numbers[i], null);
			}
		}
		if (this.hasTime) {
			out.writeAscii(' ');
			out.writeLong(time);
		}
	}

	/**
	 * Return the timestamp in a precision, checking that it can be written in it.
	 * @param precision the precision of the request
	 * @return the timestamp in that unit ({@code 0} when the point has none)
	 * @throws IllegalArgumentException if the timestamp has digits below the precision,
	 * or the point has no timestamp and the precision is not {@link WritePrecision#NS}
	 */
	long timestampIn(WritePrecision precision) {
		if (this.hasTime) {
			try {
				return precision.fromNanos(this.timeNanos);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Point '" + this.measurement.text + "' at " + getTime()
						+ " cannot be written with precision " + precision.parameter() + ": " + ex.getMessage());
			}
		}
		if (!precision.allowsLinesWithoutTimestamp()) {
			throw new IllegalArgumentException("Point '" + this.measurement.text
					+ "' has no timestamp; CnosDB stamps such lines in nanoseconds and overflows under precision "
					+ precision.parameter() + ": give it a timestamp or write it with precision ns");
		}
		return 0;
	}

	/**
	 * Return this point as a line of line protocol in nanosecond precision, without the
	 * terminating newline.
	 * @return the line
	 */
	public String toLineProtocol() {
		LineProtocolWriter out = new LineProtocolWriter(128);
		encodeTo(out, WritePrecision.NS);
		return out.toString(0, out.size());
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		if (this == obj) {
			return true;
		}
		if (!(obj instanceof Point other)) {
			return false;
		}
		int fields = this.fieldCount;
		if (!(this.measurement.text.equals(other.measurement.text) && this.tagCount == other.tagCount
				&& fields == other.fieldCount && this.hasTime == other.hasTime && this.timeNanos == other.timeNanos
				&& Arrays.equals(this.numbers, 0, fields, other.numbers, 0, fields))) {
			return false;
		}
		for (int i = 0; i < 2 * this.tagCount; i++) {
			if (!Checked.text(this.tags[i]).equals(Checked.text(other.tags[i]))) {
				return false;
			}
		}
		for (int i = 0; i < 2 * fields; i += 2) {
			if (!Checked.text(this.fields[i]).equals(Checked.text(other.fields[i]))
					|| !this.fields[i + 1].equals(other.fields[i + 1])) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int hashCode() {
		int hash = this.measurement.text.hashCode();
		for (int i = 0; i < 2 * this.tagCount; i++) {
			hash = 31 * hash + Checked.text(this.tags[i]).hashCode();
		}
		for (int i = 0; i < this.fieldCount; i++) {
			hash = 31 * hash + Checked.text(this.fields[2 * i]).hashCode();
			hash = 31 * hash + this.fields[2 * i + 1].hashCode();
			hash = 31 * hash + Long.hashCode(this.numbers[i]);
		}
		return 31 * hash + Long.hashCode(this.hasTime ? this.timeNanos : Long.MIN_VALUE);
	}

	/**
	 * Return the point as line protocol in nanosecond precision, for logs.
	 * @return the line
	 */
	@Override
	public String toString() {
		return toLineProtocol();
	}

	// Changed by the builder only, before the point is handed out

	private int findTag(Checked key) {
		return find(this.tags, this.tagCount, key);
	}

	private int findField(Checked key) {
		return find(this.fields, this.fieldCount, key);
	}

	/**
	 * Binary search of the keys of sorted key/value pairs: the index of the pair with
	 * this key, or {@code -(insertion point + 1)}.
	 */
	private static int find(Object[] pairs, int count, Checked key) {
		int low = 0;
		int high = count - 1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			int comparison = ((Checked) pairs[2 * middle]).compareTo(key);
			if (comparison < 0) {
				low = middle + 1;
			}
			else if (comparison > 0) {
				high = middle - 1;
			}
			else {
				return middle;
			}
		}
		return -(low + 1);
	}

	/** Set a tag: {@code value} is a {@link Checked} tag value or a checked string. */
	private void putTag(Checked key, Object value) {
		int index = findTag(key);
		if (index < 0) {
			index = -index - 1;
			Object[] tags = this.tags;
			if (2 * this.tagCount == tags.length) {
				tags = (tags.length == 0) ? new Object[2] : Arrays.copyOf(tags, 2 * tags.length);
				this.tags = tags;
			}
			for (int i = 2 * this.tagCount - 1; i >= 2 * index; i--) {
				tags[i + 2] = tags[i];
			}
			this.tagCount++;
			tags[2 * index] = key;
		}
		this.tags[2 * index + 1] = value;
	}

	private void removeTag(Checked key) {
		int index = findTag(key);
		if (index >= 0) {
			this.tagCount--;
			System.arraycopy(this.tags, 2 * index + 2, this.tags, 2 * index, 2 * (this.tagCount - index));
			this.tags[2 * this.tagCount] = null;
			this.tags[2 * this.tagCount + 1] = null;
		}
	}

	/**
	 * Set a field: {@code value} is the text of a string field or the {@link Kind} of
	 * another, whose value is {@code number}.
	 */
	private void putField(Checked key, Object value, long number) {
		int index = findField(key);
		Object[] fields = this.fields;
		long[] numbers = this.numbers;
		if (index < 0) {
			index = -index - 1;
			int count = this.fieldCount;
			if (count == numbers.length) {
				if (count == 0) {
					fields = new Object[8];
					numbers = new long[4];
				}
				else {
					fields = Arrays.copyOf(fields, 4 * count);
					numbers = Arrays.copyOf(numbers, 2 * count);
				}
				this.fields = fields;
				this.numbers = numbers;
			}
			for (int i = count - 1; i >= index; i--) {
				fields[2 * i + 2] = fields[2 * i];
				fields[2 * i + 3] = fields[2 * i + 1];
				numbers[i + 1] = numbers[i];
			}
			this.fieldCount = count + 1;
			fields[2 * index] = key;
		}
		fields[2 * index + 1] = value;
		numbers[index] = number;
	}

	private void removeField(Checked key) {
		int index = findField(key);
		if (index >= 0) {
			this.fieldCount--;
			int moved = this.fieldCount - index;
			System.arraycopy(this.fields, 2 * index + 2, this.fields, 2 * index, 2 * moved);
			System.arraycopy(this.numbers, index + 1, this.numbers, index, moved);
			this.fields[2 * this.fieldCount] = null;
			this.fields[2 * this.fieldCount + 1] = null;
		}
	}

	/** The type of a field that is not a string. */
	private enum Kind {

		DOUBLE(Point.DOUBLE), LONG(Point.LONG), UNSIGNED(Point.UNSIGNED), BOOLEAN(Point.BOOLEAN);

		final byte code;

		Kind(byte code) {
			this.code = code;
		}

	}

	/**
	 * Builds a {@link Point}. Setting a tag or field key again replaces its earlier
	 * value. Not thread-safe; {@link #build()} may be called more than once.
	 */
	public static final class Builder {

		/** The point being filled: tags and fields kept sorted by key as they are set. */
		private Point point;

		/** Whether {@link #point} was built, and is copied before the next change. */
		private boolean shared;

		private Builder(String measurement) {
			Checked checked = Checked.cached(measurement, LineProtocolRules.MEASUREMENT);
			if (checked == null) {
				if (!LineProtocolRules.isPlain(measurement, LineProtocolRules.MEASUREMENT)) {
					LineProtocolRules.checkMeasurement(() -> "measurement", measurement);
				}
				checked = Checked.of(measurement, LineProtocolRules.MEASUREMENT);
			}
			this.point = new Point(checked);
		}

		/**
		 * Add a tag. Tags are always strings in CnosDB.
		 * @param key the tag key
		 * @param value the value, or {@code null} for no tag (nothing is written for it)
		 * @return this builder
		 * @throws IllegalArgumentException if the key or value is empty or has a
		 * character that cannot be written exactly (a backslash or a control character),
		 * or the key is blank
		 */
		public Builder tag(String key, @Nullable String value) {
			Checked checkedKey = checkKey("tag key", key, LineProtocolRules.TAG_KEY);
			if (value == null) {
				editable().removeTag(checkedKey);
				return this;
			}
			Object checkedValue = Checked.cached(value, LineProtocolRules.TAG_VALUE);
			if (checkedValue == null) {
				if (!LineProtocolRules.isPlain(value, LineProtocolRules.TAG_VALUE)) {
					LineProtocolRules.checkTagValue(() -> describe("tag '" + key + "' value"), value);
				}
				checkedValue = Checked.ofTagValue(value);
			}
			editable().putTag(checkedKey, checkedValue);
			return this;
		}

		/**
		 * Add several tags; see {@link #tag(String, String)}.
		 * @param tags the tags
		 * @return this builder
		 */
		public Builder tags(Map<String, ? extends @Nullable String> tags) {
			tags.forEach(this::tag);
			return this;
		}

		/**
		 * Add a DOUBLE field.
		 * @param key the field key
		 * @param value the value; must be finite
		 * @return this builder
		 * @throws IllegalArgumentException if the value is {@code NaN} or infinite
		 */
		public Builder field(String key, double value) {
			Checked checkedKey = checkKey("field key", key, LineProtocolRules.FIELD_KEY);
			if (!Double.isFinite(value)) {
				LineProtocolRules.checkDouble(() -> describe("field '" + key + "'"), value);
			}
			editable().putField(checkedKey, Kind.DOUBLE, Double.doubleToRawLongBits(value));
			return this;
		}

		/**
		 * Add a BIGINT (signed 64-bit) field. Note that an {@code int} literal such as
		 * {@code field("f", 1)} lands here; write {@code 1.0} for a DOUBLE.
		 * @param key the field key
		 * @param value the value
		 * @return this builder
		 */
		public Builder field(String key, long value) {
			editable().putField(checkKey("field key", key, LineProtocolRules.FIELD_KEY), Kind.LONG, value);
			return this;
		}

		/**
		 * Add a BOOLEAN field.
		 * @param key the field key
		 * @param value the value
		 * @return this builder
		 */
		public Builder field(String key, boolean value) {
			editable().putField(checkKey("field key", key, LineProtocolRules.FIELD_KEY), Kind.BOOLEAN, value ? 1 : 0);
			return this;
		}

		/**
		 * Add a STRING field. Any text may be written, including quotes, backslashes and
		 * newlines, except a backslash directly before a double quote (CnosDB 2.4.2 and
		 * earlier refuse that pair).
		 * @param key the field key
		 * @param value the value, or {@code null} for no field
		 * @return this builder
		 * @throws IllegalArgumentException if the text contains an unpaired surrogate or
		 * a backslash directly before a double quote
		 */
		public Builder field(String key, @Nullable String value) {
			Checked checkedKey = checkKey("field key", key, LineProtocolRules.FIELD_KEY);
			if (value == null) {
				editable().removeField(checkedKey);
				return this;
			}
			if (!LineProtocolRules.isPlainString(value)) {
				LineProtocolRules.checkStringValue(() -> describe("field '" + key + "'"), value);
			}
			editable().putField(checkedKey, value, 0);
			return this;
		}

		/**
		 * Add a field whose type follows the value: {@link Double} and {@link Float} as
		 * DOUBLE, {@link Long}, {@link Integer}, {@link Short} and {@link Byte} as
		 * BIGINT, {@link BigInteger} as BIGINT UNSIGNED, {@link Boolean} as BOOLEAN and
		 * {@link CharSequence} as STRING.
		 * @param key the field key
		 * @param value the value, or {@code null} for no field
		 * @return this builder
		 * @throws IllegalArgumentException if the value has another type or cannot be
		 * written exactly
		 */
		public Builder field(String key, @Nullable Object value) {
			if (value == null) {
				editable().removeField(checkKey("field key", key, LineProtocolRules.FIELD_KEY));
				return this;
			}
			if (value instanceof Double || value instanceof Float) {
				return field(key, ((Number) value).doubleValue());
			}
			if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
				return field(key, ((Number) value).longValue());
			}
			if (value instanceof BigInteger unsigned) {
				return unsignedField(key, unsigned);
			}
			if (value instanceof Boolean bool) {
				return field(key, bool.booleanValue());
			}
			if (value instanceof CharSequence text) {
				return field(key, text.toString());
			}
			throw new IllegalArgumentException(
					describe("field '" + key + "'") + " has type " + value.getClass().getName()
							+ ", which has no line-protocol type (use Double, Long, BigInteger, Boolean or String)");
		}

		/**
		 * Add several fields; see {@link #field(String, Object)}.
		 * @param fields the fields
		 * @return this builder
		 */
		public Builder fields(Map<String, ? extends @Nullable Object> fields) {
			fields.forEach(this::field);
			return this;
		}

		/**
		 * Add a BIGINT UNSIGNED field.
		 * @param key the field key
		 * @param value the value; must not be negative
		 * @return this builder
		 * @throws IllegalArgumentException if the value is negative
		 */
		public Builder unsignedField(String key, long value) {
			Checked checkedKey = checkKey("field key", key, LineProtocolRules.FIELD_KEY);
			if (value < 0) {
				LineProtocolRules.checkUnsigned(() -> describe("field '" + key + "'"), value);
			}
			editable().putField(checkedKey, Kind.UNSIGNED, value);
			return this;
		}

		/**
		 * Add a BIGINT UNSIGNED field that may exceed {@link Long#MAX_VALUE}.
		 * @param key the field key
		 * @param value the value, from 0 to 2<sup>64</sup>-1, or {@code null} for no
		 * field
		 * @return this builder
		 * @throws IllegalArgumentException if the value is outside that range
		 */
		public Builder unsignedField(String key, @Nullable BigInteger value) {
			Checked checkedKey = checkKey("field key", key, LineProtocolRules.FIELD_KEY);
			if (value == null) {
				editable().removeField(checkedKey);
				return this;
			}
			LineProtocolRules.checkUnsigned(() -> describe("field '" + key + "'"), value);
			editable().putField(checkedKey, Kind.UNSIGNED, value.longValue());
			return this;
		}

		/**
		 * Set the timestamp.
		 * @param time the timestamp, or {@code null} for none (the server's clock is
		 * used; only possible with {@link WritePrecision#NS})
		 * @return this builder
		 * @throws IllegalArgumentException if the instant is outside 1677-09-21 to
		 * 2262-04-11, the range of nanoseconds in a signed 64-bit number
		 */
		public Builder time(@Nullable Instant time) {
			if (time == null) {
				editable().hasTime = false;
				return this;
			}
			long nanos;
			try {
				nanos = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
			}
			catch (ArithmeticException ex) {
				throw outOfRange(time.toString());
			}
			return time(nanos);
		}

		/**
		 * Set the timestamp from a number in any unit; seconds, minutes and coarser units
		 * are converted here, since CnosDB does not accept them.
		 * @param time the number of units since the epoch
		 * @param unit the unit of {@code time}
		 * @return this builder
		 * @throws IllegalArgumentException if the value is outside the range of
		 * nanoseconds in a signed 64-bit number
		 */
		public Builder time(long time, TimeUnit unit) {
			long nanos;
			try {
				nanos = Math.multiplyExact(time, unit.toNanos(1));
			}
			catch (ArithmeticException ex) {
				throw outOfRange(time + " " + unit.name().toLowerCase(java.util.Locale.ROOT));
			}
			return time(nanos);
		}

		private Builder time(long nanos) {
			Point point = editable();
			point.timeNanos = nanos;
			point.hasTime = true;
			return this;
		}

		/**
		 * Build the point.
		 * @return a new immutable point
		 * @throws IllegalArgumentException if the point has no field, or a key is used
		 * both as a tag and as a field
		 */
		public Point build() {
			Point point = this.point;
			if (point.fieldCount == 0) {
				throw new IllegalArgumentException(describe("point") + " has no field: CnosDB needs at least one, "
						+ "and a line without fields would swallow the line after it");
			}
			for (int i = 0; i < point.tagCount; i++) {
				Checked tag = (Checked) point.tags[2 * i];
				if (point.findField(tag) >= 0) {
					throw new IllegalArgumentException(describe("key '" + tag.text + "'")
							+ " is used both as a tag and as a field; a column is one or the other");
				}
			}
			this.shared = true;
			// What a constructor does for final fields: the point is complete for any
			// thread that gets it.
			VarHandle.releaseFence();
			return point;
		}

		/** Return the point to change, copying the one handed out by build(). */
		private Point editable() {
			if (this.shared) {
				this.point = this.point.copy();
				this.shared = false;
			}
			return this.point;
		}

		/** Check a key, or find it checked lately, and return its entry. */
		private Checked checkKey(String what, String key, int kind) {
			Checked checked = Checked.cached(key, kind);
			if (checked != null) {
				return checked;
			}
			if (!LineProtocolRules.isPlain(key, kind)) {
				LineProtocolRules.checkKey(() -> describe(what), key, kind == LineProtocolRules.FIELD_KEY);
			}
			if (key.equals("time")) {
				throw new IllegalArgumentException(describe(what)
						+ " 'time' is the name of CnosDB's timestamp column; set the timestamp with time(…)");
			}
			return Checked.of(key, kind);
		}

		private String describe(String what) {
			return "Point '" + this.point.measurement.text + "': " + what;
		}

		private IllegalArgumentException outOfRange(String value) {
			return new IllegalArgumentException(describe("timestamp") + " " + value
					+ " is outside 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z, "
					+ "the range of nanoseconds in a signed 64-bit number");
		}

	}

}
