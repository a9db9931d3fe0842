package io.cnosdb.client.batch;

import java.util.List;

import io.cnosdb.client.write.Point;
import io.cnosdb.client.write.WritePrecision;

import org.springframework.dao.DataAccessException;

/**
 * Points that a {@link CnosBatchWriter} could not write, reported together because they
 * failed for the same reason.
 * <p>
 * {@link #possiblyWritten()} says whether CnosDB may have stored them all the same: it is
 * {@code false} when the failure shows that no request carrying them was applied (the
 * connection was refused, the request was never sent, CnosDB refused it with an error),
 * and {@code true} when a request carrying them got no answer (read timeout, connection
 * reset, abandoned at shutdown while waiting for the answer), or an answer that did not
 * come from CnosDB (a 5xx without a CnosDB error code), or an error from CnosDB's write
 * stage for a request of several lines, which CnosDB may have applied in part. Writing
 * such points again is harmless: CnosDB keeps one row per series and timestamp.
 *
 * @param points the points that were given as {@link Point}s or mapped objects, in the
 * order they were written
 * @param lines the lines that were given as raw line protocol, one line each, in the
 * order they were written
 * @param exception why they failed: the server's answer (for a point isolated from a
 * batch, the answer about that point), a connection failure, or
 * {@link CnosWriteAbandonedException} at shutdown
 * @param attempts how many requests carried them ({@code 0} if none did)
 * @param possiblyWritten whether CnosDB may have stored them despite the failure
 * @param precision the precision of the timestamps in {@code lines}
 * @author CnosDB Spring Boot contributors
 */
public record WriteFailure(List<Point> points, List<String> lines, DataAccessException exception, int attempts,
		boolean possiblyWritten, WritePrecision precision) {

	/**
	 * Create a failure report.
	 * @param points the failed points
	 * @param lines the failed raw lines
	 * @param exception the cause
	 * @param attempts the number of requests that carried them
	 * @param possiblyWritten whether CnosDB may have stored them
	 * @param precision the precision of the lines
	 */
	public WriteFailure {
		points = List.copyOf(points);
		lines = List.copyOf(lines);
	}

	/**
	 * Return the number of points (and raw lines) that failed.
	 * @return the size of the report
	 */
	public int size() {
		return this.points.size() + this.lines.size();
	}

	@Override
	public String toString() {
		return "WriteFailure[" + size() + " points after " + this.attempts + " attempt(s), "
				+ (this.possiblyWritten ? "possibly written" : "not written") + ": " + this.exception.getMessage()
				+ "]";
	}

}
