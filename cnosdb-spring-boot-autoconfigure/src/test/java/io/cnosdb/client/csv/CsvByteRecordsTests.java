package io.cnosdb.client.csv;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CsvByteRecords}: whatever the input, it reads the records, their lines
 * and their failures exactly as {@link CsvRecordReader} (Jackson) reads the same bytes,
 * whether it reads them itself (plain records) or hands the rest of the input over.
 */
class CsvByteRecordsTests {

	@Test
	void plainAndOtherInputsAreReadAsJacksonReadsThem() {
		List<String> inputs = List.of("", "\n", "a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\n1,2", "a,b\n1,2\r", "a,b\r1,2\r",
				"\uFEFFa,b\n1,2\n", "a,b\n\n1,2\n\n3,4\n", "a,b\n1,\"x,y\"\n3,4\n5,6\n", "a,b\n1,\"two\nlines\"\n3,4\n",
				"a,b\n1,é\n2,3\n", "a,b\n,\n,,\n", "a\tb,c\n1\t2,3\n", "a,b\n1,\"unterminated\n",
				"a,b\n1,2\n3\n4,5,6\n", " a , b \n 1 , 2 \n", "a,b\n1,2\r\n\r\n3,4\r\n", "a,b\n1,2\n\u0001,3\n",
				"a,b\n1,\"\"\n");
		for (String input : inputs) {
			assertSameAsJackson(input.getBytes(StandardCharsets.UTF_8));
		}
		// Jackson's reader decodes ahead and fails before the header; this one reads the
		// plain header first: both refuse the input before any row.
		byte[] notUtf8 = { 'a', ',', 'b', '\n', '1', ',', (byte) 0xC3, '\n' };
		assertThat(read(() -> new CsvByteRecords(new ByteArrayInputStream(notUtf8)))).last()
			.asString()
			.startsWith("failed at line -1: The CSV input is not valid UTF-8");
		assertThat(read(() -> jackson(notUtf8))).last()
			.asString()
			.startsWith("failed at line -1: The CSV input is not valid UTF-8");
		assertSameAsJackson(new byte[] { (byte) 0xEF, (byte) 0xBB });
	}

	@Test
	void recordsAcrossTheBufferAndLargerThanItAreReadWhole() {
		StringBuilder csv = new StringBuilder("time,host,value\n");
		for (int i = 0; i < 20_000; i++) {
			csv.append(i).append(",host-").append(i % 7).append(',').append(i * 0.5).append('\n');
			if (i == 10_000) {
				csv.append("1,").append("x".repeat(200_000)).append(",2\n");
			}
		}
		assertSameAsJackson(csv.toString().getBytes(StandardCharsets.UTF_8));
		csv.append("1,\"quoted after a long plain part\",2\n9,9,9\n");
		assertSameAsJackson(csv.toString().getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aStreamThatGivesOneByteAtATimeIsReadTheSame() {
		byte[] bytes = "\uFEFFa,b\r\n1,2\r\n3,\"4\"\n".getBytes(StandardCharsets.UTF_8);
		assertThat(read(() -> new CsvByteRecords(new OneByteAtATime(bytes)))).isEqualTo(read(() -> jackson(bytes)));
	}

	private static void assertSameAsJackson(byte[] bytes) {
		assertThat(read(() -> new CsvByteRecords(new ByteArrayInputStream(bytes))))
			.as(new String(bytes, StandardCharsets.UTF_8))
			.isEqualTo(read(() -> jackson(bytes)));
	}

	private static CsvRecordReader jackson(byte[] bytes) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		return new CsvRecordReader(new InputStreamReader(new ByteArrayInputStream(bytes), decoder));
	}

	/** The records with the line after each, then the failure if there is one. */
	private static List<String> read(Supplier<CsvRecords> opened) {
		List<String> read = new ArrayList<>();
		List<String> values = new ArrayList<>();
		try (CsvRecords records = opened.get()) {
			while (records.next(values)) {
				read.add(values + " then line " + records.nextRecordLine());
			}
		}
		catch (CnosCsvImportException ex) {
			read.add("failed at line " + ex.getLineNumber() + ": " + ex.getMessage());
		}
		return read;
	}

	private static final class OneByteAtATime extends InputStream {

		private final ByteArrayInputStream bytes;

		OneByteAtATime(byte[] bytes) {
			this.bytes = new ByteArrayInputStream(bytes);
		}

		@Override
		public int read() {
			return this.bytes.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return this.bytes.read(buffer, offset, Math.min(length, 1));
		}

	}

}
