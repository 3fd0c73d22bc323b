package io.opssight.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opssight.platform.entity.KeysetPage;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#17 ListQuery: one filter definition for the page, the slice and the count")
class ListQueryTest {

    private static ListQuery<Object> alerts() {
        return ListQuery.of(null, Object.class, "select a from Alert a left join fetch a.service s",
                "select count(a) from Alert a left join a.service s");
    }

    @Test
    @DisplayName("#17 no condition means no where clause")
    void noConditionNoWhere() {
        ListQuery<Object> q = alerts().orderBy("a.id desc");

        assertEquals("select a from Alert a left join fetch a.service s order by a.id desc", q.selectJpql());
        assertEquals("select count(a) from Alert a left join a.service s", q.countJpql());
    }

    @Test
    @DisplayName("#17 the count has the same conditions as the select, without the order")
    void countSharesConditions() {
        ListQuery<Object> q = alerts().and("a.status = :status", "status", "firing").and("s.name is not null")
                .orderBy("a.startsAt desc, a.id desc");

        assertEquals("select a from Alert a left join fetch a.service s where a.status = :status and s.name is not null"
                + " order by a.startsAt desc, a.id desc", q.selectJpql());
        assertEquals("select count(a) from Alert a left join a.service s where a.status = :status and s.name is not null",
                q.countJpql());
    }

    @Test
    @DisplayName("#17 a filter not given (null) and a condition whose guard is false add nothing")
    void absentFiltersAddNothing() {
        ListQuery<Object> q = alerts().andGiven("s.name = :service", "service", null)
                .andIf(false, "s.team.id in :callerTeams", "callerTeams", 1L)
                .andGiven("a.status = :status", "status", "resolved");

        assertEquals("select count(a) from Alert a left join a.service s where a.status = :status", q.countJpql());
    }

    @Test
    @DisplayName("#17 no keyset position means the first page")
    void noPositionFirstPage() {
        assertEquals("select count(a) from Alert a left join a.service s",
                alerts().afterDescending("a.startsAt", "a.id", null).countJpql());
    }

    @Test
    @DisplayName("#17 a keyset position continues after the last row in (key desc, id desc) order")
    void afterDescending() {
        ListQuery<Object> q = alerts().afterDescending("a.startsAt", "a.id", new KeysetPage.Position(Instant.EPOCH, 7));

        assertEquals("select count(a) from Alert a left join a.service s"
                + " where (a.startsAt < :afterAt or (a.startsAt = :afterAt and a.id < :afterId))", q.countJpql());
    }
}
