package io.cnosdb.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Turns the {@link Results} of a run into {@code BENCHMARKS.md}: the table of the
 * performance issue (ours, the peer of the same run, the ratio, the target, met or not),
 * the machine, the JDK, the date, the command, and every raw score.
 *
 * @author CnosDB Spring Boot contributors
 */
final class Report {

	private static final double MB = 1_000_000.0;

	private final Results results;

	private final BenchmarkRunner.Settings settings;

	private final String command;

	private final String sinkSummary;

	private final long seconds;

	private final StringBuilder table = new StringBuilder();

	Report(Results results, BenchmarkRunner.Settings settings, String command, String sinkSummary, long seconds) {
		this.results = results;
		this.settings = settings;
		this.command = command;
		this.sinkSummary = sinkSummary;
		this.seconds = seconds;
	}

	String markdown() {
		this.table.setLength(0);
		rows();
		StringBuilder md = new StringBuilder();
		md.append("# Benchmarks\n\n");
		md.append("Written by `io.cnosdb.benchmarks.BenchmarkRunner` (module `benchmarks`). Every figure is a ratio ")
			.append("against its peer measured in the same run, on the same loopback sink (`LoopbackSink`: the JDK's ")
			.append("HTTP server answering like CnosDB 2.4.2.1, in the runner's JVM; each benchmark runs in a forked ")
			.append("JVM). Higher is better for rates; the ratio is ours ÷ peer.\n\n");
		if ("quick".equals(this.settings.mode())) {
			md.append(
					"**Smoke figures.** This is a `--quick` run (one round, very short iterations) on a machine that ")
				.append("was busy with other builds at the same time: absolute numbers are noisy; only the ratios ")
				.append("within the run mean anything, and only roughly.\n\n");
		}
		md.append("| | |\n|---|---|\n");
		md.append("| command | `").append(this.command).append("` |\n");
		md.append("| date | ")
			.append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
			.append(" |\n");
		md.append("| machine | ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" CPUs (nproc), ")
			.append(memory())
			.append(" memory, ")
			.append(System.getProperty("os.name"))
			.append(' ')
			.append(System.getProperty("os.arch"))
			.append(" |\n");
		md.append("| JDK | ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.runtime.version"))
			.append(" |\n");
		md.append("| settings | ").append(this.settings.describe()).append(" |\n");
		md.append("| duration | ").append(this.seconds).append(" s |\n");
		md.append("| sink | ").append(this.sinkSummary).append(" |\n\n");
		md.append("| measure | ours | peer | ratio | target | met |\n|---|---|---|---|---|---|\n");
		md.append(this.table);
		md.append("\nHow each figure is measured (sources in `benchmarks/src/main/java/io/cnosdb/benchmarks`):\n\n");
		for (String note : NOTES) {
			md.append("- ").append(note).append('\n');
		}
		md.append(
				"\n## Raw scores\n\nMedian over rounds (all rounds in brackets).\n\n| benchmark | median | unit | rounds |\n|---|---|---|---|\n");
		for (Map.Entry<String, List<Double>> entry : this.results.all().entrySet()) {
			md.append("| ")
				.append(entry.getKey())
				.append(" | ")
				.append(format(this.results.median(entry.getKey())))
				.append(" | ")
				.append(this.results.unit(entry.getKey()))
				.append(" | ")
				.append(entry.getValue().stream().map(Report::format).toList())
				.append(" |\n");
		}
		return md.toString();
	}

