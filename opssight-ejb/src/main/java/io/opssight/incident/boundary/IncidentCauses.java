package io.opssight.incident.boundary;

import io.opssight.access.control.CallerTeams;
import io.opssight.access.entity.Permission;
import io.opssight.catalog.entity.Service;
import io.opssight.deployment.entity.Deployment;
import io.opssight.dora.control.DoraDirtyDays;
import io.opssight.incident.control.IncidentQueries;
import io.opssight.incident.entity.Incident;
import io.opssight.incident.entity.LinkReason;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import io.opssight.audit.boundary.Audited;

/**
 * Correcting which deployment caused an incident, so a disputed change failure rate or recovery time
 * can be fixed at its source. The link becomes MANUAL: ingestion never replaces it with a time-based
 * guess or the cause a source names later (IncidentLinker skips manual links). Naming no deployment
 * records that nothing caused it. Every correction is recorded in the audit trail ({@code @Audited}).
 */
@Stateless
@RolesAllowed(Permission.INCIDENTS_LINK)
public class IncidentCauses {

    private static final System.Logger LOGGER = System.getLogger(IncidentCauses.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    IncidentQueries queries;

    @Inject
    DoraDirtyDays doraDays;

    /** Team scope: another team's incident is a 404, another team's deployment an unknown one. */
    @Inject
    CallerTeams callerTeams;

    @Resource
    SessionContext context;

    /**
     * Links incident {@code incidentId} to deployment {@code deploymentId} (a successful production
     * deployment, else 400), or to none when it is null; 404 when there is no such incident.
     */
    @Audited
    public Incident correct(long incidentId, Long deploymentId, String note) {
        return correct(incidentId, deploymentId, note, null);
    }

    /**
     * As {@link #correct(long, Long, String)}, but only while the link is still the one the caller
     * read: {@code expectedTag} (the {@link Incident#causeTag()} it saw; null skips the check) that no
     * longer matches is a 412, checked in this transaction; a change racing past it fails on the
     * incident's version (409).
     */
    @Audited
    public Incident correct(long incidentId, Long deploymentId, String note, String expectedTag) {
        Incident incident = queries.byId(incidentId);
        if (incident == null || !visible(incident.getService())) {
            throw new NotFoundProblem("No incident " + incidentId);
        }
        if (expectedTag != null && !expectedTag.equals(incident.causeTag())) {
            throw new OpsSightException(ProblemType.PRECONDITION_FAILED, "The cause of incident " + incidentId
                    + " changed since you read it; read it again (GET /incidents/" + incidentId + "/cause).");
        }
        Deployment cause = null;
        if (deploymentId != null) {
            List<Deployment> found = em.createQuery("select d from Deployment d join fetch d.service join fetch d.environment "
                    + "where d.id = :id", Deployment.class).setParameter("id", deploymentId).getResultList();
            if (found.isEmpty() || !visible(found.get(0).getService())) {
                throw new ValidationProblem("No deployment " + deploymentId);
            }
            cause = found.get(0);
            if (!cause.isSuccessfulProduction()) {
                throw new ValidationProblem("Deployment " + deploymentId + " is not a successful production deployment, "
                        + "so it cannot count as the cause of a failure");
            }
        }
        String who = context.getCallerPrincipal().getName();
        Deployment causeBefore = incident.getCausedBy();
        incident.linkTo(cause, LinkReason.MANUAL, note.trim() + " (set by " + who + " at " + Instant.now() + ")");
        doraDays.incidentChanged(incident, causeBefore, incident.getOpenedAt(), incident.getResolvedAt());
        LOGGER.log(Level.INFO, "{0} linked incident {1} to {2}", who, incidentId,
                cause == null ? "no deployment" : "deployment " + cause.getId());
        return incident;
    }

    /** The incident whose cause link is read (for its tag) or about to be corrected; 404 when there is none. */
    @RolesAllowed({Permission.INCIDENTS_READ, Permission.INCIDENTS_LINK})
    public Incident read(long incidentId) {
        Incident incident = queries.byId(incidentId);
        if (incident == null || !visible(incident.getService())) {
            throw new NotFoundProblem("No incident " + incidentId);
        }
        return incident;
    }

    private boolean visible(Service service) {
        return callerTeams.sees(service == null || service.getTeam() == null ? null : service.getTeam().getId());
    }
}
