package io.cnosdb.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The CnosDB nodes of a template and which of them are cooling down. A node that refuses
 * a connection or times out is skipped for the cool-down, then tried again; the first
 * available node in the configured order gets each request (the first is the primary, the
 * others stand by).
 * <p>
 * Thread-safe without locks: each node's state is a few volatile fields, read on every
 * request and written only when the node fails or comes back. Two threads that see a node
 * fail at once both start its cool-down; the later one wins, which is as good.
 *
 * @author CnosDB Spring Boot contributors
 */
final class CnosNodes {

	private final List<Node> nodes;

	private final Clock clock;

	private final long coolDownMillis;

	CnosNodes(List<String> urls, Duration coolDown, Clock clock) {
		List<Node> nodes = new ArrayList<>(urls.size());
		for (int i = 0; i < urls.size(); i++) {
			nodes.add(new Node(i, urls.get(i)));
		}
		this.nodes = List.copyOf(nodes);
		this.clock = clock;
		this.coolDownMillis = coolDown.toMillis();
	}

	private CnosNodes(List<Node> nodes, Clock clock, long coolDownMillis) {
		this.nodes = nodes;
		this.clock = clock;
		this.coolDownMillis = coolDownMillis;
	}

	/** The same state, for the one node at {@code index}: failover off. */
	CnosNodes only(int index) {
		return new CnosNodes(List.of(this.nodes.get(index)), this.clock, this.coolDownMillis);
	}

	int size() {
		return this.nodes.size();
	}

	Node get(int index) {
		return this.nodes.get(index);
	}

	List<String> urls() {
		return this.nodes.stream().map(Node::url).toList();
	}

	long now() {
		return this.clock.millis();
	}

	/**
	 * The nodes to try when none is available at {@code now}: every node, the one whose
	 * cool-down ends first first, so that a request is never refused without being sent.
	 */
	List<Node> byEndOfCoolDown() {
		List<Node> all = new ArrayList<>(this.nodes);
		all.sort(Comparator.comparingLong((Node node) -> node.coolingDownUntil));
		return all;
	}

	/** Start the cool-down of a node that refused a connection or timed out. */
	void failed(Node node, String failure) {
		long now = now();
		node.lastFailure = failure;
		node.coolingDownUntil = now + this.coolDownMillis;
		node.coolingDownSince = Instant.ofEpochMilli(now);
	}

	/** A node answered: it is available (again). */
	void answered(Node node) {
		if (node.coolingDownSince != null) {
			node.coolingDownSince = null;
			node.coolingDownUntil = 0;
			node.lastFailure = null;
		}
	}

	List<CnosNodeState> states() {
		long now = now();
		return this.nodes.stream().map((node) -> node.state(now)).toList();
	}

	/**
	 * Tell how a request failed: whether the node could not be reached (nothing was
	 * sent), whether it took the request and did not answer in time, or neither (CnosDB
	 * answered, or the failure is not the node's).
	 */
	static NodeFailure classify(Throwable ex) {
		NodeFailure found = NodeFailure.NONE;
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof ConnectException || current instanceof HttpConnectTimeoutException
					|| current instanceof UnknownHostException || current instanceof NoRouteToHostException
					|| "ConnectTimeoutException".equals(current.getClass().getSimpleName())
					|| (current instanceof SocketTimeoutException && current.getMessage() != null
							&& current.getMessage().startsWith("connect timed out"))) {
				return NodeFailure.NOT_SENT;
			}
			if (current instanceof HttpTimeoutException || current instanceof SocketTimeoutException) {
				found = NodeFailure.NO_ANSWER;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return found;
	}

	/** How a request failed, as failover sees it. */
	enum NodeFailure {

		/** Not a node failure: CnosDB answered, or something else went wrong. */
		NONE,

		/** The node refused the connection or did not accept it in time. */
		NOT_SENT,

		/** The request went out and the node did not answer within the read timeout. */
		NO_ANSWER

	}

	/** One node and its cool-down. */
	static final class Node {

		private final int index;

		private final String url;

		private final String address;

		private final String port;

		private volatile long coolingDownUntil;

		private volatile @Nullable Instant coolingDownSince;

		private volatile @Nullable String lastFailure;

		Node(int index, String url) {
			this.index = index;
			this.url = url;
			URI uri = URI.create(url);
			this.address = String.valueOf(uri.getHost());
			int port = uri.getPort();
			this.port = String.valueOf((port >= 0) ? port : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80));
		}

		/** The host of the node's URL ({@code server.address}). */
		String address() {
			return this.address;
		}

		/** The port of the node's URL, or the scheme's default ({@code server.port}). */
		String port() {
			return this.port;
		}

		int index() {
			return this.index;
		}

		String url() {
			return this.url;
		}

		boolean isAvailable(long now) {
			return this.coolingDownSince == null || this.coolingDownUntil <= now;
		}

		@Nullable String lastFailure() {
			return this.lastFailure;
		}

		@Nullable Instant coolingDownSince() {
			return this.coolingDownSince;
		}

		CnosNodeState state(long now) {
			Instant since = this.coolingDownSince;
			long until = this.coolingDownUntil;
			if (since == null || until <= now) {
				return new CnosNodeState(this.url, null, null, null);
			}
			return new CnosNodeState(this.url, since, Instant.ofEpochMilli(until), this.lastFailure);
		}

	}

}
