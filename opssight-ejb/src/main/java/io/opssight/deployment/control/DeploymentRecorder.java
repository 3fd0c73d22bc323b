package io.opssight.deployment.control;

import io.opssight.catalog.control.Catalog;
import io.opssight.change.control.ShippedChanges;
import io.opssight.dora.control.DoraDirtyDays;
import io.opssight.incident.control.IncidentLinker;
import io.opssight.catalog.entity.Environment;
import io.opssight.catalog.entity.Service;
import io.opssight.deployment.entity.Deployment;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * Turns reported facts into the one Deployment they describe, creating it on first sight. Facts
 * may arrive in any order and more than once; the entity decides which status wins.
 */
@Dependent
public class DeploymentRecorder {

    @PersistenceContext
    EntityManager em;

    @Inject
    Catalog catalog;

    @Inject
    ShippedChanges shipped;

    @Inject
    IncidentLinker incidents;

    @Inject
    DoraDirtyDays doraDays;

    /**
     * Facts for a service named directly rather than by repository (Argo CD app, the push API):
     * {@code repositoryName} then carries the service name and {@code repositoryFullName} may be null.
     */
    public Deployment record(DeploymentFacts facts, Instant now) {
        List<Deployment> found = em.createNamedQuery(Deployment.FIND_BY_EXTERNAL_ID, Deployment.class)
                .setParameter("origin", facts.origin()).setParameter("externalId", facts.externalId())
                .getResultList();
        Deployment deployment;
        if (found.isEmpty()) {
            Service service = catalog.serviceForRepository(facts.repositoryFullName(), facts.repositoryName(), now);
            Environment environment = catalog.environment(facts.environment(), facts.production());
            Instant created = facts.createdAt() != null ? facts.createdAt() : facts.statusAt() != null ? facts.statusAt() : now;
            deployment = new Deployment(facts.origin(), facts.externalId(), service, environment, created);
        } else {
            deployment = found.get(0);
            if (Boolean.TRUE.equals(facts.production()) && deployment.getEnvironment().markProduction()) {
                doraDays.environmentBecameProduction(deployment.getEnvironment());
            }
        }
        Instant finishedBefore = found.isEmpty() ? null : deployment.getFinishedAt();
        deployment.describe(facts.sha(), facts.ref(), facts.version(), facts.creator(), facts.url(), facts.description());
        deployment.placeIn(facts.cluster(), facts.namespace());
        boolean changed = false;
        if (facts.status() != null && facts.statusAt() != null) {
            changed = deployment.applyStatus(facts.status(), facts.statusAt(), facts.statusSeq());
        }
        if (found.isEmpty()) {
            // Persisted once complete: one insert rather than an insert and an update.
            em.persist(deployment);
        }
        if (found.isEmpty()) {
            em.flush();
            keepLatest(deployment);
        }
        if (changed || found.isEmpty()) {
            // What it shipped and which incidents it caused depend on its outcome and finish time.
            em.flush();
            shipped.relink(deployment);
            incidents.deploymentChanged(deployment);
            doraDays.deploymentChanged(deployment, finishedBefore);
        }
        return deployment;
    }

    /**
     * Moves the "latest of its service and environment" flag to a new deployment if it is the newest.
     * Deployments of one service take turns here (a lock on the service row), so two arriving at once
     * cannot both become the latest.
     */
    private void keepLatest(Deployment deployment) {
        em.createNativeQuery("select id from service where id = :id for update")
                .setParameter("id", deployment.getService().getId()).getResultList();
        List<Deployment> holders = em.createQuery("select o from Deployment o where o.service = :service "
                + "and o.environment = :environment and o.latest = true", Deployment.class)
                .setParameter("service", deployment.getService()).setParameter("environment", deployment.getEnvironment())
                .getResultList();
        deployment.takeLatestFrom(holders);
    }
}
