package io.opssight.platform.console;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The console's one lazy table model, over any row type: PrimeFaces asks for the count, then for
 * the page it shows. A page fills it either from a count and an offset page ({@link #of}), or from a
 * query that tells its total with each page ({@link #counted}). Rows are keyed by {@code key}; a
 * selection finds its rows in the page shown last.
 */
public final class LazyTable<R> extends LazyDataModel<R> {

    private static final long serialVersionUID = 1L;

    /** How many rows the table has. */
    public interface Count extends Serializable {
        long count();
    }

    /** The rows from row {@code first}, at most {@code size}, in the order {@code sort} (null: the list's own). */
    public interface Rows<R> extends Serializable {
        List<R> rows(int first, int size, SortMeta sort);
    }

    /** One page read with the total, in one call. */
    public interface Pages<R> extends Serializable {
        Page<R> page(int first, int size);
    }

    /** Some rows and the number of all of them. */
    public record Page<R>(List<R> rows, long total) {
    }

    /** A row's key, unique within the table. */
    public interface Key<R> extends Serializable {
        Object of(R row);
    }

    private final Count count;
    private final Rows<R> rows;
    private final Pages<R> pages;
    private final Key<R> key;
    private List<R> shown = List.of();

    private LazyTable(Count count, Rows<R> rows, Pages<R> pages, Key<R> key) {
        this.count = count;
        this.rows = rows;
        this.pages = pages;
        this.key = key;
    }

    /** A table counted by {@code count} whose pages {@code rows} reads. */
    public static <R> LazyTable<R> of(Count count, Rows<R> rows, Key<R> key) {
        return new LazyTable<>(count, rows, null, key);
    }

    /** A table whose pages tell the total: the count reads a page of one row, and each page shown corrects it. */
    public static <R> LazyTable<R> counted(Pages<R> pages, Key<R> key) {
        return new LazyTable<>(() -> pages.page(0, 1).total(), null, pages, key);
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return clamp(count.count());
    }

    @Override
    public List<R> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        if (pages != null) {
            Page<R> page = pages.page(first, pageSize);
            setRowCount(clamp(page.total()));
            shown = page.rows();
        } else {
            shown = rows.rows(first, pageSize, sortBy.isEmpty() ? null : sortBy.values().iterator().next());
        }
        return shown;
    }

    @Override
    public String getRowKey(R row) {
        return String.valueOf(key.of(row));
    }

    @Override
    public R getRowData(String rowKey) {
        return shown.stream().filter(row -> getRowKey(row).equals(rowKey)).findFirst().orElse(null);
    }

    private static int clamp(long rows) {
        return (int) Math.min(Integer.MAX_VALUE, rows);
    }
}
