package io.cnosdb.client.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CnosByteSize}.
 */
class CnosByteSizeTests {

	@Test
	void parsesBinaryAndDecimalUnits() {
		assertThat(CnosByteSize.parse("128MiB").toBytes()).isEqualTo(128L << 20);
		assertThat(CnosByteSize.parse("1GiB").toBytes()).isEqualTo(1L << 30);
		assertThat(CnosByteSize.parse("512MB").toBytes()).isEqualTo(512_000_000L);
		assertThat(CnosByteSize.parse("300M").toBytes()).isEqualTo(300_000_000L);
		assertThat(CnosByteSize.parse("4kB").toBytes()).isEqualTo(4000L);
		assertThat(CnosByteSize.parse("4KiB").toBytes()).isEqualTo(4096L);
		assertThat(CnosByteSize.parse("1024").toBytes()).isEqualTo(1024L);
		assertThat(CnosByteSize.parse("7B").toBytes()).isEqualTo(7L);
	}

	@Test
	void readsWhatDescribeDatabaseAnswers() {
		assertThat(CnosByteSize.parse("128 MiB")).isEqualTo(CnosByteSize.ofMebibytes(128));
		assertThat(CnosByteSize.parse("286.102294921875 MiB").toBytes()).isEqualTo(300_000_000L);
		assertThat(CnosByteSize.parse("286.102294921875 MiB")).hasToString("286.102294921875 MiB");
	}

	@Test
	void factoriesWriteCompactText() {
		assertThat(CnosByteSize.ofMebibytes(128)).hasToString("128MiB");
		assertThat(CnosByteSize.ofGibibytes(2)).hasToString("2GiB")
			.extracting(CnosByteSize::toBytes)
			.isEqualTo(2L << 30);
		assertThat(CnosByteSize.ofKibibytes(3)).hasToString("3KiB");
		assertThat(CnosByteSize.ofBytes(10)).hasToString("10");
	}

	@Test
	void rejectsWhatCnosDbWouldNotRead() {
		assertThatIllegalArgumentException().isThrownBy(() -> CnosByteSize.parse("128 XB"))
			.withMessageStartingWith("byte size '128 XB' has the unknown unit 'XB'");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosByteSize.parse("128MiB'; --"))
			.withMessageStartingWith("byte size '128MiB'; --' is not a CnosDB byte size");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosByteSize.parse("-1MiB"))
			.withMessageContaining("is not a CnosDB byte size");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosByteSize.ofMebibytes(-1))
			.withMessage("byte size -1MiB must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosByteSize.ofGibibytes(Long.MAX_VALUE))
			.withMessageEndingWith("is too large");
		assertThatIllegalArgumentException().isThrownBy(() -> CnosByteSize.parse("9999999PiB"))
			.withMessageEndingWith("is too large");
	}

}
