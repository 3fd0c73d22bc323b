package io.opssight.dora.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opssight.dora.entity.Benchmark;
import io.opssight.dora.entity.Window;
import io.opssight.platform.console.Pages;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.ejb.EJBException;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("#6 the DORA dashboard shows a rejected question next to the field it is about")
class DoraDashboardTest {

    private static String clientId(RuntimeException e) {
        return Pages.clientId(e, DoraDashboard.FILTERS, "filters:from");
    }

    @ParameterizedTest(name = "#6 ''{1}'' (about {0}) → {2}")
    @CsvSource(delimiter = '|', value = {
        "team|Unknown team 'payments'|filters:team",
        "service|Unknown service 'billing'|filters:service",
        "environment|Unknown environment 'prod-eu'|filters:environment",
        "environment|Environment 'staging' is not a production environment; DORA counts production deployments only"
                + "|filters:environment",
        "benchmark|benchmark must be 2023 or 2021|filters:benchmark",
        "from|'from' must be before 'to'|filters:from",
        "from|the window may be at most 1096 days long|filters:from",
        "|the window may be at most 1096 days long|filters:from"})
    void fieldOfProblem(String field, String message, String clientId) {
        assertEquals(clientId, clientId(new ValidationProblem(field, message)));
        assertEquals(clientId, clientId(new EJBException(new ValidationProblem(field, message))));
    }

    @Test
    @DisplayName("#6 the benchmark and the window name the filter they are about")
    void problemsCarryTheirField() {
        assertEquals("filters:benchmark", clientId(assertThrows(OpsSightException.class, () -> Benchmark.parse("1999"))));
        Instant t = Instant.parse("2025-03-03T00:00:00Z");
        assertEquals("from", assertThrows(OpsSightException.class, () -> new Window(t, t)).field());
        assertEquals("from", assertThrows(OpsSightException.class, () -> new Window(t, t.plusSeconds(1097L * 86_400))).field());
    }
}
