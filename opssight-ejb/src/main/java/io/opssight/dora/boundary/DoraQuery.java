package io.opssight.dora.boundary;

import java.time.Instant;

/**
 * A DORA question: whose figures (team, service and environment names; null means any) over which
 * window (from inclusive, to exclusive; null: the last 90 days up to now), rated by which benchmark
 * ("2023", the default, or "2021").
 */
public record DoraQuery(String team, String service, String environment, Instant from, Instant to, String benchmark) {
}
