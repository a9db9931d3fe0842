package io.cnosdb.client.support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A response that forwards to another and watches the reads of its body: a hook before
 * and after each read, a translation of the {@link IOException} a read throws, and a hook
 * when the body or the response is closed. The base of the client's read-timeout
 * handling; not API.
 *
 * @author CnosDB Spring Boot contributors
 */
public abstract class ReadWatchingResponse implements ClientHttpResponse {

	private final ClientHttpResponse response;

	private @Nullable InputStream body;

	/**
	 * Watch the body of a response.
	 * @param response the response to forward to
	 */
	protected ReadWatchingResponse(ClientHttpResponse response) {
		this.response = response;
	}

	@Override
	public HttpStatusCode getStatusCode() throws IOException {
		return this.response.getStatusCode();
	}

	@Override
	public String getStatusText() throws IOException {
		return this.response.getStatusText();
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.response.getHeaders();
	}

	@Override
	public final InputStream getBody() throws IOException {
		if (this.body == null) {
			InputStream raw = this.response.getBody();
			bodyOpened(raw);
			this.body = new FilterInputStream(raw) {

				@Override
				public int read() throws IOException {
					beforeRead();
					try {
						return super.read();
					}
					catch (IOException ex) {
						throw translate(ex);
					}
					finally {
						afterRead();
					}
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					beforeRead();
					try {
						return super.read(buffer, offset, length);
					}
					catch (IOException ex) {
						throw translate(ex);
					}
					finally {
						afterRead();
					}
				}

				@Override
				public void close() throws IOException {
					closing();
					super.close();
				}

			};
		}
		return this.body;
	}

	@Override
	public void close() {
		closing();
		this.response.close();
	}

	/**
	 * Called once with the body of the response, before it is read.
	 * @param body the body as the response gives it
	 */
	protected void bodyOpened(InputStream body) {
	}

	/**
	 * Called before each read of the body.
	 */
	protected void beforeRead() {
	}

	/**
	 * Called after each read of the body, whether it returned or threw.
	 */
	protected void afterRead() {
	}

	/**
	 * Return what a read that failed throws.
	 * @param ex what the read threw
	 * @return the exception to throw
	 */
	protected IOException translate(IOException ex) {
		return ex;
	}

	/**
	 * Called when the body or the response is closed by the caller.
	 */
	protected void closing() {
	}

}
