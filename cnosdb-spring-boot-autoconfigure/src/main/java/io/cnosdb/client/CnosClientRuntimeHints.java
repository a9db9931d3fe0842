package io.cnosdb.client;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image of an application using this client must keep: the version resource
 * that {@link CnosTemplate#USER_AGENT} reads, and the slot getters through which records
 * are built from query results. Classes the application maps rows to or writes as
 * annotated points are its own: register them for reflection with
 * {@code @RegisterReflectionForBinding}.
 *
 * @author CnosDB Spring Boot contributors
 */
class CnosClientRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern("io/cnosdb/client/cnosdb-client.properties");
		// The slot getters RecordRowReader finds by name for its constructor handles.
		hints.reflection().registerType(RecordRowReader.Slots.class, MemberCategory.INVOKE_DECLARED_METHODS);
	}

}
