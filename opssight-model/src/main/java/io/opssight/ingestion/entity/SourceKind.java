package io.opssight.ingestion.entity;

import io.opssight.platform.entity.ValidationProblem;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The tools OpsSight takes webhooks from; the lower-case name is the {kind} in the ingest URL. */
public enum SourceKind {
    GITHUB, GITLAB, JENKINS, ALERTMANAGER, PAGERDUTY, ARGOCD, AWX, TERRAFORM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SourceKind fromWire(String value) {
        if (value != null) {
            for (SourceKind kind : values()) {
                if (kind.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return kind;
                }
            }
        }
        throw new ValidationProblem("Unknown source kind '" + value + "'; expected one of "
                + Arrays.stream(values()).map(SourceKind::wireName).collect(Collectors.joining(", ")));
    }
}
