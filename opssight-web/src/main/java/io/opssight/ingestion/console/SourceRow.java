package io.opssight.ingestion.console;

import io.opssight.ingestion.boundary.SourceActivity;
import io.opssight.ingestion.entity.DeliveryStatus;
import io.opssight.ingestion.entity.Source;
import io.opssight.platform.console.Format;
import java.io.Serializable;

/** One row of the sources table: never the secret. */
public class SourceRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long id;
    private final String kind;
    private final String name;
    private final boolean enabled;
    private final String createdAt;
    private final String secretRotatedAt;
    private final String lastReceivedAt;
    private final long total;
    private final long processed;
    private final long ignored;
    private final long deadLetters;
    private final long pending;
    private final String webhookUrl;

    SourceRow(Source source, SourceActivity activity, String webhookUrl) {
        this.id = source.getId();
        this.kind = source.getKind().wireName();
        this.name = source.getName();
        this.enabled = source.isEnabled();
        this.createdAt = Format.time(source.getCreatedAt());
        this.secretRotatedAt = Format.time(source.getSecretRotatedAt());
        this.lastReceivedAt = activity == null ? "" : Format.time(activity.lastReceivedAt());
        this.total = activity == null ? 0 : activity.total();
        this.processed = activity == null ? 0 : activity.count(DeliveryStatus.PROCESSED);
        this.ignored = activity == null ? 0 : activity.count(DeliveryStatus.IGNORED);
        this.deadLetters = activity == null ? 0 : activity.count(DeliveryStatus.DEAD_LETTER);
        this.pending = activity == null ? 0 : activity.count(DeliveryStatus.RECEIVED);
        this.webhookUrl = webhookUrl;
    }

    public long getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public String getSecretRotatedAt() {
        return secretRotatedAt;
    }

    public String getLastReceivedAt() {
        return lastReceivedAt;
    }

    public long getTotal() {
        return total;
    }

    public long getProcessed() {
        return processed;
    }

    public long getIgnored() {
        return ignored;
    }

    public long getDeadLetters() {
        return deadLetters;
    }

    public long getPending() {
        return pending;
    }

    public String getWebhookUrl() {
        return webhookUrl;
    }
}
