package io.cnosdb.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details required to establish a connection to a CnosDB server. Backed by the
 * {@code cnosdb.*} properties unless another source (a Docker Compose or Testcontainers
 * integration, say) provides a bean of this type.
 *
 * @author CnosDB Spring Boot contributors
 */
public interface CnosConnectionDetails extends ConnectionDetails {

	/**
	 * Base URL of the CnosDB HTTP API.
	 * @return the URL, such as {@code http://localhost:8902}
	 */
	String getUrl();

	/**
	 * User to authenticate as.
	 * @return the user name
	 */
	String getUser();

	/**
	 * Password of the user.
	 * @return the password (may be empty)
	 */
	String getPassword();

}
