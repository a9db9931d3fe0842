package io.cnosdb.client.batch;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;

import io.cnosdb.client.CnosErrorAware;
import io.cnosdb.client.CnosErrorResponse;
import io.cnosdb.client.CnosInvalidDataException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * Whether a write request that failed may have stored points all the same: the evidence
 * behind {@link WriteFailure#possiblyWritten()}. The answer is "no" only when it is
 * known:
 * <ul>
 * <li>no connection was made (connection refused, unknown host, connect timeout): the
 * request never left;</li>
 * <li>the server answered with a 4xx status and no CnosDB error code (a proxy's 429, a
 * 413): the request was refused as a whole;</li>
 * <li>CnosDB answered with an error code, unless the code comes from its write stage
 * (module {@code 05} coordinator or {@code 02} storage) for a request of several lines:
 * CnosDB writes the lines of a request per replica set and does not roll back the sets
 * written before one failed (reference §6.5; seen live on 2.4.2.1 with a type conflict in
 * a request spanning two time buckets). A data error that the writer isolates to single
 * lines is judged by the single line's answer.</li>
 * </ul>
 * Everything else may have stored points: no answer arrived (read timeout, connection
 * reset, a request abandoned at shutdown), or the answer did not come from CnosDB (a 5xx
 * without an error code, from a proxy or a crash).
 *
 * @author CnosDB Spring Boot contributors
 */
final class PossiblyWritten {

	private PossiblyWritten() {
	}

	/**
	 * Judge one failed request.
	 * @param failure why it failed
	 * @param lines how many lines it carried
	 * @return whether CnosDB may have stored some of them
	 */
	static boolean afterFailure(DataAccessException failure, int lines) {
		if (failure instanceof CnosErrorAware aware && aware.getErrorResponse() != null) {
			CnosErrorResponse answer = aware.getErrorResponse();
			if (answer.code() != null) {
				return lines > 1 && isWriteStage(answer.module());
			}
			return answer.httpStatus() < 400 || answer.httpStatus() >= 500;
		}
		return !neverSent(failure);
	}

	/**
	 * Whether a data error ({@link CnosInvalidDataException} with a CnosDB error code)
	 * concerns some lines of a request rather than the request as a whole, so that the
	 * other lines can be written without them.
	 * @param failure the failure
	 * @return whether it is such a data error
	 */
	static boolean isDataError(DataAccessException failure) {
		return failure instanceof CnosInvalidDataException invalid && invalid.getErrorCode() != null;
	}

	private static boolean isWriteStage(@Nullable String module) {
		return "05".equals(module) || "02".equals(module);
	}

	private static boolean neverSent(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof HttpConnectTimeoutException || cause instanceof UnresolvedAddressException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}
