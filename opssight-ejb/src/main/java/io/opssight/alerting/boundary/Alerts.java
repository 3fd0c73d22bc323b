package io.opssight.alerting.boundary;

import io.opssight.access.control.CallerTeams;
import io.opssight.access.entity.Permission;
import io.opssight.alerting.entity.Alert;
import io.opssight.platform.entity.KeysetPage;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reading received alerts: filtered by status and service, newest firing first, keyset-paged. A
 * team-scoped caller ({@link CallerTeams}) sees only alerts about its teams' services; another
 * team's alert is a 404, and an alert about no known service (no {@code service}, {@code app} or
 * {@code job} label) is hidden from it, like a service without a team.
 */
@Stateless
@RolesAllowed(Permission.ALERTS_READ)
public class Alerts {

    public static final int MAX_PAGE = 500;
    private static final String SELECT = "select a from Alert a left join fetch a.service s";

    @PersistenceContext
    EntityManager em;

    @Inject
    CallerTeams callerTeams;

    /** A page of the list, newest first, after the cursor {@code query.after()}; and whether more follow. */
    public KeysetPage<Alert> list(AlertQuery query) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = where(query, params);
        if (query.after() != null) {
            where.append(" and (a.startsAt < :afterAt or (a.startsAt = :afterAt and a.id < :afterId))");
            params.put("afterAt", query.after().startsAt());
            params.put("afterId", query.after().id());
        }
        TypedQuery<Alert> q = em.createQuery(SELECT + where + " order by a.startsAt desc, a.id desc", Alert.class);
        params.forEach(q::setParameter);
        return KeysetPage.read(q, query.limit(), MAX_PAGE);
    }

    /** How many alerts match (the cursor and limit are ignored): the console's lazy table pages by offset. */
    public long count(AlertQuery query) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = where(query, params);
        TypedQuery<Long> q = em.createQuery("select count(a) from Alert a left join a.service s" + where, Long.class);
        params.forEach(q::setParameter);
        return q.getSingleResult();
    }

    /** Matching alerts, newest first, {@code size} from row {@code first} (offset paging for the console). */
    public List<Alert> slice(AlertQuery query, int first, int size) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = where(query, params);
        TypedQuery<Alert> q = em.createQuery(SELECT + where + " order by a.startsAt desc, a.id desc", Alert.class);
        params.forEach(q::setParameter);
        return q.setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, Math.min(size, MAX_PAGE))).getResultList();
    }

    private StringBuilder where(AlertQuery query, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (callerTeams.restricted()) {
            where.append(" and s.team.id in :callerTeams");
            params.put("callerTeams", callerTeams.restriction());
        }
        if (query.status() != null) {
            String status = query.status().trim().toLowerCase(Locale.ROOT);
            if (!status.equals(Alert.FIRING) && !status.equals(Alert.RESOLVED)) {
                throw new ValidationProblem("Unknown alert status '" + query.status() + "'; expected firing or resolved");
            }
            where.append(" and a.status = :status");
            params.put("status", status);
        }
        if (query.service() != null) {
            where.append(" and s.name = :service");
            params.put("service", query.service());
        }
        return where;
    }

    /** How many alerts are firing now. */
    public long countFiring() {
        TypedQuery<Long> q = em.createQuery("select count(a) from Alert a left join a.service s where a.status = :status"
                + (callerTeams.restricted() ? " and s.team.id in :callerTeams" : ""), Long.class).setParameter("status", Alert.FIRING);
        if (callerTeams.restricted()) {
            q.setParameter("callerTeams", callerTeams.restriction());
        }
        return q.getSingleResult();
    }

    /** One alert; 404 when there is none. */
    public Alert find(long id) {
        List<Alert> found = em.createQuery(SELECT + " where a.id = :id", Alert.class).setParameter("id", id).getResultList();
        if (found.isEmpty() || !callerTeams.sees(teamOf(found.get(0)))) {
            throw new NotFoundProblem("No alert " + id);
        }
        return found.get(0);
    }

    /** The team owning the alert's service; null when it has no service or the service no team. */
    static Long teamOf(Alert alert) {
        return alert.getService() == null || alert.getService().getTeam() == null ? null : alert.getService().getTeam().getId();
    }
}
