package io.cnosdb.client.batch;

import java.time.Duration;

import io.cnosdb.client.CnosTemplate;
import io.cnosdb.client.write.LineProtocolChunker;
import io.cnosdb.client.write.WritePrecision;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CnosBatchWriterOptions}.
 */
class CnosBatchWriterOptionsTests {

	@Test
	void defaultsAreTheConstants() {
		CnosBatchWriterOptions options = CnosBatchWriterOptions.builder().build();
		assertThat(options.batchSize()).isEqualTo(CnosBatchWriterOptions.DEFAULT_BATCH_SIZE).isEqualTo(5000);
		assertThat(options.flushInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(options.bufferLimit()).isEqualTo(50_000);
		assertThat(options.overflowPolicy()).isEqualTo(OverflowPolicy.BLOCK);
		assertThat(options.blockTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.precision()).isEqualTo(WritePrecision.NS);
		assertThat(options.maxRequestSize()).isEqualTo(LineProtocolChunker.DEFAULT_MAX_REQUEST_SIZE);
		assertThat(options.maxRetries()).isEqualTo(5);
		assertThat(options.retryInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(options.retryMultiplier()).isEqualTo(2.0);
		assertThat(options.maxRetryDelay()).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.retryJitter()).isEqualTo(Duration.ofMillis(200));
		assertThat(options.maxRetryTime()).isEqualTo(Duration.ofMinutes(2));
		assertThat(options.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void buildersTakeOptionsWhole() {
		CnosBatchWriterOptions options = CnosBatchWriterOptions.builder()
			.batchSize(10)
			.bufferLimit(20)
			.precision(WritePrecision.MS)
			.maxRequestSize(DataSize.ofKilobytes(64))
			.build();
		CnosBatchWriterOptions copied = CnosBatchWriterOptions.builder().options(options).build();
		assertThat(copied).isEqualTo(options);
		CnosTemplate template = CnosTemplate.builder().url("http://localhost:8902").build();
		try (CnosBatchWriter writer = CnosBatchWriter.builder(template).options(options).build()) {
			assertThat(writer.getOptions()).isEqualTo(options);
		}
	}

	@Test
	void settingsOutOfRangeAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> CnosBatchWriterOptions.builder().batchSize(0).build())
			.withMessage("The batch size must be positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosBatchWriterOptions.builder().batchSize(10).bufferLimit(5).build())
			.withMessage("The buffer limit must be at least the batch size");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosBatchWriterOptions.builder().maxRequestSize(DataSize.ofBytes(1023)).build())
			.withMessage("The max request size must be at least 1KB");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CnosBatchWriterOptions.builder().retryMultiplier(0.5).build())
			.withMessage("The retry multiplier must be at least 1");
	}

}
