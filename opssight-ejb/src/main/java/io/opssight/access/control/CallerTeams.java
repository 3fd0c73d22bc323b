package io.opssight.access.control;

import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.Set;

/**
 * The teams the current caller is limited to, set by the web module for each request from the
 * authenticated identity. Unrestricted unless set (unscoped users and tokens, timers). The
 * boundaries add {@link #restriction()} to their queries.
 */
@RequestScoped
public class CallerTeams {

    private Set<Long> teams;

    public void limitTo(Set<Long> teamIds) {
        this.teams = teamIds == null ? null : Set.copyOf(teamIds);
    }

    public boolean restricted() {
        return teams != null;
    }

    /** Whether a service owned by {@code teamId} (null: no owner) is visible to the caller. */
    public boolean sees(Long teamId) {
        return teams == null || (teamId != null && teams.contains(teamId));
    }

    public Set<Long> teams() {
        return teams;
    }

    /** The team ids for an {@code in (:teams)} parameter: never empty, -1 matches no team. */
    public List<Long> restriction() {
        return teams == null || teams.isEmpty() ? List.of(-1L) : List.copyOf(teams);
    }
}
