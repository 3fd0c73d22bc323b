package io.opssight.ingestion.boundary;

import io.opssight.ingestion.control.DeliveryAuthenticator;
import io.opssight.ingestion.control.DeliveryKeys;
import io.opssight.ingestion.control.Failures;
import io.opssight.ingestion.control.GroupCommit;
import io.opssight.ingestion.control.Headers;
import io.opssight.ingestion.control.IngestionMetrics;
import io.opssight.ingestion.control.MappingQueue;
import io.opssight.ingestion.control.NewDelivery;
import io.opssight.ingestion.control.Payloads;
import io.opssight.ingestion.control.SourceCache;
import io.opssight.ingestion.control.SourceRateLimit;
import io.opssight.ingestion.control.SourceThrottle;
import io.opssight.ingestion.control.StoredDelivery;
import io.opssight.ingestion.entity.Source;
import io.opssight.ingestion.entity.SourceKind;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Receives webhook deliveries. The order of work is the contract:
 * <ol>
 * <li>find the source and authenticate the delivery (401 before anything is stored);</li>
 * <li>parse it: a body that is not JSON is stored as a dead letter and the sender hears 400;</li>
 * <li>store the raw delivery in its own transaction (one statement, which also finds a repeated
 * delivery id: "duplicate", 200). Only after that commit is the delivery acknowledged (202), so an
 * acknowledged delivery is never lost; if it cannot be stored the sender hears 503;</li>
 * <li>map it onto the model: at once, by the request, when nothing else is waiting
 * ({@link MappingQueue}), else by the queue's worker ({@link MappingWorker}) after the answer.
 * Mapping is {@link Mappings}: a mapping that fails is retried once, then the delivery is kept as
 * a dead letter with the reason, and still acknowledged (fixing the mapping and replaying is ours,
 * not the sender's). A delivery the process died before mapping is mapped by {@link Recovery}.</li>
 * </ol>
 * Webhooks carry their own authentication, so this boundary is open to unauthenticated callers.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Ingestion {

    private static final System.Logger LOGGER = System.getLogger(Ingestion.class.getName());

    /** What became of one delivery. */
    public enum Outcome { ACCEPTED, DUPLICATE }

    /** The answer to the sender: outcome, the stored delivery's id and what it was understood as. */
    public record Receipt(Outcome outcome, long deliveryId, String note) {
    }

    @EJB
    DeliveryLog log;

    @EJB
    Sources sources;

    @EJB
    Mappings mappings;

    @Inject
    IngestionMetrics metrics;

    @Inject
    SourceCache sourceCache;

    @Inject
    SourceThrottle throttle;

    @Inject
    MappingQueue queue;

    @Inject
    GroupCommit group;

    @Inject
    SourceRateLimit rateLimit;

    Clock clock = Clock.systemUTC();

    public Receipt receive(String kind, String sourceName, Map<String, String> rawHeaders, byte[] body) {
        Instant started = clock.instant();
        SourceKind sourceKind = kindOf(kind);
        Source source;
        try {
            source = findSource(sourceKind, sourceName);
        } catch (OpsSightException e) {
            throw e.type() == ProblemType.UNAVAILABLE ? e : rateLimit.refused(sourceKind, sourceName, e);
        }
        Headers headers = new Headers(rawHeaders);
        try {
            DeliveryAuthenticator.verify(source, headers, body);
        } catch (OpsSightException e) {
            metrics.count(kind, sourceName, "rejected");
            Failures.logOnce(LOGGER, Level.INFO, "unauthenticated:" + kind + "/" + sourceName,
                    "Refused an unauthenticated delivery for " + kind + "/" + sourceName);
            throw rateLimit.refused(sourceKind, sourceName, e);
        }
        try {
            rateLimit.count(sourceKind, sourceName);
        } catch (OpsSightException e) {
            metrics.count(kind, sourceName, "rate_limited");
            throw e;
        }
        try {
            return throttle.within(kind, sourceName,
                    () -> store(new Arrival(kind, sourceName, sourceKind, source, headers, body, started)));
        } catch (SourceThrottle.SourceBusy e) {
            metrics.count(kind, sourceName, "throttled");
            throw e;
        }
    }

    /** A delivery as it arrived, authenticated: where from, what and when. */
    private record Arrival(String kind, String sourceName, SourceKind sourceKind, Source source, Headers headers, byte[] body,
            Instant started) {
    }

    private Receipt store(Arrival arrival) {
        boolean inline = queue.tryInline(arrival.kind(), arrival.sourceName());
        try {
            return store(arrival, inline);
        } finally {
            if (inline) {
                queue.inlineDone();
            }
        }
    }

    private Receipt store(Arrival in, boolean inline) {
        String kind = in.kind();
        String sourceName = in.sourceName();
        long sourceId = in.source().getId();
        DeliveryKeys.Key deliveryKey = DeliveryKeys.key(in.sourceKind(), in.headers(), in.body());
        String key = deliveryKey.value();
        NewDelivery delivery = new NewDelivery(sourceId, key, DeliveryKeys.eventTypeOf(in.sourceKind(), in.headers()),
                in.headers().keptAsJson(), in.body(), in.started());
        JsonObject payload = null;
        try {
            // Mapping now needs the document; mapping later needs only to know the body is JSON.
            if (deliveryKey.problem() != null) {
                throw new Payloads.MalformedPayload(deliveryKey.problem());
            } else if (inline) {
                payload = Payloads.parse(in.body());
            } else {
                Payloads.check(in.body());
            }
        } catch (Payloads.MalformedPayload e) {
            StoredDelivery stored = mappings.storeOr503(sourceId, key, "delivery",
                    () -> log.storeDeadLetter(delivery, e.getMessage()));
            if (stored.duplicate()) {
                return duplicate(kind, sourceName, stored);
            }
            metrics.count(kind, sourceName, "dead_lettered");
            throw new Payloads.MalformedPayload(e.getMessage() + " (kept as dead letter " + stored.id() + ")");
        }
        StoredDelivery stored = mappings.storeOr503(sourceId, key, "delivery",
                () -> group.enabled() ? group.store(delivery) : log.storeAll(List.of(delivery)).get(0));
        if (stored.duplicate()) {
            return duplicate(kind, sourceName, stored);
        }
        // Stored and committed: from here on the delivery is acknowledged whatever mapping makes of it.
        metrics.count(kind, sourceName, "accepted");
        String note = inline ? mappings.mapNow(stored.id(), payload, kind, sourceName)
                : queue.offer(new MappingQueue.Waiting(stored.id(), kind, sourceName)) ? "stored; queued for mapping"
                : "stored; the mapping queue is full, recovery maps it shortly";
        metrics.latency(kind, Duration.between(in.started(), clock.instant()));
        return new Receipt(Outcome.ACCEPTED, stored.id(), note);
    }

    private Receipt duplicate(String kind, String sourceName, StoredDelivery stored) {
        metrics.count(kind, sourceName, "duplicate");
        return new Receipt(Outcome.DUPLICATE, stored.id(), "already received");
    }

    /**
     * The source a delivery is addressed to. Unknown (404) and disabled (403) are answers about the
     * request; any other failure here is the database (away or overloaded, e.g. no pooled connection
     * in time) and becomes 503, which senders retry: Alertmanager retries 5xx but drops a
     * notification on 4xx, so load must never look like a 4xx (PRODUCT.md: 503, never 429).
     */
    private Source findSource(SourceKind kind, String name) {
        try {
            return sourceCache.get(kind, name, () -> sources.findEnabled(kind, name));
        } catch (OpsSightException e) {
            throw e;
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not look up source {0}/{1}: {2}", kind.wireName(), name, Failures.describe(e));
            throw new OpsSightException(ProblemType.UNAVAILABLE,
                    "The source could not be looked up (database unavailable or overloaded); retry later");
        }
    }

    /** Counts a delivery refused for its size (the web layer measures it) and says why. */
    public OpsSightException oversized(String kind, String sourceName, long limit) {
        metrics.count(kind, sourceName, "rejected");
        return new OpsSightException(ProblemType.PAYLOAD_TOO_LARGE,
                "The body is larger than " + limit + " bytes (opssight.ingestion.max-body-bytes)");
    }

    /** Stored-but-unprocessed deliveries and dead letters, as last counted (-1 before the first count). */
    public long[] backlogAndDeadLetters() {
        return new long[] {metrics.backlog(), metrics.deadLetters()};
    }

    private static SourceKind kindOf(String kind) {
        try {
            return SourceKind.fromWire(kind);
        } catch (OpsSightException e) {
            throw new NotFoundProblem("No webhook receiver for kind '" + kind + "'");
        }
    }

}
