package io.cnosdb.client.admin;

import org.jspecify.annotations.Nullable;

/**
 * A tenant, as {@code cluster_schema.tenants} lists it.
 *
 * @param name the tenant name ({@code tenant_name})
 * @param comment the comment ({@code comment} in {@code tenant_options}), or {@code null}
 * @author CnosDB Spring Boot contributors
 */
public record CnosTenantInfo(String name, @Nullable String comment) {

}
