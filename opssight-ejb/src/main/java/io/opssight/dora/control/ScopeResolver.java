package io.opssight.dora.control;

import io.opssight.access.control.CallerTeams;

import io.opssight.catalog.entity.Environment;
import io.opssight.catalog.entity.Service;
import io.opssight.catalog.entity.Team;
import io.opssight.dora.entity.Scope;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Turns the names a user filters by into a {@link Scope}. An unknown name is a 400 (a typo must
 * not look like "no data"); so is an environment that is not production, because DORA counts
 * production deployments only.
 */
@Dependent
public class ScopeResolver {

    @PersistenceContext
    EntityManager em;

    public Scope resolve(String team, String service, String environment) {
        Team t = team == null ? null : one(em.createNamedQuery(Team.FIND_BY_NAME, Team.class).setParameter("name", team)
                .getResultList(), "team", team);
        Service s = service == null ? null : one(em.createNamedQuery(Service.FIND_BY_NAME, Service.class)
                .setParameter("name", service).getResultList(), "service", service);
        Environment e = environment == null ? null : one(em.createNamedQuery(Environment.FIND_BY_NAME, Environment.class)
                .setParameter("name", environment).getResultList(), "environment", environment);
        if (e != null && !e.isProduction()) {
            throw new ValidationProblem("environment", "Environment '" + environment + "' is not a production environment; "
                    + "DORA counts production deployments only");
        }
        boolean empty = false;
        if (t != null && s != null) {
            empty = s.getTeam() == null || !t.getId().equals(s.getTeam().getId());
        } else if (t != null) {
            empty = em.createQuery("select count(s) from Service s where s.team = :team", Long.class).setParameter("team", t)
                    .getSingleResult() == 0;
        }
        return new Scope(team, service, environment, t == null ? null : t.getId(), s == null ? null : s.getId(),
                e == null ? null : e.getId(), empty);
    }

    /**
     * Like {@link #resolve}, limited to the caller's teams: a team-scoped caller must ask about one
     * of its teams or one of their services (another team's, or its services', answer exactly as an
     * unknown name does, so they cannot be probed); with no team or service named, a caller with
     * one team gets that team's figures.
     */
    public Scope resolveWithin(String team, String service, String environment, CallerTeams caller) {
        if (!caller.restricted()) {
            return resolve(team, service, environment);
        }
        String asked = team;
        if (asked == null && service == null) {
            if (caller.teams().size() != 1) {
                throw new ValidationProblem("team", "Name one of your teams with 'team' (or a service of theirs with 'service')");
            }
            Team own = em.find(Team.class, caller.teams().iterator().next());
            if (own == null) {
                throw new ValidationProblem("team", "Your team no longer exists");
            }
            asked = own.getName();
        }
        if (asked != null) {
            List<Team> teams = em.createNamedQuery(Team.FIND_BY_NAME, Team.class).setParameter("name", asked).getResultList();
            if (teams.isEmpty() || !caller.sees(teams.get(0).getId())) {
                throw new ValidationProblem("team", "Unknown team '" + asked + "'");
            }
        }
        if (service != null) {
            List<Service> services = em.createNamedQuery(Service.FIND_BY_NAME, Service.class).setParameter("name", service)
                    .getResultList();
            if (services.isEmpty() || !caller.sees(services.get(0).getTeam() == null ? null : services.get(0).getTeam().getId())) {
                throw new ValidationProblem("service", "Unknown service '" + service + "'");
            }
        }
        return resolve(asked, service, environment);
    }

    private static <T> T one(List<T> found, String what, String name) {
        if (found.isEmpty()) {
            throw new ValidationProblem(what, "Unknown " + what + " '" + name + "'");
        }
        return found.get(0);
    }
}
