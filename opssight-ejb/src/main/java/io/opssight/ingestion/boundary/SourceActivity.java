package io.opssight.ingestion.boundary;

import io.opssight.ingestion.entity.DeliveryStatus;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** What a source has sent: deliveries by status and when the last one arrived. */
public class SourceActivity {

    private final Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
    private Instant lastReceivedAt;

    void add(DeliveryStatus status, long count, Instant lastAt) {
        counts.merge(status, count, Long::sum);
        if (lastAt != null && (lastReceivedAt == null || lastAt.isAfter(lastReceivedAt))) {
            lastReceivedAt = lastAt;
        }
    }

    public long count(DeliveryStatus status) {
        return counts.getOrDefault(status, 0L);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public Instant lastReceivedAt() {
        return lastReceivedAt;
    }
}