	private static final List<String> NOTES = List.of(
			"Queries: `QueryBenchmark` (1M rows, `SELECT … LIMIT 1000000`; `query` against the floor collecting the same "
					+ "records into a list from a plain answer, `queryForStream` against the floor streaming a "
					+ "`chunked=true` answer; a fixed heap of 4 GB and a full GC before each iteration, as a list "
					+ "keeps a million records alive) and `LargeStreamBenchmark` (10M rows, `-Xmx64m`, single shot). "
					+ "The floor is the JDK `HttpClient` + Jackson CSV tokens + `Double/Long/Boolean.parse*` + "
					+ "CnosDB's timestamp layout read by hand (`Floors`); the starter parses with FastCSV.",
			"Encoding: `PointEncodeBenchmark` with JMH's GC profiler (`gc.alloc.rate.norm` = bytes per point). "
					+ "Ours = `Point.measurement…build()` appended to a `LineProtocolBuffer`; influxdb-client-java "
					+ "= `Point…toLineProtocol()`; QuestDB = `Sender` (HTTP, ILP text, protocol version 1) writing "
					+ "rows into its off-heap buffer, reset instead of sent; hand-written = `StringBuilder.append`.",
			"Batched writes: `BatchWriteBenchmark`, one operation = 50,000 points built and written in batches of "
					+ "5,000 until the sink acknowledged all of them (ours: `flush()`; `WriteApi`: its success "
					+ "events; QuestDB: `flush()`; raw: one synchronous `HttpClient` request per batch). "
					+ "`writeRows`: the same rows as QuestDB's, one `writeRows` call per 5,000 rows, then `flush()`.",
			"Heap: `HeapProbe` in a JVM of its own (`-Xmx1g`): heap used after a full GC with 50,000 points "
					+ "buffered (batch size 100,000, flush interval 1 h) minus before.",
			"CSV import: `CsvImportBenchmark`, a generated file of sample rows (about 200 MB, in the temporary "
					+ "directory), schema from the sink's `DESCRIBE TABLE` answer; the floor reads it with Jackson "
					+ "CSV and sends line protocol in 8 MB requests. `cnosWriteCsvAt32m` runs ours with `-Xmx32m`.",
			"Start-up: `StartupProbe`, one JVM per start, interleaved; milliseconds from JVM start to "
					+ "`ContextRefreshedEvent`, heap used after a full GC. The variants share one class path and "
					+ "differ in the auto-configurations excluded (plain: no HTTP client, RestClient, Jackson, "
					+ "CnosDB; restclient: no CnosDB).");

	private void rows() {
		double queryRows = QueryBenchmark.ROWS;
		rate("1M rows × 5 columns into records, `query(sql, Sample.class)`, rows/s", "QueryBenchmark.cnosQuery",
				"QueryBenchmark.floorList", "floor", perSecond(queryRows), "≥ 0.9× floor", 0.9);
		rate("1M rows × 5 columns into records, `queryForStream`, rows/s", "QueryBenchmark.cnosQueryForStream",
				"QueryBenchmark.floorStream", "floor (chunked, streamed)", perSecond(queryRows), "≥ 0.9× floor", 0.9);
		rate("10M-row streamed result into records, `-Xmx64m`, rows/s", "LargeStreamBenchmark.cnosQueryForStream",
				"LargeStreamBenchmark.floorStream", "floor", perSecond(LargeStreamBenchmark.ROWS),
				"completes, ≥ 0.9× floor", 0.9);
		DoubleUnaryOperator same = (score) -> score;
		rate("build a `Point` + encode, points/s", "PointEncodeBenchmark.cnosBuildAndEncode",
				"PointEncodeBenchmark.influxBuildAndEncode", "influxdb-client-java `Point.toLineProtocol`", same,
				"≥ 3× influxdb-client-java", 3);
		rate("build a `Point` + encode, points/s", "PointEncodeBenchmark.cnosBuildAndEncode",
				"PointEncodeBenchmark.questdbBuildAndEncode", "QuestDB `Sender` encoder", same, "≥ 1× QuestDB", 1);
		rate("build a `Point` + encode, points/s", "PointEncodeBenchmark.cnosBuildAndEncode",
				"PointEncodeBenchmark.stringBuilder", "hand-written `StringBuilder`", same, "—", 0);
		bytes("bytes allocated per point, build + encode", "PointEncodeBenchmark.cnosBuildAndEncode:alloc",
				"PointEncodeBenchmark.questdbBuildAndEncode:alloc", "QuestDB", 200, "≤ 200 B");
		bytes("bytes allocated per point, encode a built point", "PointEncodeBenchmark.cnosEncodeBuilt:alloc",
				"PointEncodeBenchmark.influxEncodeBuilt:alloc", "influxdb-client-java", 0, "0 B");
		rate("write a row with `LineProtocolBuffer.row` (no `Point`), points/s", "PointEncodeBenchmark.cnosRow",
				"PointEncodeBenchmark.questdbBuildAndEncode", "QuestDB `Sender` encoder", same, "—", 0);
		bytes("bytes allocated per point, `LineProtocolBuffer.row`", "PointEncodeBenchmark.cnosRow:alloc",
				"PointEncodeBenchmark.questdbBuildAndEncode:alloc", "QuestDB", 0, "0 B");
		DoubleUnaryOperator points = perSecond(BatchWriteBenchmark.POINTS);
		rate("batched writes end to end (batches of 5,000), points/s", "BatchWriteBenchmark.cnosBatchWriter",
				"BatchWriteBenchmark.questdbHttpSender", "QuestDB HTTP sender", points, "≥ 1× QuestDB", 1);
		rate("batched writes end to end (batches of 5,000), points/s", "BatchWriteBenchmark.cnosBatchWriter",
				"BatchWriteBenchmark.rawHttpClient", "raw `HttpClient`", points, "≥ 0.8× raw", 0.8);
		rate("batched writes end to end (batches of 5,000), points/s", "BatchWriteBenchmark.cnosBatchWriter",
				"BatchWriteBenchmark.influxWriteApi", "influxdb-client-java `WriteApi`", points, "≥ 3× `WriteApi`", 3);
		rate("batched writes end to end (batches of 5,000), `writeRows` (no `Point`), points/s",
				"BatchWriteBenchmark.cnosBatchWriterRows", "BatchWriteBenchmark.questdbHttpSender",
				"QuestDB HTTP sender", points, "≥ 1× QuestDB", 1);
		rate("batched writes end to end (batches of 5,000), `writeRows` (no `Point`), points/s",
				"BatchWriteBenchmark.cnosBatchWriterRows", "BatchWriteBenchmark.rawHttpClient", "raw `HttpClient`",
				points, "≥ 0.8× raw", 0.8);
		heap();
		csv();
		startup();
	}

