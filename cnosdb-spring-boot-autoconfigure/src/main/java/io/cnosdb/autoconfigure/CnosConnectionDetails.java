package io.cnosdb.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

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
	 * Base URLs of the CnosDB nodes, tried in this order with failover between them.
	 * @return the URLs, at least one; by default {@link #getUrl()} alone
	 */
	default List<String> getUrls() {
		return List.of(getUrl());
	}

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

	/**
	 * Tenant that queries and writes go to, or {@code null} when the source of these
	 * details does not say (then {@code cnosdb.tenant} applies).
	 * @return the tenant, or {@code null}
	 */
	default @Nullable String getTenant() {
		return null;
	}

	/**
	 * Database used for unqualified table names and for writes, or {@code null} when the
	 * source of these details does not say (then {@code cnosdb.database} applies).
	 * @return the database, or {@code null}
	 */
	default @Nullable String getDatabase() {
		return null;
	}

	/**
	 * SSL bundle for {@code https://} connections to this server, or {@code null} for the
	 * application's HTTP client settings (and the JDK's defaults).
	 * @return the SSL bundle, or {@code null}
	 */
	default @Nullable SslBundle getSslBundle() {
		return null;
	}

}
