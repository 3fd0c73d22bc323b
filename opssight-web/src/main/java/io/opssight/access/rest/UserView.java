package io.opssight.access.rest;

import io.opssight.access.boundary.Users;
import io.opssight.access.entity.UserAccount;
import java.time.Instant;
import java.util.List;

/** A user as listed: never the password hash. */
public record UserView(String username, String displayName, boolean enabled, boolean hasPassword, int failedAttempts,
        Instant lockedUntil, Instant lastLoginAt, Instant createdAt, List<GrantView> roles) {

    /** A role held, with the team it is limited to (null: everywhere). */
    public record GrantView(String role, String team) {
    }

    public static UserView from(Users.Account account) {
        UserAccount u = account.user();
        return new UserView(u.getUsername(), u.getDisplayName(), u.isEnabled(), u.getPasswordHash() != null,
                u.getFailedAttempts(), u.getLockedUntil(), u.getLastLoginAt(), u.getCreatedAt(),
                account.assignments().stream().map(a -> new GrantView(a.getRole().getName(),
                        a.getTeam() == null ? null : a.getTeam().getName())).toList());
    }
}
