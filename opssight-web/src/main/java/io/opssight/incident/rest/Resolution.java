package io.opssight.incident.rest;

import java.time.Instant;

/** Resolving an incident: when it was resolved (default: now). */
public class Resolution {

    private Instant resolvedAt;

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public void setResolvedAt(Instant resolvedAt) {
        this.resolvedAt = resolvedAt;
    }
}
