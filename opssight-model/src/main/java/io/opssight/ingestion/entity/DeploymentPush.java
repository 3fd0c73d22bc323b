package io.opssight.ingestion.entity;

import java.time.Instant;
import java.util.List;

/**
 * A pushed deployment as the web layer understood it from its wire class, where Bean Validation checked
 * the field rules. A value that travels from web through {@code ingestion.boundary.Pushes} to
 * {@code ingestion.control.PushRequests}, which checks the rules across fields and makes the
 * canonical body stored as the push's delivery.
 */
public record DeploymentPush(String service, String environment, String version, String sha, String ref, String status,
        Instant createdAt, Instant startedAt, Instant finishedAt, String externalId, String origin, String url,
        String creator, Boolean production, String repository, List<Commit> commits) {

    /** A commit the deployment shipped. */
    public record Commit(String sha, Instant committedAt, String message, String author) {
    }
}
