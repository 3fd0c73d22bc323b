package io.opssight.incident.control;

import io.opssight.catalog.control.Catalog;
import io.opssight.deployment.entity.Deployment;
import io.opssight.dora.control.DoraDirtyDays;
import io.opssight.incident.entity.Incident;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import io.opssight.incident.entity.IncidentStatus;

/** Records incidents from any source and links each to its causing deployment. */
@Dependent
public class IncidentRecorder {

    @PersistenceContext
    EntityManager em;

    @Inject
    Catalog catalog;

    @Inject
    IncidentLinker linker;

    @Inject
    DoraDirtyDays doraDays;

    public Incident record(IncidentFacts f, Instant now) {
        List<Incident> found = em.createNamedQuery(Incident.FIND_BY_EXTERNAL_ID, Incident.class)
                .setParameter("origin", f.origin()).setParameter("externalId", f.externalId()).getResultList();
        Instant at = f.statusAt() != null ? f.statusAt() : now;
        Incident incident;
        Deployment causeBefore = null;
        Instant openedBefore = null;
        Instant resolvedBefore = null;
        if (found.isEmpty()) {
            Instant opened = f.openedAt() != null ? f.openedAt() : at;
            incident = new Incident(f.origin(), f.externalId(), f.title() != null ? f.title() : "(untitled incident)", opened);
            em.persist(incident);
        } else {
            incident = found.get(0);
            causeBefore = incident.getCausedBy();
            openedBefore = incident.getOpenedAt();
            resolvedBefore = incident.getResolvedAt();
        }
        incident.describe(f.service() == null ? null : catalog.serviceNamedOrCreate(f.service(), now), f.title(),
                f.severity(), f.url());
        if (f.openedAt() != null) {
            incident.apply(IncidentStatus.TRIGGERED, f.openedAt());
        }
        if (f.status() != null) {
            incident.apply(f.status(), at);
        }
        if (f.causeOrigin() != null && f.causeExternalId() != null) {
            incident.nameCause(f.causeOrigin(), f.causeExternalId());
        }
        linker.link(incident);
        doraDays.incidentChanged(incident, causeBefore, openedBefore, resolvedBefore);
        return incident;
    }
}
