package io.opssight.ingestion.boundary;

import io.opssight.ingestion.control.DeliveryKeys;
import io.opssight.ingestion.control.Failures;
import io.opssight.ingestion.control.GroupCommit;
import io.opssight.ingestion.control.Headers;
import io.opssight.ingestion.control.IngestionMetrics;
import io.opssight.ingestion.control.MappingQueue;
import io.opssight.ingestion.control.NewDelivery;
import io.opssight.ingestion.control.Normalizers;
import io.opssight.ingestion.control.Payloads;
import io.opssight.ingestion.control.SourceCache;
import io.opssight.ingestion.control.SourceProtocol;
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
 * Receives webhook deliveries in the order that is the contract (docs/INGESTION.md): authenticate
 * (401 before anything is stored), commit the raw delivery ({@link GroupCommit}; not JSON: a dead
 * letter and 400; a repeat: "duplicate", 200; not storable: 503), acknowledge (202), and map it
 * through {@link Mappings}. Webhooks authenticate themselves: open to unauthenticated callers.
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

    @Inject
    Normalizers kinds;

    Clock clock = Clock.systemUTC();

    public Receipt receive(String kind, String sourceName, Map<String, String> rawHeaders, byte[] body) {
        Instant started = clock.instant();
        Source source = findSource(kind, sourceName);
        SourceKind sourceKind = source.getKind();
        SourceProtocol protocol = kinds.protocol(sourceKind);
        Headers headers = new Headers(rawHeaders);
        try {
            protocol.verify(source, headers, body);
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
            return throttle.within(kind, sourceName, () -> {
                DeliveryKeys.Key key = DeliveryKeys.key(protocol, headers, body);
                return store(kind, sourceName, key.problem(), new NewDelivery(source.getId(), key.value(),
                        protocol.eventType(headers), headers.keptAsJson(kinds.keptHeaders()), body, started));
            });
        } catch (SourceThrottle.SourceBusy e) {
            metrics.count(kind, sourceName, "throttled");
            throw e;
        }
    }

    /** Stores the delivery (a dead letter, 400, when {@code problem} or its body makes it unusable), then maps it or queues it. */
    private Receipt store(String kind, String sourceName, String problem, NewDelivery delivery) {
        boolean inline = queue.tryInline(kind, sourceName);
        try {
            JsonObject payload = null;
            try {
                // Mapping now needs the document; mapping later needs only to know the body is JSON.
                if (problem != null) {
                    throw new Payloads.MalformedPayload(problem);
                } else if (inline) {
                    payload = Payloads.parse(delivery.body());
                } else {
                    Payloads.check(delivery.body());
                }
            } catch (Payloads.MalformedPayload e) {
                StoredDelivery stored = mappings.storeOr503(delivery.sourceId(), delivery.key(), "delivery",
                        () -> log.storeDeadLetter(delivery, e.getMessage()));
                if (stored.duplicate()) {
                    return duplicate(kind, sourceName, stored);
                }
                metrics.count(kind, sourceName, "dead_lettered");
                throw new Payloads.MalformedPayload(e.getMessage() + " (kept as dead letter " + stored.id() + ")");
            }
            StoredDelivery stored = mappings.storeOr503(delivery.sourceId(), delivery.key(), "delivery",
                    () -> group.enabled() ? group.store(delivery) : log.storeAll(List.of(delivery)).get(0));
            if (stored.duplicate()) {
                return duplicate(kind, sourceName, stored);
            }
            // Stored and committed: from here on the delivery is acknowledged whatever mapping makes of it.
            metrics.count(kind, sourceName, "accepted");
            String note = mappings.mapNowOrQueue(stored.id(), inline, payload, kind, sourceName);
            metrics.latency(kind, Duration.between(delivery.receivedAt(), clock.instant()));
            return new Receipt(Outcome.ACCEPTED, stored.id(), note);
        } finally {
            if (inline) {
                queue.inlineDone();
            }
        }
    }

    private Receipt duplicate(String kind, String sourceName, StoredDelivery stored) {
        metrics.count(kind, sourceName, "duplicate");
        return new Receipt(Outcome.DUPLICATE, stored.id(), "already received");
    }

    /**
     * The addressed source: unknown 404, disabled 403 (both rate-counted); any other failure is the
     * database (away or overloaded): 503, which senders retry (Alertmanager drops on 4xx; PRODUCT.md).
     */
    private Source findSource(String wireKind, String name) {
        SourceKind kind;
        try {
            kind = SourceKind.fromWire(wireKind);
        } catch (OpsSightException e) {
            throw new NotFoundProblem("No webhook receiver for kind '" + wireKind + "'");
        }
        try {
            return sourceCache.get(kind, name, () -> sources.findEnabled(kind, name));
        } catch (OpsSightException e) {
            throw e.type() == ProblemType.UNAVAILABLE ? e : rateLimit.refused(kind, name, e);
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
}
