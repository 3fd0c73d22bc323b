package io.opssight.deployment.boundary;

import java.time.Instant;

/**
 * Filters for listing deployments; null means "any". Times select on creation time, inclusive
 * from and exclusive to. {@code after} is the cursor: the last row of the previous page.
 */
public record DeploymentQuery(String service, String environment, String status, Instant from, Instant to,
        Cursor after, int limit) {

    /** A position in the (createdAt desc, id desc) order. */
    public record Cursor(Instant createdAt, long id) {
    }
}
