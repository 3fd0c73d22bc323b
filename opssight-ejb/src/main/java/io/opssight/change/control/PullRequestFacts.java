package io.opssight.change.control;

import java.time.Instant;

/** A pull/merge request report; {@code updatedAt} orders reports. */
public record PullRequestFacts(String repository, long number, String title, String author, String state,
        String baseBranch, String headSha, String mergeSha, Instant createdAt, Instant mergedAt, Instant closedAt,
        String url, Instant updatedAt) {
}
