package io.cnosdb.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The generated rows of the sample table, rendered the way CnosDB 2.4.2.1 renders them in
 * CSV: {@code time} (TIMESTAMP, always nine fraction digits, no offset), {@code host} (a
 * tag), {@code usage} (DOUBLE), {@code requests} (BIGINT) and {@code healthy} (BOOLEAN),
 * for example {@code 2024-03-01T10:00:00.001000000,host-1,0.25,1,false}.
 * <p>
 * A block of {@value #BLOCK_ROWS} rows is rendered once and repeated, so that a result of
 * any size costs the sink no memory and little time.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class SampleRows {

	/** The header line of a result. */
	public static final String COLUMNS = "time,host,usage,requests,healthy";

	/** The rows in one repeated block. */
	public static final int BLOCK_ROWS = 10_000;

	/** The time of the first row. */
	public static final Instant START = Instant.parse("2024-03-01T10:00:00Z");

	private static final byte[] HEADER = (COLUMNS + "\n").getBytes(StandardCharsets.US_ASCII);

	private static final byte[] BLOCK;

	/** The offset of each row in {@link #BLOCK}, and the block's length at the end. */
	private static final int[] OFFSETS = new int[BLOCK_ROWS + 1];

	static {
		DateTimeFormatter format = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS");
		StringBuilder text = new StringBuilder(BLOCK_ROWS * 64);
		for (int i = 0; i < BLOCK_ROWS; i++) {
			OFFSETS[i] = text.length();
			LocalDateTime time = LocalDateTime.ofInstant(START.plusMillis(i), ZoneOffset.UTC);
			text.append(format.format(time))
				.append(',')
				.append(host(i))
				.append(',')
				.append(usage(i))
				.append(',')
				.append(requests(i))
				.append(',')
				.append(healthy(i))
				.append('\n');
		}
		OFFSETS[BLOCK_ROWS] = text.length();
		BLOCK = text.toString().getBytes(StandardCharsets.US_ASCII);
	}

	private SampleRows() {
	}

	/**
	 * Return the tag of row {@code i}.
	 * @param i the row number
	 * @return the host
	 */
	public static String host(long i) {
		return "host-" + (i % 100);
	}

	/**
	 * Return the double of row {@code i}; a multiple of 0.25 below 1000, which Java and
	 * CnosDB render alike.
	 * @param i the row number
	 * @return the usage
	 */
	public static double usage(long i) {
		return (i % 4000) * 0.25;
	}

	/**
	 * Return the bigint of row {@code i}.
	 * @param i the row number
	 * @return the requests
	 */
	public static long requests(long i) {
		return i % BLOCK_ROWS;
	}

	/**
	 * Return the boolean of row {@code i}.
	 * @param i the row number
	 * @return whether the host is healthy
	 */
	public static boolean healthy(long i) {
		return (i & 1) == 0;
	}

	/**
	 * Return the length of a CSV result of {@code rows} rows, header included.
	 * @param rows the number of rows
	 * @return the length in bytes
	 */
	public static long csvLength(long rows) {
		return HEADER.length + (rows / BLOCK_ROWS) * BLOCK.length + OFFSETS[(int) (rows % BLOCK_ROWS)];
	}

	/**
	 * Write a CSV result of {@code rows} rows, header included.
	 * @param rows the number of rows
	 * @param out where to write
	 * @return the number of bytes written
	 * @throws IOException if writing fails
	 */
	public static long writeCsv(long rows, OutputStream out) throws IOException {
		out.write(HEADER);
		for (long block = rows / BLOCK_ROWS; block > 0; block--) {
			out.write(BLOCK);
		}
		out.write(BLOCK, 0, OFFSETS[(int) (rows % BLOCK_ROWS)]);
		return csvLength(rows);
	}

}
