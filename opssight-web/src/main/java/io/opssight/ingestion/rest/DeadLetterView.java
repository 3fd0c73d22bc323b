package io.opssight.ingestion.rest;

import io.opssight.ingestion.entity.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** A dead letter: where it came from, why it failed, and (on request) the raw body. */
public record DeadLetterView(long id, String source, String kind, String eventType, String deliveryKey, Instant receivedAt,
        String status, String error, int attempts, Instant processedAt, String body) {

    public static DeadLetterView from(Delivery d, boolean withBody) {
        return new DeadLetterView(d.getId(), d.getSource().getName(), d.getSource().getKind().wireName(), d.getEventType(),
                d.getDeliveryKey(), d.getReceivedAt(), d.getStatus().name().toLowerCase(Locale.ROOT), d.getError(),
                d.getAttempts(), d.getProcessedAt(), withBody ? new String(d.getBody(), StandardCharsets.UTF_8) : null);
    }
}
