package io.opssight.pipeline.control;

import io.opssight.pipeline.entity.Conclusion;
import io.opssight.pipeline.entity.RunStatus;
import java.time.Instant;

/**
 * What a CI system said about a pipeline run. {@code externalId} identifies the attempt (e.g.
 * "123456:2"); {@code repositoryName} (short) and {@code repository} (owner/name) find the service.
 * Null means "not said".
 */
public record RunFacts(String origin, String externalId, String pipeline, String repository, String repositoryName,
        Long runNumber, Integer attempt, String branch, String sha, String triggerEvent, String actor, String url,
        RunStatus status, Conclusion conclusion, Instant queuedAt, Instant startedAt, Instant finishedAt,
        Instant reportedAt) {
}
