package io.opssight.incident.control;

import io.opssight.catalog.entity.Service;
import io.opssight.deployment.entity.Deployment;
import io.opssight.deployment.entity.DeploymentStatus;
import io.opssight.incident.entity.Incident;
import io.opssight.incident.entity.LinkReason;
import io.opssight.dora.control.DoraDirtyDays;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Attributes incidents to the deployment that caused them (change failure rate, recovery time):
 * the deployment the source named, else the latest successful production deployment of the same
 * service that finished before the incident opened. Re-run whenever either side changes, so a
 * deployment reported after its incident gets the same link as one reported before.
 */
@Dependent
public class IncidentLinker {

    @PersistenceContext
    EntityManager em;

    @Inject
    DoraDirtyDays doraDays;

    public void link(Incident incident) {
        Deployment before = incident.getCausedBy();
        relink(incident);
        doraDays.incidentChanged(incident, before, incident.getOpenedAt(), incident.getResolvedAt());
    }

    private void relink(Incident incident) {
        if (incident.getLinkReason() == LinkReason.MANUAL) {
            return;
        }
        if (incident.getCauseOrigin() != null && incident.getCauseExternalId() != null) {
            List<Deployment> named = em.createNamedQuery(Deployment.FIND_BY_EXTERNAL_ID, Deployment.class)
                    .setParameter("origin", incident.getCauseOrigin())
                    .setParameter("externalId", incident.getCauseExternalId()).getResultList();
            if (!named.isEmpty()) {
                incident.linkTo(named.get(0), LinkReason.EXPLICIT, "named by the source ("
                        + incident.getCauseOrigin() + " deployment " + incident.getCauseExternalId() + ")");
                return;
            }
        }
        if (incident.getService() == null) {
            return;
        }
        List<Deployment> latest = em.createQuery("select d from Deployment d join fetch d.environment e where d.service = :service "
                + "and e.production = true and d.status = :success and d.finishedAt <= :opened "
                + "order by d.finishedAt desc, d.id desc", Deployment.class)
                .setParameter("service", incident.getService()).setParameter("success", DeploymentStatus.SUCCESS)
                .setParameter("opened", incident.getOpenedAt()).setMaxResults(1).getResultList();
        if (latest.isEmpty()) {
            incident.linkTo(null, LinkReason.LATEST_PRODUCTION_DEPLOYMENT, null);
            return;
        }
        Deployment cause = latest.get(0);
        incident.linkTo(cause, LinkReason.LATEST_PRODUCTION_DEPLOYMENT, "latest production deployment of "
                + incident.getService().getName() + " before the incident opened: " + cause.getVersion() + " to "
                + cause.getEnvironment().getName() + ", finished " + cause.getFinishedAt());
    }

    /** After a deployment changed: incidents that name it, and time-linked incidents of its service. */
    public void deploymentChanged(Deployment deployment) {
        for (Incident named : em.createQuery("select i from Incident i where i.causeOrigin = :origin "
                + "and i.causeExternalId = :externalId", Incident.class)
                .setParameter("origin", deployment.getOrigin()).setParameter("externalId", deployment.getExternalId())
                .getResultList()) {
            link(named);
        }
        Service service = deployment.getService();
        // Also incidents whose named cause never arrived: they carry a time-based guess, which must
        // be the same whether this deployment arrived before or after them.
        for (Incident incident : em.createNamedQuery(Incident.FIND_UNLINKED_OR_GUESSED_OF_SERVICE, Incident.class)
                .setParameter("service", service).getResultList()) {
            link(incident);
        }
    }
}
