package io.opssight.incident.boundary;

import io.opssight.access.control.CallerTeams;
import io.opssight.access.entity.Permission;
import io.opssight.incident.control.IncidentQueries;
import io.opssight.incident.entity.Incident;
import io.opssight.incident.entity.IncidentStatus;
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
        return matching(query).afterDescending("i.openedAt", "i.id", query.after()).page(query.limit(), MAX_PAGE);
    }

    /** How many incidents match (the cursor and limit are ignored): the console's lazy table pages by offset. */
    public long count(IncidentQuery query) {
        return matching(query).count();
    }

    /** Matching incidents, newest first, {@code size} from row {@code first} (offset paging for the console). */
    public List<Incident> slice(IncidentQuery query, int first, int size) {
        return matching(query).slice(first, size, MAX_PAGE);
    }

    /** The incidents {@code query} filters for (its cursor aside), newest opened first. */
    private ListQuery<Incident> matching(IncidentQuery query) {
        IncidentStatus status = query.status() == null ? null : status(query.status());
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new ValidationProblem("'from' must be before 'to'");
        }
        return visible().andGiven("s.name = :service", "service", query.service())
                .andGiven("i.status = :status", "status", status)
                .andGiven("i.openedAt >= :from", "from", query.from())
                .andGiven("i.openedAt < :to", "to", query.to());
    }

    /** The incidents the caller sees, newest opened first. */
    private ListQuery<Incident> visible() {
        return ListQuery.of(em, Incident.class, IncidentQueries.SELECT_LOADED, "select count(i) from Incident i left join i.service s")
                .andIf(callerTeams.restricted(), "s.team.id in :callerTeams", "callerTeams", callerTeams.restriction())
                .orderBy("i.openedAt desc, i.id desc");
    }

    /** The incidents not resolved (newest first, at most {@code limit}) and how many there are. */
    public OpenIncidents open(int limit) {
        ListQuery<Incident> open = visible().and("i.resolvedAt is null");
        return new OpenIncidents(open.slice(0, limit, MAX_PAGE), open.count());
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
