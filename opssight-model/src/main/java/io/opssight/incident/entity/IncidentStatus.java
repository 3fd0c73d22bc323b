package io.opssight.incident.entity;

import java.util.Locale;

/** An incident's state: open (triggered), acknowledged, or resolved. */
public enum IncidentStatus {
    TRIGGERED, ACKNOWLEDGED, RESOLVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads PagerDuty's and generic words: triggered/open, acknowledged, resolved/closed. */
    public static IncidentStatus parse(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "triggered", "open", "opened", "firing" -> TRIGGERED;
            case "acknowledged", "acked" -> ACKNOWLEDGED;
            case "resolved", "closed" -> RESOLVED;
            default -> null;
        };
    }
}
