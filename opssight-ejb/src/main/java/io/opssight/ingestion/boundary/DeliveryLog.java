package io.opssight.ingestion.boundary;

import io.opssight.ingestion.control.DeliveryMapper;
import io.opssight.ingestion.control.DeliveryRows;
import io.opssight.ingestion.control.NewDelivery;
import io.opssight.ingestion.control.Normalized;
import io.opssight.ingestion.control.Payloads;
import io.opssight.ingestion.control.StoredDelivery;
import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.DeliveryStatus;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The durable log of deliveries. Each method is its own transaction (REQUIRES_NEW): a delivery is
 * committed (alone, or with the others of its group commit) before OpsSight answers, and a failure
 * while mapping it cannot take it down (the caller keeps it as a dead letter instead). The
 * statements are {@link DeliveryRows}', the mapping {@link DeliveryMapper}'s. Called by
 * {@link Mappings} (the one mapping path), {@link Ingestion}, {@link DeliveryWriter}, {@link Pushes}
 * and {@link Recovery} only.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeliveryLog {

    /**
     * The outcome of processing one stored delivery: MALFORMED, its body is not JSON; DEAD_LETTER,
     * its mapping failed ({@link Mappings} kept it as a dead letter).
     */
    public enum Processed { MODELLED, IGNORED, MALFORMED, DEAD_LETTER }

    /** The result of processing: outcome and, for MALFORMED and DEAD_LETTER, the reason kept in the dead letter. */
    public record Result(Processed outcome, String note) {

        public boolean deadLetter() {
            return outcome == Processed.MALFORMED || outcome == Processed.DEAD_LETTER;
        }
    }

    /** A stored delivery's body, status and reason, as kept (a repeated push compares its body). */
    public record Kept(byte[] body, DeliveryStatus status, String error) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    DeliveryRows rows;

    @Inject
    DeliveryMapper mapper;

    /** Stores a new delivery, or finds the one stored under the same (source, key), in one statement. */
    public StoredDelivery store(long sourceId, String key, String eventType, String headers, byte[] body,
            Instant receivedAt) {
        return storeAll(List.of(new NewDelivery(sourceId, key, eventType, headers, body, receivedAt))).get(0);
    }

    /**
     * Stores several deliveries in this one transaction (group commit, {@code GroupCommit}): one
     * batch of the same statement and one commit ({@link DeliveryRows#insertAll}). If any of them
     * fails, all roll back (the caller then stores them one by one).
     */
    public List<StoredDelivery> storeAll(List<NewDelivery> deliveries) {
        return rows.insertAll(deliveries);
    }

    /** The id of the delivery stored under this key, if any. */
    public Long find(long sourceId, String key) {
        return rows.find(sourceId, key);
    }

    /**
     * Normalises a stored delivery that is still waiting ({@link DeliveryStatus#RECEIVED}), from the
     * payload the receiver already parsed or, when null, from the stored body. The row is locked
     * first, skipping a row another thread or replica holds: the receiver, the queue's worker and
     * recovery may all reach for the same delivery, and only one maps it. Null when the delivery
     * was not waiting any more or is being mapped elsewhere.
     */
    public Result processWaiting(long deliveryId, JsonObject parsed, Instant now) {
        Delivery delivery = rows.lockWaiting(List.of(deliveryId)).get(deliveryId);
        if (delivery == null) {
            return null;
        }
        Result result = parsed == null ? process(delivery, now) : map(delivery, parsed, now);
        mapper.flush();
        return result;
    }

    /**
     * Maps several waiting deliveries in this one transaction (the mapping worker's batches): as
     * {@link #processWaiting} for each, from the stored body, in the order given, their rows locked
     * by one statement, and one commit for all. The result for a delivery that was not waiting any
     * more, or is being mapped elsewhere, is null. If mapping any of them throws, all roll back
     * and the caller maps them one by one, so a delivery that cannot be mapped costs only itself.
     */
    public List<Result> processWaitingAll(List<Long> deliveryIds, Instant now) {
        Map<Long, Delivery> waiting = rows.lockWaiting(deliveryIds);
        List<Result> results = new ArrayList<>(deliveryIds.size());
        for (Long id : deliveryIds) {
            Delivery delivery = waiting.get(id);
            results.add(delivery == null ? null : process(delivery, now));
        }
        mapper.flush();
        return results;
    }

    /**
     * Parses and normalises a stored delivery again (replay). A body that is not JSON becomes a
     * dead letter in this transaction; any other failure rolls it back and is the caller's to record.
     */
    public Result process(long deliveryId, Instant now) {
        Result result = process(em.find(Delivery.class, deliveryId), now);
        mapper.flush();
        return result;
    }

    private Result process(Delivery delivery, Instant now) {
        JsonObject payload;
        try {
            payload = Payloads.parse(delivery.getBody());
        } catch (Payloads.MalformedPayload e) {
            delivery.deadLetter(now, e.getMessage());
            return new Result(Processed.MALFORMED, e.getMessage());
        }
        return map(delivery, payload, now);
    }

    private Result map(Delivery delivery, JsonObject payload, Instant now) {
        Normalized normalized = mapper.map(delivery, payload, now);
        return new Result(normalized.modelled() ? Processed.MODELLED : Processed.IGNORED, normalized.note());
    }

    /** Keeps a delivery that failed to normalise, with the reason, for replay. */
    public void deadLetter(long deliveryId, String reason, Instant now) {
        em.find(Delivery.class, deliveryId).deadLetter(now, reason);
    }

    /** Stores a delivery that could not be mapped straight away as a dead letter, in one transaction. */
    public StoredDelivery storeDeadLetter(NewDelivery delivery, String reason) {
        StoredDelivery stored = storeAll(List.of(delivery)).get(0);
        if (!stored.duplicate()) {
            em.find(Delivery.class, stored.id()).deadLetter(delivery.receivedAt(), reason);
        }
        return stored;
    }

    public Kept kept(long deliveryId) {
        Delivery delivery = em.find(Delivery.class, deliveryId);
        return new Kept(delivery.getBody(), delivery.getStatus(), delivery.getError());
    }

    /**
     * Ids of deliveries stored before {@code receivedBefore} but never processed (the request or
     * the process died in between). The age keeps recovery off deliveries still being processed.
     */
    public List<Long> unprocessed(Instant receivedBefore, int max) {
        return rows.unprocessed(receivedBefore, max);
    }

    /** Ids of up to {@code max} dead letters (of one source, or all), oldest first. */
    public List<Long> oldestDeadLetters(Long sourceId, int max) {
        return rows.oldestDeadLetters(sourceId, max);
    }

    public long count(DeliveryStatus status) {
        return rows.count(status);
    }
}
