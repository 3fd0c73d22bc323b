package io.opssight.access.entity;

import java.io.Serializable;
import java.util.Set;

/**
 * Who a request acts as, the permissions (container roles) it carries and, for a team-scoped
 * caller, the ids of the teams whose services it may see ({@code null}: no team restriction).
 */
public record Identity(String name, Set<String> permissions, Set<Long> teams) implements Serializable {

    public Identity {
        permissions = Set.copyOf(permissions);
        teams = teams == null ? null : Set.copyOf(teams);
    }

    /** An identity without team restriction (unscoped users and tokens). */
    public Identity(String name, Set<String> permissions) {
        this(name, permissions, null);
    }

    public boolean teamScoped() {
        return teams != null;
    }
}
