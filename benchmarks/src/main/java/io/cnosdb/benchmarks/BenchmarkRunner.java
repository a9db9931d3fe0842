package io.cnosdb.benchmarks;

import java.io.BufferedReader;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of the module against one {@link LoopbackSink}, in interleaved
 * rounds (each round runs each contender once, the figure is the median over rounds),
 * then the heap and start-up probes in JVMs of their own, and writes
 * {@code BENCHMARKS.md}.
 * <p>
 * {@code java -jar benchmarks/target/benchmarks.jar [--quick] [--out BENCHMARKS.md] [--only REGEX]}.
 * {@code --quick} runs one round with very short iterations: a smoke run; {@code --only}
 * runs the benchmarks and probes whose class name the expression finds (for example
 * {@code --only 'Query|LargeStream'}), the report says "failed" for the others.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class BenchmarkRunner {

	/** The command that builds and runs everything, as documented. */
	static final String COMMAND = "./mvnw -B -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar";

	private final Settings settings;

	private final LoopbackSink sink;

	private final Path logs;

	private final @Nullable Pattern only;

	private final Results results = new Results();

	private BenchmarkRunner(Settings settings, LoopbackSink sink, Path logs, @Nullable Pattern only) {
		this.settings = settings;
		this.sink = sink;
		this.logs = logs;
		this.only = only;
	}

	private boolean selected(Class<?> benchmark) {
		return this.only == null || this.only.matcher(benchmark.getSimpleName()).find();
	}

	/**
	 * Run everything and write the report.
	 * @param args {@code --quick}, {@code --out <file>}, {@code --only <regex>}
	 * @throws Exception if a run cannot be started
	 */
	public static void main(String[] args) throws Exception {
		boolean quick = false;
		Path out = Path.of("BENCHMARKS.md");
		@Nullable Pattern only = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> quick = true;
				case "--out" -> out = Path.of(args[++i]);
				case "--only" -> only = Pattern.compile(args[++i]);
				default -> throw new IllegalArgumentException(
						"Unknown argument '" + args[i] + "' (--quick, --out FILE, --only REGEX)");
			}
		}
		Settings settings = quick ? Settings.QUICK : Settings.FULL;
		Path logs = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "cnosdb-bench-logs"));
		long started = System.currentTimeMillis();
		try (LoopbackSink sink = LoopbackSink.start()) {
			BenchmarkRunner runner = new BenchmarkRunner(settings, sink, logs, only);
			if (runner.selected(CsvImportBenchmark.class)) {
				CsvImportBenchmark.file();
			}
			for (int round = 1; round <= settings.rounds(); round++) {
				runner.round(round);
			}
			String command = COMMAND + (quick ? " --quick" : "") + ((only != null) ? " --only '" + only + "'" : "");
			Report report = new Report(runner.results, settings, command, sink.summary(),
					(System.currentTimeMillis() - started) / 1000);
			Files.writeString(out, report.markdown(), StandardCharsets.UTF_8);
			System.out.println(report.markdown());
			System.out.println("Wrote " + out.toAbsolutePath() + "; JMH logs in " + logs);
		}
	}

	private void round(int round) throws RunnerException, IOException, InterruptedException {
		log("Round " + round + " of " + this.settings.rounds());
		jmh(QueryBenchmark.class, Run.GC_BETWEEN_ITERATIONS);
		jmh(LargeStreamBenchmark.class, Run.SINGLE_SHOT);
		jmh(PointEncodeBenchmark.class, Run.GC_PROFILER);
		jmh(BatchWriteBenchmark.class);
		jmh(CsvImportBenchmark.class, Run.SINGLE_SHOT);
		for (String contender : List.of("cnos", "cnosRows", "influx")) {
			probe(HeapProbe.class, contender, "HEAP", "-Xmx1g");
		}
		for (int i = 0; i < this.settings.startups(); i++) {
			for (String variant : List.of("plain", "restclient", "starter")) {
				probe(StartupProbe.class, variant, "STARTUP");
			}
		}
	}

	private void jmh(Class<?> benchmark, Run... how) throws RunnerException {
		List<Run> runs = List.of(how);
		if (!selected(benchmark)) {
			return;
		}
		String name = benchmark.getSimpleName();
		log("  " + name);
		ChainedOptionsBuilder options = new OptionsBuilder().include("^" + Pattern.quote(benchmark.getName()) + "\\.")
			.forks(1)
			.jvmArgsPrepend("-D" + Contenders.SINK_PROPERTY + "=" + this.sink.url())
			.shouldFailOnError(false)
			.output(this.logs.resolve(name + ".log").toString());
		if (runs.contains(Run.SINGLE_SHOT)) {
			options.warmupIterations(this.settings.singleShotWarmups())
				.measurementIterations(this.settings.singleShotMeasurements());
		}
		else {
			options.warmupIterations(this.settings.warmups())
				.warmupTime(this.settings.time())
				.measurementIterations(this.settings.measurements())
				.measurementTime(this.settings.time());
		}
		if (runs.contains(Run.GC_PROFILER)) {
			options.addProfiler(GCProfiler.class);
		}
		options.shouldDoGC(runs.contains(Run.GC_BETWEEN_ITERATIONS));
		for (RunResult run : new Runner(options.build()).run()) {
			BenchmarkParams params = run.getParams();
			String benchmarkName = params.getBenchmark().substring(benchmark.getPackageName().length() + 1);
			Result<?> primary = run.getPrimaryResult();
			this.results.add(benchmarkName, primary.getScore(), primary.getScoreUnit());
			Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
			if (alloc != null) {
				this.results.add(benchmarkName + ":alloc", alloc.getScore(), alloc.getScoreUnit());
			}
		}
	}

	private void probe(Class<?> probe, String argument, String prefix, String... jvmArgs)
			throws IOException, InterruptedException {
		if (!selected(probe)) {
			return;
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of(jvmArgs));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"),
				"-D" + Contenders.SINK_PROPERTY + "=" + this.sink.url(), probe.getName(), argument));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> output = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				output.add(line);
			}
		}
		int exit = process.waitFor();
		Files.write(this.logs.resolve(probe.getSimpleName() + "-" + argument + ".log"), output);
		for (String line : output) {
			if (line.startsWith(prefix + " ")) {
				String[] parts = line.split(" ");
				String name = probe.getSimpleName() + "." + argument;
				if (parts.length > 3) {
					this.results.add(name, Double.parseDouble(parts[2]), "ms");
					this.results.add(name + ":heap", Double.parseDouble(parts[3]), "B");
				}
				else {
					this.results.add(name, Double.parseDouble(parts[2]), "B");
				}
				return;
			}
		}
		log("    " + probe.getSimpleName() + " " + argument + " failed (exit " + exit + "), see " + this.logs);
	}

	private static void log(String message) {
		System.out.println("[benchmarks] " + message);
	}

	/**
	 * How a benchmark class is run, beyond the settings.
	 */
	enum Run {

		/** Single-shot operations (a whole import or a 10M-row stream each). */
		SINGLE_SHOT,

		/** With JMH's GC profiler, for the bytes allocated per operation. */
		GC_PROFILER,

		/**
		 * A full GC before each iteration: each operation keeps a million records alive,
		 * and without it an iteration of a few operations is timed with the old
		 * generation the iterations before it left behind (for every contender alike).
		 */
		GC_BETWEEN_ITERATIONS

	}

	/**
	 * How long each benchmark runs.
	 *
	 * @param mode the name of the mode
	 * @param rounds interleaved rounds
	 * @param warmups warm-up iterations of timed benchmarks
	 * @param measurements measured iterations of timed benchmarks
	 * @param time the length of an iteration
	 * @param singleShotWarmups warm-up operations of single-shot benchmarks
	 * @param singleShotMeasurements measured operations of single-shot benchmarks
	 * @param startups start-ups of each variant per round
	 */
	record Settings(String mode, int rounds, int warmups, int measurements, TimeValue time, int singleShotWarmups,
			int singleShotMeasurements, int startups) {

		static final Settings QUICK = new Settings("quick", 1, 1, 2, TimeValue.seconds(1), 0, 1, 3);

		static final Settings FULL = new Settings("full", 3, 6, 5, TimeValue.seconds(2), 1, 2, 5);

		String describe() {
			return this.mode + ": " + this.rounds + " interleaved round(s), one fork per benchmark per round; timed "
					+ "benchmarks " + this.warmups + " warm-up + " + this.measurements + " measured iterations of "
					+ this.time + "; single-shot benchmarks " + this.singleShotWarmups + " warm-up + "
					+ this.singleShotMeasurements + " measured operations; " + this.startups
					+ " start-up(s) of each variant per round";
		}

	}

}
