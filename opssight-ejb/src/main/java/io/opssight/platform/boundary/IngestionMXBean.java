package io.opssight.platform.boundary;

/** {@code io.opssight:type=Ingestion}: deliveries by outcome, and replay of dead letters. */
public interface IngestionMXBean {

    /** Deliveries stored but not yet processed (the backlog). */
    long getBacklog();

    long getProcessed();

    long getIgnored();

    long getDeadLetters();

    /** Replays up to {@code max} dead letters, oldest first; audited. Answers what happened. */
    String replayDeadLetters(int max);
}
