package io.cnosdb.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.cnosdb.client.CnosTemplate;

/**
 * Where the benchmarks find the sink, and how each contender is set up against it.
 * <p>
 * The runner starts one {@link LoopbackSink} and passes its URL to every forked JVM as
 * the system property {@value #SINK_PROPERTY}, so that all contenders of a run talk to
 * the same server and the sink's own work stays out of the measured JVM. Run alone
 * (without the property), a benchmark starts a sink in its own JVM.
 *
 * @author CnosDB Spring Boot contributors
 */
public final class Contenders {

	/** The system property holding the sink's base URL. */
	public static final String SINK_PROPERTY = "cnosdb.bench.sink";

	/** The database every contender writes to and reads from. */
	public static final String DATABASE = "bench";

	private static LoopbackSink localSink;

	private Contenders() {
	}

	/**
	 * Return the base URL of the sink of this run.
	 * @return the URL
	 */
	public static synchronized String sinkUrl() {
		String url = System.getProperty(SINK_PROPERTY);
		if (url != null) {
			return url;
		}
		if (localSink == null) {
			try {
				localSink = LoopbackSink.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return localSink.url();
	}

	/**
	 * Build the starter's client for the sink, as an application without Spring Boot
	 * would.
	 * @return the client
	 */
	public static CnosTemplate template() {
		return CnosTemplate.builder().url(sinkUrl()).credentials("root", "").database(DATABASE).build();
	}

}
