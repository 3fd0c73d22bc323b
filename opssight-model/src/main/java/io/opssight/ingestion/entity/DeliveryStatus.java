package io.opssight.ingestion.entity;

/** Where a stored delivery is in its life. Nothing acknowledged is ever deleted by processing. */
public enum DeliveryStatus {
    /** Stored durably, not yet turned into model objects (a crash here is recovered at start). */
    RECEIVED,
    /** Turned into model objects. */
    PROCESSED,
    /** Understood and kept, but carries nothing OpsSight models (yet), e.g. a ping. */
    IGNORED,
    /** Could not be parsed or normalised; kept with the reason and replayable after a fix. */
    DEAD_LETTER
}
