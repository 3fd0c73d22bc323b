package io.opssight.dora.entity;

import java.time.Instant;

/**
 * A calendar week or month as far as it lies inside a window: {@code start}/{@code end} are the
 * whole calendar period (UTC), {@code from}/{@code to} its part inside the window, and
 * {@code complete} says whether all of it lies inside.
 */
public record Period(String label, Instant start, Instant end, Instant from, Instant to, boolean complete) {

    public boolean contains(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
