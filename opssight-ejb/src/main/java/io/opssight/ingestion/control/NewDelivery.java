package io.opssight.ingestion.control;

import io.opssight.platform.entity.StorableText;
import java.time.Instant;

/**
 * A delivery as received, about to be stored: its source, its key (the sender's delivery id or a
 * content hash, unique per source), event type, the headers kept, the raw body and when it arrived.
 */
public record NewDelivery(long sourceId, String key, String eventType, String headers, byte[] body, Instant receivedAt) {

    /** The event type is a sender's header: cut to its column, so an odd one cannot fail the store. */
    public NewDelivery {
        eventType = StorableText.clean(eventType, 128);
    }
}
