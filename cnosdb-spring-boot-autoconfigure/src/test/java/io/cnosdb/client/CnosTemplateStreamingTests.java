package io.cnosdb.client;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that the streaming forms read the response lazily: the server here sends a
 * result that never ends, which only a reader that holds one row at a time can consume.
 */
class CnosTemplateStreamingTests {

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicLong bytesServed = new AtomicLong();

	private final AtomicReference<URI> requested = new AtomicReference<>();

	private CnosTemplate template() {
		RestClient.Builder builder = RestClient.builder().requestFactory((uri, method) -> {
			this.requested.set(uri);
			MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.POST, uri);
			MockClientHttpResponse response = new MockClientHttpResponse(endlessResult(), HttpStatus.OK);
			response.getHeaders().set("content-type", "application/csv");
			response.getHeaders().set("content-encoding", "identity");
			request.setResponse(response);
			return request;
		});
		return CnosTemplate.builder().restClientBuilder(builder).url("http://127.0.0.1:8902").build();
	}

	@Test
	void queryForStreamReadsAnEndlessResultRowByRowAndClosesTheResponse() {
		long sum;
		try (Stream<Long> values = template().queryForStream("SELECT v FROM endless", (row, n) -> row.getLong("v"))) {
			sum = values.limit(1_000_000).mapToLong(Long::longValue).sum();
		}
		assertThat(sum).isEqualTo(499_999_500_000L);
		assertThat(this.closed).isTrue();
		assertThat(this.requested.get().getQuery()).isEqualTo("tenant=cnosdb&db=public&chunked=true");
		// Far less was read than a materialised result of this size would need: the
		// parser reads ahead by a buffer, not by the result.
		assertThat(this.bytesServed.get()).isLessThan(1_000_000L * 8 + 1_000_000);
	}

	private InputStream endlessResult() {
		return new InputStream() {

			private long next;

			private byte[] pending = "v\n".getBytes(StandardCharsets.US_ASCII);

			private int position;

			@Override
			public int read() {
				if (this.position == this.pending.length) {
					this.pending = (this.next++ + "\n").getBytes(StandardCharsets.US_ASCII);
					this.position = 0;
				}
				CnosTemplateStreamingTests.this.bytesServed.incrementAndGet();
				return this.pending[this.position++];
			}

			@Override
			public void close() {
				CnosTemplateStreamingTests.this.closed.set(true);
			}

		};
	}

}
