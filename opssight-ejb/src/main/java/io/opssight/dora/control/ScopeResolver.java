package io.opssight.dora.control;

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
            throw new ValidationProblem("Environment '" + environment + "' is not a production environment; "
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

    private static <T> T one(List<T> found, String what, String name) {
        if (found.isEmpty()) {
            throw new ValidationProblem("Unknown " + what + " '" + name + "'");
        }
        return found.get(0);
    }
}
