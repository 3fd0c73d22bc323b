package io.opssight.alerting.boundary;

import java.time.Instant;

/** Filters for listing alerts; null means "any". {@code after} is the last row of the previous page. */
public record AlertQuery(String status, String service, Cursor after, int limit) {

    /** A position in the (startsAt desc, id desc) order. */
    public record Cursor(Instant startsAt, long id) {
    }
}
