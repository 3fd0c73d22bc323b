package io.opssight.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opssight.platform.rest.RequestTargets.Refusal;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("#16 RequestTargets: the request targets the HTTP layer cannot take as they are")
class RequestTargetsTest {

    @ParameterizedTest(name = "#16 ''{0}'' is {1}")
    @CsvSource(delimiter = '|', value = {
        "/api/v1/ingest/alertmanager/x%zz|BAD_ESCAPE",
        "/api/v1/tokens/1%|BAD_ESCAPE",
        "/api/v1/tokens/1%4|BAD_ESCAPE",
        "/api/v1/tokens/1%g0|BAD_ESCAPE",
        "/api/v1/tokens/1%00|NUL",
        "/api/v1/tokens/1%5C|BACKSLASH",
        "/api/v1/tokens/1%5c|BACKSLASH",
        "/api/v1/tokens/1\\x|BACKSLASH",
        "/api/v1/tokens/%ff|NOT_UTF8",
        "/api/v1/tokens/%C3|NOT_UTF8",
        "/api/v1/tokens/é|NOT_ASCII",
        "/api/v1/tokens/a b|NOT_ASCII",
        "/..%2F..%2Fetc|TRAVERSAL",
        "/../x|TRAVERSAL",
        "/api/%2E%2E/%2e%2e/..|TRAVERSAL",
        "api/v1/tokens|NOT_A_PATH",
        "''|NOT_A_PATH"
    })
    @DisplayName("#16 a malformed target is refused with its reason")
    void refusesMalformed(String target, Refusal expected) {
        assertEquals(Optional.of(expected), RequestTargets.refusal(target));
    }

    @ParameterizedTest(name = "#16 ''{0}'' is taken")
    @ValueSource(strings = {"/", "*", "/api/v1/tokens/1", "/api/v1/teams/R%26D%20Ops", "/api/v1/teams/%C3%A9quipe", "/api/v1/tokens/%31",
        "/api/v1/teams/a%2Fb", "/api/v1/tokens/1;x", "/a/../b", "/a/./b", "/index.xhtml"})
    @DisplayName("#16 a well-formed target is left alone (';' is the application's to refuse, with the path in the problem)")
    void takesWellFormed(String target) {
        assertEquals(Optional.empty(), RequestTargets.refusal(target));
    }

    @Test
    @DisplayName("#16 every refusal has a slug that names it back")
    void slugsRoundTrip() {
        for (Refusal refusal : Refusal.values()) {
            assertEquals(Optional.of(refusal), Refusal.ofSlug(refusal.slug()));
        }
    }
}
