package io.cnosdb.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP server that answers with whatever bytes a test gives it, for the faults
 * WireMock cannot play: garbage instead of HTTP, a connection reset at a chosen point, a
 * body that stops after its headers. It records the request line of every request whose
 * head it read.
 */
final class RawHttpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final ExecutorService connections = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "raw-http-server");
		thread.setDaemon(true);
		return thread;
	});

	private final List<String> requestLines = new CopyOnWriteArrayList<>();

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private volatile Handler handler;

	RawHttpServer(Handler handler) throws IOException {
		this.handler = handler;
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.connections.execute(this::accept);
	}

	String url() {
		return "http://127.0.0.1:" + this.socket.getLocalPort();
	}

	/** Answer the next connections with {@code handler} and forget the requests seen. */
	void answerWith(Handler handler) {
		this.handler = handler;
		this.requestLines.clear();
	}

	List<String> requestLines() {
		return List.copyOf(this.requestLines);
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket client = this.socket.accept();
				this.open.add(client);
				this.connections.execute(() -> serve(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try (client) {
			InputStream in = client.getInputStream();
			OutputStream out = client.getOutputStream();
			while (!client.isClosed()) {
				Request request = readHead(in);
				if (request == null) {
					return;
				}
				this.requestLines.add(request.line());
				if (!this.handler.answer(request, in, out, client)) {
					return;
				}
			}
		}
		catch (IOException | InterruptedException ex) {
			// The client went away or the test ended.
		}
		finally {
			this.open.remove(client);
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		for (Socket client : this.open) {
			client.close();
		}
		this.connections.shutdownNow();
		try {
			this.connections.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Request readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < 4) {
			int b;
			try {
				b = in.read();
			}
			catch (SocketException ex) {
				return null;
			}
			if (b < 0) {
				return null;
			}
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		String text = head.toString(StandardCharsets.ISO_8859_1);
		String line = text.substring(0, text.indexOf("\r\n"));
		long length = 0;
		for (String header : text.split("\r\n")) {
			if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Long.parseLong(header.substring("content-length:".length()).strip());
			}
		}
		String target = line.split(" ")[1];
		return new Request(line, target, length);
	}

	/** Read the body of a request whose head was read. */
	static byte[] readBody(Request request, InputStream in) throws IOException {
		return in.readNBytes((int) request.contentLength());
	}

	/** Close the connection with a TCP reset instead of an orderly close. */
	static void reset(Socket client) throws IOException {
		client.setSoLinger(true, 0);
		client.close();
	}

	/**
	 * What the client asked for: the request line, its target and the length of its body
	 * (not yet read).
	 */
	record Request(String line, String target, long contentLength) {

		String path() {
			int query = this.target.indexOf('?');
			return (query >= 0) ? this.target.substring(0, query) : this.target;
		}

	}

	/** How the server answers one request. */
	@FunctionalInterface
	interface Handler {

		/**
		 * Answer a request whose head was read.
		 * @return whether to read another request on the same connection
		 */
		boolean answer(Request request, InputStream in, OutputStream out, Socket client)
				throws IOException, InterruptedException;

	}

}
