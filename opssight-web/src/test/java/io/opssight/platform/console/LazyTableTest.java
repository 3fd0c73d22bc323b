package io.opssight.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

@DisplayName("#17 LazyTable: the console's one lazy table model")
class LazyTableTest {

    private static final List<Integer> ROWS = IntStream.range(0, 25).boxed().toList();

    @Test
    @DisplayName("#17 counts and pages through the query functions, keyed by the row key")
    void pagesByOffset() {
        LazyTable<Integer> table = LazyTable.of(() -> ROWS.size(),
                (first, size, sort) -> ROWS.subList(first, Math.min(ROWS.size(), first + size)), row -> "r" + row);

        assertEquals(25, table.count(Map.of()));
        assertEquals(List.of(20, 21, 22, 23, 24), table.load(20, 10, Map.of(), Map.of()));
        assertEquals("r21", table.getRowKey(21));
        assertEquals(21, table.getRowData("r21"));
        assertNull(table.getRowData("r3"), "only the rows shown last are found");
    }

    @Test
    @DisplayName("#17 a count beyond int is held to Integer.MAX_VALUE")
    void hugeCountIsClamped() {
        LazyTable<Integer> table = LazyTable.of(() -> 5_000_000_000L, (first, size, sort) -> List.of(), row -> row);

        assertEquals(Integer.MAX_VALUE, table.count(Map.of()));
    }

    @Test
    @DisplayName("#17 the column sorted by reaches the query; none means the list's own order")
    void sortReachesQuery() {
        String[] asked = new String[1];
        LazyTable<Integer> table = LazyTable.of(() -> 0, (first, size, sort) -> {
            asked[0] = sort == null ? null : sort.getField() + " " + sort.getOrder();
            return List.of();
        }, row -> row);

        table.load(0, 10, Map.of(), Map.of());
        assertNull(asked[0]);
        table.load(0, 10, Map.of("service", SortMeta.builder().field("service").order(SortOrder.ASCENDING).build()), Map.of());
        assertEquals("service ASCENDING", asked[0]);
    }

    @Test
    @DisplayName("#17 a query that tells its total with each page: counted by a page of one, corrected by each page")
    void countedPages() {
        long[] total = {7};
        LazyTable<Integer> table = LazyTable.counted((first, size) -> new LazyTable.Page<>(List.of(first), total[0]), row -> row);

        assertEquals(7, table.count(Map.of()));
        total[0] = 9;
        assertEquals(List.of(3), table.load(3, 10, Map.of(), Map.of()));
        assertEquals(9, table.getRowCount());
    }
}
