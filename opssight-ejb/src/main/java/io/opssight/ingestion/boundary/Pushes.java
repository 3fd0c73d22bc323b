package io.opssight.ingestion.boundary;

import io.opssight.ingestion.control.Failures;

import io.opssight.access.entity.Permission;
import io.opssight.deployment.entity.Deployment;
import io.opssight.incident.control.IncidentQueries;
import io.opssight.incident.entity.Incident;
import io.opssight.ingestion.control.IngestionMetrics;
import io.opssight.ingestion.control.Payloads;
import io.opssight.ingestion.control.PushKeys;
import io.opssight.ingestion.control.PushRequests;
import io.opssight.ingestion.control.PushRequests.NaturalKey;
import io.opssight.ingestion.control.PushScope;
import io.opssight.ingestion.control.PushType;
import io.opssight.ingestion.control.StoredDelivery;
import io.opssight.pipeline.control.PipelineRunQueries;
import io.opssight.pipeline.boundary.RunWithJobs;
import io.opssight.pipeline.entity.PipelineRun;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
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
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The push API, for tools without webhooks: deployments, incidents (and their resolution) and
 * pipeline runs, authenticated by API token and authorised per operation. A push travels the
 * webhooks' path, so it is exactly as durable and replayable and lands in exactly the same model:
 * <ol>
 * <li>check it (400 before anything is stored) and make its canonical body ({@link PushRequests});</li>
 * <li>commit it as a delivery of an internal PUSH source, keyed by the caller's Idempotency-Key
 * or a hash of the content ({@link PushKeys}); a repeat finds the stored delivery and answers with
 * what it produced, and a reused Idempotency-Key with a different body is refused (422);</li>
 * <li>normalise it in a second transaction with the webhooks' recorders ({@code PushNormalizer});
 * a failure is retried once and then kept as a dead letter, and the caller hears "stored".</li>
 * </ol>
 * Unlike a webhook, the caller gets the resulting resource back, so the answer is read after the
 * normalising transaction committed. Pushed objects have the origin "push:<token name>" unless the
 * caller names one. Every push, before it is stored, passes {@link PushScope}: a team-scoped caller
 * (e.g. a token limited to teams) creates and changes only objects of its teams' services, whatever
 * service, repository, natural key or cause the push names (403; an unknown service included);
 * another team's deployment named as a cause is an unknown one (400), another team's incident
 * resolved by id a 404.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Pushes {

    private static final System.Logger LOGGER = System.getLogger(Pushes.class.getName());
    private static final String METRIC_KIND = "push";

    /** What a push did: made the object, changed it, repeated an earlier push, or only stored it. */
    public enum Outcome { CREATED, UPDATED, REPEATED, STORED }

    /**
     * The answer to a push: its outcome, the delivery it is stored as, the resulting object (null
     * when it is STORED only: kept as a dead letter, or an earlier identical push is still being
     * processed) and what normalising said.
     */
    public record Pushed<T>(Outcome outcome, long deliveryId, T entity, String note) {
    }

    @EJB
    DeliveryLog log;

    @EJB
    PushSources sources;

    @EJB
    Mappings mappings;

    @Inject
    IngestionMetrics metrics;

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

    Clock clock = Clock.systemUTC();

    /** Records a deployment (and, if it lists commits, their push, so lead time works). */
    @RolesAllowed(Permission.DEPLOYMENTS_WRITE)
    public Pushed<Deployment> deployment(JsonObject body, String idempotencyKey) {
        String caller = caller();
        JsonObject checked = PushRequests.deployment(body, PushRequests.defaultOrigin(caller));
        return store(prepare(PushType.DEPLOYMENT, caller, idempotencyKey, checked, null), this::deployment);
    }

    /** Records an incident; it is linked to the deployment it names, else to the latest production one. */
    @RolesAllowed(Permission.INCIDENTS_WRITE)
    public Pushed<Incident> incident(JsonObject body, String idempotencyKey) {
        String caller = caller();
        JsonObject checked = PushRequests.incident(body, PushRequests.defaultOrigin(caller), scope::deploymentKey);
        return store(prepare(PushType.INCIDENT, caller, idempotencyKey, checked, null),
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
        Prepared prepared = prepare(PushType.INCIDENT_RESOLUTION, caller, idempotencyKey, checked, unknown);
        if (resolvedAt != null && resolvedAt.isBefore(incident.getOpenedAt())) {
            throw new ValidationProblem("resolvedAt (" + resolvedAt + ") is before the incident opened ("
                    + incident.getOpenedAt() + ")");
        }
        return store(prepared, key -> incidents.byNaturalKey(key.origin(), key.externalId()));
    }

    /** Records a pipeline run and its jobs. */
    @RolesAllowed(Permission.PIPELINES_WRITE)
    public Pushed<RunWithJobs> pipelineRun(JsonObject body, String idempotencyKey) {
        String caller = caller();
        JsonObject checked = PushRequests.pipelineRun(body, PushRequests.defaultOrigin(caller));
        return store(prepare(PushType.PIPELINE_RUN, caller, idempotencyKey, checked, null), this::run);
    }

    /** A push ready to store: its delivery key, its canonical body and the object that body names. */
    private record Prepared(PushType type, String caller, String idempotencyKey, String key, JsonObject canonical,
            NaturalKey target) {
    }

    /**
     * Makes the push's delivery key and canonical body and checks it against the caller's scope
     * ({@link PushScope}; {@code unknown}: the refusal when it names by id an object that is not the
     * caller's), before anything is stored.
     */
    private Prepared prepare(PushType type, String caller, String idempotencyHeader, JsonObject checked,
            NotFoundProblem unknown) {
        String idempotencyKey = PushKeys.checkedIdempotencyKey(idempotencyHeader);
        String key = idempotencyKey == null && !type.dedupesByContent() ? PushKeys.uniqueKey()
                : PushKeys.deliveryKey(caller, idempotencyKey, checked);
        JsonObject canonical = type.generatesExternalId()
                ? PushRequests.withExternalId(checked, PushKeys.externalIdFor(key)) : checked;
        scope.check(type, canonical, unknown);
        return new Prepared(type, caller, idempotencyKey, key, canonical, PushRequests.keyOf(canonical));
    }

    private <T> Pushed<T> store(Prepared prepared, Function<NaturalKey, T> loader) {
        PushType type = prepared.type();
        String key = prepared.key();
        Instant received = clock.instant();
        byte[] body = prepared.canonical().toString().getBytes(StandardCharsets.UTF_8);
        long sourceId = sourceId(type);
        Long earlier = log.find(sourceId, key);
        if (earlier != null) {
            return repeat(prepared, earlier, body, loader);
        }
        boolean existed = loader.apply(prepared.target()) != null;
        StoredDelivery stored = mappings.storeOr503(sourceId, key, "push", () -> log.store(sourceId, key, type.eventType(),
                PushKeys.headers(prepared.caller(), prepared.idempotencyKey()), body, received));
        if (stored.duplicate()) {
            return repeat(prepared, stored.id(), body, loader);
        }
        long id = stored.id();
        String note = map(type, id);
        metrics.latency(METRIC_KIND, Duration.between(received, clock.instant()));
        T entity = note == null ? null : loader.apply(prepared.target());
        if (entity == null) {
            return new Pushed<>(Outcome.STORED, id, null, note != null ? note
                    : "stored as delivery " + id + "; it could not be modelled and is kept as a dead letter for replay");
        }
        LOGGER.log(Level.INFO, "{0} pushed {1} {2} {3} (delivery {4})", prepared.caller(), type.eventType(),
                prepared.target().origin(), prepared.target().externalId(), id);
        return new Pushed<>(existed ? Outcome.UPDATED : Outcome.CREATED, id, entity, note);
    }

    /** An earlier push with the same key: answer with what it produced, if it is the same request. */
    private <T> Pushed<T> repeat(Prepared prepared, long deliveryId, byte[] body, Function<NaturalKey, T> loader) {
        DeliveryLog.Kept kept = log.kept(deliveryId);
        if (!Arrays.equals(kept.body(), body)) {
            throw new OpsSightException(ProblemType.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key '" + prepared.idempotencyKey()
                    + "' was already used for a different " + prepared.type().eventType() + " push (delivery " + deliveryId
                    + "); use a new key for a new request");
        }
        metrics.count(METRIC_KIND, prepared.type().sourceName(), "duplicate");
        T entity = loader.apply(PushRequests.keyOf(Payloads.parse(kept.body())));
        if (entity == null) {
            return new Pushed<>(Outcome.STORED, deliveryId, null, "already received as delivery " + deliveryId + " ("
                    + kept.status().toString().toLowerCase(Locale.ROOT) + (kept.error() == null ? "" : ": " + kept.error())
                    + ")");
        }
        return new Pushed<>(Outcome.REPEATED, deliveryId, entity, "already received as delivery " + deliveryId);
    }

    /**
     * Maps a stored push the webhooks' way ({@link Mappings}: retried once, then a dead letter);
     * null when it ended as a dead letter, or is left stored for recovery.
     */
    private String map(PushType type, long id) {
        DeliveryLog.Result result;
        try {
            result = mappings.map(id, null, METRIC_KIND, type.sourceName());
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Push delivery {0} left for recovery: {1}", id, Failures.describe(e));
            metrics.count(METRIC_KIND, type.sourceName(), "dead_lettered");
            return null;
        }
        if (result == null || result.deadLetter()) {
            return null;
        }
        metrics.count(METRIC_KIND, type.sourceName(), "accepted");
        return result.note();
    }

    private long sourceId(PushType type) {
        try {
            return sources.idOf(type.sourceName());
        } catch (RuntimeException e) {
            // Another request registered it at the same moment; now it exists.
            return sources.idOf(type.sourceName());
        }
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
