package io.cnosdb.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for CnosDB.
 *
 * @author CnosDB Spring Boot contributors
 */
@ConfigurationProperties("cnosdb")
public class CnosProperties {

	/**
	 * Base URL of the CnosDB HTTP API, without a trailing path.
	 */
	private String url = "http://localhost:8902";

	/**
	 * User to authenticate as.
	 */
	private String user = "root";

	/**
	 * Password of the user; CnosDB only checks it when the server enables authentication.
	 */
	private String password = "";

	/**
	 * Tenant that queries and writes go to.
	 */
	private String tenant = "cnosdb";

	/**
	 * Database used for unqualified table names and for writes.
	 */
	private String database = "public";

	/**
	 * Time allowed to open a connection to CnosDB.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Time allowed for CnosDB to start answering a request.
	 */
	private Duration readTimeout = Duration.ofSeconds(60);

	private final Write write = new Write();

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public String getUser() {
		return this.user;
	}

	public void setUser(String user) {
		this.user = user;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public String getTenant() {
		return this.tenant;
	}

	public void setTenant(String tenant) {
		this.tenant = tenant;
	}

	public String getDatabase() {
		return this.database;
	}

	public void setDatabase(String database) {
		this.database = database;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public Write getWrite() {
		return this.write;
	}

	@Override
	public String toString() {
		return "CnosProperties[url=" + this.url + ", user=" + this.user + ", password=******, tenant=" + this.tenant
				+ ", database=" + this.database + ", connectTimeout=" + this.connectTimeout + ", readTimeout="
				+ this.readTimeout + ", write=" + this.write + "]";
	}

	/**
	 * Writes of line protocol.
	 */
	public static class Write {

		/**
		 * Whether to gzip-compress write request bodies.
		 */
		private boolean gzip;

		/**
		 * Largest body of one write request; larger writes are split at line boundaries
		 * (CnosDB refuses bodies above its write_sql_limit, 160MB by default).
		 */
		private DataSize maxRequestSize = DataSize.ofMegabytes(8);

		public boolean isGzip() {
			return this.gzip;
		}

		public void setGzip(boolean gzip) {
			this.gzip = gzip;
		}

		public DataSize getMaxRequestSize() {
			return this.maxRequestSize;
		}

		public void setMaxRequestSize(DataSize maxRequestSize) {
			this.maxRequestSize = maxRequestSize;
		}

		@Override
		public String toString() {
			return "Write[gzip=" + this.gzip + ", maxRequestSize=" + this.maxRequestSize + "]";
		}

	}

}
