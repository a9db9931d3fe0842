package io.cnosdb.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.csv.CsvImportResult;

/**
 * Importing a generated CSV file of about {@value #FILE_MB} MB of sample rows, the schema
 * coming from the sink's {@code DESCRIBE TABLE} answer: the starter's {@code writeCsv}
 * against a hand-written Jackson-CSV to line-protocol floor (requests of 8 MB, like the
 * starter's default) and against reading the file alone. The starter runs again in a JVM
 * of 32 MB of heap.
 *
 * @author CnosDB Spring Boot contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CsvImportBenchmark {

	/** The approximate size of the file. */
	public static final int FILE_MB = 200;

	/** The system property naming the file (default: in the temporary directory). */
	public static final String FILE_PROPERTY = "cnosdb.bench.csv";

	private CnosTemplate template;

	private Floors floors;

	private Path file;

	private long rows;

	/**
	 * Connect the contenders to the sink and write the file if it is not there yet.
	 * @throws IOException if the file cannot be written
	 */
	@Setup
	public void setUp() throws IOException {
		this.template = Contenders.template();
		this.floors = new Floors(Contenders.sinkUrl());
		this.rows = rows();
		this.file = file();
	}

	/**
	 * Return the number of rows in the file.
	 * @return the rows
	 */
	public static long rows() {
		long perBlock = SampleRows.csvLength(SampleRows.BLOCK_ROWS) - SampleRows.csvLength(0);
		return (FILE_MB * 1_000_000L / perBlock) * SampleRows.BLOCK_ROWS;
	}

	/**
	 * Return the file, writing it first if it is missing.
	 * @return the path
	 * @throws IOException if the file cannot be written
	 */
	public static Path file() throws IOException {
		Path file = Path.of(System.getProperty(FILE_PROPERTY,
				Path.of(System.getProperty("java.io.tmpdir"), "cnosdb-bench-" + FILE_MB + "MB.csv").toString()));
		if (!Files.exists(file) || Files.size(file) != SampleRows.csvLength(rows())) {
			Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), "cnosdb-bench", ".partial");
			try (OutputStream out = Files.newOutputStream(partial)) {
				SampleRows.writeCsv(rows(), out);
			}
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
		}
		return file;
	}

	/**
	 * The starter.
	 * @return the rows written
	 */
	@Benchmark
	public long cnosWriteCsv() {
		CsvImportResult result = this.template.writeCsv("bench", this.file);
		return Checks.count(result.rowsWritten(), this.rows);
	}

	/**
	 * The starter with {@code -Xmx32m}.
	 * @return the rows written
	 */
	@Benchmark
	@Fork(jvmArgsAppend = "-Xmx32m")
	public long cnosWriteCsvAt32m() {
		return cnosWriteCsv();
	}

	/**
	 * The floor: Jackson CSV to line protocol, requests of at most 8 MB.
	 * @return the rows written
	 */
	@Benchmark
	public long floorJacksonToLineProtocol() {
		return Checks.count(this.floors.importCsv(this.file, 8 * 1024 * 1024), this.rows);
	}

	/**
	 * Reading the file alone.
	 * @return the bytes read
	 * @throws IOException if the file cannot be read
	 */
	@Benchmark
	public long readFileOnly() throws IOException {
		byte[] buffer = new byte[65536];
		long bytes = 0;
		try (InputStream in = Files.newInputStream(this.file)) {
			for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
				bytes += n;
			}
		}
		return bytes;
	}

}
