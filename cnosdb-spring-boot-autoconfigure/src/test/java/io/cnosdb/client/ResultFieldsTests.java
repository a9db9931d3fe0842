package io.cnosdb.client;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import de.siegmar.fastcsv.reader.CsvParseException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ResultFields}.
 *
 * @author CnosDB Spring Boot contributors
 */
class ResultFieldsTests {

	@Test
	void eachFieldIsHandedOverUnquotedWithItsIndexAndEachRecordIsCounted() {
		List<String> seen = new ArrayList<>();
		ResultFields fields = new ResultFields(
				(index, buffer, offset, length) -> seen.add(index + "=" + new String(buffer, offset, length)));
		List<Integer> counts = new ArrayList<>();
		String csv = "s,n\r\n\"a,b\",1\n\"say \"\"hi\"\"\",2\n\"line1\nline2\",3\n,\n\"\"\n";
		fields.read(new StringReader(csv)).forEach((record) -> {
			assertThat(record).isSameAs(fields);
			counts.add(fields.count());
		});
		assertThat(seen).containsExactly("0=s", "1=n", "0=a,b", "1=1", "0=say \"hi\"", "1=2", "0=line1\nline2", "1=3",
				"0=", "1=", "0=");
		assertThat(counts).containsExactly(2, 2, 2, 2, 2, 1);
	}

	@Test
	void anEmptyLineIsARecordOfOneEmptyFieldStartingOnItsLine() {
		List<String> seen = new ArrayList<>();
		ResultFields fields = new ResultFields(
				(index, buffer, offset, length) -> seen.add(index + "=" + new String(buffer, offset, length)));
		List<Long> lines = new ArrayList<>();
		fields.read(new StringReader("x\n\n1\n")).forEach((record) -> {
			lines.add(fields.line());
		});
		assertThat(seen).containsExactly("0=x", "0=", "0=1");
		assertThat(lines).containsExactly(1L, 2L, 3L);
	}

	@Test
	void aQuoteStillOpenAtTheEndIsMalformed() {
		ResultFields fields = new ResultFields((index, buffer, offset, length) -> {
		});
		assertThatExceptionOfType(CsvParseException.class)
			.isThrownBy(() -> fields.read(new StringReader("s\n\"cut off")).forEach((record) -> {
			}))
			.withMessageContaining("Unclosed quoted field at end of input (record starting at line 2)");
	}

}
