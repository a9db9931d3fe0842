package io.cnosdb.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that answers like CnosDB 2.4.2.1 for the requests the benchmarks
 * make, with results of any size, and accepts writes on the paths of CnosDB, InfluxDB 2
 * and QuestDB, counting their bytes and lines.
 * <p>
 * Queries ({@code POST /api/v1/sql}) return {@link SampleRows#COLUMNS the five sample
 * columns}; the number of rows is the statement's {@code LIMIT}. The answer is what the
 * real server sends: {@code 200}, {@code content-type: application/csv},
 * {@code content-encoding: identity} when the request names an {@code Accept-Encoding}, a
 * {@code content-length}, or {@code transfer-encoding: chunked} under
 * {@code chunked=true}. {@code DESCRIBE TABLE} returns the schema of the sample table as
 * recorded from a real server. Writes are answered as each server does: CnosDB
 * ({@code /api/v1/write}) {@code 200} with {@code content-length: 0}; InfluxDB 2
 * ({@code /api/v2/write}) and QuestDB ({@code /write}) {@code 204}.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class LoopbackSink implements AutoCloseable {

	/** The answer of CnosDB 2.4.2.1 to {@code DESCRIBE TABLE} of the sample table. */
	static final String DESCRIBE_ANSWER = """
			column_name,data_type,column_type,compression_codec
			time,TIMESTAMP(NANOSECOND),TIME,DEFAULT
			host,STRING,TAG,DEFAULT
			usage,DOUBLE,FIELD,DEFAULT
			requests,BIGINT,FIELD,DEFAULT
			healthy,BOOLEAN,FIELD,DEFAULT
			""";

	private static final Pattern LIMIT = Pattern.compile("(?i)\\bLIMIT\\s+(\\d+)");

	private final HttpServer server;

	private final ExecutorService executor;

	private final AtomicLong queryBytes = new AtomicLong();

	private final Counter cnosWrites = new Counter();

	private final Counter influxWrites = new Counter();

	private final Counter questWrites = new Counter();

	private LoopbackSink(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/**
	 * Start a sink on a free port of 127.0.0.1.
	 * @return the running sink
	 * @throws IOException if the port cannot be opened
	 */
	public static LoopbackSink start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		ExecutorService executor = Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "loopback-sink");
			thread.setDaemon(true);
			return thread;
		});
		LoopbackSink sink = new LoopbackSink(server, executor);
		server.createContext("/api/v1/sql", sink::sql);
		server.createContext("/api/v1/write", (exchange) -> sink.write(exchange, sink.cnosWrites, 200));
		server.createContext("/api/v2/write", (exchange) -> sink.write(exchange, sink.influxWrites, 204));
		server.createContext("/write", (exchange) -> sink.write(exchange, sink.questWrites, 204));
		server.setExecutor(executor);
		server.start();
		return sink;
	}

	/**
	 * Return the base URL of the sink, such as {@code http://127.0.0.1:40123}.
	 * @return the URL
	 */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Return a one-line summary of what the sink served and received.
	 * @return the summary
	 */
	public String summary() {
		return "query bytes served " + this.queryBytes.get() + "; CnosDB writes " + this.cnosWrites
				+ "; InfluxDB writes " + this.influxWrites + "; QuestDB writes " + this.questWrites;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void sql(HttpExchange exchange) throws IOException {
		try (exchange) {
			String sql = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).strip();
			Headers headers = exchange.getResponseHeaders();
			headers.set("content-type", "application/csv");
			if (exchange.getRequestHeaders().containsKey("Accept-Encoding")) {
				headers.set("content-encoding", "identity");
			}
			boolean chunked = String.valueOf(exchange.getRequestURI().getRawQuery()).contains("chunked=true");
			if (sql.regionMatches(true, 0, "DESCRIBE TABLE", 0, 14)) {
				byte[] body = DESCRIBE_ANSWER.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
				exchange.getResponseBody().write(body);
				this.queryBytes.addAndGet(body.length);
				return;
			}
			Matcher limit = LIMIT.matcher(sql);
			long rows = limit.find() ? Long.parseLong(limit.group(1)) : 0;
			exchange.sendResponseHeaders(200, chunked ? 0 : SampleRows.csvLength(rows));
			this.queryBytes.addAndGet(SampleRows.writeCsv(rows, exchange.getResponseBody()));
		}
	}

	private void write(HttpExchange exchange, Counter counter, int status) throws IOException {
		try (exchange) {
			InputStream in = exchange.getRequestBody();
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				in = new GZIPInputStream(in, 65536);
			}
			byte[] buffer = new byte[65536];
			long bytes = 0;
			long lines = 0;
			byte last = '\n';
			for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
				bytes += n;
				for (int i = 0; i < n; i++) {
					if (buffer[i] == '\n') {
						lines++;
					}
				}
				last = (n > 0) ? buffer[n - 1] : last;
			}
			if (bytes > 0 && last != '\n') {
				lines++;
			}
			counter.add(bytes, lines);
			exchange.sendResponseHeaders(status, -1);
			OutputStream body = exchange.getResponseBody();
			body.close();
		}
	}

	/**
	 * Run a sink until the process is stopped, printing its URL.
	 * @param args unused
	 * @throws Exception if the sink cannot start
	 */
	public static void main(String[] args) throws Exception {
		LoopbackSink sink = start();
		System.out.println(sink.url());
		Thread.currentThread().join();
	}

	private static final class Counter {

		private final AtomicLong requests = new AtomicLong();

		private final AtomicLong bytes = new AtomicLong();

		private final AtomicLong lines = new AtomicLong();

		void add(long bytes, long lines) {
			this.requests.incrementAndGet();
			this.bytes.addAndGet(bytes);
			this.lines.addAndGet(lines);
		}

		@Override
		public String toString() {
			return this.requests + " requests, " + this.lines + " lines, " + this.bytes + " bytes";
		}

	}

}
