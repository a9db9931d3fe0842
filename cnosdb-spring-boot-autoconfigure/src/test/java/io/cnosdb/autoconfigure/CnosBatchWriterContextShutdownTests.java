package io.cnosdb.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cnosdb.client.batch.CnosBatchWriter;
import io.cnosdb.client.batch.CnosWriteAbandonedException;
import io.cnosdb.client.batch.WriteFailure;
import io.cnosdb.client.batch.WriteFailureListener;
import io.cnosdb.client.write.Point;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that an application context with batched writes in flight to a CnosDB that never
 * answers closes within the writer's shutdown timeout, with the auto-configured client
 * (the JDK client, read timeout 60 s by default), and that every point written is
 * reported to the application's {@link WriteFailureListener}.
 */
class CnosBatchWriterContextShutdownTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, CnosAutoConfiguration.class, CnosWriteAutoConfiguration.class));

	private final List<WriteFailure> failures = Collections.synchronizedList(new ArrayList<>());

	private final CountDownLatch requestReceived = new CountDownLatch(1);

	private ServerSocket hung;

	@BeforeEach
	void startServerThatNeverAnswers() throws IOException {
		this.hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!this.hung.isClosed()) {
				try {
					Socket socket = this.hung.accept();
					Thread reader = new Thread(() -> {
						try (InputStream in = socket.getInputStream()) {
							while (in.read(new byte[8192]) >= 0) {
								this.requestReceived.countDown();
							}
						}
						catch (IOException ex) {
							// The client went away.
						}
					});
					reader.setDaemon(true);
					reader.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		});
		acceptor.setDaemon(true);
		acceptor.start();
	}

	@AfterEach
	void stopServer() throws IOException {
		this.hung.close();
	}

	@Test
	void contextWithWritesInFlightClosesWithinTheShutdownTimeout() {
		this.contextRunner
			.withPropertyValues("cnosdb.url=http://127.0.0.1:" + this.hung.getLocalPort(),
					"cnosdb.write.batch.enabled=true", "cnosdb.write.batch.batch-size=100",
					"cnosdb.write.batch.flush-interval=1h", "cnosdb.write.batch.shutdown-timeout=1s")
			.withBean(WriteFailureListener.class, () -> this.failures::add)
			.run((context) -> {
				CnosBatchWriter writer = context.getBean(CnosBatchWriter.class);
				List<CompletableFuture<Void>> futures = new ArrayList<>();
				for (int i = 0; i < 250; i++) {
					futures.add(writer.writePoint(
							Point.measurement("air").tag("id", String.valueOf(i)).field("v", (long) i).build()));
				}
				assertThat(this.requestReceived.await(10, TimeUnit.SECONDS)).isTrue();
				long start = System.nanoTime();
				context.close();
				long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
				System.out.println("context close with a request CnosDB never answers, shutdown timeout 1000 ms: "
						+ elapsed + " ms");
				assertThat(elapsed).isLessThan(1000 + 2500);
				assertThat(futures).allMatch(CompletableFuture::isCompletedExceptionally);
				assertThat(this.failures.stream().mapToInt(WriteFailure::size).sum()).isEqualTo(250);
				assertThat(this.failures).allSatisfy(
						(failure) -> assertThat(failure.exception()).isInstanceOf(CnosWriteAbandonedException.class));
				// The 100 points of the request in flight may have been stored; the
				// others were never sent.
				assertThat(
						this.failures.stream().filter(WriteFailure::possiblyWritten).mapToInt(WriteFailure::size).sum())
					.isEqualTo(100);
			});
	}

}
