package io.opssight.ingestion.boundary;

import io.opssight.ingestion.control.Normalizer;
import io.opssight.ingestion.control.Normalizers;
import io.opssight.ingestion.control.Normalized;
import io.opssight.ingestion.control.Payloads;
import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.DeliveryStatus;
import io.opssight.ingestion.entity.Source;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The durable log of deliveries. Each method is its own transaction (REQUIRES_NEW): a delivery is
 * committed before OpsSight answers, and a failure while deriving from it cannot take it down (the
 * caller stores it again on its own, as a dead letter). Called by {@link Ingestion} and
 * {@link DeadLetters} only.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeliveryLog {

    /** The outcome of processing one stored delivery. */
    public enum Processed { MODELLED, IGNORED, MALFORMED }

    /** The result of processing: outcome and, for MALFORMED, the reason kept in the dead letter. */
    public record Result(Processed outcome, String note) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Normalizers normalizers;

    /** A stored delivery's id, whether it was stored before under the same key, and what processing made of it. */
    public record Stored(long id, boolean duplicate, Result result) {
    }

    /**
     * Stores a new delivery, or finds the one stored under the same (source, key). Two identical
     * deliveries racing past the lookup meet the unique key: the loser's transaction fails and
     * {@link Ingestion} finds the winner's.
     */
    public Stored store(long sourceId, String key, String eventType, String headers, byte[] body, Instant receivedAt) {
        Long existing = find(sourceId, key);
        if (existing != null) {
            return new Stored(existing, true, null);
        }
        Source source = em.getReference(Source.class, sourceId);
        Delivery delivery = new Delivery(source, key, eventType, receivedAt, headers, body);
        em.persist(delivery);
        em.flush();
        return new Stored(delivery.getId(), false, null);
    }

    /** The id of the delivery stored under this key, if any. */
    public Long find(long sourceId, String key) {
        List<Long> ids = em.createNamedQuery(Delivery.FIND_BY_KEY, Long.class)
                .setParameter("source", em.getReference(Source.class, sourceId)).setParameter("key", key)
                .getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }

    /**
     * The fast path: stores a new delivery and maps it in one transaction, so a delivery costs one
     * commit. A body that is not JSON is stored as a dead letter in the same transaction. If mapping
     * throws, the whole transaction rolls back and nothing is stored: the caller then stores the
     * delivery on its own ({@link #store}) before it answers, so the delivery is never lost.
     */
    public Stored storeAndProcess(long sourceId, String key, String eventType, String headers, byte[] body,
            Instant receivedAt) {
        Long existing = find(sourceId, key);
        if (existing != null) {
            return new Stored(existing, true, null);
        }
        Delivery delivery = new Delivery(em.find(Source.class, sourceId), key, eventType, receivedAt, headers, body);
        Result result = process(delivery, receivedAt);
        // Persisted after processing, so the row is written once, with its outcome.
        em.persist(delivery);
        em.flush();
        return new Stored(delivery.getId(), false, result);
    }

    /**
     * Parses and normalises a stored delivery again (replay, recovery). A body that is not JSON
     * becomes a dead letter in this transaction; any other failure rolls it back and is the
     * caller's to record.
     */
    public Result process(long deliveryId, Instant now) {
        return process(em.find(Delivery.class, deliveryId), now);
    }

    private Result process(Delivery delivery, Instant now) {
        JsonObject payload;
        try {
            payload = Payloads.parse(delivery.getBody());
        } catch (Payloads.MalformedPayload e) {
            delivery.deadLetter(now, e.getMessage());
            return new Result(Processed.MALFORMED, e.getMessage());
        }
        Normalizer normalizer = normalizers.of(delivery.getSource().getKind());
        Normalized normalized = normalizer == null
                ? Normalized.ignored(delivery.getSource().getKind().wireName() + " deliveries are stored raw, not mapped")
                : normalizer.normalize(delivery, payload, now);
        if (normalized.modelled()) {
            delivery.markProcessed(now);
            return new Result(Processed.MODELLED, normalized.note());
        }
        delivery.markIgnored(now, normalized.note());
        return new Result(Processed.IGNORED, normalized.note());
    }

    /** Keeps a delivery that failed to normalise, with the reason, for replay. */
    public void deadLetter(long deliveryId, String reason, Instant now) {
        em.find(Delivery.class, deliveryId).deadLetter(now, reason);
    }

    /** Stores a delivery that could not be mapped straight away as a dead letter, in one transaction. */
    public Stored storeDeadLetter(long sourceId, String key, String eventType, String headers, byte[] body,
            Instant receivedAt, String reason) {
        Stored stored = store(sourceId, key, eventType, headers, body, receivedAt);
        if (!stored.duplicate()) {
            em.find(Delivery.class, stored.id()).deadLetter(receivedAt, reason);
        }
        return stored;
    }

    /**
     * Ids of deliveries stored before {@code receivedBefore} but never processed (the request or
     * the process died in between). The age keeps recovery off deliveries still being processed.
     */
    public List<Long> unprocessed(Instant receivedBefore, int max) {
        return em.createQuery("select d.id from Delivery d where d.status = :status and d.receivedAt < :before order by d.id",
                Long.class).setParameter("status", DeliveryStatus.RECEIVED).setParameter("before", receivedBefore)
                .setMaxResults(max).getResultList();
    }

    public long count(DeliveryStatus status) {
        return em.createQuery("select count(d) from Delivery d where d.status = :status", Long.class)
                .setParameter("status", status).getSingleResult();
    }
}
