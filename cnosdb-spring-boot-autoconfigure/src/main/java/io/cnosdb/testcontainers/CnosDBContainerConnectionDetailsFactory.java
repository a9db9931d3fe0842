package io.cnosdb.testcontainers;

import io.cnosdb.autoconfigure.CnosConnectionDetails;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@link ContainerConnectionDetailsFactory} that makes {@link CnosConnectionDetails} from
 * a {@code @ServiceConnection}-annotated {@link CnosDBContainer}.
 *
 * @author CnosDB Spring Boot contributors
 */
class CnosDBContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<CnosDBContainer, CnosConnectionDetails> {

	@Override
	protected CnosConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<CnosDBContainer> source) {
		return new CnosDBContainerConnectionDetails(source);
	}

	/**
	 * The connection to a {@link CnosDBContainer}: its mapped URL, {@code root} with an
	 * empty password; tenant and database come from the {@code cnosdb.*} properties.
	 */
	static final class CnosDBContainerConnectionDetails extends ContainerConnectionDetails<CnosDBContainer>
			implements CnosConnectionDetails {

		CnosDBContainerConnectionDetails(ContainerConnectionSource<CnosDBContainer> source) {
			super(source);
		}

		@Override
		public String getUrl() {
			return getContainer().getUrl();
		}

		@Override
		public String getUser() {
			return "root";
		}

		@Override
		public String getPassword() {
			return "";
		}

		@Override
		public @Nullable SslBundle getSslBundle() {
			return super.getSslBundle();
		}

	}

}
