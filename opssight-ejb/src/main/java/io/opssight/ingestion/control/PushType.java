package io.opssight.ingestion.control;

/**
 * What the push API takes. Each type is stored under its own internal source (kind PUSH, named
 * {@link #sourceName()}) with {@link #eventType()} as the delivery's event type, which is what
 * {@link PushNormalizer} dispatches on, now and on replay.
 */
public enum PushType {
    DEPLOYMENT("deployments", "deployment", true),
    INCIDENT("incidents", "incident", true),
    /**
     * Resolving names an existing incident and creates nothing. Without an Idempotency-Key it is not
     * deduplicated by content: resolving is a state transition, a repeat while resolved changes
     * nothing (see PushNormalizer), and a resolve after the incident reopened must not be taken for
     * a repeat of the first one.
     */
    INCIDENT_RESOLUTION("incidents", "incident.resolve", false),
    PIPELINE_RUN("pipeline-runs", "pipeline_run", true);

    private final String sourceName;
    private final String eventType;
    private final boolean createsObjects;

    PushType(String sourceName, String eventType, boolean createsObjects) {
        this.sourceName = sourceName;
        this.eventType = eventType;
        this.createsObjects = createsObjects;
    }

    public String sourceName() {
        return sourceName;
    }

    public String eventType() {
        return eventType;
    }

    /** Whether a push of this type without an externalId gets one derived from its delivery key. */
    public boolean generatesExternalId() {
        return createsObjects;
    }

    /** Whether a push without an Idempotency-Key is deduplicated by a hash of its content. */
    public boolean dedupesByContent() {
        return createsObjects;
    }
}
