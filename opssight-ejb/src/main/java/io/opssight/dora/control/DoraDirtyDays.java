package io.opssight.dora.control;

import io.opssight.catalog.entity.Environment;
import io.opssight.deployment.entity.Deployment;
import io.opssight.dora.entity.DoraDirtyDay;
import io.opssight.dora.entity.Window;
import io.opssight.incident.entity.Incident;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Marks the UTC days whose organisation-wide roll-up a change makes stale, in the transaction that
 * makes the change (so a rolled-back change marks nothing). Called by the recorders that change what
 * DORA counts: a deployment's outcome or finish (its old and new day, and the days its incidents
 * were resolved, whose recovery times start at its finish), what a deployment shipped (its day), an
 * incident's link or resolution (its old and new cause's days, its old and new resolution days), an
 * environment becoming production (every day one of its deployments finished or one of their
 * incidents was resolved).
 * <p>
 * With {@code opssight.dora.rollup.enabled=false} nothing is marked and the roll-up is not kept:
 * organisation-wide questions are then answered from the normalized tables alone (correct, slower);
 * the switch exists to measure what keeping the roll-up costs ingestion.
 */
@Dependent
public class DoraDirtyDays {

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "opssight.dora.rollup.enabled", defaultValue = "true")
    boolean enabled;

    /** The days of these instants (nulls ignored) are stale. */
    public void mark(Instant... times) {
        if (!enabled) {
            return;
        }
        Set<Long> days = new TreeSet<>();
        for (Instant t : times) {
            if (t != null) {
                days.add(Window.dayNumber(t));
            }
        }
        Instant now = Instant.now();
        for (long day : days) {
            em.persist(new DoraDirtyDay(day, now));
        }
    }

    /** An environment that was not production now is: everything it counts for moves into the figures. */
    public void environmentBecameProduction(Environment environment) {
        if (!enabled || environment.getId() == null) {
            return;
        }
        mark(em.createQuery("select d.finishedAt from Deployment d where d.environment = :e and d.finishedAt is not null",
                Instant.class).setParameter("e", environment).getResultList().toArray(Instant[]::new));
        mark(em.createQuery("select i.resolvedAt from Incident i where i.causedBy.environment = :e and i.resolvedAt is not null",
                Instant.class).setParameter("e", environment).getResultList().toArray(Instant[]::new));
    }

    /** Whether the organisation-wide roll-up is kept at all. */
    public boolean enabled() {
        return enabled;
    }

    /** A deployment's outcome or finish changed (it finished at {@code finishedBefore} before). */
    public void deploymentChanged(Deployment deployment, Instant finishedBefore) {
        mark(finishedBefore, deployment.getFinishedAt());
        if (deployment.getId() != null && !Objects.equals(finishedBefore, deployment.getFinishedAt())) {
            for (Instant resolved : em.createQuery("select i.resolvedAt from Incident i where i.causedBy = :d "
                    + "and i.resolvedAt is not null", Instant.class).setParameter("d", deployment).getResultList()) {
                mark(resolved);
            }
        }
    }

    /**
     * What an incident counts for may have changed: before, it was caused by {@code causeBefore},
     * opened at {@code openedBefore} and resolved at {@code resolvedBefore} (all null for a new one).
     */
    public void incidentChanged(Incident incident, Deployment causeBefore, Instant openedBefore, Instant resolvedBefore) {
        Deployment cause = incident.getCausedBy();
        if (cause == causeBefore && Objects.equals(openedBefore, incident.getOpenedAt())
                && Objects.equals(resolvedBefore, incident.getResolvedAt())) {
            return;
        }
        mark(causeBefore == null ? null : causeBefore.getFinishedAt(), cause == null ? null : cause.getFinishedAt(),
                resolvedBefore, incident.getResolvedAt());
    }
}
