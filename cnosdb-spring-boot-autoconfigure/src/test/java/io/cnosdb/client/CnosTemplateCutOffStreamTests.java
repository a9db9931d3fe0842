package io.cnosdb.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * CnosDB 2.3.0 to 2.3.3 end a streamed result abruptly when the query fails after its
 * first chunks: no error trailer, the connection just closes (main/src/http/response.rs
 * of those tags). A raw socket server plays that answer, which WireMock cannot: the rows
 * the read fails: never a silently short result.
 */
class CnosTemplateCutOffStreamTests {

	private ServerSocket socket;

	private CompletableFuture<String> request;

	@BeforeEach
	void serveOneCutOffResult() throws IOException {
		this.socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.request = CompletableFuture.supplyAsync(() -> {
			try (Socket client = this.socket.accept()) {
				String head = readHead(client.getInputStream());
				OutputStream out = client.getOutputStream();
				out.write(("HTTP/1.1 200 OK\r\ncontent-type: application/csv\r\ncontent-encoding: identity\r\n"
						+ "transfer-encoding: chunked\r\n\r\n" + "6\r\nn\n1\n2\n\r\n" + "4\r\n3\n4\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				// no terminating chunk: the stream is cut here
				return head;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	@AfterEach
	void close() throws IOException {
		this.socket.close();
	}

	@Test
	void streamedResultCutOffWithoutATrailerIsAFailureNotAShortResult() {
		CnosTemplate template = CnosTemplate.builder().url("http://127.0.0.1:" + this.socket.getLocalPort()).build();
		List<Long> rows = new ArrayList<>();
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> template.query("SELECT n FROM t",
					(CnosRowCallbackHandler) (row) -> rows.add(row.getLong("n"))))
			.isInstanceOf(CnosErrorAware.class)
			.isInstanceOf(CnosResourceFailureException.class)
			.withMessageStartingWith("Query failed: I/O error talking to CnosDB at http://127.0.0.1:");
		// The reader reads ahead by a buffer, so the rows before the cut may or may not
		// have reached the handler; a short result without an error never does.
		assertThat(rows).hasSizeLessThanOrEqualTo(4).isEqualTo(List.of(1L, 2L, 3L, 4L).subList(0, rows.size()));
		assertThat(this.request.join()).startsWith("POST /api/v1/sql?tenant=cnosdb&db=public&chunked=true HTTP/1.1");
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.append((char) b);
		}
		return head.toString();
	}

}
