package io.opssight.deployment.boundary;

import io.opssight.platform.entity.KeysetPage.Position;
import java.time.Instant;

/**
 * Filters for listing deployments; null means "any". Times select on creation time, inclusive
 * from and exclusive to. {@code after} is the cursor: the last row of the previous page.
 */
public record DeploymentQuery(String service, String environment, String status, Instant from, Instant to,
        Position after, int limit) {
}
