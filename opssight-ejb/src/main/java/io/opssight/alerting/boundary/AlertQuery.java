package io.opssight.alerting.boundary;

import io.opssight.platform.entity.KeysetPage.Position;

/** Filters for listing alerts; null means "any". {@code after} is the last row of the previous page. */
public record AlertQuery(String status, String service, Position after, int limit) {
}
