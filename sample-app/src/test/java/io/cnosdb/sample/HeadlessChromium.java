package io.cnosdb.sample;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium for the browser tests, from Debian's {@code chromium} and
 * {@code chromium-driver} packages (found on the {@code PATH}; {@code CHROMIUM_BINARY}
 * and {@code CHROMEDRIVER} name other files). As an {@link ExecutionCondition} it skips a
 * test class with one line when there is no browser, except on CI ({@code CI=true}),
 * where {@code .ci/run} installs one and a missing browser fails the class instead.
 * <p>
 * The browser is started with both executables named, so Selenium never looks for or
 * downloads one, and with Chromium's background networking off: it only talks to the
 * loopback address it is sent to.
 *
 * @author CnosDB Spring Boot contributors
 */
class HeadlessChromium implements ExecutionCondition {

	/** The size of the browser window. */
	static final String WINDOW_SIZE = "1280,960";

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		Path browser = browser();
		Path driver = driver();
		if (browser != null && driver != null) {
			return ConditionEvaluationResult.enabled("headless " + browser + " through " + driver);
		}
		String missing = (browser == null) ? "no chromium (Debian package chromium)"
				: "no chromedriver (Debian package chromium-driver)";
		if ("true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("A browser is required on CI (CI=true) but there is " + missing
					+ "; .ci/run installs both packages");
		}
		String line = "Skipped: no browser for the page tests: " + missing;
		System.out.println(line);
		return ConditionEvaluationResult.disabled(line);
	}

	/**
	 * Start headless Chromium, its browser console log recorded.
	 * @return the driver
	 * @throws IllegalStateException if there is no browser
	 */
	static ChromeDriver start() {
		Path browser = browser();
		Path driver = driver();
		if (browser == null || driver == null) {
			throw new IllegalStateException("No chromium and chromedriver on the PATH");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browser.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--window-size=" + WINDOW_SIZE, "--no-first-run", "--no-default-browser-check",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
				"--disable-client-side-phishing-detection",
				"--disable-features=Translate,OptimizationHints,MediaRouter");
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
			.usingAnyFreePort()
			.withTimeout(Duration.ofSeconds(60))
			.build();
		return new ChromeDriver(service, options);
	}

	private static @Nullable Path browser() {
		return find("CHROMIUM_BINARY", List.of("chromium", "chromium-browser"));
	}

	private static @Nullable Path driver() {
		return find("CHROMEDRIVER", List.of("chromedriver"));
	}

	private static @Nullable Path find(String variable, List<String> names) {
		String named = System.getenv(variable);
		if (named != null && !named.isBlank()) {
			Path path = Path.of(named);
			return Files.isExecutable(path) ? path : null;
		}
		String searchPath = System.getenv("PATH");
		if (searchPath == null) {
			return null;
		}
		for (String directory : searchPath.split(File.pathSeparator)) {
			for (String name : names) {
				Path path = Path.of(directory, name);
				if (!directory.isEmpty() && Files.isExecutable(path)) {
					return path;
				}
			}
		}
		return null;
	}

}
