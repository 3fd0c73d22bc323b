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
 * A mapping that fails is retried once, then the delivery is kept as a dead letter with the reason,
 * and still acknowledged (fixing the mapping and replaying is ours, not the sender's). A delivery
 * the process died before mapping is mapped by {@link Recovery}.</li>
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
        SourceKind sourceKind = kindOf(kind);
        Source source;
        try {
            source = findSource(sourceKind, sourceName);
        } catch (OpsSightException e) {
            throw e.type() == ProblemType.UNAVAILABLE ? e : rateLimit.refused(sourceKind, sourceName, e);
        }
        Headers headers = new Headers(rawHeaders);
        try {
            kinds.protocol(sourceKind).verify(source, headers, body);
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
            return throttle.within(kind, sourceName, () -> store(kind, sourceName, sourceKind, source, headers, body, started));
        } catch (SourceThrottle.SourceBusy e) {
            metrics.count(kind, sourceName, "throttled");
            throw e;
        }
    }

    private Receipt store(String kind, String sourceName, SourceKind sourceKind, Source source, Headers headers, byte[] body,
            Instant started) {
        boolean inline = queue.tryInline(kind, sourceName);
        try {
            return store(kind, sourceName, sourceKind, source, headers, body, started, inline);
        } finally {
            if (inline) {
                queue.inlineDone();
            }
        }
    }

    private Receipt store(String kind, String sourceName, SourceKind sourceKind, Source source, Headers headers, byte[] body,
            Instant started, boolean inline) {
        DeliveryKeys.Key deliveryKey = DeliveryKeys.key(kinds.protocol(sourceKind), headers, body);
        String key = deliveryKey.value();
        String eventType = kinds.protocol(sourceKind).eventType(headers);
        String keptHeaders = headers.keptAsJson(kinds.keptHeaders());
        JsonObject payload = null;
        try {
            // Mapping now needs the document; mapping later needs only to know the body is JSON.
            if (deliveryKey.problem() != null) {
                throw new Payloads.MalformedPayload(deliveryKey.problem());
            } else if (inline) {
                payload = Payloads.parse(body);
            } else {
                Payloads.check(body);
            }
        } catch (Payloads.MalformedPayload e) {
            StoredDelivery stored = storeOr503(source.getId(), key,
                    () -> log.storeDeadLetter(source.getId(), key, eventType, keptHeaders, body, started, e.getMessage()));
            if (stored.duplicate()) {
                metrics.count(kind, sourceName, "duplicate");
                return new Receipt(Outcome.DUPLICATE, stored.id(), "already received");
            }
            metrics.count(kind, sourceName, "dead_lettered");
            throw new Payloads.MalformedPayload(e.getMessage() + " (kept as dead letter " + stored.id() + ")");
        }
        NewDelivery delivery = new NewDelivery(source.getId(), key, eventType, keptHeaders, body, started);
        StoredDelivery stored = storeOr503(source.getId(), key, () -> group.enabled() ? group.store(delivery)
                : log.store(source.getId(), key, eventType, keptHeaders, body, started));
        if (stored.duplicate()) {
            metrics.count(kind, sourceName, "duplicate");
            return new Receipt(Outcome.DUPLICATE, stored.id(), "already received");
        }
        // Stored and committed: from here on the delivery is acknowledged whatever mapping makes of it.
        metrics.count(kind, sourceName, "accepted");
        String note;
        if (inline) {
            try {
                note = normaliseStored(stored.id(), payload, kind, sourceName);
            } catch (RuntimeException e) {
                Failures.logOnce(LOGGER, Level.WARNING, "map-now:" + Failures.describe(e), "Delivery " + stored.id()
                        + " is stored but could not be mapped now; recovery will: " + Failures.describe(e));
                note = null;
            }
            if (note == null) {
                note = "stored; it will be mapped shortly";
            }
        } else if (queue.offer(new MappingQueue.Waiting(stored.id(), kind, sourceName))) {
            note = "stored; queued for mapping";
        } else {
            note = "stored; the mapping queue is full, recovery maps it shortly";
        }
        metrics.latency(kind, Duration.between(started, clock.instant()));
        return new Receipt(Outcome.ACCEPTED, stored.id(), note);
    }

    /**
     * Maps a stored delivery that is still waiting (from its request, the queue's worker or
     * recovery): retried once, then kept as a dead letter with the reason, for replay. Returns what
     * it was understood as, or null when it was not waiting any more (mapped elsewhere meanwhile).
     * Throws only when even the dead letter cannot be written (the database is away): the delivery
     * then stays stored as received, and recovery maps it later.
     */
    public String normaliseStored(long deliveryId, JsonObject parsed, String kind, String sourceName) {
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                DeliveryLog.Result result = log.processWaiting(deliveryId, parsed, clock.instant());
                if (result == null) {
                    return null;
                }
                if (result.outcome() == DeliveryLog.Processed.MALFORMED) {
                    countDeadLetter(kind, sourceName);
                    return "stored; it is not JSON and is kept as a dead letter: " + result.note();
                }
                return result.note();
            } catch (RuntimeException e) {
                // Mapping failed (or lost a race on a new catalogue entry): its transaction left nothing.
                failure = e;
            }
        }
        String reason = Failures.reason(failure);
        Failures.logOnce(LOGGER, Level.WARNING, "dead-letter:" + Failures.describe(failure), "Delivery " + deliveryId + " ("
                + (kind == null ? "found by recovery" : kind + "/" + sourceName) + ") could not be mapped and is kept as a "
                + "dead letter: " + Failures.describe(failure));
        deadLetter(deliveryId, reason);
        countDeadLetter(kind, sourceName);
        return "stored; it could not be mapped and is kept as a dead letter: " + reason;
    }

    /**
     * Keeps a delivery as a dead letter. The reason is cleaned to what its column holds, so this
     * fails only when the database is away; should it fail otherwise, the delivery is still
     * settled, with a fixed reason, so that it cannot come back to the mapping again and again.
     */
    private void deadLetter(long deliveryId, String reason) {
        try {
            log.deadLetter(deliveryId, reason, clock.instant());
        } catch (RuntimeException e) {
            if (Failures.unavailable(e)) {
                throw e;
            }
            log.deadLetter(deliveryId, "it could not be mapped, and its reason could not be stored", clock.instant());
        }
    }

    /**
     * Maps waiting deliveries (the queue's worker, recovery), {@code opssight.ingestion.map-batch}
     * (default 20) in one transaction ({@link DeliveryLog#processWaitingAll}): a commit per batch
     * instead of per delivery (the worker otherwise spent half its time waiting for PostgreSQL).
     * When a batch fails, each of its deliveries is mapped on its own by {@link #normaliseStored},
     * with its retry and dead letter.
     */
    public void normaliseWaiting(List<MappingQueue.Waiting> waiting) {
        int size = queue.mapBatch();
        for (int from = 0; from < waiting.size(); from += size) {
            mapTogether(waiting.subList(from, Math.min(waiting.size(), from + size)));
        }
    }

    private void mapTogether(List<MappingQueue.Waiting> batch) {
        if (batch.size() > 1) {
            List<DeliveryLog.Result> results;
            try {
                results = log.processWaitingAll(batch.stream().map(MappingQueue.Waiting::deliveryId).toList(),
                        clock.instant());
            } catch (RuntimeException e) {
                LOGGER.log(Level.DEBUG, "Mapping a batch of {0} deliveries failed ({1}); mapping them one by one",
                        batch.size(), Failures.describe(e));
                results = null;
            }
            if (results != null) {
                for (int i = 0; i < batch.size(); i++) {
                    DeliveryLog.Result result = results.get(i);
                    if (result != null && result.outcome() == DeliveryLog.Processed.MALFORMED) {
                        countDeadLetter(batch.get(i).kind(), batch.get(i).source());
                    }
                }
                return;
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            try {
                normaliseStored(batch.get(i).deliveryId(), null, batch.get(i).kind(), batch.get(i).source());
            } catch (RuntimeException e) {
                // Not even a dead letter could be written: the database is away. They stay stored as
                // received, and recovery maps them once it is back; one warning, not one per delivery.
                Failures.logOnce(LOGGER, Level.WARNING, "unavailable:" + Failures.describe(e), "Could not map "
                        + (batch.size() - i) + " deliveries now (from " + batch.get(i).deliveryId() + "), recovery will: "
                        + Failures.describe(e));
                return;
            }
        }
    }

    /** Counted under the delivery's kind and source; recovery does not know them and counts nothing. */
    private void countDeadLetter(String kind, String sourceName) {
        if (kind != null) {
            metrics.count(kind, sourceName, "dead_lettered");
        }
    }

    /** Runs a store; when it fails, the delivery may have been stored by a racing twin, else 503. */
    private StoredDelivery storeOr503(long sourceId, String key, java.util.function.Supplier<StoredDelivery> store) {
        try {
            return store.get();
        } catch (RuntimeException e) {
            return new StoredDelivery(findExisting(sourceId, key, e), true);
        }
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

    private Long findExisting(long sourceId, String key, RuntimeException storeFailure) {
        Long existing;
        try {
            existing = log.find(sourceId, key);
        } catch (RuntimeException e) {
            existing = null;
        }
        if (existing == null) {
            LOGGER.log(Level.WARNING, "Could not store a delivery: {0}", Failures.describe(storeFailure));
            throw new OpsSightException(ProblemType.UNAVAILABLE,
                    "The delivery could not be stored (database unavailable); retry later");
        }
        return existing;
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

    /**
     * Maps deliveries that were stored but never mapped (the process died first, or the queue was
     * full), oldest first; returns how many it looked at. Left to the queue's worker while it has
     * work on this replica.
     */
    public int recover(int max) {
        if (!queue.idle()) {
            return 0;
        }
        List<Long> ids = log.unprocessed(clock.instant().minusSeconds(30), max);
        // Recovery does not know a delivery's source name: nothing is counted under one.
        normaliseWaiting(ids.stream().map(id -> new MappingQueue.Waiting(id, null, null)).toList());
        return ids.size();
    }

    private static SourceKind kindOf(String kind) {
        try {
            return SourceKind.fromWire(kind);
        } catch (OpsSightException e) {
            throw new NotFoundProblem("No webhook receiver for kind '" + kind + "'");
        }
    }

}
