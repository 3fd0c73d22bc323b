package io.opssight.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.platform.entity.ProblemType;
import io.opssight.platform.entity.ValidationProblem;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("#2 DeploymentsResource: the from/to filters of the deployments list")
class QueryParamsTest {

    @ParameterizedTest(name = "#2 ''{0}'' is {1}")
    @CsvSource(delimiter = '|', value = {
        "2026-01-31T12:00:00Z|2026-01-31T12:00:00Z",
        "2026-01-31T12:00:00.5Z|2026-01-31T12:00:00.500Z",
        "' 2026-01-31T12:00:00Z '|2026-01-31T12:00:00Z",
        "2026-01-31T14:00:00+02:00|2026-01-31T12:00:00Z",
        "2026-01-31|2026-01-31T00:00:00Z",
        "' 2026-02-28 '|2026-02-28T00:00:00Z"
    })
    @DisplayName("#2 an ISO-8601 instant, or a date meaning its start in UTC")
    void readsInstantOrDate(String value, String expected) {
        assertEquals(Instant.parse(expected), QueryParams.instant("from", value));
    }

    @ParameterizedTest(name = "#2 ''{0}'' is no filter")
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    @DisplayName("#2 a missing or blank value is no filter")
    void blankIsNoFilter(String value) {
        assertNull(QueryParams.instant("to", value));
    }

    @ParameterizedTest(name = "#2 ''{0}'' is refused")
    @ValueSource(strings = {"yesterday", "2026-01-32", "31/01/2026", "2026-01-31T12:00:00", "1700000000"})
    @DisplayName("#2 anything else is a validation problem (400) naming the parameter and the accepted forms")
    void garbageIsValidationProblem(String value) {
        ValidationProblem e = assertThrows(ValidationProblem.class, () -> QueryParams.instant("to", value));

        assertEquals(ProblemType.VALIDATION, e.type());
        assertTrue(e.getMessage().startsWith("'to' must be an ISO-8601 instant"), e.getMessage());
        assertTrue(e.getMessage().contains("2026-01-31"), e.getMessage());
    }

    @ParameterizedTest(name = "#16 ''{0}'' is out of range")
    @ValueSource(strings = {"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999Z", "1969-12-31", "0001-01-01"})
    @DisplayName("#16 an instant the database cannot hold (year ±999999999, or outside 1970..9999) is a 400 naming the parameter")
    void outOfRangeIsValidationProblem(String value) {
        ValidationProblem e = assertThrows(ValidationProblem.class, () -> QueryParams.instant("from", value));

        assertEquals(ProblemType.VALIDATION, e.type());
        assertTrue(e.getMessage().startsWith("'from' must be from 1970-01-01 to 9999-12-31"), e.getMessage());
    }

    @ParameterizedTest(name = "#16 ''{0}'' is taken")
    @ValueSource(strings = {"1970-01-01", "1970-01-01T00:00:00Z", "9999-12-31", "9999-12-31T23:59:59.999999999Z"})
    @DisplayName("#16 the first and last instants of the range are taken")
    void boundsAreTaken(String value) {
        assertEquals(Instant.parse(value.length() == 10 ? value + "T00:00:00Z" : value), QueryParams.instant("from", value));
    }
}
