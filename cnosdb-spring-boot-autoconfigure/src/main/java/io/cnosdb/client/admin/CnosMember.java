package io.cnosdb.client.admin;

/**
 * A member of a tenant, as {@code information_schema.members} lists it.
 *
 * @param user the user name ({@code user_name})
 * @param role the user's role in the tenant ({@code role_name}), such as {@code owner}
 * @author CnosDB Spring Boot contributors
 */
public record CnosMember(String user, String role) {

}
