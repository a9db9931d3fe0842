package io.cnosdb.autoconfigure;

import java.util.List;

import io.cnosdb.client.batch.CnosBatchWriter;
import io.cnosdb.client.batch.CnosBatchWriterMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that publishes the counters of the {@link CnosBatchWriter} to
 * Micrometer, when Micrometer is on the classpath. Spring Boot binds the
 * {@link MeterBinder} to every meter registry.
 *
 * @author CnosDB Spring Boot contributors
 */
@AutoConfiguration(after = CnosWriteAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(CnosBatchWriter.class)
public final class CnosWriteMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CnosBatchWriterMetrics cnosBatchWriterMetrics(CnosBatchWriter writer) {
		return new CnosBatchWriterMetrics(writer, List.of());
	}

}
