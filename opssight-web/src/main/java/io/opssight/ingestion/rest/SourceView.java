package io.opssight.ingestion.rest;

import io.opssight.ingestion.boundary.SourceActivity;
import io.opssight.ingestion.entity.DeliveryStatus;
import io.opssight.ingestion.entity.Source;
import java.time.Instant;

/** A source as the API shows it: never its secret; the URL to paste into the tool; what it has sent. */
public record SourceView(long id, String kind, String name, boolean enabled, Instant createdAt, Instant secretRotatedAt,
        String webhookPath, Instant lastReceivedAt, Deliveries deliveries) {

    /** Deliveries received from the source, by what became of them. */
    public record Deliveries(long total, long processed, long ignored, long deadLetters, long pending) {
    }

    public static SourceView from(Source source) {
        return from(source, null);
    }

    public static SourceView from(Source source, SourceActivity activity) {
        Deliveries deliveries = activity == null ? new Deliveries(0, 0, 0, 0, 0)
                : new Deliveries(activity.total(), activity.count(DeliveryStatus.PROCESSED),
                        activity.count(DeliveryStatus.IGNORED), activity.count(DeliveryStatus.DEAD_LETTER),
                        activity.count(DeliveryStatus.RECEIVED));
        return new SourceView(source.getId(), source.getKind().wireName(), source.getName(), source.isEnabled(),
                source.getCreatedAt(), source.getSecretRotatedAt(),
                "/api/v1/ingest/" + source.getKind().wireName() + "/" + source.getName(),
                activity == null ? null : activity.lastReceivedAt(), deliveries);
    }
}
