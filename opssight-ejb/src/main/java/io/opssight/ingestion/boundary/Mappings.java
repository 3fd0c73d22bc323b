package io.opssight.ingestion.boundary;

import io.opssight.ingestion.control.Attempts;
import io.opssight.ingestion.control.Failures;
import io.opssight.ingestion.control.IngestionMetrics;
import io.opssight.ingestion.control.MappingQueue;
import io.opssight.ingestion.control.StoredDelivery;
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
import java.util.List;
import java.util.function.Supplier;

/**
 * The one path from a stored delivery to the model, for webhooks ({@link Ingestion}, the queue's
 * {@link MappingWorker}, {@link Recovery}) and pushes ({@link PushDeliveries}): store or find the
 * stored twin, map in a transaction of its own ({@link DeliveryLog}), retry a failed mapping once
 * ({@link Attempts}: a lost race on a new catalogue row), then keep the delivery as a dead letter
 * with the reason. A boundary, not a control: it is the transaction plan, every attempt and the
 * dead letter a transaction of its own.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Mappings {

    private static final System.Logger LOGGER = System.getLogger(Mappings.class.getName());

    @EJB
    DeliveryLog log;

    @Inject
    IngestionMetrics metrics;

    @Inject
    MappingQueue queue;

    Clock clock = Clock.systemUTC();

    /**
     * Runs a store; when it fails, the delivery may have been stored by a racing twin (answered as
     * a duplicate), else the caller hears 503. {@code what}: "delivery" or "push", for the answer.
     */
    public StoredDelivery storeOr503(long sourceId, String key, String what, Supplier<StoredDelivery> store) {
        try {
            return store.get();
        } catch (RuntimeException storeFailure) {
            Long existing;
            try {
                existing = log.find(sourceId, key);
            } catch (RuntimeException e) {
                existing = null;
            }
            if (existing == null) {
                LOGGER.log(Level.WARNING, "Could not store a {0}: {1}", what, Failures.describe(storeFailure));
                throw new OpsSightException(ProblemType.UNAVAILABLE,
                        "The " + what + " could not be stored (database unavailable); retry later");
            }
            return new StoredDelivery(existing, true);
        }
    }

    /**
     * Maps a stored delivery that is still waiting, from {@code parsed} or, when null, its stored
     * body: retried once, then kept as a dead letter with the reason (DEAD_LETTER, the reason its
     * note), counted under {@code kind} and {@code sourceName}. Null when it was not waiting any more
     * (mapped elsewhere). Throws only when even the dead letter cannot be written (the database is
     * away): the delivery then stays stored as received, and recovery maps it later.
     */
    public DeliveryLog.Result map(long deliveryId, JsonObject parsed, String kind, String sourceName) {
        DeliveryLog.Result result;
        try {
            result = Attempts.twice(() -> log.processWaiting(deliveryId, parsed, clock.instant()));
        } catch (RuntimeException failure) {
            // Mapping failed twice (not only a lost race on a new catalogue entry); its transactions left nothing.
            String reason = Failures.reason(failure);
            Failures.logOnce(LOGGER, Level.WARNING, "dead-letter:" + Failures.describe(failure), "Delivery " + deliveryId
                    + " (" + (kind == null ? "found by recovery" : kind + "/" + sourceName) + ") could not be mapped and is "
                    + "kept as a dead letter: " + Failures.describe(failure));
            deadLetter(deliveryId, reason);
            result = new DeliveryLog.Result(DeliveryLog.Processed.DEAD_LETTER, reason);
        }
        return counted(result, kind, sourceName);
    }

    /** Counts a dead letter under its delivery's kind and source; recovery knows neither and counts nothing. */
    private DeliveryLog.Result counted(DeliveryLog.Result result, String kind, String sourceName) {
        if (result != null && result.deadLetter() && kind != null) {
            metrics.count(kind, sourceName, "dead_lettered");
        }
        return result;
    }

    /**
     * Maps a webhook delivery its request stored before the answer ({@code inline}; a failure is
     * left to recovery, the delivery stays stored), else queues it for the {@link MappingWorker};
     * says what became of it, for the answer's note.
     */
    public String mapNowOrQueue(long deliveryId, boolean inline, JsonObject payload, String kind, String sourceName) {
        if (!inline) {
            return queue.offer(new MappingQueue.Waiting(deliveryId, kind, sourceName)) ? "stored; queued for mapping"
                    : "stored; the mapping queue is full, recovery maps it shortly";
        }
        DeliveryLog.Result result;
        try {
            result = map(deliveryId, payload, kind, sourceName);
        } catch (RuntimeException e) {
            Failures.logOnce(LOGGER, Level.WARNING, "map-now:" + Failures.describe(e), "Delivery " + deliveryId
                    + " is stored but could not be mapped now; recovery will: " + Failures.describe(e));
            result = null;
        }
        if (result == null || result.note() == null && !result.deadLetter()) {
            return "stored; it will be mapped shortly";
        }
        return switch (result.outcome()) {
            case MALFORMED -> "stored; it is not JSON and is kept as a dead letter: " + result.note();
            case DEAD_LETTER -> "stored; it could not be mapped and is kept as a dead letter: " + result.note();
            case MODELLED, IGNORED -> result.note();
        };
    }

    /**
     * Maps waiting deliveries (the queue's worker, recovery), {@code opssight.ingestion.map-batch}
     * (default 20) in one transaction ({@link DeliveryLog#processWaitingAll}): a commit per batch
     * instead of per delivery (the worker otherwise spent half its time waiting for PostgreSQL).
     * When a batch fails, each of its deliveries is mapped on its own by {@link #map}, with its
     * retry and dead letter.
     */
    public void mapWaiting(List<MappingQueue.Waiting> waiting) {
        int size = queue.mapBatch();
        for (int from = 0; from < waiting.size(); from += size) {
            mapTogether(waiting.subList(from, Math.min(waiting.size(), from + size)));
        }
    }

    private void mapTogether(List<MappingQueue.Waiting> batch) {
        List<DeliveryLog.Result> results = null;
        try {
            results = batch.size() < 2 ? null : log.processWaitingAll(
                    batch.stream().map(MappingQueue.Waiting::deliveryId).toList(), clock.instant());
        } catch (RuntimeException e) {
            LOGGER.log(Level.DEBUG, "Mapping a batch of {0} deliveries failed ({1}); mapping them one by one",
                    batch.size(), Failures.describe(e));
        }
        if (results != null) {
            for (int i = 0; i < batch.size(); i++) {
                counted(results.get(i), batch.get(i).kind(), batch.get(i).source());
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            try {
                map(batch.get(i).deliveryId(), null, batch.get(i).kind(), batch.get(i).source());
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
}
