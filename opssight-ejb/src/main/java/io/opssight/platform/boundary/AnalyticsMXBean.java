package io.opssight.platform.boundary;

/**
 * {@code io.opssight:type=Analytics} (read-only): how far the organisation-wide DORA roll-up is behind.
 * Answers never lag (days not yet recomputed are read from the normalized tables), but a growing lag
 * means they are computed the slow way.
 */
public interface AnalyticsMXBean {

    /** Age in seconds of the oldest day marker waiting to be recomputed; 0 when none waits. */
    long getRollupLagSeconds();

    /** Distinct days waiting to be recomputed. */
    long getDirtyDays();

    /** Days this replica has recomputed since it started. */
    long getRecomputes();

    /** Whether the roll-up is kept at all ({@code opssight.dora.rollup.enabled}). */
    boolean isRollupEnabled();
}
