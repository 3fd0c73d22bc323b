package io.opssight.alerting.boundary;

import io.opssight.access.control.CallerTeams;
import io.opssight.access.entity.Permission;
import io.opssight.alerting.entity.Alert;
import io.opssight.platform.control.ListQuery;
import io.opssight.platform.entity.KeysetPage;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;

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
        return matching(query).afterDescending("a.startsAt", "a.id", query.after()).page(query.limit(), MAX_PAGE);
    }

    /** How many alerts match (the cursor and limit are ignored): the console's lazy table pages by offset. */
    public long count(AlertQuery query) {
        return matching(query).count();
    }

    /** Matching alerts, newest first, {@code size} from row {@code first} (offset paging for the console). */
    public List<Alert> slice(AlertQuery query, int first, int size) {
        return matching(query).slice(first, size, MAX_PAGE);
    }

    /** The alerts {@code query} filters for (its cursor aside), newest firing first. */
    private ListQuery<Alert> matching(AlertQuery query) {
        String status = query.status() == null ? null : query.status().trim().toLowerCase(Locale.ROOT);
        if (status != null && !status.equals(Alert.FIRING) && !status.equals(Alert.RESOLVED)) {
            throw new ValidationProblem("Unknown alert status '" + query.status() + "'; expected firing or resolved");
        }
        return ListQuery.of(em, Alert.class, SELECT, "select count(a) from Alert a left join a.service s")
                .andIf(callerTeams.restricted(), "s.team.id in :callerTeams", "callerTeams", callerTeams.restriction())
                .andGiven("a.status = :status", "status", status)
                .andGiven("s.name = :service", "service", query.service())
                .orderBy("a.startsAt desc, a.id desc");
    }

    /** How many alerts are firing now. */
    public long countFiring() {
        return count(new AlertQuery(Alert.FIRING, null, null, 1));
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
