package io.cnosdb.client.support;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AsciiDigits}.
 */
class AsciiDigitsTests {

	@Test
	void numbersOfEveryLengthAndBothSignsAreWrittenAsLongToStringWritesThem() {
		for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10 * 10; power *= 10) {
			assertWritten(power - 1);
			assertWritten(power);
			assertWritten(-power);
			assertWritten(1 - power);
			if (power > Long.MAX_VALUE / 10) {
				break;
			}
		}
		assertWritten(Long.MAX_VALUE);
		assertWritten(Long.MIN_VALUE);
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < 100_000; i++) {
			long value = random.nextLong() >> random.nextInt(64);
			assertWritten(value);
		}
	}

	@Test
	void digitsAreWrittenWhereAskedAndTheIndexAfterThemIsReturned() {
		byte[] out = new byte[3 + AsciiDigits.LONG_ROOM];
		out[0] = 'x';
		out[1] = '=';
		int end = AsciiDigits.putLong(out, 2, 1700000000000000000L);
		assertThat(new String(out, 0, end, StandardCharsets.US_ASCII)).isEqualTo("x=1700000000000000000");
		assertThat(AsciiDigits.putDigits(out, 0, 42, 5)).isEqualTo(5);
		assertThat(new String(out, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("00042");
		assertThat(AsciiDigits.digitCount(0)).isEqualTo(1);
		assertThat(AsciiDigits.digitCount(Long.MAX_VALUE)).isEqualTo(19);
	}

	private static void assertWritten(long value) {
		byte[] out = new byte[AsciiDigits.LONG_ROOM];
		int end = AsciiDigits.putLong(out, 0, value);
		assertThat(new String(out, 0, end, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(value));
	}

}
