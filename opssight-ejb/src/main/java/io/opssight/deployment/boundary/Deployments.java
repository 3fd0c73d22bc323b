package io.opssight.deployment.boundary;

import io.opssight.access.control.CallerTeams;
import io.opssight.access.entity.Permission;
import io.opssight.deployment.entity.Deployment;
import io.opssight.deployment.entity.DeploymentStatus;
import io.opssight.platform.entity.KeysetPage;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reading deployments: filtered, newest first, keyset-paged so pages stay stable while data arrives.
 * A team-scoped caller ({@link CallerTeams}) sees only deployments of its teams' services; another
 * team's deployment is a 404, as if it did not exist.
 */
@Stateless
@RolesAllowed(Permission.DEPLOYMENTS_READ)
public class Deployments {

    public static final int MAX_PAGE = 500;

    /** Sort keys the console offers; the cursor API always uses newest first. */
    public enum SortKey { CREATED, FINISHED, SERVICE, ENVIRONMENT, STATUS }

    @PersistenceContext
    EntityManager em;

    @jakarta.inject.Inject
    CallerTeams callerTeams;

    /** A page of the list, newest first, after the cursor {@code query.after()}; and whether more follow. */
    public KeysetPage<Deployment> list(DeploymentQuery query) {
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        if (query.after() != null) {
            where += " and (d.createdAt < :afterAt or (d.createdAt = :afterAt and d.id < :afterId))";
            params.put("afterAt", query.after().createdAt());
            params.put("afterId", query.after().id());
        }
        TypedQuery<Deployment> q = em.createQuery("select d from Deployment d join fetch d.service s join fetch d.environment e"
                + where + " order by d.createdAt desc, d.id desc", Deployment.class);
        params.forEach(q::setParameter);
        return KeysetPage.read(q, query.limit(), MAX_PAGE);
    }

    /** Offset paging with a chosen order, for the console's sortable table. */
    public List<Deployment> slice(DeploymentQuery query, SortKey sort, boolean ascending, int first, int size) {
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        String column = switch (sort) {
            case CREATED -> "d.createdAt";
            case FINISHED -> "d.finishedAt";
            case SERVICE -> "s.name";
            case ENVIRONMENT -> "e.name";
            case STATUS -> "d.status";
        };
        String direction = ascending ? " asc" : " desc";
        TypedQuery<Deployment> q = em.createQuery("select d from Deployment d join fetch d.service s join fetch d.environment e"
                + where + " order by " + column + direction + (sort == SortKey.CREATED ? "" : " nulls last") + ", d.id" + direction,
                Deployment.class);
        params.forEach(q::setParameter);
        return q.setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, Math.min(size, MAX_PAGE))).getResultList();
    }

    public long count(DeploymentQuery query) {
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        TypedQuery<Long> q = em.createQuery("select count(d) from Deployment d join d.service s join d.environment e" + where,
                Long.class);
        params.forEach(q::setParameter);
        return q.getSingleResult();
    }

    /** Keeps only the newest deployment of its service and environment (flag kept by the recorder; index deployment_latest_ix). */
    private static final String LATEST = " and d.latest = true";

    /**
     * The latest deployment of every service in every environment it was deployed to (of one
     * service when {@code service} is given), most recent first: what is deploying where now; a
     * page of {@code size} from {@code first}.
     */
    public List<Deployment> latestPerServiceAndEnvironment(String service, int first, int size) {
        TypedQuery<Deployment> q = em.createQuery("select d from Deployment d join fetch d.service s join fetch d.environment e"
                + (service == null ? " where 1 = 1" : " where s.name = :service") + teamScope() + LATEST
                + " order by d.createdAt desc, d.id desc", Deployment.class);
        if (service != null) {
            q.setParameter("service", service);
        }
        scope(q);
        return q.setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, Math.min(size, MAX_PAGE))).getResultList();
    }

    /** How many (service, environment) pairs have deployments (of one service when given). */
    public long countServiceEnvironments(String service) {
        TypedQuery<Long> q = em.createQuery("select count(d) from Deployment d join d.service s"
                + (service == null ? " where 1 = 1" : " where s.name = :service") + teamScope() + LATEST, Long.class);
        if (service != null) {
            q.setParameter("service", service);
        }
        scope(q);
        return q.getSingleResult();
    }

    /** A team-scoped caller's condition on the service alias {@code s} (empty for everyone else). */
    private String teamScope() {
        return callerTeams.restricted() ? " and s.team.id in :callerTeams" : "";
    }

    private void scope(Query q) {
        if (callerTeams.restricted()) {
            q.setParameter("callerTeams", callerTeams.restriction());
        }
    }

    public Deployment find(long id) {
        List<Deployment> found = em.createQuery("select d from Deployment d join fetch d.service join fetch d.environment "
                + "where d.id = :id", Deployment.class).setParameter("id", id).getResultList();
        if (found.isEmpty() || !callerTeams.sees(teamOf(found.get(0)))) {
            throw new NotFoundProblem("No deployment " + id);
        }
        return found.get(0);
    }

    private static Long teamOf(Deployment d) {
        return d.getService().getTeam() == null ? null : d.getService().getTeam().getId();
    }

    private String where(DeploymentQuery query, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (callerTeams.restricted()) {
            where.append(" and s.team.id in :callerTeams");
            params.put("callerTeams", callerTeams.restriction());
        }
        if (query.service() != null) {
            where.append(" and s.name = :service");
            params.put("service", query.service());
        }
        if (query.environment() != null) {
            where.append(" and e.name = :environment");
            params.put("environment", query.environment());
        }
        if (query.status() != null) {
            try {
                params.put("status", DeploymentStatus.valueOf(query.status().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ValidationProblem("Unknown deployment status '" + query.status() + "'");
            }
            where.append(" and d.status = :status");
        }
        if (query.from() != null) {
            where.append(" and d.createdAt >= :from");
            params.put("from", query.from());
        }
        if (query.to() != null) {
            where.append(" and d.createdAt < :to");
            params.put("to", query.to());
        }
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new ValidationProblem("'from' must be before 'to'");
        }
        return where.toString();
    }
}
