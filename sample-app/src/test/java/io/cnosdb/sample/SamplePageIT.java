package io.cnosdb.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;

import io.cnosdb.client.CnosTemplate;
import io.cnosdb.it.CnosDbServer;
import io.cnosdb.it.RealCnosDbTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's page in a real browser (headless Chromium) against the sample application
 * and a real CnosDB: it loads without console errors, the simulated sensor's chart fills
 * with points, and the upload form imports the shipped {@code air.csv}, shows the result
 * and charts it. Saves a screenshot to {@code target/sample-page.png}.
 *
 * @author CnosDB Spring Boot contributors
 */
@RealCnosDbTest
@ExtendWith(HeadlessChromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamplePageIT {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final String database = CnosDbServer.uniqueName("it_page");

	private final String metricsDatabase = CnosDbServer.uniqueName("it_page_metrics");

	private CnosTemplate cnos;

	private ConfigurableApplicationContext context;

	private ChromeDriver browser;

	private String page;

	@BeforeAll
	void startTheSampleAndTheBrowser(CnosDbServer server) {
		this.cnos = server.templateBuilder().database(this.database).build();
		// The sensor is on: the application creates its database and writes every second.
		this.context = new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0",
				"--cnosdb.url=" + server.url(), "--cnosdb.user=" + server.user(),
				"--cnosdb.password=" + server.password(), "--cnosdb.database=" + this.database,
				"--cnosdb.write.batch.flush-interval=200ms",
				"--management.cnosdb.metrics.export.database=" + this.metricsDatabase,
				"--management.cnosdb.metrics.export.step=1s",
				// Selenium warns that it has no DevTools (CDP) for this Chromium; the
				// test needs none.
				"--logging.level.org.openqa.selenium=ERROR");
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		this.page = "http://127.0.0.1:" + port + "/";
		this.browser = HeadlessChromium.start();
	}

	@AfterAll
	void stopEverything() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.context != null) {
			this.context.close();
		}
		if (this.cnos != null) {
			this.cnos.admin().dropDatabaseIfExists(this.database);
			this.cnos.admin().dropDatabaseIfExists(this.metricsDatabase);
		}
	}

	@BeforeEach
	void openThePage() {
		// Reading the console log empties it: start each test with a clean one.
		consoleErrors();
		this.browser.get(this.page);
	}

	@Test
	void pageShowsTheConnectionTheLiveSensorAndTheAdminDemoWithoutConsoleErrors() {
		waitFor(() -> text("health-status").equals("UP"));
		assertThat(text("health-version")).isEqualTo(this.cnos.ping().version());
		assertThat(text("health-tenant")).isEqualTo("cnosdb");
		assertThat(text("health-database")).isEqualTo(this.database);
		waitFor(() -> points("sensor-chart") >= 3);
		waitFor(() -> Long.parseLong(text("writer-written")) >= 3);
		assertThat(text("writer-failed")).isEqualTo("0");
		// count(*) with only a tag predicate answers 1 on CnosDB 2.4.2: count a field.
		assertThat(this.cnos.queryForObject("SELECT count(temperature) FROM sensor WHERE sensor = 'sim-1'", Long.class))
			.isGreaterThanOrEqualTo(3);
		waitFor(() -> !text("admin-tables").equals("…"));
		assertThat(text("admin-name")).isEqualTo(this.database);
		assertThat(text("admin-tables")).isEqualTo("air, sensor");
		assertThat(text("admin-ttl")).isEqualTo(this.cnos.admin().describeDatabase(this.database).ttl().toString());
		assertThat(text("admin-databases")).contains(this.database);
		waitFor(() -> text("metrics-state").contains("MB of heap in use"));
		assertThat(text("metrics-state")).startsWith("Exported to database " + this.metricsDatabase + ": ");
		assertThat(text("metrics-tables")).contains("jvm_memory_used");
		assertThat(this.browser.findElements(By.cssSelector(".problem:not([hidden])"))).isEmpty();
		assertThat(consoleErrors()).isEmpty();
	}

	@Test
	void uploadFormImportsTheShippedAirCsvShowsTheResultAndChartsIt() throws IOException {
		Path airCsv = new ClassPathResource("static/air.csv").getFile().toPath();
		this.browser.findElement(By.id("csv-file")).sendKeys(airCsv.toAbsolutePath().toString());
		this.browser.findElement(By.cssSelector("#csv-form button[type=submit]")).click();
		waitFor(() -> this.browser.findElement(By.id("csv-result")).isDisplayed());
		assertThat(text("csv-rows")).isEqualTo("96");
		assertThat(text("csv-precision")).isEqualTo("NS");
		// Two stations, hourly for two days.
		waitFor(() -> points("air-chart") == 96);
		assertThat(this.cnos.queryForObject("SELECT count(temperature) FROM air WHERE time >= '2026-01-01T00:00:00Z'"
				+ " AND time < '2026-01-03T00:00:00Z'", Long.class))
			.isEqualTo(96);
		// Enough of the sensor's wave for the screenshot.
		waitFor(() -> points("sensor-chart") >= 15);
		waitFor(() -> text("health-status").equals("UP") && !text("admin-tables").equals("…"));
		assertThat(this.browser.findElements(By.cssSelector(".problem:not([hidden])"))).isEmpty();
		assertThat(consoleErrors()).isEmpty();
		// The whole page: the window as tall as the page plus the browser's own frame.
		long pageHeight = (Long) this.browser.executeScript("return document.documentElement.scrollHeight");
		long frame = (Long) this.browser.executeScript("return window.outerHeight - window.innerHeight");
		this.browser.manage().window().setSize(new Dimension(1280, (int) (pageHeight + frame)));
		Path screenshot = Path.of("target", "sample-page.png");
		Files.write(screenshot, this.browser.getScreenshotAs(OutputType.BYTES));
		assertThat(screenshot).isNotEmptyFile();
	}

	@Test
	void aMalformedCsvIsShownAsTheProblemDetailTheApiAnswered() throws IOException {
		Path bad = Files.createTempFile(Path.of("target"), "bad", ".csv");
		Files.writeString(bad, "time,station,temperature,visibility\n2026-01-05T00:00:00Z,Bad,warm,1\n",
				StandardCharsets.UTF_8);
		this.browser.findElement(By.id("csv-file")).sendKeys(bad.toAbsolutePath().toString());
		this.browser.findElement(By.cssSelector("#csv-form button[type=submit]")).click();
		WebElement problem = this.browser.findElement(By.cssSelector("#csv .problem"));
		waitFor(problem::isDisplayed);
		assertThat(problem.getText()).startsWith("CSV import stopped (422)")
			.contains("Line 2, column 'temperature': value 'warm' cannot be written as DOUBLE")
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
		assertThat(this.browser.findElement(By.id("csv-result")).isDisplayed()).isFalse();
		// The browser reports the 422 itself, and nothing else.
		assertThat(consoleErrors()).singleElement()
			.satisfies((error) -> assertThat(error).contains("/writes/csv/air").contains("422"));
		Files.delete(bad);
	}

	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText();
	}

	private int points(String id) {
		return Integer.parseInt(this.browser.findElement(By.id(id)).getDomAttribute("data-points"));
	}

	private void waitFor(BooleanSupplier condition) {
		new WebDriverWait(this.browser, PATIENCE).until((driver) -> condition.getAsBoolean());
	}

	private List<String> consoleErrors() {
		return this.browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

}
