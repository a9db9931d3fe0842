package io.cnosdb.sample;

import io.cnosdb.client.CnosErrorAware;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns CnosDB failures into RFC 9457 problem details: 503 when CnosDB is unreachable or
 * busy, 502 for anything else it refused, with CnosDB's error code when there is one; and
 * bad input the client refused before sending anything into 400.
 *
 * @author CnosDB Spring Boot contributors
 */
@RestControllerAdvice
class CnosExceptionHandler {

	@ExceptionHandler(DataAccessException.class)
	ProblemDetail handle(DataAccessException ex) {
		boolean unavailable = ex instanceof DataAccessResourceFailureException
				|| ex instanceof TransientDataAccessException;
		ProblemDetail problem = ProblemDetail
			.forStatusAndDetail(unavailable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY, ex.getMessage());
		problem.setTitle("CnosDB request failed");
		if (ex instanceof CnosErrorAware aware && aware.getErrorCode() != null) {
			problem.setProperty("cnosdbErrorCode", aware.getErrorCode());
		}
		return problem;
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badInput(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

}
