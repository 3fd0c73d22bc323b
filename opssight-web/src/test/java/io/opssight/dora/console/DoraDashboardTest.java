package io.opssight.dora.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("#6 the DORA dashboard shows a rejected question next to the field it is about")
class DoraDashboardTest {

    @ParameterizedTest(name = "#6 ''{0}'' → {1}")
    @CsvSource(delimiter = '|', value = {
        "Unknown team 'payments'|filters:team",
        "Unknown service 'billing'|filters:service",
        "Unknown environment 'prod-eu'|filters:environment",
        "Environment 'staging' is not a production environment; DORA counts production deployments only|filters:environment",
        "benchmark must be 2023 or 2021|filters:benchmark",
        "'from' must be before 'to'|filters:from",
        "the window may be at most 1096 days long|filters:from"})
    void fieldOfMessage(String message, String field) {
        assertEquals(field, DoraDashboard.fieldOf(message));
    }
}
