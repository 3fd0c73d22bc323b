package io.opssight.access.control;

import io.opssight.access.entity.ApiToken;
import io.opssight.catalog.entity.Team;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The teams an API token may be limited to, as the calling user sees them: a team-scoped caller
 * sees only its own teams (another team looks like an unknown one) and only the tokens limited to
 * some of its teams.
 */
@Dependent
public class TokenTeams {

    @PersistenceContext
    EntityManager em;

    @Inject
    CallerTeams callerTeams;

    /** The teams named, each known and visible to the caller; unknown ones are a 400 naming them. */
    public List<Team> named(Collection<String> names) {
        List<Team> found = new ArrayList<>();
        if (names == null) {
            return found;
        }
        Set<String> unknown = new TreeSet<>();
        for (String name : new TreeSet<>(names.stream().map(n -> n == null ? "" : n.trim()).toList())) {
            List<Team> team = em.createNamedQuery(Team.FIND_BY_NAME, Team.class).setParameter("name", name).getResultList();
            if (team.isEmpty() || !callerTeams.sees(team.get(0).getId())) {
                unknown.add(name);
            } else {
                found.add(team.get(0));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ValidationProblem("teams", "Unknown teams: " + unknown);
        }
        return found;
    }

    /** The names of the teams a token created by the caller may be limited to, sorted. */
    public List<String> choices() {
        return em.createNamedQuery(Team.FIND_ALL, Team.class).getResultList().stream()
                .filter(t -> callerTeams.sees(t.getId())).map(Team::getName).toList();
    }

    /** Whether the caller may see (and revoke) the token. */
    public boolean visible(ApiToken token) {
        return !callerTeams.restricted() || (token.isTeamScoped() && callerTeams.teams().containsAll(token.teamIds()));
    }

    /** Whether the caller is limited to teams (its tokens must be too). */
    public boolean callerRestricted() {
        return callerTeams.restricted();
    }
}
