package io.cnosdb.client.write;

import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PointMapper#of(Class)}: annotated records and classes.
 */
class PointMapperTests {

	@Test
	void recordIsMappedByItsAnnotatedComponents() {
		Air air = new Air("XiaoMaiDao", Level.HIGH, 69.5, 53, 7L, true, "clear", Instant.parse("2023-11-14T22:13:20Z"));
		Point point = PointMapper.of(Air.class).toPoint(air);
		assertThat(PointTests.encode(point, WritePrecision.NS))
			.isEqualTo("air,level=HIGH,station=XiaoMaiDao note=\"clear\",ok=true,pressure=7u,temperature=69.5,"
					+ "visibility=53i 1700000000000000000\n");
	}

	@Test
	void nullMembersWriteNoTagFieldOrTimestamp() {
		Air air = new Air(null, null, 1.0, 2, null, null, null, null);
		assertThat(PointTests.encode(PointMapper.of(Air.class).toPoint(air), WritePrecision.NS))
			.isEqualTo("air temperature=1,visibility=2i\n");
	}

	@Test
	void classIsMappedByAnnotatedFieldsAndMethodsWithNumericTimestampInItsUnit() {
		Reading reading = new Reading();
		assertThat(PointTests.encode(PointMapper.of(Reading.class).toPoint(reading), WritePrecision.NS))
			.isEqualTo("reading,sensor=s-1 count=18446744073709551615u,volts=3.25 1700000000000000000\n");
	}

	@Test
	void mappingIsResolvedOncePerClass() {
		assertThat(PointMapper.of(Air.class)).isSameAs(PointMapper.of(Air.class));
	}

	@Test
	void classWithoutMeasurementIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> PointMapper.of(NotAnnotated.class))
			.withMessage(NotAnnotated.class.getName()
					+ " is not annotated with @Measurement, so it cannot be written as a point");
	}

	@Test
	void classWithoutFieldIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> PointMapper.of(OnlyTags.class))
			.withMessage(OnlyTags.class.getName()
					+ " has no member annotated with @Field; CnosDB needs at least one field per point");
	}

	@Test
	void memberOfAnUnsupportedTypeIsRefusedWithItsName() {
		assertThatIllegalArgumentException().isThrownBy(() -> PointMapper.of(WithDate.class))
			.withMessageStartingWith(WithDate.class.getName()
					+ ".when has type java.util.Date, which cannot be written as a field (use double");
	}

	@Test
	void twoMembersWithTheSameKeyAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> PointMapper.of(SameKey.class))
			.withMessage(SameKey.class.getName() + " maps more than one member to the key 'v'");
	}

	@Test
	void valueThatCannotBeWrittenNamesTheClass() {
		Air air = new Air("a\\b", null, 1.0, 2, null, null, null, null);
		assertThatIllegalArgumentException().isThrownBy(() -> PointMapper.of(Air.class).toPoint(air))
			.withMessageStartingWith("Cannot write a " + Air.class.getName()
					+ ": Point 'air': tag 'station' value \"a\\b\" contains a backslash");
	}

	@Test
	void offsetDateTimeTimestampIsSupported() {
		Event event = new Event(OffsetDateTime.parse("2023-11-14T23:13:20+01:00"), 1.0);
		assertThat(PointMapper.of(Event.class).toPoint(event).getTime())
			.isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
	}

	enum Level {

		LOW, HIGH

	}

	@Measurement("air")
	record Air(@Tag String station, @Tag Level level, @Field double temperature, @Field int visibility,
			@Field(value = "pressure", unsigned = true) Long pressure, @Field("ok") Boolean fine, @Field String note,
			@Timestamp Instant time) {
	}

	@Measurement("reading")
	static class Reading {

		@Tag("sensor")
		private final String id = "s-1";

		@Field
		private final double volts = 3.25;

		@Timestamp(unit = TimeUnit.SECONDS)
		private final long epochSeconds = 1_700_000_000L;

		private final String ignored = "not written";

		@Field("count")
		BigInteger total() {
			return new BigInteger("18446744073709551615");
		}

	}

	static class NotAnnotated {

	}

	@Measurement("tags")
	record OnlyTags(@Tag String t) {
	}

	@Measurement("dated")
	record WithDate(@Field Date when) {
	}

	@Measurement("same")
	record SameKey(@Field double v, @Field("v") double w) {
	}

	@Measurement("event")
	record Event(@Timestamp OffsetDateTime at, @Field double v) {
	}

}
