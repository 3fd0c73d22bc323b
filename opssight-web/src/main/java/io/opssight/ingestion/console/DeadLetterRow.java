package io.opssight.ingestion.console;

import io.opssight.ingestion.entity.Delivery;
import io.opssight.platform.console.Format;
import java.io.Serializable;

/** One dead letter as the console lists it: never its body or headers. */
public class DeadLetterRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long id;
    private final String source;
    private final String eventType;
    private final String receivedAt;
    private final String reason;
    private final int attempts;

    DeadLetterRow(Delivery d) {
        this.id = d.getId();
        this.source = d.getSource().getKind().wireName() + "/" + d.getSource().getName();
        this.eventType = d.getEventType();
        this.receivedAt = Format.time(d.getReceivedAt());
        this.reason = d.getError();
        this.attempts = d.getAttempts();
    }

    public long getId() {
        return id;
    }

    public String getSource() {
        return source;
    }

    public String getEventType() {
        return eventType;
    }

    public String getReceivedAt() {
        return receivedAt;
    }

    public String getReason() {
        return reason;
    }

    public int getAttempts() {
        return attempts;
    }
}
