package io.opssight.ingestion.entity;

import io.opssight.platform.entity.StorableText;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One webhook delivery exactly as it arrived: raw body, the headers that matter, the source and the
 * time. It is committed before OpsSight answers 2xx, so it is the durable record everything else is
 * derived from (and can be re-derived from by replay). Natural key: (source, deliveryKey), the
 * source's own delivery id or, for sources without one, a hash of the body.
 */
@Entity
@Table(name = "delivery")
@NamedQuery(name = Delivery.FIND_BY_KEY,
        query = "select d.id from Delivery d where d.source = :source and d.deliveryKey = :key")
@NamedQuery(name = Delivery.FIND_IDS_BY_STATUS,
        query = "select d.id from Delivery d where d.status = :status order by d.id")
@NamedQuery(name = Delivery.FIND_BY_IDS, query = "select d from Delivery d where d.id in :ids")
public class Delivery {

    public static final String FIND_BY_KEY = "Delivery.findByKey";
    public static final String FIND_IDS_BY_STATUS = "Delivery.findIdsByStatus";
    public static final String FIND_BY_IDS = "Delivery.findByIds";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "delivery_seq")
    @SequenceGenerator(name = "delivery_seq", sequenceName = "delivery_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "source_id", nullable = false, updatable = false)
    private Source source;

    @Column(name = "delivery_key", nullable = false, length = 128, updatable = false)
    private String deliveryKey;

    @Column(name = "event_type", length = 128, updatable = false)
    private String eventType;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Column(name = "headers", nullable = false, updatable = false)
    private String headers;

    // Not updatable: the raw record never changes, and Hibernate then skips comparing the (large)
    // body when it checks the entity for changes at every flush.
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "body", nullable = false, updatable = false)
    private byte[] body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private DeliveryStatus status = DeliveryStatus.RECEIVED;

    @Column(name = "error", length = 2000)
    private String error;

    @Column(name = "processed_at")
    private Instant processedAt;

    @Column(nullable = false)
    private int attempts;

    protected Delivery() {
        // for JPA
    }

    public Delivery(Source source, String deliveryKey, String eventType, Instant receivedAt, String headers, byte[] body) {
        this.source = Objects.requireNonNull(source, "source");
        this.deliveryKey = Objects.requireNonNull(deliveryKey, "deliveryKey");
        this.eventType = eventType;
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body");
    }

    public void markProcessed(Instant at) {
        attempts++;
        status = DeliveryStatus.PROCESSED;
        processedAt = at;
        error = null;
    }

    public void markIgnored(Instant at, String why) {
        attempts++;
        status = DeliveryStatus.IGNORED;
        processedAt = at;
        error = StorableText.clean(why, 2000);
    }

    /** Keeps the delivery, with the reason, for a replay after the cause is fixed. */
    public void deadLetter(Instant at, String reason) {
        attempts++;
        status = DeliveryStatus.DEAD_LETTER;
        processedAt = at;
        // Cleaned to what the column holds: writing the dead letter itself must not fail.
        error = reason == null ? "unknown error" : StorableText.clean(reason, 2000);
    }

    public Long getId() {
        return id;
    }

    public Source getSource() {
        return source;
    }

    public String getDeliveryKey() {
        return deliveryKey;
    }

    public String getEventType() {
        return eventType;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public String getHeaders() {
        return headers;
    }

    public byte[] getBody() {
        return body;
    }

    public DeliveryStatus getStatus() {
        return status;
    }

    public String getError() {
        return error;
    }

    public Instant getProcessedAt() {
        return processedAt;
    }

    public int getAttempts() {
        return attempts;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Delivery other
                && Objects.equals(source, other.getSource()) && Objects.equals(deliveryKey, other.getDeliveryKey()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(deliveryKey);
    }
}
