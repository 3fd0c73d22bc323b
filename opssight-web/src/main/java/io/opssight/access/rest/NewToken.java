package io.opssight.access.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Instant;
import java.util.Set;

/**
 * A token to create: a name, its permissions and, optionally, the teams it is limited to (by name)
 * and when it expires. A class rather than
 * a record for the same reason as {@link io.opssight.ingestion.rest.NewSource}.
 */
public class NewToken {

    @NotBlank(message = "name is required")
    private String name;

    @NotEmpty(message = "at least one permission is required")
    private Set<String> permissions;

    private Set<String> teams;

    private Instant expiresAt;

    public Set<String> getTeams() {
        return teams;
    }

    public void setTeams(Set<String> teams) {
        this.teams = teams;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Set<String> getPermissions() {
        return permissions;
    }

    public void setPermissions(Set<String> permissions) {
        this.permissions = permissions;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }
}
