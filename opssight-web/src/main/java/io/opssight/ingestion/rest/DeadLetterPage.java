package io.opssight.ingestion.rest;

import java.util.List;

/** A page of dead letters, newest first; {@code nextCursor} is null on the last page. */
public record DeadLetterPage(List<DeadLetterView> items, String nextCursor) {
}
