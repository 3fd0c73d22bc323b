package io.opssight.ingestion.entity;

import java.time.Instant;

/**
 * A pushed incident as the web layer understood it from its wire class, where Bean Validation checked
 * the field rules. A value that travels from web through {@code ingestion.boundary.Pushes} to
 * {@code ingestion.control.PushRequests}, which checks the rules across fields and makes the
 * canonical body stored as the push's delivery.
 */
public record IncidentPush(String service, String title, String severity, String status, Instant openedAt,
        Instant resolvedAt, String externalId, String origin, String url, Cause causedBy) {

    /** The deployment that caused it: by id, or by the natural key the reporting tool knows. */
    public record Cause(Long deploymentId, String origin, String externalId) {
    }
}
