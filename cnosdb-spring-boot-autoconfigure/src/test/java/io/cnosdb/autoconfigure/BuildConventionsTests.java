package io.cnosdb.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cnosdb.autoconfigure.metrics.CnosMetricsExportProperties;
import io.cnosdb.client.batch.CnosBatchWriterOptions;
import io.cnosdb.micrometer.CnosRegistryConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards in the style of Spring Boot's build checks: what the IDE and the
 * auto-configuration machinery read from the jar.
 */
class BuildConventionsTests {

	@Test
	void everyCnosdbPropertyHasADescriptionInTheGeneratedMetadata() throws IOException {
		JsonNode metadata = read("META-INF/spring-configuration-metadata.json");
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith("cnosdb.") || name.startsWith("management.cnosdb.")) {
				names.add(name);
				assertThat(property.path("description").asString("")).as("description of %s", name)
					.isNotBlank()
					.endsWith(".");
			}
		}
		assertThat(names).contains("cnosdb.url", "cnosdb.user", "cnosdb.password", "cnosdb.tenant", "cnosdb.database",
				"cnosdb.connect-timeout", "cnosdb.read-timeout", "management.cnosdb.metrics.export.enabled",
				"management.cnosdb.metrics.export.step", "management.cnosdb.metrics.export.batch-size",
				"management.cnosdb.metrics.export.tenant", "management.cnosdb.metrics.export.database",
				"management.cnosdb.metrics.export.create-database", "management.cnosdb.metrics.export.ttl",
				"management.cnosdb.metrics.export.url", "management.cnosdb.metrics.export.connect-timeout",
				"management.cnosdb.metrics.export.read-timeout");
	}

	@Test
	void metricsExportDefaultsInTheMetadataAreTheRegistrysOwn() throws IOException {
		// The properties take the database and TTL from CnosRegistryConfig's constants,
		// which the metadata processor cannot read; the additional metadata states them
		// again.
		JsonNode metadata = read("META-INF/spring-configuration-metadata.json");
		Map<String, String> defaults = new HashMap<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith("management.cnosdb.metrics.export.") && property.has("defaultValue")) {
				defaults.put(name, property.get("defaultValue").asString());
			}
		}
		assertThat(defaults).containsOnlyKeys("management.cnosdb.metrics.export.enabled",
				"management.cnosdb.metrics.export.step", "management.cnosdb.metrics.export.batch-size",
				"management.cnosdb.metrics.export.database", "management.cnosdb.metrics.export.create-database",
				"management.cnosdb.metrics.export.ttl");
		CnosMetricsExportProperties properties = new Binder(new MapConfigurationPropertySource(defaults))
			.bind("management.cnosdb.metrics.export", CnosMetricsExportProperties.class)
			.get();
		CnosRegistryConfig config = CnosRegistryConfig.DEFAULT;
		assertThat(properties.isEnabled()).isFalse();
		assertThat(properties.getStep()).isEqualTo(config.step());
		assertThat(properties.getBatchSize()).isEqualTo(config.batchSize());
		assertThat(properties.getDatabase()).isEqualTo(config.database());
		assertThat(properties.isCreateDatabase()).isEqualTo(config.createDatabase());
		assertThat(properties.getTtl()).isEqualTo(config.ttl());
	}

	@Test
	void batchDefaultsInTheMetadataAreTheWritersOwn() throws IOException {
		// The properties take their defaults from CnosBatchWriterOptions' constants,
		// which
		// the metadata processor cannot read; the additional metadata states them again.
		JsonNode metadata = read("META-INF/spring-configuration-metadata.json");
		Map<String, String> defaults = new HashMap<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith("cnosdb.write.batch.") && !name.equals("cnosdb.write.batch.enabled")) {
				assertThat(property.has("defaultValue")).as("default of %s", name).isTrue();
				defaults.put(name, property.get("defaultValue").asString());
			}
		}
		assertThat(defaults).hasSize(13);
		CnosProperties.Batch batch = new Binder(new MapConfigurationPropertySource(defaults))
			.bind("cnosdb", CnosProperties.class)
			.get()
			.getWrite()
			.getBatch();
		CnosBatchWriterOptions options = CnosBatchWriterOptions.builder().build();
		assertThat(batch.getBatchSize()).isEqualTo(options.batchSize());
		assertThat(batch.getFlushInterval()).isEqualTo(options.flushInterval());
		assertThat(batch.getBufferLimit()).isEqualTo(options.bufferLimit());
		assertThat(batch.getOverflowPolicy()).isEqualTo(options.overflowPolicy());
		assertThat(batch.getBlockTimeout()).isEqualTo(options.blockTimeout());
		assertThat(batch.getPrecision()).isEqualTo(options.precision());
		assertThat(batch.getMaxRetries()).isEqualTo(options.maxRetries());
		assertThat(batch.getRetryInterval()).isEqualTo(options.retryInterval());
		assertThat(batch.getRetryMultiplier()).isEqualTo(options.retryMultiplier());
		assertThat(batch.getMaxRetryDelay()).isEqualTo(options.maxRetryDelay());
		assertThat(batch.getRetryJitter()).isEqualTo(options.retryJitter());
		assertThat(batch.getMaxRetryTime()).isEqualTo(options.maxRetryTime());
		assertThat(batch.getShutdownTimeout()).isEqualTo(options.shutdownTimeout());
	}

	@Test
	void healthSwitchIsDocumentedInAdditionalMetadata() throws IOException {
		JsonNode metadata = read("META-INF/additional-spring-configuration-metadata.json");
		assertThat(metadata.get("properties")
			.valueStream()
			.filter((property) -> property.get("name").asString().equals("management.health.cnosdb.enabled"))
			.findFirst()).hasValueSatisfying((property) -> {
				assertThat(property.get("description").asString()).startsWith("Whether");
				assertThat(property.get("defaultValue").asBoolean()).isTrue();
			});
	}

	@Test
	void autoConfigurationImportsAreSortedAndExist() throws IOException {
		String text;
		try (InputStream in = new ClassPathResource(
				"META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
			.getInputStream()) {
			text = StreamUtils.copyToString(in, StandardCharsets.UTF_8);
		}
		List<String> lines = text.lines().filter((line) -> !line.isBlank()).toList();
		assertThat(lines).isSorted().isNotEmpty();
		for (String line : lines) {
			assertThat(ClassPathResource.class.getClassLoader().getResource(line.replace('.', '/') + ".class")).as(line)
				.isNotNull();
		}
	}

	private static JsonNode read(String path) throws IOException {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return JsonMapper.shared().readTree(in);
		}
	}

}
