package io.opssight.ingestion.control;

import java.time.Instant;

/**
 * A delivery as received, about to be stored: its source, its key (the sender's delivery id or a
 * content hash, unique per source), event type, the headers kept, the raw body and when it arrived.
 */
public record NewDelivery(long sourceId, String key, String eventType, String headers, byte[] body, Instant receivedAt) {
}
