package io.cnosdb.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.Assert;

/**
 * Adapts {@link CnosProperties} to {@link CnosConnectionDetails}.
 *
 * @author CnosDB Spring Boot contributors
 */
final class PropertiesCnosConnectionDetails implements CnosConnectionDetails {

	private final CnosProperties properties;

	private final @Nullable SslBundles sslBundles;

	PropertiesCnosConnectionDetails(CnosProperties properties, @Nullable SslBundles sslBundles) {
		this.properties = properties;
		this.sslBundles = sslBundles;
	}

	@Override
	public String getUrl() {
		return getUrls().get(0);
	}

	/**
	 * The URLs of {@code cnosdb.urls}, else {@code cnosdb.url} alone.
	 */
	@Override
	public List<String> getUrls() {
		List<String> urls = this.properties.getUrls();
		return (urls == null || urls.isEmpty()) ? List.of(this.properties.getUrl()) : List.copyOf(urls);
	}

	@Override
	public String getUser() {
		return this.properties.getUser();
	}

	@Override
	public String getPassword() {
		return this.properties.getPassword();
	}

	@Override
	public String getTenant() {
		return this.properties.getTenant();
	}

	@Override
	public String getDatabase() {
		return this.properties.getDatabase();
	}

	@Override
	public @Nullable SslBundle getSslBundle() {
		String name = this.properties.getSsl().getBundle();
		if (name == null) {
			return null;
		}
		Assert.state(this.sslBundles != null, "cnosdb.ssl.bundle is set but no SslBundles bean is available");
		return this.sslBundles.getBundle(name);
	}

	@Override
	public String toString() {
		return "PropertiesCnosConnectionDetails[urls=" + getUrls() + ", user=" + getUser() + "]";
	}

}
