package io.cnosdb.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.function.Consumer;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * The hand-written floors: what a careful programmer gets from the JDK's
 * {@link HttpClient} and Jackson's CSV parser alone, with none of the starter's checks.
 * Each talks to the same sink as the contender it is compared with.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class Floors {

	private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();

	private static final String AUTHORIZATION = "Basic "
			+ Base64.getEncoder().encodeToString("root:".getBytes(StandardCharsets.UTF_8));

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String url;

	/**
	 * Create the floors for a sink.
	 * @param url the sink's base URL
	 */
	public Floors(String url) {
		this.url = url;
	}

	/**
	 * Run a query and hand each row to {@code action} as a {@link Sample}, streaming.
	 * @param sql the statement
	 * @param chunked whether to ask for a chunked answer
	 * @param action what to do with each row
	 * @return the number of rows
	 */
	public long query(String sql, boolean chunked, Consumer<Sample> action) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.url + "/api/v1/sql?tenant=cnosdb&db=bench" + (chunked ? "&chunked=true" : "")))
			.header("Accept", "application/csv")
			.header("Authorization", AUTHORIZATION)
			.POST(HttpRequest.BodyPublishers.ofString(sql))
			.build();
		try {
			HttpResponse<InputStream> response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream in = response.body()) {
				if (response.statusCode() != 200) {
					throw new IllegalStateException("HTTP " + response.statusCode());
				}
				return readSamples(in, action);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static long readSamples(InputStream in, Consumer<Sample> action) {
		long rows = 0;
		try (JsonParser parser = CSV.createParser(in)) {
			skipRow(parser);
			while (parser.nextToken() == JsonToken.START_ARRAY) {
				Instant time = parseTime(parser.nextStringValue());
				String host = parser.nextStringValue();
				double usage = Double.parseDouble(parser.nextStringValue());
				long requests = Long.parseLong(parser.nextStringValue());
				boolean healthy = Boolean.parseBoolean(parser.nextStringValue());
				parser.nextToken();
				action.accept(new Sample(time, host, usage, requests, healthy));
				rows++;
			}
		}
		return rows;
	}

	private static void skipRow(JsonParser parser) {
		if (parser.nextToken() == JsonToken.START_ARRAY) {
			while (parser.nextToken() != JsonToken.END_ARRAY) {
				// the header
			}
		}
	}

	/**
	 * Read CnosDB's timestamp layout ({@code 2024-03-01T10:00:00.000000000}, UTC) by
	 * hand, falling back to {@link LocalDateTime#parse} for any other layout.
	 * @param text the value
	 * @return the instant
	 */
	static Instant parseTime(String text) {
		return Instant.ofEpochSecond(0, epochNanos(text));
	}

	/**
	 * Read a CnosDB timestamp as nanoseconds since the epoch.
	 * @param text the value
	 * @return the nanoseconds
	 */
	static long epochNanos(String text) {
		if (text.length() == 29 && text.charAt(10) == 'T' && text.charAt(19) == '.') {
			long days = LocalDateTimeDays.epochDay(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
			long seconds = days * 86400 + digits(text, 11, 13) * 3600L + digits(text, 14, 16) * 60L
					+ digits(text, 17, 19);
			return seconds * 1_000_000_000L + digits(text, 20, 29);
		}
		Instant instant = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

	private static int digits(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			int digit = text.charAt(i) - '0';
			if (digit < 0 || digit > 9) {
				throw new NumberFormatException("Not a digit in '" + text + "'");
			}
			value = value * 10 + digit;
		}
		return value;
	}

	/**
	 * Import a CSV file of sample rows as line protocol, in requests of at most
	 * {@code maxRequestSize} bytes, the way one would by hand.
	 * @param file the file, with a header line
	 * @param maxRequestSize the largest request body
	 * @return the number of rows written
	 */
	public long importCsv(Path file, int maxRequestSize) {
		byte[] buffer = new byte[maxRequestSize];
		int length = 0;
		long rows = 0;
		StringBuilder line = new StringBuilder(256);
		try (JsonParser parser = CSV.createParser(Files.newInputStream(file))) {
			skipRow(parser);
			while (parser.nextToken() == JsonToken.START_ARRAY) {
				long nanos = epochNanos(parser.nextStringValue());
				String host = parser.nextStringValue();
				String usage = parser.nextStringValue();
				Double.parseDouble(usage);
				String requests = parser.nextStringValue();
				Long.parseLong(requests);
				String healthy = parser.nextStringValue();
				parser.nextToken();
				line.setLength(0);
				line.append("bench,host=")
					.append(host)
					.append(" usage=")
					.append(usage)
					.append(",requests=")
					.append(requests)
					.append("i,healthy=")
					.append(healthy)
					.append(' ')
					.append(nanos)
					.append('\n');
				byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
				if (length + bytes.length > buffer.length) {
					post(buffer, length);
					length = 0;
				}
				System.arraycopy(bytes, 0, buffer, length, bytes.length);
				length += bytes.length;
				rows++;
			}
			if (length > 0) {
				post(buffer, length);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return rows;
	}

	/**
	 * Send one line-protocol body to {@code /api/v1/write} and check the answer.
	 * @param body the bytes
	 * @param length how many of them to send
	 */
	public void post(byte[] body, int length) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.url + "/api/v1/write?tenant=cnosdb&db=bench&precision=ns"))
			.header("Authorization", AUTHORIZATION)
			.header("Content-Type", "text/plain; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body, 0, length))
			.build();
		try {
			HttpResponse<Void> response = this.client.send(request, HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("HTTP " + response.statusCode());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Days since the epoch of a proleptic Gregorian date, without a {@code LocalDate}.
	 */
	static final class LocalDateTimeDays {

		private LocalDateTimeDays() {
		}

		static long epochDay(int year, int month, int day) {
			long y = (month <= 2) ? year - 1 : year;
			long era = Math.floorDiv(y, 400);
			long yoe = y - era * 400;
			long doy = (153L * (month + ((month > 2) ? -3 : 9)) + 2) / 5 + day - 1;
			long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
			return era * 146097 + doe - 719468;
		}

	}

}
