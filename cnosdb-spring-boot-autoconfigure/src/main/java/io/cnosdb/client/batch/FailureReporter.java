package io.cnosdb.client.batch;

import java.util.List;

import io.cnosdb.client.write.Point;
import io.cnosdb.client.write.WritePrecision;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;

/**
 * Hands the entries of a {@link CnosBatchWriter} that could not be written to its
 * {@link WriteFailureListener}s, or logs them at error level when there are none. A
 * listener that throws is logged and does not keep the others from hearing of it.
 *
 * @author CnosDB Spring Boot contributors
 */
final class FailureReporter {

	/** The writer's own log category, as users know it. */
	private static final Log logger = LogFactory.getLog(CnosBatchWriter.class);

	private final List<WriteFailureListener> listeners;

	private final WritePrecision precision;

	/**
	 * Create a reporter.
	 * @param listeners the listeners, in order
	 * @param precision the precision of the raw lines reported
	 */
	FailureReporter(List<WriteFailureListener> listeners, WritePrecision precision) {
		this.listeners = List.copyOf(listeners);
		this.precision = precision;
	}

	/**
	 * Report points and lines that failed together.
	 * @param points the points
	 * @param lines the raw lines and the lines of rows
	 * @param failure why they failed
	 * @param attempts how many requests carried them
	 * @param possiblyWritten whether CnosDB may have stored them
	 */
	void report(List<Point> points, List<String> lines, DataAccessException failure, int attempts,
			boolean possiblyWritten) {
		WriteFailure report = new WriteFailure(points, lines, failure, attempts, possiblyWritten, this.precision);
		if (this.listeners.isEmpty()) {
			logger.error("CnosDB batch write failed; " + report.size() + " points were not written after " + attempts
					+ " attempt(s)" + (possiblyWritten ? " (CnosDB may have stored them)" : "")
					+ " (register a WriteFailureListener to handle them): " + failure.getMessage());
			return;
		}
		for (WriteFailureListener listener : this.listeners) {
			try {
				listener.onFailure(report);
			}
			catch (RuntimeException ex) {
				logger.error("WriteFailureListener " + listener + " failed on " + report, ex);
			}
		}
	}

}
