package io.opssight.ingestion.boundary;

import io.opssight.ingestion.control.Attempts;
import io.opssight.ingestion.control.Failures;
import io.opssight.ingestion.control.IngestionMetrics;
import io.opssight.ingestion.control.Payloads;
import io.opssight.ingestion.control.PreparedPush;
import io.opssight.ingestion.control.PushKeys;
import io.opssight.ingestion.control.PushRequests;
import io.opssight.ingestion.control.PushRequests.NaturalKey;
import io.opssight.ingestion.control.PushType;
import io.opssight.ingestion.control.StoredDelivery;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * How any checked push is stored and answered, whatever its type: as a delivery of its internal
 * PUSH source ({@link PushSources}), found again when repeated (same key: the same answer, or 422
 * for a different body under a reused Idempotency-Key), and mapped through {@link Mappings}, the
 * webhooks' one mapping path. Called by {@link Pushes} only, once it has checked the caller.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PushDeliveries {

    /** Logged as the push API, as before this class was split off {@link Pushes}. */
    private static final System.Logger LOGGER = System.getLogger(Pushes.class.getName());
    private static final String METRIC_KIND = "push";

    @EJB
    DeliveryLog log;

    @EJB
    PushSources sources;

    @EJB
    Mappings mappings;

    @Inject
    IngestionMetrics metrics;

    Clock clock = Clock.systemUTC();

    /**
     * Stores the push (or finds its earlier twin: a repeat), maps it, and answers with the object
     * {@code loader} reads for the push's natural key after the mapping committed.
     */
    public <T> Pushes.Pushed<T> store(PreparedPush prepared, Function<NaturalKey, T> loader) {
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
            return new Pushes.Pushed<>(Pushes.Outcome.STORED, id, null, note != null ? note
                    : "stored as delivery " + id + "; it could not be modelled and is kept as a dead letter for replay");
        }
        LOGGER.log(Level.INFO, "{0} pushed {1} {2} {3} (delivery {4})", prepared.caller(), type.eventType(),
                prepared.target().origin(), prepared.target().externalId(), id);
        return new Pushes.Pushed<>(existed ? Pushes.Outcome.UPDATED : Pushes.Outcome.CREATED, id, entity, note);
    }

    /** An earlier push with the same key: answer with what it produced, if it is the same request. */
    private <T> Pushes.Pushed<T> repeat(PreparedPush prepared, long deliveryId, byte[] body, Function<NaturalKey, T> loader) {
        DeliveryLog.Kept kept = log.kept(deliveryId);
        if (!Arrays.equals(kept.body(), body)) {
            throw new OpsSightException(ProblemType.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key '" + prepared.idempotencyKey()
                    + "' was already used for a different " + prepared.type().eventType() + " push (delivery " + deliveryId
                    + "); use a new key for a new request");
        }
        metrics.count(METRIC_KIND, prepared.type().sourceName(), "duplicate");
        T entity = loader.apply(PushRequests.keyOf(Payloads.parse(kept.body())));
        if (entity == null) {
            String status = kept.status().toString().toLowerCase(Locale.ROOT);
            return new Pushes.Pushed<>(Pushes.Outcome.STORED, deliveryId, null, "already received as delivery " + deliveryId
                    + " (" + status + (kept.error() == null ? "" : ": " + kept.error()) + ")");
        }
        return new Pushes.Pushed<>(Pushes.Outcome.REPEATED, deliveryId, entity, "already received as delivery " + deliveryId);
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

    /** The push type's source, registered on first use (a racing registration's loser finds it on the retry). */
    private long sourceId(PushType type) {
        return Attempts.twice(() -> sources.idOf(type.sourceName()));
    }
}
