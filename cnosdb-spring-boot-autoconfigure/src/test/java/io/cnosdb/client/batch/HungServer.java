package io.cnosdb.client.batch;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A server on 127.0.0.1 that reads requests and never answers, as a hung CnosDB does, and
 * notes when the client gives up and closes a connection.
 */
final class HungServer implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final CountDownLatch requestReceived = new CountDownLatch(1);

	private final CountDownLatch connectionClosedByClient = new CountDownLatch(1);

	HungServer() throws IOException {
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "hung-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.serverSocket.getLocalPort();
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.sockets.add(socket);
				Thread reader = new Thread(() -> read(socket), "hung-server-connection");
				reader.setDaemon(true);
				reader.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void read(Socket socket) {
		try (InputStream in = socket.getInputStream()) {
			byte[] buffer = new byte[8192];
			while (in.read(buffer) >= 0) {
				this.requestReceived.countDown();
			}
			this.connectionClosedByClient.countDown();
		}
		catch (SocketException ex) {
			// Reset by the client, or closed by close(): also the end of the connection.
			this.connectionClosedByClient.countDown();
		}
		catch (IOException ex) {
			// Ends the connection.
		}
	}

	/**
	 * Wait until a request (some of its bytes) arrived.
	 * @return whether one did within 10 seconds
	 */
	boolean awaitRequest() throws InterruptedException {
		return this.requestReceived.await(10, TimeUnit.SECONDS);
	}

	/**
	 * Wait until the client closed a connection.
	 * @param millis the most time to wait
	 * @return whether it did
	 */
	boolean awaitClientClose(long millis) throws InterruptedException {
		return this.connectionClosedByClient.await(millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
