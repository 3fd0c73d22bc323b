package io.opssight.ingestion.control;

import io.opssight.change.control.ChangeRecorder;
import io.opssight.change.control.CommitFacts;
import io.opssight.deployment.control.DeploymentFacts;
import io.opssight.deployment.control.DeploymentRecorder;
import io.opssight.deployment.entity.Deployment;
import io.opssight.incident.control.IncidentFacts;
import io.opssight.incident.control.IncidentRecorder;
import io.opssight.incident.entity.Incident;
import io.opssight.incident.entity.IncidentStatus;
import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.SourceKind;
import io.opssight.pipeline.control.JobFacts;
import io.opssight.pipeline.control.PipelineRecorder;
import io.opssight.pipeline.entity.PipelineRun;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * Maps the push API's stored deliveries onto the model with the recorders the webhooks use, so a
 * pushed deployment, incident or pipeline run is indistinguishable from a hooked one (same status
 * rules, same shipped-change and cause links). The body is the canonical form {@link PushRequests}
 * made at the door; the event type names the {@link PushType}.
 */
@Dependent
public class PushNormalizer implements Normalizer {

    @Inject
    DeploymentRecorder deployments;

    @Inject
    ChangeRecorder changes;

    @Inject
    IncidentRecorder incidents;

    @Inject
    PipelineRecorder pipelines;

    @PersistenceContext
    EntityManager em;

    @Override
    public SourceKind kind() {
        return SourceKind.PUSH;
    }

    @Override
    public SourceProtocol protocol() {
        return new PushProtocol();
    }

    @Override
    public Normalized normalize(Delivery delivery, JsonObject payload, Instant now) {
        String type = delivery.getEventType() == null ? "" : delivery.getEventType();
        Instant received = delivery.getReceivedAt();
        if (type.equals(PushType.DEPLOYMENT.eventType())) {
            return deployment(payload, received, now);
        }
        if (type.equals(PushType.INCIDENT.eventType())) {
            Incident incident = incidents.record(PushMapping.incident(payload, received), now);
            return Normalized.modelled("incident " + incident.getExternalId() + " " + incident.getStatus().wireName());
        }
        if (type.equals(PushType.INCIDENT_RESOLUTION.eventType())) {
            return resolution(payload, received, now);
        }
        if (type.equals(PushType.PIPELINE_RUN.eventType())) {
            return pipelineRun(payload, received, now);
        }
        return Normalized.ignored("push type '" + type + "' is not known");
    }

    private Normalized deployment(JsonObject payload, Instant received, Instant now) {
        List<CommitFacts> commits = PushMapping.commits(payload);
        if (!commits.isEmpty()) {
            Instant created = Payloads.instant(payload, "createdAt");
            changes.recordPush(Payloads.string(payload, "repository"), PushMapping.branch(Payloads.string(payload, "ref")),
                    null, Payloads.string(payload, "sha"), commits, created != null ? created : received);
        }
        Deployment recorded = null;
        for (DeploymentFacts facts : PushMapping.deployment(payload, received)) {
            recorded = deployments.record(facts, now);
        }
        return Normalized.modelled("deployment " + recorded.getExternalId() + " " + recorded.getStatus().wireName()
                + (commits.isEmpty() ? "" : " with " + commits.size() + " commit(s)"));
    }

    private Normalized resolution(JsonObject payload, Instant received, Instant now) {
        IncidentFacts facts = PushMapping.resolution(payload, received);
        List<Incident> found = em.createNamedQuery(Incident.FIND_BY_EXTERNAL_ID, Incident.class)
                .setParameter("origin", facts.origin()).setParameter("externalId", facts.externalId()).getResultList();
        if (found.isEmpty()) {
            throw new IllegalArgumentException("resolution of unknown incident " + facts.origin() + " " + facts.externalId());
        }
        if (found.get(0).getStatus() == IncidentStatus.RESOLVED) {
            // Resolving is a transition: a repeated resolve must not move the resolution time.
            return Normalized.ignored("incident " + facts.externalId() + " was already resolved at "
                    + found.get(0).getResolvedAt());
        }
        Incident incident = incidents.record(facts, now);
        return Normalized.modelled("incident " + incident.getExternalId() + " resolved");
    }

    private Normalized pipelineRun(JsonObject payload, Instant received, Instant now) {
        PipelineRun run = pipelines.recordRun(PushMapping.run(payload, received), now);
        List<JobFacts> jobs = PushMapping.jobs(payload, received);
        for (JobFacts job : jobs) {
            pipelines.recordJob(job, now);
        }
        return Normalized.modelled("pipeline run " + run.getExternalId() + " " + run.times().getStatus().wireName()
                + " with " + jobs.size() + " job(s)");
    }
}
