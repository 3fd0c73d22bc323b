package io.opssight.ingestion.boundary;

import io.opssight.ingestion.control.DeliveryAuthenticator;
import io.opssight.ingestion.control.DeliveryKeys;
import io.opssight.ingestion.control.Headers;
import io.opssight.ingestion.control.IngestionMetrics;
import io.opssight.ingestion.control.Payloads;
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
 * <li>commit the raw delivery (its own transaction): from here on it is never lost;</li>
 * <li>a repeated delivery id finds the stored one and answers "duplicate";</li>
 * <li>normalise in a second transaction; a body that is not JSON stays as a dead letter and the
 * caller hears 400; any other failure is retried once, then kept as a dead letter and the
 * delivery is still acknowledged (it is ours to fix and replay, not the sender's).</li>
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
        String key = DeliveryKeys.keyOf(sourceKind, headers, body);
        long id;
        try {
            id = log.store(source.getId(), key, DeliveryKeys.eventTypeOf(sourceKind, headers), headers.keptAsJson(), body,
                    started);
        } catch (RuntimeException e) {
            Long existing = findExisting(source.getId(), key, e);
            metrics.count(kind, sourceName, "duplicate");
            return new Receipt(Outcome.DUPLICATE, existing, "already received");
        }
        Receipt receipt = process(kind, sourceName, id);
        metrics.latency(kind, Duration.between(started, clock.instant()));
        return receipt;
    }

    /**
     * The source a delivery is addressed to. Unknown (404) and disabled (403) are answers about the
     * request; any other failure here is the database (away or overloaded, e.g. no pooled connection
     * in time) and becomes 503, which senders retry: Alertmanager retries 5xx but drops a
     * notification on 4xx, so load must never look like a 4xx (PRODUCT.md: 503, never 429).
     */
    private Source findSource(SourceKind kind, String name) {
        try {
            return sources.findEnabled(kind, name);
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

    private Receipt process(String kind, String sourceName, long id) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                DeliveryLog.Result result = log.process(id, clock.instant());
                if (result.outcome() == DeliveryLog.Processed.MALFORMED) {
                    metrics.count(kind, sourceName, "dead_lettered");
                    throw new Payloads.MalformedPayload(result.note() + " (kept as dead letter " + id + ")");
                }
                metrics.count(kind, sourceName, "accepted");
                return new Receipt(Outcome.ACCEPTED, id, result.note());
            } catch (Payloads.MalformedPayload e) {
                throw e;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        String reason = rootMessage(last);
        LOGGER.log(Level.WARNING, "Delivery {0} from {1}/{2} failed to normalise: {3}", id, kind, sourceName, reason);
        try {
            log.deadLetter(id, reason, clock.instant());
        } catch (RuntimeException e) {
            // Still stored as RECEIVED: the start-up recovery processes it again.
            LOGGER.log(Level.WARNING, "Delivery {0} left for recovery: {1}", id, rootMessage(e));
        }
        metrics.count(kind, sourceName, "dead_lettered");
        return new Receipt(Outcome.ACCEPTED, id, "stored; normalising failed and it is kept as a dead letter: " + reason);
    }

    /** Processes deliveries that were stored but never normalised; returns how many were handled. */
    public int recover(int max) {
        int handled = 0;
        for (Long id : log.unprocessed(max)) {
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

    static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
