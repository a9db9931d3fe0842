package io.cnosdb.client.admin;

import io.cnosdb.client.sql.CnosDuration;
import org.jspecify.annotations.Nullable;

/**
 * A tenant, as {@code cluster_schema.tenants} lists it.
 *
 * @param name the tenant name ({@code tenant_name})
 * @param comment the comment ({@code comment} in {@code tenant_options}), or {@code null}
 * @param dropAfter how long the tenant stays recoverable after {@code DROP TENANT}
 * ({@code drop_after} in {@code tenant_options}; {@link CnosDuration#INFINITE} when
 * CnosDB marks it infinite), or {@code null} when unset (CnosDB 2.3 has no such option)
 * @author CnosDB Spring Boot contributors
 */
public record CnosTenantInfo(String name, @Nullable String comment, @Nullable CnosDuration dropAfter) {

}