	private DoubleUnaryOperator perSecond(double units) {
		return (millis) -> units / (millis / 1000);
	}

	private void rate(String measure, String ours, String peer, String peerName, DoubleUnaryOperator toRate,
			String target, double minimumRatio) {
		rate(measure, ours, peer, peerName, toRate, target,
				(minimumRatio != 0) ? (oursRate, ratio) -> ratio >= minimumRatio : null);
	}

	private void rate(String measure, String ours, String peer, String peerName, DoubleUnaryOperator toRate,
			String target, @Nullable Target check) {
		Double oursScore = this.results.median(ours);
		Double peerScore = this.results.median(peer);
		@Nullable Double oursRate = (oursScore != null) ? toRate.applyAsDouble(oursScore) : null;
		@Nullable Double peerRate = (peerScore != null) ? toRate.applyAsDouble(peerScore) : null;
		Double ratio = (oursRate != null && peerRate != null) ? oursRate / peerRate : null;
		String met = (check == null) ? "—"
				: (oursRate == null || ratio == null) ? "no (failed)" : yesNo(check.met(oursRate, ratio));
		row(measure, (oursRate != null) ? format(oursRate) : "failed",
				peerName + ": " + ((peerRate != null) ? format(peerRate) : "failed"),
				(ratio != null) ? String.format(Locale.ROOT, "%.2f×", ratio) : "—", target, met);
	}

	private void bytes(String measure, String ours, String peer, String peerName, double max, String target) {
		Double oursBytes = this.results.median(ours);
		Double peerBytes = this.results.median(peer);
		row(measure, (oursBytes != null) ? format(oursBytes) + " B" : "failed",
				peerName + ": " + ((peerBytes != null) ? format(peerBytes) + " B" : "failed"), "—", target,
				(oursBytes != null) ? yesNo(oursBytes <= max + 0.5) : "no (failed)");
	}

