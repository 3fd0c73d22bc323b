package io.opssight.incident.boundary;

import io.opssight.platform.entity.KeysetPage.Position;
import java.time.Instant;

/**
 * Filters for listing incidents; null means "any". Times select on when the incident opened,
 * inclusive from and exclusive to. {@code after} is the cursor: the last row of the previous page.
 */
public record IncidentQuery(String service, String status, Instant from, Instant to, Position after, int limit) {
}
