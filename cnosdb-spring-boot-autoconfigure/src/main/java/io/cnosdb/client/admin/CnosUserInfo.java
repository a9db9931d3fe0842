package io.cnosdb.client.admin;

import org.jspecify.annotations.Nullable;

/**
 * A user, as {@code cluster_schema.users} lists it. The password hash is never read.
 *
 * @param name the user name ({@code user_name})
 * @param admin whether the user is a system administrator ({@code is_admin})
 * @param mustChangePassword whether the user must change the password before anything
 * else ({@code must_change_password} in {@code user_options})
 * @param grantedAdmin whether administration was granted to the user
 * ({@code granted_admin} in {@code user_options})
 * @param comment the comment ({@code comment} in {@code user_options}), or {@code null}
 * @author CnosDB Spring Boot contributors
 */
public record CnosUserInfo(String name, boolean admin, boolean mustChangePassword, boolean grantedAdmin,
		@Nullable String comment) {

}
