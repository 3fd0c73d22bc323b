package io.opssight.incident.rest;

import io.opssight.deployment.entity.Deployment;
import io.opssight.deployment.rest.DeploymentView;
import io.opssight.incident.entity.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * An incident on the wire, with the deployment that caused it and why it was linked
 * ({@code linkReason}: explicit, latest_production_deployment or manual; {@code linkNote} says how).
 * {@code namedCause} is what the source named, kept even while that deployment is unknown.
 * {@code recoverySeconds} is resolved − causing deployment's finish (DORA's failed deployment
 * recovery time); {@code timeToRestoreSeconds} is resolved − opened (DORA 2021).
 */
public record IncidentView(long id, String title, String service, String severity, String status, Instant openedAt,
        Instant acknowledgedAt, Instant resolvedAt, Long timeToRestoreSeconds, Long recoverySeconds, String url,
        String origin, String externalId, DeploymentView causedBy, String linkReason, String linkNote,
        NamedCause namedCause) {

    /** The causing deployment as the source named it. */
    public record NamedCause(String origin, String externalId) {
    }

    public static IncidentView from(Incident i) {
        Deployment cause = i.getCausedBy();
        Duration restore = i.timeToRestore();
        Duration recovery = i.recoveryTime();
        return new IncidentView(i.getId(), i.getTitle(), i.getService() == null ? null : i.getService().getName(),
                i.getSeverity(), i.getStatus().wireName(), i.getOpenedAt(), i.getAcknowledgedAt(), i.getResolvedAt(),
                restore == null ? null : restore.toSeconds(), recovery == null ? null : recovery.toSeconds(), i.getUrl(),
                i.getOrigin(), i.getExternalId(),
                cause == null ? null : DeploymentView.from(cause),
                i.getLinkReason() == null ? null : i.getLinkReason().name().toLowerCase(Locale.ROOT), i.getLinkNote(),
                i.getCauseOrigin() == null ? null : new NamedCause(i.getCauseOrigin(), i.getCauseExternalId()));
    }
}
