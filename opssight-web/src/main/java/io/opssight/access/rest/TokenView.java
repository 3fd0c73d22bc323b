package io.opssight.access.rest;

import io.opssight.access.entity.ApiToken;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A token as listed: never its secret, only a recognisable prefix. {@code teams}: the teams it is
 * limited to (empty: not team-scoped).
 */
public record TokenView(long id, String name, String prefix, Set<String> permissions, List<String> teams, String createdBy,
        Instant createdAt, Instant expiresAt, Instant revokedAt, Instant firstUsedAt, Instant lastUsedAt) {
    public static TokenView from(ApiToken t) {
        return new TokenView(t.getId(), t.getName(), t.getTokenPrefix(), t.permissionSet(), t.teamNames(), t.getCreatedBy(),
                t.getCreatedAt(), t.getExpiresAt(), t.getRevokedAt(), t.getFirstUsedAt(), t.getLastUsedAt());
    }
}
