package io.opssight.ingestion.control;

/** A stored delivery's id, and whether it was stored before under the same key (a redelivery). */
public record StoredDelivery(long id, boolean duplicate) {
}
