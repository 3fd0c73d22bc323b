package io.opssight.pipeline.control;

import io.opssight.pipeline.entity.Conclusion;
import io.opssight.pipeline.entity.RunStatus;
import java.time.Instant;

/** What a CI system said about one job; {@code runExternalId} names its run (same form as RunFacts.externalId). */
public record JobFacts(String origin, String externalId, String runExternalId, String name, String repository, String sha,
        String branch, String runner, RunStatus status, Conclusion conclusion, Instant queuedAt, Instant startedAt,
        Instant finishedAt, Instant reportedAt) {
}
