package io.opssight.alerting.rest;

import java.util.List;

/** One page of alerts; {@code nextCursor} is null on the last page. */
public record AlertPage(List<AlertView> items, String nextCursor) {
}
