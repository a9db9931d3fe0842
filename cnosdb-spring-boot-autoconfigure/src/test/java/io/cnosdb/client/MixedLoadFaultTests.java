package io.cnosdb.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.cnosdb.client.FaultSuite.Method;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sixteen threads mix queries, direct writes and pings for two seconds against a server
 * that answers each request at random healthily, with a 503, a reset, garbage, a login
 * page or not at all: every call returns or throws a {@link DataAccessException}, and
 * none hangs.
 */
class MixedLoadFaultTests {

	private static final Duration LOAD = Duration.ofSeconds(2);

	@Test
	void everyCallSucceedsOrThrowsADataAccessExceptionAndNoneHangs() throws Exception {
		AtomicInteger requests = new AtomicInteger();
		try (RawHttpServer server = new RawHttpServer((request, in, out, client) -> {
			RawHttpServer.readBody(request, in);
			requests.incrementAndGet();
			int fault = ThreadLocalRandom.current().nextInt(12);
			switch (fault) {
				case 0 -> out.write(ascii("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n"));
				case 1 -> {
					RawHttpServer.reset(client);
					return false;
				}
				case 2 -> out.write(ascii("\u0016\u0003\u0001garbage\r\n\r\n"));
				case 3 -> out.write(ascii("HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 24\r\n\r\n"
						+ "<html>Please login</html>".substring(0, 24)));
				case 4 -> {
					Thread.sleep(FaultSuite.READ_TIMEOUT.toMillis() * 2);
					return false;
				}
				default -> out.write(FaultSuite.healthyAnswer(request.path()));
			}
			out.flush();
			return fault > 4 || fault == 0 || fault == 3;
		})) {
			CnosTemplate template = FaultSuite.template(server.url());
			List<Method> methods = FaultSuite.METHODS.stream().filter((method) -> !method.wrapped()).toList();
			LongAdder succeeded = new LongAdder();
			LongAdder failed = new LongAdder();
			ConcurrentHashMap<String, Throwable> unexpected = new ConcurrentHashMap<>();
			ExecutorService threads = Executors.newFixedThreadPool(16);
			long end = System.nanoTime() + LOAD.toNanos();
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < 16; t++) {
				workers.add(threads.submit(() -> {
					while (System.nanoTime() < end) {
						Method method = methods.get(ThreadLocalRandom.current().nextInt(methods.size()));
						try {
							method.call().apply(template);
							succeeded.increment();
						}
						catch (DataAccessException ex) {
							failed.increment();
						}
						catch (Throwable ex) {
							unexpected.put(method.name(), ex);
						}
					}
				}));
			}
			threads.shutdown();
			assertThat(threads.awaitTermination(LOAD.plus(FaultSuite.BOUND).toMillis(), TimeUnit.MILLISECONDS))
				.as("all threads ended within the load time and one call's bound")
				.isTrue();
			for (Future<?> worker : workers) {
				worker.get();
			}
			assertThat(unexpected).as("calls that threw something other than a DataAccessException").isEmpty();
			assertThat(succeeded.sum()).isPositive();
			assertThat(failed.sum()).isPositive();
			assertThat(requests.get()).isGreaterThanOrEqualTo((int) (succeeded.sum() + failed.sum()) / 2);
		}
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
