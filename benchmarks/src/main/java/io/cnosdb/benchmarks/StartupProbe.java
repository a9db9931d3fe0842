package io.cnosdb.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Starts a Spring Boot application in a JVM of its own and prints
 * {@code STARTUP <variant> <ms to context refreshed> <heap used after a GC>}:
 * {@code java … StartupProbe plain|restclient|starter}. The three variants share one
 * class path and differ in the auto-configurations they run: {@code plain} runs none of
 * the HTTP client, {@code RestClient}, Jackson or CnosDB ones, {@code restclient} all but
 * CnosDB's, {@code starter} all of them (the {@code CnosTemplate} is created).
 *
 * @author CnosDB Spring Boot contributors
 */
public final class StartupProbe {

	private static volatile long refreshedAt;

	private StartupProbe() {
	}

	/**
	 * Run the probe.
	 * @param args the variant
	 * @throws Exception if the probe fails
	 */
	public static void main(String[] args) throws Exception {
		String variant = args[0];
		List<String> excluded = new ArrayList<>();
		for (String candidate : ImportCandidates.load(AutoConfiguration.class, StartupProbe.class.getClassLoader())) {
			boolean cnos = candidate.startsWith("io.cnosdb.");
			boolean client = candidate.startsWith("org.springframework.boot.restclient.")
					|| candidate.startsWith("org.springframework.boot.http.")
					|| candidate.startsWith("org.springframework.boot.jackson.");
			boolean exclude = switch (variant) {
				case "plain" -> cnos || client;
				case "restclient" -> cnos;
				case "starter" -> false;
				default -> throw new IllegalArgumentException("Unknown variant '" + variant + "'");
			};
			if (exclude) {
				excluded.add(candidate);
			}
		}
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.addListeners((ContextRefreshedEvent event) -> refreshedAt = System.currentTimeMillis());
		application.setDefaultProperties(java.util.Map.of("spring.autoconfigure.exclude", String.join(",", excluded),
				"logging.level.root", "warn"));
		try (ConfigurableApplicationContext context = application.run()) {
			long millis = refreshedAt - ManagementFactory.getRuntimeMXBean().getStartTime();
			long heap = HeapProbe.usedHeap();
			System.out.println(
					"STARTUP " + variant + " " + millis + " " + heap + " beans=" + context.getBeanDefinitionCount());
		}
	}

	/** The application: auto-configuration only, no component scan. */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
