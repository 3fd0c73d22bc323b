package io.opssight.deployment.boundary;

import io.opssight.access.control.CallerTeams;
import io.opssight.access.entity.Permission;
import io.opssight.deployment.entity.Deployment;
import io.opssight.deployment.entity.DeploymentStatus;
import io.opssight.platform.control.ListQuery;
import io.opssight.platform.entity.KeysetPage;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import jakarta.inject.Inject;

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

    @Inject
    CallerTeams callerTeams;

    /** A page of the list, newest first, after the cursor {@code query.after()}; and whether more follow. */
    public KeysetPage<Deployment> list(DeploymentQuery query) {
        return matching(query).orderBy("d.createdAt desc, d.id desc").afterDescending("d.createdAt", "d.id", query.after())
                .page(query.limit(), MAX_PAGE);
    }

    /** Offset paging with a chosen order, for the console's sortable table. */
    public List<Deployment> slice(DeploymentQuery query, SortKey sort, boolean ascending, int first, int size) {
        String column = switch (sort) {
            case CREATED -> "d.createdAt";
            case FINISHED -> "d.finishedAt";
            case SERVICE -> "s.name";
            case ENVIRONMENT -> "e.name";
            case STATUS -> "d.status";
        };
        String direction = ascending ? " asc" : " desc";
        return matching(query).orderBy(column + direction + (sort == SortKey.CREATED ? "" : " nulls last") + ", d.id" + direction)
                .slice(first, size, MAX_PAGE);
    }

    public long count(DeploymentQuery query) {
        return matching(query).count();
    }

    /**
     * The latest deployment of every service in every environment it was deployed to (of one
     * service when {@code service} is given), most recent first: what is deploying where now; a
     * page of {@code size} from {@code first}.
     */
    public List<Deployment> latestPerServiceAndEnvironment(String service, int first, int size) {
        return latest(service).orderBy("d.createdAt desc, d.id desc").slice(first, size, MAX_PAGE);
    }

    /** How many (service, environment) pairs have deployments (of one service when given). */
    public long countServiceEnvironments(String service) {
        return latest(service).count();
    }

    /** Only the newest deployment of its service and environment (flag kept by the recorder; index deployment_latest_ix). */
    private ListQuery<Deployment> latest(String service) {
        return visible().andGiven("s.name = :service", "service", service).and("d.latest = true");
    }

    /** The deployments the caller sees. */
    private ListQuery<Deployment> visible() {
        return ListQuery.of(em, Deployment.class, "select d from Deployment d join fetch d.service s join fetch d.environment e",
                "select count(d) from Deployment d join d.service s join d.environment e")
                .andIf(callerTeams.restricted(), "s.team.id in :callerTeams", "callerTeams", callerTeams.restriction());
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

    /** The deployments {@code query} filters for (its cursor aside). */
    private ListQuery<Deployment> matching(DeploymentQuery query) {
        DeploymentStatus status = null;
        if (query.status() != null) {
            try {
                status = DeploymentStatus.valueOf(query.status().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ValidationProblem("Unknown deployment status '" + query.status() + "'");
            }
        }
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new ValidationProblem("'from' must be before 'to'");
        }
        return visible().andGiven("s.name = :service", "service", query.service())
                .andGiven("e.name = :environment", "environment", query.environment())
                .andGiven("d.status = :status", "status", status)
                .andGiven("d.createdAt >= :from", "from", query.from())
                .andGiven("d.createdAt < :to", "to", query.to());
    }
}
