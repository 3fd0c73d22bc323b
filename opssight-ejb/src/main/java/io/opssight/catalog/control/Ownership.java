package io.opssight.catalog.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import java.util.List;

/**
 * Which team owns what: a service, and the objects that belong to a service (deployments,
 * incidents, pipeline runs), found by natural key or id. Read by query, so it answers outside a
 * transaction too (the push API checks a push against the caller's teams before storing it).
 */
@Dependent
public class Ownership {

    /** An object that belongs to a service: its natural key and its service's team (null: no team). */
    public record Owned(String origin, String externalId, Long teamId) {
    }

    private static final String OWNED = "select o.origin as origin, o.externalId as externalId, t.id as team from %s o "
            + "left join o.service s left join s.team t where ";

    @PersistenceContext
    EntityManager em;

    /** The team that owns service {@code serviceId}; null when it has none. */
    public Long teamOfService(long serviceId) {
        List<Long> owner = em.createQuery("select t.id from Service s join s.team t where s.id = :id", Long.class)
                .setParameter("id", serviceId).getResultList();
        return owner.isEmpty() ? null : owner.get(0);
    }

    /** The object of {@code entity} (Deployment, Incident, PipelineRun) with this natural key; null when none. */
    public Owned byNaturalKey(Class<?> entity, String origin, String externalId) {
        return first(em.createQuery(OWNED.formatted(em.getMetamodel().entity(entity).getName())
                + "o.origin = :origin and o.externalId = :externalId", Tuple.class)
                .setParameter("origin", origin).setParameter("externalId", externalId).getResultList());
    }

    /** The object of {@code entity} with this id; null when none. */
    public Owned byId(Class<?> entity, long id) {
        return first(em.createQuery(OWNED.formatted(em.getMetamodel().entity(entity).getName()) + "o.id = :id", Tuple.class)
                .setParameter("id", id).getResultList());
    }

    private static Owned first(List<Tuple> found) {
        if (found.isEmpty()) {
            return null;
        }
        Tuple row = found.get(0);
        return new Owned(row.get("origin", String.class), row.get("externalId", String.class), row.get("team", Long.class));
    }
}
