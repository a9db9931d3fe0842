package io.cnosdb.client.csv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads the records of UTF-8 CSV bytes straight from the stream while they are plain:
 * ASCII, no quotes, no control characters but tabs, no empty lines, no blank at the start
 * of a line, lines ended by {@code \n} or {@code \r\n}, which is what most files are. At
 * the first record that is not plain it hands the rest of the input, from that record on,
 * to a {@link CsvRecordReader} (Jackson, RFC 4180), which reads it exactly as it reads a
 * whole input: quoted values, non-ASCII text, empty lines, malformed rows and their
 * messages. A byte order mark at the start is skipped.
 *
 * @author CnosDB Spring Boot contributors
 */
final class CsvByteRecords implements CsvRecords {

	private static final int BUFFER_BYTES = 64 * 1024;

	private final InputStream in;

	private byte[] buffer = new byte[BUFFER_BYTES];

	private int position;

	private int limit;

	private boolean endOfInput;

	private boolean byteOrderMarkSkipped;

	private long recordStartLine = 1;

	/** The reader of the rest of the input once a record is not plain. */
	private @Nullable CsvRecordReader rest;

	/**
	 * Read records from a stream; it is read as far as the records asked for and not
	 * closed.
	 * @param in the CSV bytes
	 */
	CsvByteRecords(InputStream in) {
		this.in = in;
	}

	@Override
	public long nextRecordLine() {
		return (this.rest != null) ? this.rest.nextRecordLine() : this.recordStartLine;
	}

	@Override
	public boolean next(List<String> values) {
		if (this.rest != null) {
			return this.rest.next(values);
		}
		values.clear();
		if (this.recordStartLine == 1 && this.position == 0) {
			skipByteOrderMark();
		}
		int start = this.position;
		int valueStart = start;
		int i = start;
		while (true) {
			if (i == this.limit) {
				int shift = fill(start);
				start -= shift;
				valueStart -= shift;
				i -= shift;
				if (i < this.limit) {
					continue;
				}
				if (i == start) {
					// The end of the input, after the last record.
					return false;
				}
				// The last record has no line end (so no next line).
				values.add(text(valueStart, i));
				this.position = i;
				return true;
			}
			byte b = this.buffer[i];
			if (i == start && (b == ' ' || b == '\t')) {
				// Jackson skips blanks at the start of a line.
				return handOver(start, values);
			}
			if (b == ',') {
				values.add(text(valueStart, i));
				valueStart = i + 1;
			}
			else if (b == '\n') {
				int end = (i > valueStart && this.buffer[i - 1] == '\r') ? i - 1 : i;
				if (i == start || end == start) {
					// An empty line (at the start of the input).
					return handOver(start, values);
				}
				if (i + 1 == this.limit) {
					// Whether an empty line follows is in the next bytes.
					int shift = fill(start);
					start -= shift;
					valueStart -= shift;
					i -= shift;
					end -= shift;
				}
				if (i + 1 < this.limit && (this.buffer[i + 1] == '\n' || this.buffer[i + 1] == '\r')) {
					// Jackson skips the empty lines after a record as it ends it, and
					// counts them in the line of the next record.
					return handOver(start, values);
				}
				values.add(text(valueStart, end));
				this.position = i + 1;
				this.recordStartLine++;
				return true;
			}
			else if (b == '\r') {
				if (i + 1 == this.limit) {
					// Whether a \n follows is in the next bytes.
					int shift = fill(start);
					start -= shift;
					valueStart -= shift;
					i -= shift;
					if (i + 1 == this.limit) {
						// A \r alone at the end.
						return handOver(start, values);
					}
					continue;
				}
				if (this.buffer[i + 1] != '\n') {
					// A line ended by \r alone.
					return handOver(start, values);
				}
			}
			else if ((b < 0x20 && b != '\t') || b == '"' || b < 0) {
				// Quotes, non-ASCII text, control characters: Jackson reads them.
				return handOver(start, values);
			}
			i++;
		}
	}

	private String text(int start, int end) {
		// ASCII only: every byte is its char.
		return new String(this.buffer, start, end - start, StandardCharsets.ISO_8859_1);
	}

	private void skipByteOrderMark() {
		fill(0);
		if (this.limit >= 3 && this.buffer[0] == (byte) 0xEF && this.buffer[1] == (byte) 0xBB
				&& this.buffer[2] == (byte) 0xBF) {
			this.position = 3;
			this.byteOrderMarkSkipped = true;
		}
	}

	/**
	 * Read more bytes, if there are any, keeping those from {@code keepFrom} on (moved to
	 * the start of the buffer, which grows if they fill it).
	 * @return how far the kept bytes moved back
	 */
	private int fill(int keepFrom) {
		if (this.endOfInput) {
			return 0;
		}
		int kept = this.limit - keepFrom;
		if (keepFrom > 0) {
			System.arraycopy(this.buffer, keepFrom, this.buffer, 0, kept);
		}
		else if (kept == this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, this.buffer.length * 2);
		}
		this.limit = kept;
		this.position -= keepFrom;
		try {
			int read = this.in.read(this.buffer, kept, this.buffer.length - kept);
			if (read < 0) {
				this.endOfInput = true;
			}
			else {
				this.limit += read;
			}
		}
		catch (IOException ex) {
			throw new CnosCsvImportException("Cannot read the CSV input: " + ex.getMessage(), -1, null, null, 0, ex);
		}
		return keepFrom;
	}

	/** Let Jackson read the input from the record at {@code start} on. */
	private boolean handOver(int start, List<String> values) {
		values.clear();
		InputStream remaining = new ByteArrayInputStream(this.buffer, start, this.limit - start);
		InputStream input = this.endOfInput ? remaining : new SequenceInputStream(remaining, this.in);
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		boolean atStart = this.recordStartLine == 1 && !this.byteOrderMarkSkipped;
		this.rest = new CsvRecordReader(new InputStreamReader(input, decoder), this.recordStartLine - 1, atStart);
		return this.rest.next(values);
	}

	@Override
	public void close() {
		if (this.rest != null) {
			this.rest.close();
		}
	}

}
