package io.opssight.deployment.rest;

import io.opssight.change.boundary.Changes;
import io.opssight.deployment.entity.Deployment;
import java.time.Instant;
import java.util.List;

/**
 * What a deployment shipped: its commits, oldest first, and their median lead time (null when it
 * shipped none that OpsSight knows of, e.g. it failed or no push of its commits was received).
 */
public record ShippedChangesView(long deployment, String service, String environment, String status, Instant finishedAt,
        int count, Long medianLeadTimeSeconds, List<ShippedChangeView> items) {

    public static ShippedChangesView from(Changes.Shipped shipped) {
        Deployment d = shipped.deployment();
        List<ShippedChangeView> items = shipped.changes().stream().map(ShippedChangeView::from).toList();
        // Whole seconds on the wire: the median of an even count, a half second, is cut off (lead times are never negative).
        Long median = shipped.medianLeadTimeSeconds() == null ? null : (long) Math.floor(shipped.medianLeadTimeSeconds());
        return new ShippedChangesView(d.getId(), d.getService().getName(), d.getEnvironment().getName(),
                d.getStatus().wireName(), d.getFinishedAt(), items.size(), median, items);
    }
}
