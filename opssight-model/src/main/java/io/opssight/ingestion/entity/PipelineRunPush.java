package io.opssight.ingestion.entity;

import java.time.Instant;
import java.util.List;

/**
 * A pushed pipeline run as the web layer understood it from its wire class, where Bean Validation checked
 * the field rules. A value that travels from web through {@code ingestion.boundary.Pushes} to
 * {@code ingestion.control.PushRequests}, which checks the rules across fields and makes the
 * canonical body stored as the push's delivery.
 */
public record PipelineRunPush(String pipeline, String repository, String branch, String sha, String status,
        String conclusion, Instant queuedAt, Instant startedAt, Instant finishedAt, String externalId, String origin,
        String url, List<Job> jobs) {

    /** One job of the run. */
    public record Job(String name, String status, String conclusion, Instant startedAt, Instant finishedAt) {
    }
}
