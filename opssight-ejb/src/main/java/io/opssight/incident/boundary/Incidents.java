package io.opssight.incident.boundary;

import io.opssight.access.control.CallerTeams;
import io.opssight.access.entity.Permission;
import io.opssight.incident.control.IncidentQueries;
import io.opssight.incident.entity.Incident;
import io.opssight.incident.entity.IncidentStatus;
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
 * Reading incidents with their causing deployment: filtered, newest first, keyset-paged. A
 * team-scoped caller ({@link CallerTeams}) sees only incidents of its teams' services (404 for others).
 */
@Stateless
@RolesAllowed(Permission.INCIDENTS_READ)
public class Incidents {

    public static final int MAX_PAGE = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    IncidentQueries queries;

    @Inject
    CallerTeams callerTeams;

    /** A page of the list, newest first, after the cursor {@code query.after()}; and whether more follow. */
    public KeysetPage<Incident> list(IncidentQuery query) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = where(query, params);
        if (query.after() != null) {
            where.append(" and (i.openedAt < :afterAt or (i.openedAt = :afterAt and i.id < :afterId))");
            params.put("afterAt", query.after().openedAt());
            params.put("afterId", query.after().id());
        }
        TypedQuery<Incident> q = em.createQuery(IncidentQueries.SELECT_LOADED + where + " order by i.openedAt desc, i.id desc",
                Incident.class);
        params.forEach(q::setParameter);
        return KeysetPage.read(q, query.limit(), MAX_PAGE);
    }

    /** How many incidents match (the cursor and limit are ignored): the console's lazy table pages by offset. */
    public long count(IncidentQuery query) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = where(query, params);
        TypedQuery<Long> q = em.createQuery("select count(i) from Incident i left join i.service s" + where, Long.class);
        params.forEach(q::setParameter);
        return q.getSingleResult();
    }

    /** Matching incidents, newest first, {@code size} from row {@code first} (offset paging for the console). */
    public List<Incident> slice(IncidentQuery query, int first, int size) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = where(query, params);
        TypedQuery<Incident> q = em.createQuery(IncidentQueries.SELECT_LOADED + where + " order by i.openedAt desc, i.id desc",
                Incident.class);
        params.forEach(q::setParameter);
        return q.setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, Math.min(size, MAX_PAGE))).getResultList();
    }

    private StringBuilder where(IncidentQuery query, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (callerTeams.restricted()) {
            where.append(" and s.team.id in :callerTeams");
            params.put("callerTeams", callerTeams.restriction());
        }
        if (query.service() != null) {
            where.append(" and s.name = :service");
            params.put("service", query.service());
        }
        if (query.status() != null) {
            where.append(" and i.status = :status");
            params.put("status", status(query.status()));
        }
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new ValidationProblem("'from' must be before 'to'");
        }
        if (query.from() != null) {
            where.append(" and i.openedAt >= :from");
            params.put("from", query.from());
        }
        if (query.to() != null) {
            where.append(" and i.openedAt < :to");
            params.put("to", query.to());
        }
        return where;
    }

    /** The incidents not resolved (newest first, at most {@code limit}) and how many there are. */
    public OpenIncidents open(int limit) {
        String scope = callerTeams.restricted() ? " and s.team.id in :callerTeams" : "";
        TypedQuery<Incident> q = em.createQuery(IncidentQueries.SELECT_LOADED + " where i.resolvedAt is null" + scope
                + " order by i.openedAt desc, i.id desc", Incident.class);
        TypedQuery<Long> count = em.createQuery("select count(i) from Incident i left join i.service s where i.resolvedAt is null"
                + scope, Long.class);
        if (callerTeams.restricted()) {
            q.setParameter("callerTeams", callerTeams.restriction());
            count.setParameter("callerTeams", callerTeams.restriction());
        }
        List<Incident> items = q.setMaxResults(Math.max(1, Math.min(limit, MAX_PAGE))).getResultList();
        long total = count.getSingleResult();
        return new OpenIncidents(items, total);
    }

    /** Some open incidents and the number of all of them. */
    public record OpenIncidents(List<Incident> items, long total) {
    }

    /** One incident with its service and causing deployment; 404 when there is none. */
    public Incident find(long id) {
        Incident incident = queries.byId(id);
        if (incident == null || !callerTeams.sees(incident.getService() == null || incident.getService().getTeam() == null
                ? null : incident.getService().getTeam().getId())) {
            throw new NotFoundProblem("No incident " + id);
        }
        return incident;
    }

    private static IncidentStatus status(String word) {
        try {
            return IncidentStatus.valueOf(word.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationProblem("Unknown incident status '" + word + "'; expected triggered, acknowledged or resolved");
        }
    }
}
