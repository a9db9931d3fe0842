package io.cnosdb.sample;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.batch.CnosBatchWriter;
import io.cnosdb.client.batch.CnosWriteBufferFullException;
import io.cnosdb.client.csv.CnosCsvImportException;
import io.cnosdb.client.csv.CnosCsvImporter;
import io.cnosdb.client.csv.CsvImportResult;
import io.cnosdb.client.write.LineProtocolBuffer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Writes to CnosDB three ways: one point at once through {@link CnosOperations}, many
 * points through the {@link CnosBatchWriter} (enabled with
 * {@code cnosdb.write.batch.enabled=true}; as objects, or as rows without a point each),
 * and a CSV upload through the {@link CnosCsvImporter}. Everything goes to the sample's
 * own database ({@code cnosdb.database}), where {@link AdminDemoController} reads it
 * back.
 *
 * <pre>
 * curl -X POST localhost:8080/writes/point -H 'Content-Type: application/json' \
 *      -d '{"station":"XiaoMaiDao","temperature":69.5,"visibility":53}'
 * curl -X POST 'localhost:8080/writes/batch?wait=true' -H 'Content-Type: application/json' \
 *      -d '[{"station":"a","temperature":1,"visibility":2},{"station":"b","temperature":3,"visibility":4}]'
 * curl -X POST 'localhost:8080/writes/rows?wait=true' -H 'Content-Type: application/json' \
 *      -d '[{"station":"a","temperature":1,"visibility":2}]'
 * curl -O localhost:8080/air.csv &amp;&amp; curl -X POST localhost:8080/writes/csv/air -F file=@air.csv
 * </pre>
 */
@RestController
@RequestMapping("/writes")
public class WriteController {

	private final CnosOperations cnos;

	private final ObjectProvider<CnosBatchWriter> batchWriter;

	private final CnosCsvImporter csvImporter;

	public WriteController(CnosOperations cnos, ObjectProvider<CnosBatchWriter> batchWriter,
			CnosCsvImporter csvImporter) {
		this.cnos = cnos;
		this.batchWriter = batchWriter;
		this.csvImporter = csvImporter;
	}

	/**
	 * Write one reading now; answers once CnosDB has acknowledged it.
	 * @param reading the reading
	 * @return the number of points written
	 */
	@PostMapping("/point")
	public Map<String, Long> writePoint(@RequestBody AirReading reading) {
		return Map.of("written", this.cnos.writeObjects(List.of(reading)));
	}

	/**
	 * Hand readings to the batching writer. Answers 202 at once, or with
	 * {@code wait=true} 200 once they are acknowledged (or the failure that stopped
	 * them).
	 * @param readings the readings
	 * @param wait whether to wait for the acknowledgement
	 * @return the number of points accepted
	 */
	@PostMapping("/batch")
	public ResponseEntity<Map<String, Integer>> writeBatch(@RequestBody List<AirReading> readings,
			@RequestParam(defaultValue = "false") boolean wait) {
		CnosBatchWriter writer = this.batchWriter.getIfAvailable();
		if (writer == null) {
			throw new IllegalStateException("The batching writer is off; set cnosdb.write.batch.enabled=true");
		}
		CompletableFuture<Void> acknowledged = writer.writeObjects(readings);
		if (wait) {
			// A batch leaves after cnosdb.write.batch.flush-interval at the latest.
			acknowledged.orTimeout(1, TimeUnit.MINUTES).join();
			return ResponseEntity.ok(Map.of("written", readings.size()));
		}
		return ResponseEntity.accepted().body(Map.of("accepted", readings.size()));
	}

	/**
	 * Hand readings to the batching writer as rows, without a {@code Point} per reading:
	 * the way to feed it a steady flow of many points. A reading without a time is
	 * written at the server's clock. Answers as {@link #writeBatch} does.
	 * @param readings the readings
	 * @param wait whether to wait for the acknowledgement
	 * @return the number of points accepted
	 */
	@PostMapping("/rows")
	public ResponseEntity<Map<String, Integer>> writeRows(@RequestBody List<AirReading> readings,
			@RequestParam(defaultValue = "false") boolean wait) {
		CnosBatchWriter writer = this.batchWriter.getIfAvailable();
		if (writer == null) {
			throw new IllegalStateException("The batching writer is off; set cnosdb.write.batch.enabled=true");
		}
		CompletableFuture<Void> acknowledged = writer.writeRows((rows) -> {
			for (AirReading reading : readings) {
				LineProtocolBuffer.Row row = rows.row("air")
					.tag("station", reading.station())
					.field("temperature", reading.temperature())
					.field("visibility", reading.visibility());
				Instant time = reading.time();
				if (time != null) {
					row.at(time);
				}
				else {
					row.atNow();
				}
			}
		});
		if (wait) {
			acknowledged.orTimeout(1, TimeUnit.MINUTES).join();
			return ResponseEntity.ok(Map.of("written", readings.size()));
		}
		return ResponseEntity.accepted().body(Map.of("accepted", readings.size()));
	}

	/**
	 * Import an uploaded CSV file into a table, streamed in bounded requests.
	 * @param table the table
	 * @param file the CSV file (multipart field {@code file}); its first line names the
	 * columns
	 * @return what was written
	 * @throws IOException if the upload cannot be read
	 */
	@PostMapping("/csv/{table}")
	public CsvImportResult uploadCsv(@PathVariable String table, @RequestParam("file") MultipartFile file)
			throws IOException {
		try (InputStream in = file.getInputStream()) {
			return this.csvImporter.writeCsv(table, in);
		}
	}

	@ExceptionHandler
	ProblemDetail csvImportFailed(CnosCsvImportException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("CSV import stopped");
		problem.setProperty("line", ex.getLineNumber());
		problem.setProperty("column", ex.getColumn());
		problem.setProperty("value", ex.getValue());
		problem.setProperty("rowsWritten", ex.getRowsWritten());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail bufferFull(CnosWriteBufferFullException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail batchingOff(IllegalStateException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
	}

}
