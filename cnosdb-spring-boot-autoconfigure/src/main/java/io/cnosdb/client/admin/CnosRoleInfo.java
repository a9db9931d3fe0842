package io.cnosdb.client.admin;

import org.jspecify.annotations.Nullable;

/**
 * A role of a tenant, as {@code information_schema.roles} lists it.
 *
 * @param name the role name ({@code role_name})
 * @param type whether it is a system or a custom role ({@code role_type}), as CnosDB
 * names it
 * @param inheritRole the system role a custom role inherits ({@code inherit_role}), or
 * {@code null}
 * @author CnosDB Spring Boot contributors
 */
public record CnosRoleInfo(String name, String type, @Nullable String inheritRole) {

}
