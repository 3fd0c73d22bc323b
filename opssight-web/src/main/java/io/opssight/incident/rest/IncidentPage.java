package io.opssight.incident.rest;

import java.util.List;

/** One page of incidents; {@code nextCursor} is null on the last page. */
public record IncidentPage(List<IncidentView> items, String nextCursor) {
}
