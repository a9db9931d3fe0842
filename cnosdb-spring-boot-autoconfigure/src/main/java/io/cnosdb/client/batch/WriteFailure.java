package io.cnosdb.client.batch;

import java.util.List;

import io.cnosdb.client.write.Point;
import io.cnosdb.client.write.WritePrecision;

import org.springframework.dao.DataAccessException;

/**
 * A batch that a {@link CnosBatchWriter} could not write.
 *
 * @param points the points of the batch that were given as {@link Point}s or mapped
 * objects, in the order they were written
 * @param lines the lines of the batch that were given as raw line protocol, one line
 * each, in the order they were written
 * @param exception why the batch failed: the server's answer, a connection failure, or
 * {@link CnosWriteAbandonedException} at shutdown
 * @param attempts how many times the batch was sent ({@code 0} if it never was)
 * @param precision the precision of the timestamps in {@code lines}
 * @author CnosDB Spring Boot contributors
 */
public record WriteFailure(List<Point> points, List<String> lines, DataAccessException exception, int attempts,
		WritePrecision precision) {

	/**
	 * Create a failure report.
	 * @param points the failed points
	 * @param lines the failed raw lines
	 * @param exception the cause
	 * @param attempts the number of attempts
	 * @param precision the precision of the lines
	 */
	public WriteFailure {
		points = List.copyOf(points);
		lines = List.copyOf(lines);
	}

	/**
	 * Return the number of points (and raw lines) that failed.
	 * @return the size of the batch
	 */
	public int size() {
		return this.points.size() + this.lines.size();
	}

	@Override
	public String toString() {
		return "WriteFailure[" + size() + " points after " + this.attempts + " attempt(s): "
				+ this.exception.getMessage() + "]";
	}

}
