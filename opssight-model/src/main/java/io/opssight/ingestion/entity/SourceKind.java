package io.opssight.ingestion.entity;

import io.opssight.platform.entity.ValidationProblem;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The tools OpsSight takes webhooks from; the lower-case name is the {kind} in the ingest URL.
 * {@link #PUSH} is not a webhook kind: it is the internal source of the push API
 * ({@code POST /api/v1/deployments}, {@code /incidents}, {@code /pipeline-runs}), whose events are
 * stored as deliveries like webhooks (durable, idempotent, replayable) but arrive authenticated by
 * an API token. It can therefore be neither registered nor addressed at {@code /api/v1/ingest}.
 */
public enum SourceKind {
    GITHUB, GITLAB, JENKINS, ALERTMANAGER, PAGERDUTY, ARGOCD, AWX, TERRAFORM, PUSH;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether deliveries of this kind arrive at /api/v1/ingest/{kind}/{name} (every kind but PUSH). */
    public boolean isWebhook() {
        return this != PUSH;
    }

    /** Reads a webhook kind; PUSH is internal and refused like an unknown kind. */
    public static SourceKind fromWire(String value) {
        if (value != null) {
            for (SourceKind kind : values()) {
                if (kind.isWebhook() && kind.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return kind;
                }
            }
        }
        throw new ValidationProblem("Unknown source kind '" + value + "'; expected one of "
                + Arrays.stream(values()).filter(SourceKind::isWebhook).map(SourceKind::wireName)
                        .collect(Collectors.joining(", ")));
    }
}
