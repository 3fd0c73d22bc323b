package io.opssight.ingestion.boundary;

import io.opssight.ingestion.control.Normalizer;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
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
 * The durable log of deliveries. Each method is its own transaction (REQUIRES_NEW), so a delivery
 * is committed before anything is derived from it, and a failure while deriving cannot take the
 * stored delivery down with it. Called by {@link Ingestion} only.
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
    @Any
    Instance<Normalizer> normalizers;

    /** Stores a new delivery and returns its id; fails on a duplicate (source, key). */
    public long store(long sourceId, String key, String eventType, String headers, byte[] body, Instant receivedAt) {
        Source source = em.getReference(Source.class, sourceId);
        Delivery delivery = new Delivery(source, key, eventType, receivedAt, headers, body);
        em.persist(delivery);
        em.flush();
        return delivery.getId();
    }

    /** The id of the delivery stored under this key, if any. */
    public Long find(long sourceId, String key) {
        List<Long> ids = em.createNamedQuery(Delivery.FIND_BY_KEY, Long.class)
                .setParameter("source", em.getReference(Source.class, sourceId)).setParameter("key", key)
                .getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }

    /**
     * Parses and normalises a stored delivery. A body that is not JSON becomes a dead letter in
     * this transaction; any other failure rolls it back and is the caller's to record.
     */
    public Result process(long deliveryId, Instant now) {
        Delivery delivery = em.find(Delivery.class, deliveryId);
        JsonObject payload;
        try {
            payload = Payloads.parse(delivery.getBody());
        } catch (Payloads.MalformedPayload e) {
            delivery.deadLetter(now, e.getMessage());
            return new Result(Processed.MALFORMED, e.getMessage());
        }
        Normalizer normalizer = normalizerFor(delivery.getSource().getKind());
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

    private Normalizer normalizerFor(io.opssight.ingestion.entity.SourceKind kind) {
        for (Normalizer candidate : normalizers) {
            if (candidate.kind() == kind) {
                return candidate;
            }
        }
        return null;
    }

    /** Keeps a delivery that failed to normalise, with the reason, for replay. */
    public void deadLetter(long deliveryId, String reason, Instant now) {
        em.find(Delivery.class, deliveryId).deadLetter(now, reason);
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
