package io.opssight.dora.entity;

import java.util.List;

/** A page of a DORA drill-down: {@code total} rows match, these start at {@code offset}. */
public record DoraPage<T>(List<T> items, long total, int offset, int limit) {
}
