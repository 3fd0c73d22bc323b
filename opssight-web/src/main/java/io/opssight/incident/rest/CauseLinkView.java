package io.opssight.incident.rest;

import io.opssight.incident.entity.Incident;
import java.util.Locale;

/**
 * The cause link of an incident on the wire: the deployment it is linked to (null for none), why
 * ({@code linkReason}: explicit, latest_production_deployment or manual) and the note. Its ETag
 * guards corrections (PUT /incidents/{id}/cause needs it as If-Match).
 */
public record CauseLinkView(long incidentId, Long deploymentId, String linkReason, String linkNote) {

    public static CauseLinkView from(Incident i) {
        return new CauseLinkView(i.getId(), i.getCausedBy() == null ? null : i.getCausedBy().getId(),
                i.getLinkReason() == null ? null : i.getLinkReason().name().toLowerCase(Locale.ROOT), i.getLinkNote());
    }
}
