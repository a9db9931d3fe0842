package io.cnosdb.autoconfigure;

import io.cnosdb.client.CnosOperations;
import io.cnosdb.client.batch.CnosBatchWriter;
import io.cnosdb.client.batch.WriteFailureListener;
import io.cnosdb.client.csv.CnosCsvImporter;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for writing to CnosDB in bulk: a {@link CnosCsvImporter}, and a
 * {@link CnosBatchWriter} when {@code cnosdb.write.batch.enabled=true}, with every
 * {@link WriteFailureListener} bean registered on it.
 *
 * @author CnosDB Spring Boot contributors
 */
@AutoConfiguration(after = CnosAutoConfiguration.class)
@ConditionalOnSingleCandidate(CnosOperations.class)
@EnableConfigurationProperties(CnosProperties.class)
public final class CnosWriteAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CnosCsvImporter cnosCsvImporter(CnosOperations operations, CnosProperties properties) {
		return new CnosCsvImporter(operations, properties.getWrite().getMaxRequestSize());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("cnosdb.write.batch.enabled")
	static final class BatchWriterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CnosBatchWriter cnosBatchWriter(CnosOperations operations, CnosProperties properties,
				ObjectProvider<WriteFailureListener> failureListeners,
				ObjectProvider<ObservationRegistry> observationRegistry) {
			CnosProperties.Batch batch = properties.getWrite().getBatch();
			CnosBatchWriter.Builder builder = CnosBatchWriter.builder(operations)
				.batchSize(batch.getBatchSize())
				.flushInterval(batch.getFlushInterval())
				.bufferLimit(batch.getBufferLimit())
				.overflowPolicy(batch.getOverflowPolicy())
				.blockTimeout(batch.getBlockTimeout())
				.precision(batch.getPrecision())
				.maxRequestSize(properties.getWrite().getMaxRequestSize())
				.maxRetries(batch.getMaxRetries())
				.retryInterval(batch.getRetryInterval())
				.retryMultiplier(batch.getRetryMultiplier())
				.maxRetryDelay(batch.getMaxRetryDelay())
				.retryJitter(batch.getRetryJitter())
				.maxRetryTime(batch.getMaxRetryTime())
				.shutdownTimeout(batch.getShutdownTimeout())
				.observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
			failureListeners.orderedStream().forEach(builder::failureListener);
			return builder.build();
		}

	}

}
