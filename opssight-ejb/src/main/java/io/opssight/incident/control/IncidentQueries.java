package io.opssight.incident.control;

import io.opssight.incident.entity.Incident;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Incidents loaded for rendering after the transaction: with their service and causing deployment
 * (and its service and environment). Shared by reading and by the push API, which answers with
 * the incident it recorded.
 */
@Dependent
public class IncidentQueries {

    /** The select every incident read starts from; alias {@code i}, service {@code s}, cause {@code d}. */
    public static final String SELECT_LOADED = "select i from Incident i left join fetch i.service s "
            + "left join fetch i.causedBy d left join fetch d.service left join fetch d.environment";

    @PersistenceContext
    EntityManager em;

    /** The incident with this id, or null. */
    public Incident byId(long id) {
        return first(em.createQuery(SELECT_LOADED + " where i.id = :id", Incident.class).setParameter("id", id)
                .getResultList());
    }

    /** The incident with this natural key, or null. */
    public Incident byNaturalKey(String origin, String externalId) {
        return first(em.createQuery(SELECT_LOADED + " where i.origin = :origin and i.externalId = :externalId", Incident.class)
                .setParameter("origin", origin).setParameter("externalId", externalId).getResultList());
    }

    private static Incident first(List<Incident> found) {
        return found.isEmpty() ? null : found.get(0);
    }
}
