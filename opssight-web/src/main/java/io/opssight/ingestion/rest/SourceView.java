package io.opssight.ingestion.rest;

import io.opssight.ingestion.entity.Source;
import java.time.Instant;

/** A source as the API shows it: never its secret, always the URL to paste into the tool. */
public record SourceView(long id, String kind, String name, boolean enabled, Instant createdAt, Instant secretRotatedAt,
        String webhookPath) {
    public static SourceView from(Source source) {
        return new SourceView(source.getId(), source.getKind().wireName(), source.getName(), source.isEnabled(),
                source.getCreatedAt(), source.getSecretRotatedAt(),
                "/api/v1/ingest/" + source.getKind().wireName() + "/" + source.getName());
    }
}
