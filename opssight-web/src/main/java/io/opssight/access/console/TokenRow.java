package io.opssight.access.console;

import io.opssight.access.entity.ApiToken;
import io.opssight.access.entity.Permission;
import io.opssight.platform.console.Format;
import java.io.Serializable;
import java.time.Instant;

/** One row of the tokens table: never the secret, only its recognisable prefix. */
public class TokenRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long id;
    private final String name;
    private final String prefix;
    private final String permissions;
    private final String teams;
    private final String createdBy;
    private final String createdAt;
    private final String expiresAt;
    private final String lastUsedAt;
    private final String revokedAt;
    private final boolean expired;

    TokenRow(ApiToken t, Instant now) {
        this.id = t.getId();
        this.name = t.getName();
        this.prefix = t.getTokenPrefix();
        this.permissions = Permission.format(t.permissionSet()).replace(",", ", ");
        this.teams = String.join(", ", t.teamNames());
        this.createdBy = t.getCreatedBy();
        this.createdAt = Format.time(t.getCreatedAt());
        this.expiresAt = Format.time(t.getExpiresAt());
        this.lastUsedAt = Format.time(t.getLastUsedAt());
        this.revokedAt = Format.time(t.getRevokedAt());
        this.expired = t.isExpiredAt(now);
    }

    public long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getPrefix() {
        return prefix;
    }

    public String getPermissions() {
        return permissions;
    }

    /** The teams the token is limited to, comma-separated; empty when it is not team-scoped. */
    public String getTeams() {
        return teams;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public String getExpiresAt() {
        return expiresAt;
    }

    public String getLastUsedAt() {
        return lastUsedAt;
    }

    public String getRevokedAt() {
        return revokedAt;
    }

    public boolean isRevoked() {
        return !revokedAt.isEmpty();
    }

    public boolean isExpired() {
        return expired;
    }

    public String getState() {
        return isRevoked() ? "revoked " + revokedAt : expired ? "expired" : "active";
    }
}
