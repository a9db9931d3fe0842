package io.cnosdb.autoconfigure;

/**
 * Adapts {@link CnosProperties} to {@link CnosConnectionDetails}.
 *
 * @author CnosDB Spring Boot contributors
 */
final class PropertiesCnosConnectionDetails implements CnosConnectionDetails {

	private final CnosProperties properties;

	PropertiesCnosConnectionDetails(CnosProperties properties) {
		this.properties = properties;
	}

	@Override
	public String getUrl() {
		return this.properties.getUrl();
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
	public String toString() {
		return "PropertiesCnosConnectionDetails[url=" + getUrl() + ", user=" + getUser() + "]";
	}

}
