package io.opssight.platform.entity;

import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;

/**
 * One page of a keyset-paged list (ordered by a key and continued after the last row's key) and
 * whether more rows follow it. A list knows there are more by reading one row beyond the page;
 * {@link #read} is the one place that does that, after bounding the page size, so the largest page
 * of a list is as complete as any other.
 */
public record KeysetPage<T>(List<T> items, boolean more) {

    /**
     * A position in a list ordered by a time, then the id, newest first: the last row of the
     * previous page, after which the next page starts.
     */
    public record Position(Instant at, long id) {
    }

    public KeysetPage {
        items = List.copyOf(items);
    }

    /**
     * The first {@code size} rows of {@code query} (held to 1…{@code max}) and whether there are
     * more: it reads one row more than the page, and that row only says that another page follows.
     */
    public static <T> KeysetPage<T> read(TypedQuery<T> query, int size, int max) {
        int page = Math.max(1, Math.min(size, max));
        List<T> rows = query.setMaxResults(page + 1).getResultList();
        boolean more = rows.size() > page;
        return new KeysetPage<>(more ? rows.subList(0, page) : rows, more);
    }
}
