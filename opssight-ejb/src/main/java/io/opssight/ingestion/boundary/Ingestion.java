package io.opssight.ingestion.boundary;

import io.opssight.ingestion.control.DeliveryAuthenticator;
import io.opssight.ingestion.control.DeliveryKeys;
import io.opssight.ingestion.control.Headers;
import io.opssight.ingestion.control.IngestionMetrics;
import io.opssight.ingestion.control.Payloads;
import io.opssight.ingestion.control.SourceCache;
import io.opssight.ingestion.control.SourceThrottle;
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
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Receives webhook deliveries. The order of work is the contract:
 * <ol>
 * <li>find the source and authenticate the delivery (401 before anything is stored);</li>
 * <li>a repeated delivery id finds the stored one and answers "duplicate";</li>
 * <li>store the raw delivery and map it onto the model in one transaction; the answer comes only
 * after that commit, so an acknowledged delivery is never lost. A body that is not JSON is stored
 * as a dead letter and the caller hears 400;</li>
 * <li>if mapping fails, that transaction stored nothing: it is retried once, then the raw delivery is
 * stored alone, as a dead letter with the reason, and still acknowledged (fixing the mapping and
 * replaying is ours, not the sender's). Only if even that cannot be stored does the sender hear 503.</li>
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
    io.opssight.ingestion.control.SourceRateLimit rateLimit;

    Clock clock = Clock.systemUTC();

    public Receipt receive(String kind, String sourceName, Map<String, String> rawHeaders, byte[] body) {
        Instant started = clock.instant();
        SourceKind sourceKind = kindOf(kind);
        Source source = findSource(sourceKind, sourceName);
        Headers headers = new Headers(rawHeaders);
        try {
            DeliveryAuthenticator.verify(source, headers, body);
        } catch (OpsSightException e) {
            metrics.count(kind, sourceName, "rejected");
            LOGGER.log(Level.INFO, "Refused an unauthenticated delivery for {0}/{1}", kind, sourceName);
            throw e;
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
        String key = DeliveryKeys.keyOf(sourceKind, headers, body);
        String eventType = DeliveryKeys.eventTypeOf(sourceKind, headers);
        String keptHeaders = headers.keptAsJson();
        DeliveryLog.Stored stored = null;
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= 2 && stored == null; attempt++) {
            try {
                stored = log.storeAndProcess(source.getId(), key, eventType, keptHeaders, body, started);
            } catch (RuntimeException e) {
                // Mapping failed (or lost a race on a new catalogue entry): nothing was stored.
                failure = e;
            }
        }
        if (stored == null) {
            String reason = rootMessage(failure);
            LOGGER.log(Level.WARNING, "A delivery from {0}/{1} failed to normalise: {2}", kind, sourceName, reason);
            try {
                stored = log.storeDeadLetter(source.getId(), key, eventType, keptHeaders, body, started, reason);
            } catch (RuntimeException e) {
                stored = new DeliveryLog.Stored(findExisting(source.getId(), key, e), true, null);
            }
            if (!stored.duplicate()) {
                metrics.count(kind, sourceName, "dead_lettered");
                return new Receipt(Outcome.ACCEPTED, stored.id(),
                        "stored; normalising failed and it is kept as a dead letter: " + reason);
            }
        }
        if (stored.duplicate()) {
            metrics.count(kind, sourceName, "duplicate");
            return new Receipt(Outcome.DUPLICATE, stored.id(), "already received");
        }
        metrics.latency(kind, Duration.between(started, clock.instant()));
        DeliveryLog.Result result = stored.result();
        if (result.outcome() == DeliveryLog.Processed.MALFORMED) {
            metrics.count(kind, sourceName, "dead_lettered");
            throw new Payloads.MalformedPayload(result.note() + " (kept as dead letter " + stored.id() + ")");
        }
        metrics.count(kind, sourceName, "accepted");
        return new Receipt(Outcome.ACCEPTED, stored.id(), result.note());
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
            LOGGER.log(Level.WARNING, "Could not look up source {0}/{1}: {2}", kind.wireName(), name, rootMessage(e));
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
            LOGGER.log(Level.WARNING, "Could not store a delivery: {0}", rootMessage(storeFailure));
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

    /** Processes deliveries that were stored but never normalised; returns how many were handled. */
    public int recover(int max) {
        int handled = 0;
        for (Long id : log.unprocessed(clock.instant().minusSeconds(30), max)) {
            try {
                log.process(id, clock.instant());
            } catch (RuntimeException e) {
                log.deadLetter(id, rootMessage(e), clock.instant());
            }
            handled++;
        }
        return handled;
    }

    private static SourceKind kindOf(String kind) {
        try {
            return SourceKind.fromWire(kind);
        } catch (OpsSightException e) {
            throw new NotFoundProblem("No webhook receiver for kind '" + kind + "'");
        }
    }

    public static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
