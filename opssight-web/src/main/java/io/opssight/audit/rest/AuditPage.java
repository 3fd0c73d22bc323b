package io.opssight.audit.rest;

import java.util.List;

/** A page of audit entries, oldest first; {@code nextCursor} is null on the last page. */
public record AuditPage(List<AuditEntryView> items, String nextCursor) {
}