	private void heap() {
		Double ours = this.results.median("HeapProbe.cnos");
		Double peer = this.results.median("HeapProbe.influx");
		row("batching writer heap with 50,000 points buffered", (ours != null) ? format(ours / MB) + " MB" : "failed",
				"`WriteApi`: " + ((peer != null) ? format(peer / MB) + " MB" : "failed"),
				(ours != null && peer != null) ? String.format(Locale.ROOT, "%.2f×", ours / peer) : "—", "≤ 30 MB",
				(ours != null) ? yesNo(ours <= 30 * MB) : "no (failed)");
		Double rows = this.results.median("HeapProbe.cnosRows");
		row("batching writer heap with 50,000 rows buffered (`writeRows`)",
				(rows != null) ? format(rows / MB) + " MB" : "failed",
				"`WriteApi`: " + ((peer != null) ? format(peer / MB) + " MB" : "failed"),
				(rows != null && peer != null) ? String.format(Locale.ROOT, "%.2f×", rows / peer) : "—", "≤ 30 MB",
				(rows != null) ? yesNo(rows <= 30 * MB) : "no (failed)");
	}

	private void csv() {
		double fileMb = SampleRows.csvLength(CsvImportBenchmark.rows()) / MB;
		DoubleUnaryOperator mbPerSecond = perSecond(fileMb);
		rate(String.format(Locale.ROOT, "CSV import, %.0f MB file, schema from `DESCRIBE`, MB/s", fileMb),
				"CsvImportBenchmark.cnosWriteCsv", "CsvImportBenchmark.floorJacksonToLineProtocol",
				"Jackson-CSV → line-protocol floor", mbPerSecond, "≥ 100 MB/s", (oursRate, ratio) -> oursRate >= 100);
		Double read = this.results.median("CsvImportBenchmark.readFileOnly");
		row("CSV import: reading the file alone, MB/s", "—",
				(read != null) ? format(mbPerSecond.applyAsDouble(read)) : "failed", "—", "—", "—");
		Double small = this.results.median("CsvImportBenchmark.cnosWriteCsvAt32m");
		row("CSV import with `-Xmx32m`",
				(small != null) ? "completes, " + format(mbPerSecond.applyAsDouble(small)) + " MB/s" : "fails", "—",
				"—", "completes at `-Xmx32m`", yesNo(small != null));
	}

	private void startup() {
		Double plain = this.results.median("StartupProbe.plain");
		Double restclient = this.results.median("StartupProbe.restclient");
		Double starter = this.results.median("StartupProbe.starter");
		Double plainHeap = this.results.median("StartupProbe.plain:heap");
		Double starterHeap = this.results.median("StartupProbe.starter:heap");
		if (plain == null || restclient == null || starter == null || plainHeap == null || starterHeap == null) {
			row("start-up of a Boot app with the starter", "failed", "—", "—", "≤ +150 ms over restclient + Jackson",
					"no (failed)");
			return;
		}
		row("start-up with the starter, over Boot with restclient + Jackson", signed(starter - restclient) + " ms",
				"restclient + Jackson: " + format(restclient) + " ms",
				String.format(Locale.ROOT, "%.2f×", starter / restclient), "≤ +150 ms",
				yesNo(starter - restclient <= 150));
		row("start-up with the starter, over plain Boot",
				signed(starter - plain) + " ms, " + signed((starterHeap - plainHeap) / MB) + " MB heap",
				"plain Boot: " + format(plain) + " ms, " + format(plainHeap / MB) + " MB",
				String.format(Locale.ROOT, "%.2f×", starter / plain), "—", "—");
	}

	/** What a figure must reach. */
	private interface Target {

		boolean met(double oursRate, double ratio);

	}

	private void row(String measure, String ours, String peer, String ratio, String target, String met) {
		this.table.append("| ").append(String.join(" | ", measure, ours, peer, ratio, target, met)).append(" |\n");
	}

	private static String yesNo(boolean met) {
		return met ? "yes" : "no";
	}

	private static String signed(double value) {
		return ((value >= 0) ? "+" : "") + format(value);
	}

	static String format(@Nullable Double value) {
		if (value == null) {
			return "—";
		}
		double abs = Math.abs(value);
		if (abs >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		return String.format(Locale.ROOT, (abs >= 10) ? "%.1f" : "%.2f", value);
	}

	private static String memory() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return String.format(Locale.ROOT, "%.1f GB", os.getTotalMemorySize() / 1e9);
		}
		return "unknown";
	}

}
