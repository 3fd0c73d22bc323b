package io.opssight.incident.control;

import io.opssight.incident.entity.IncidentStatus;
import java.time.Instant;

/**
 * What a source said about an incident. {@code service} names the affected service (by name or
 * repository); {@code causeOrigin}/{@code causeExternalId} name the causing deployment when the
 * source knows it (the push API does; PagerDuty only with a custom field). Null means "not said".
 */
public record IncidentFacts(String origin, String externalId, String title, String service, String severity,
        IncidentStatus status, Instant statusAt, Instant openedAt, String url, String causeOrigin, String causeExternalId) {
}
