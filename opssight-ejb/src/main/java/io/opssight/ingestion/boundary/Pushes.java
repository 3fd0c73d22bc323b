package io.opssight.ingestion.boundary;

import io.opssight.access.entity.Permission;
import io.opssight.deployment.entity.Deployment;
import io.opssight.incident.control.IncidentQueries;
import io.opssight.incident.entity.Incident;
import io.opssight.ingestion.control.PreparedPush;
import io.opssight.ingestion.control.PushKeys;
import io.opssight.ingestion.control.PushRequests;
import io.opssight.ingestion.control.PushRequests.NaturalKey;
import io.opssight.ingestion.control.PushScope;
import io.opssight.ingestion.control.PushType;
import io.opssight.ingestion.entity.DeploymentPush;
import io.opssight.ingestion.entity.IncidentPush;
import io.opssight.ingestion.entity.PipelineRunPush;
import io.opssight.pipeline.control.PipelineRunQueries;
import io.opssight.pipeline.boundary.RunWithJobs;
import io.opssight.pipeline.entity.PipelineRun;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The push API, for tools without webhooks: deployments, incidents (and their resolution) and
 * pipeline runs, authenticated by API token and authorised per operation. A push travels the
 * webhooks' path, so it is as durable and replayable and lands in the same model: checked (400
 * before anything is stored, {@link PushRequests}) and scoped ({@link PushScope}: a team-scoped
 * caller creates and changes only its teams' objects, 403; another team's cause is unknown, 400;
 * another team's incident resolved by id, 404); committed as a delivery of an internal PUSH source,
 * keyed by the caller's Idempotency-Key or a hash of the content ({@link PushKeys}; a repeat answers
 * with what the first produced, a reused key with a different body is 422); then mapped by
 * {@link Mappings} (retried once, then a dead letter, and the caller hears "stored"). The caller
 * gets the resulting resource, read after the mapping committed. Pushed objects have the origin
 * "push:&lt;token name&gt;" unless the caller names one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Pushes {

    /** What a push did: made the object, changed it, repeated an earlier push, or only stored it. */
    public enum Outcome { CREATED, UPDATED, REPEATED, STORED }

    /** Outcome, delivery, resulting object (null when only STORED: a dead letter, or its first push still maps) and note. */
    public record Pushed<T>(Outcome outcome, long deliveryId, T entity, String note) {
    }

    @EJB
    PushDeliveries deliveries;

    @Inject
    IncidentQueries incidents;

    @Inject
    PipelineRunQueries runs;

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    PushScope scope;

    /** Records a deployment (and, if it lists commits, their push, so lead time works). */
    @RolesAllowed(Permission.DEPLOYMENTS_WRITE)
    public Pushed<Deployment> deployment(DeploymentPush push, String idempotencyKey) {
        String caller = caller();
        JsonObject checked = PushRequests.deployment(push, PushRequests.defaultOrigin(caller));
        return deliveries.store(PreparedPush.of(scope, PushType.DEPLOYMENT, caller, idempotencyKey, checked, null),
                this::deployment);
    }

    /** Records an incident; it is linked to the deployment it names, else to the latest production one. */
    @RolesAllowed(Permission.INCIDENTS_WRITE)
    public Pushed<Incident> incident(IncidentPush push, String idempotencyKey) {
        String caller = caller();
        JsonObject checked = PushRequests.incident(push, PushRequests.defaultOrigin(caller), scope::deploymentKey);
        return deliveries.store(PreparedPush.of(scope, PushType.INCIDENT, caller, idempotencyKey, checked, null),
                key -> incidents.byNaturalKey(key.origin(), key.externalId()));
    }

    /**
     * Resolves incident {@code id} (from any source) at {@code resolvedAt}, or now; resolving a
     * resolved incident changes nothing. 404 when there is no such incident.
     */
    @RolesAllowed(Permission.INCIDENTS_WRITE)
    public Pushed<Incident> resolveIncident(long id, Instant resolvedAt, String idempotencyKey) {
        String caller = caller();
        Incident incident = incidents.byId(id);
        NotFoundProblem unknown = new NotFoundProblem("No incident " + id);
        if (incident == null) {
            throw unknown;
        }
        JsonObject checked = PushRequests.resolution(new NaturalKey(incident.getOrigin(), incident.getExternalId()),
                resolvedAt);
        // Checked against the caller's scope first: another team's incident says nothing, not even its opening time.
        PreparedPush prepared = PreparedPush.of(scope, PushType.INCIDENT_RESOLUTION, caller, idempotencyKey, checked,
                unknown);
        if (resolvedAt != null && resolvedAt.isBefore(incident.getOpenedAt())) {
            throw new ValidationProblem("resolvedAt (" + resolvedAt + ") is before the incident opened ("
                    + incident.getOpenedAt() + ")");
        }
        return deliveries.store(prepared, key -> incidents.byNaturalKey(key.origin(), key.externalId()));
    }

    /** Records a pipeline run and its jobs. */
    @RolesAllowed(Permission.PIPELINES_WRITE)
    public Pushed<RunWithJobs> pipelineRun(PipelineRunPush push, String idempotencyKey) {
        String caller = caller();
        JsonObject checked = PushRequests.pipelineRun(push, PushRequests.defaultOrigin(caller));
        return deliveries.store(PreparedPush.of(scope, PushType.PIPELINE_RUN, caller, idempotencyKey, checked, null),
                this::run);
    }

    private String caller() {
        return context.getCallerPrincipal().getName();
    }

    private Deployment deployment(NaturalKey key) {
        List<Deployment> found = em.createQuery("select d from Deployment d join fetch d.service join fetch d.environment "
                + "where d.origin = :origin and d.externalId = :externalId", Deployment.class)
                .setParameter("origin", key.origin()).setParameter("externalId", key.externalId()).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private RunWithJobs run(NaturalKey key) {
        PipelineRun run = runs.byNaturalKey(key.origin(), key.externalId());
        return run == null ? null : new RunWithJobs(run, runs.jobsOf(run));
    }
}
