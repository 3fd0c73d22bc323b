package io.opssight.access.console;

import io.opssight.access.boundary.Users;
import io.opssight.access.entity.RoleAssignment;
import io.opssight.access.entity.UserAccount;
import io.opssight.platform.console.Format;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** One row of the users table: never the password hash. */
public class UserRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String username;
    private final String displayName;
    private final boolean enabled;
    private final String lockedUntil;
    private final String lastLogin;
    private final List<Grant> grants;

    UserRow(Users.Account account, Instant now) {
        UserAccount u = account.user();
        this.username = u.getUsername();
        this.displayName = u.getDisplayName() == null ? "" : u.getDisplayName();
        this.enabled = u.isEnabled();
        this.lockedUntil = u.isLockedAt(now) ? Format.time(u.getLockedUntil()) : "";
        this.lastLogin = Format.time(u.getLastLoginAt());
        this.grants = account.assignments().stream().map(Grant::new).toList();
    }

    /** A role held everywhere (team empty) or for one team's services. */
    public static class Grant implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String role;
        private final String team;

        Grant(RoleAssignment a) {
            this(a.getRole().getName(), a.getTeam() == null ? null : a.getTeam().getName());
        }

        Grant(String role, String team) {
            this.role = role;
            this.team = team;
        }

        public String getRole() {
            return role;
        }

        public String getTeam() {
            return team;
        }

        /** "viewer" or "engineer@payments". */
        public String getLabel() {
            return team == null ? role : role + "@" + team;
        }

        Users.GrantRequest request() {
            return new Users.GrantRequest(role, team);
        }
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isLocked() {
        return !lockedUntil.isEmpty();
    }

    public String getLockedUntil() {
        return lockedUntil;
    }

    public String getLastLogin() {
        return lastLogin;
    }

    public List<Grant> getGrants() {
        return grants;
    }

    public String getRoles() {
        return grants.isEmpty() ? "none" : String.join(", ", grants.stream().map(Grant::getLabel).toList());
    }
}
