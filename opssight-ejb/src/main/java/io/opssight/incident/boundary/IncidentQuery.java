package io.opssight.incident.boundary;

import java.time.Instant;

/**
 * Filters for listing incidents; null means "any". Times select on when the incident opened,
 * inclusive from and exclusive to. {@code after} is the cursor: the last row of the previous page.
 */
public record IncidentQuery(String service, String status, Instant from, Instant to, Cursor after, int limit) {

    /** A position in the (openedAt desc, id desc) order. */
    public record Cursor(Instant openedAt, long id) {
    }
}
