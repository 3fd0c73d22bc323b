package io.opssight.deployment.rest;

import io.opssight.change.entity.DeploymentChange;
import java.time.Instant;

/** A commit a deployment shipped, with its lead time (deployment finish − commit time). */
public record ShippedChangeView(String sha, String repository, String message, String author, Instant committedAt,
        long leadTimeSeconds) {

    public static ShippedChangeView from(DeploymentChange c) {
        return new ShippedChangeView(c.getChange().getSha(), c.getChange().getRepository(), c.getChange().getMessage(),
                c.getChange().getAuthor(), c.getChange().getCommittedAt(), c.getLeadTimeSeconds());
    }
}
