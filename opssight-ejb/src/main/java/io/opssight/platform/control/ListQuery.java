package io.opssight.platform.control;

import io.opssight.platform.entity.KeysetPage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One filtered list, read three ways from one filter definition: a keyset page for the API
 * ({@link #page}), an offset slice for the console's lazy tables ({@link #slice}) and the number of
 * matching rows ({@link #count}). A boundary names the select (with its fetch joins), the count over
 * the same aliases without fetching, then adds its conditions, each with the named parameter it
 * binds, and the order. A keyset position is one more condition ({@link #afterDescending}).
 */
public final class ListQuery<T> {

    private final EntityManager em;
    private final Class<T> type;
    private final String select;
    private final String count;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();
    private String order = "";

    private ListQuery(EntityManager em, Class<T> type, String select, String count) {
        this.em = em;
        this.type = type;
        this.select = select;
        this.count = count;
    }

    /**
     * A list of {@code type} read by {@code select} (e.g. {@code select a from Alert a left join
     * fetch a.service s}) and counted by {@code count} ({@code select count(a) from Alert a left join
     * a.service s}); neither has a where clause.
     */
    public static <T> ListQuery<T> of(EntityManager em, Class<T> type, String select, String count) {
        return new ListQuery<>(em, type, select, count);
    }

    /** Keeps the rows meeting {@code condition}, which names no parameter. */
    public ListQuery<T> and(String condition) {
        conditions.add(condition);
        return this;
    }

    /** Keeps the rows meeting {@code condition}, which names the parameter {@code :name}. */
    public ListQuery<T> and(String condition, String name, Object value) {
        conditions.add(condition);
        params.put(name, value);
        return this;
    }

    /** {@link #and(String, String, Object)} when {@code when} holds; otherwise nothing. */
    public ListQuery<T> andIf(boolean when, String condition, String name, Object value) {
        return when ? and(condition, name, value) : this;
    }

    /** {@link #and(String, String, Object)} for a filter that was given: a null {@code value} means "any". */
    public ListQuery<T> andGiven(String condition, String name, Object value) {
        return andIf(value != null, condition, name, value);
    }

    /**
     * The rows after the keyset position {@code after} (null: from the start) in the order
     * ({@code key} desc, {@code id} desc): the last row of the previous page.
     */
    public ListQuery<T> afterDescending(String key, String id, KeysetPage.Position after) {
        if (after != null) {
            conditions.add("(" + key + " < :afterAt or (" + key + " = :afterAt and " + id + " < :afterId))");
            params.put("afterAt", after.at());
            params.put("afterId", after.id());
        }
        return this;
    }

    /** The order of the page and the slice, e.g. {@code a.startsAt desc, a.id desc}. */
    public ListQuery<T> orderBy(String order) {
        this.order = " order by " + order;
        return this;
    }

    /** The first {@code size} rows (held to 1…{@code max}) and whether more follow ({@link KeysetPage#read}). */
    public KeysetPage<T> page(int size, int max) {
        return KeysetPage.read(query(), size, max);
    }

    /** {@code size} rows (held to 1…{@code max}) from row {@code first}: offset paging for the console. */
    public List<T> slice(int first, int size, int max) {
        return query().setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, Math.min(size, max))).getResultList();
    }

    /** How many rows match (the order does not matter). */
    public long count() {
        return bound(em.createQuery(countJpql(), Long.class)).getSingleResult();
    }

    String selectJpql() {
        return select + where() + order;
    }

    String countJpql() {
        return count + where();
    }

    private TypedQuery<T> query() {
        return bound(em.createQuery(selectJpql(), type));
    }

    private String where() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private <Q extends TypedQuery<?>> Q bound(Q query) {
        params.forEach(query::setParameter);
        return query;
    }
}
