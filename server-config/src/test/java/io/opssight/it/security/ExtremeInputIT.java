package io.opssight.it.security;

import static io.opssight.it.security.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.Map;

/**
 * Issue 16, defect 4 (the API's part): input that reached the database and failed there (500) is a
 * 400 problem naming what is wrong. Dates: every operation of the live /openapi document that filters
 * by {@code from}/{@code to} (the deployments, incidents, pipeline-runs and audit lists, the audit
 * export, DORA and its drill-downs, pipeline stats) × dates the database cannot hold (year ±999999999)
 * or outside 1970..9999; the first and last dates of that range are answered. Control characters: a
 * NUL (or another control character) in a role, token, user, team or service name, in a filter or a
 * path parameter is 400, whichever operation it reaches.
 */
@DisplayName("#16 extreme input: dates beyond what the database holds and control characters in names are 400, not 500")
class ExtremeInputIT {

    private static final String ADMIN = OpsSightServer.ADMIN_TOKEN;
    private static final Set<String> EXPECTED = Set.of("/api/v1/deployments", "/api/v1/incidents", "/api/v1/pipeline-runs",
            "/api/v1/audit", "/api/v1/audit/export", "/api/v1/dora", "/api/v1/dora/changes", "/api/v1/dora/deployments",
            "/api/v1/dora/incidents", "/api/v1/pipelines/stats");
    private static final List<String> OUT_OF_RANGE = List.of("-999999999-01-01T00:00:00Z", "%2B999999999-12-31T23:59:59Z",
            "%2B10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1969-12-31", "0001-01-01");

    private static Http http;
    private static Set<String> dated;

    @BeforeAll
    static void setUp() {
        http = OpsSightServer.shared().http();
        JsonObject document = http.get("/openapi?format=JSON").json();
        dated = new TreeSet<>();
        document.getJsonObject("paths").forEach((path, item) -> {
            JsonObject get = item.asJsonObject().getJsonObject("get");
            if (get != null && get.containsKey("parameters") && get.getJsonArray("parameters").getValuesAs(JsonObject.class)
                    .stream().anyMatch(p -> "query".equals(p.getString("in")) && Set.of("from", "to").contains(p.getString("name")))) {
                dated.add(path);
            }
        });
    }

    @Test
    @DisplayName("#16 every list, export and report that filters by from/to × out-of-range dates: 400 naming the parameter")
    void outOfRangeDatesAreRefused() {
        assertTrue(dated.containsAll(EXPECTED), () -> "the document lists " + dated);
        List<String> failures = new ArrayList<>();
        for (String path : dated) {
            for (String parameter : List.of("from", "to")) {
                for (String value : OUT_OF_RANGE) {
                    Http.Answer answer = http.get(path + "?" + parameter + "=" + value, ADMIN);
                    boolean ok = answer.status() == 400 && answer.contentType().startsWith("application/problem+json")
                            && answer.json().getString("detail").startsWith("'" + parameter + "' must be");
                    if (!ok) {
                        failures.add(path + "?" + parameter + "=" + value + " → " + answer);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " answers were not a 400 naming the parameter:\n"
                + String.join("\n", failures));
    }

    @Test
    @DisplayName("#16 the first and the last dates of the range (1970-01-01, 9999-12-31) are answered 200 everywhere")
    void boundsAreAnswered() {
        List<String> failures = new ArrayList<>();
        for (String path : dated) {
            for (String window : List.of("from=1970-01-01T00:00:00Z&to=1970-02-01", "from=9999-12-01&to=9999-12-31T23:59:59.999999999Z")) {
                Http.Answer answer = http.get(path + "?" + window, ADMIN);
                if (answer.status() != 200) {
                    failures.add(path + "?" + window + " → " + answer);
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    static Stream<Arguments> controlCharacters() {
        String nul = "\\u0000";
        String team = "\"team\":\"" + Fixtures.unique("ctl-team") + "\"";
        return Stream.of(
                Arguments.of("POST", "/api/v1/roles", "{\"name\":\"r" + nul + "x\",\"permissions\":[\"deployments:read\"]}", "name"),
                Arguments.of("PUT", "/api/v1/roles/" + Fixtures.unique("ctl-role"), "{\"description\":\"a" + nul
                        + "b\",\"permissions\":[\"deployments:read\"]}", "description"),
                Arguments.of("POST", "/api/v1/tokens", "{\"name\":\"t" + nul + "x\",\"permissions\":[\"deployments:read\"]}", "name"),
                Arguments.of("POST", "/api/v1/tokens", "{\"name\":\"t\\nx\",\"permissions\":[\"deployments:read\"]}", "name"),
                Arguments.of("POST", "/api/v1/tokens", "{\"name\":\"tx\",\"permissions\":[\"deployments:read\"],\"teams\":[\"a" + nul
                        + "\"]}", "teams[0]"),
                Arguments.of("POST", "/api/v1/users", "{\"username\":\"u" + nul + "x\",\"password\":\"long enough password 1\"}",
                        "username"),
                Arguments.of("POST", "/api/v1/users", "{\"username\":\"" + Fixtures.unique("ctl") + "\",\"displayName\":\"a\\u0007\","
                        + "\"password\":\"long enough password 1\"}", "displayName"),
                Arguments.of("POST", "/api/v1/users", "{\"username\":\"" + Fixtures.unique("ctl") + "\",\"password\":\"long enough "
                        + "password 1\",\"roles\":[{\"role\":\"vi" + nul + "ewer\"}]}", "roles[0].role"),
                Arguments.of("POST", "/api/v1/users", "{\"username\":\"" + Fixtures.unique("ctl") + "\",\"password\":\"long enough "
                        + "password 1\",\"roles\":[{\"role\":\"viewer\",\"team\":\"t" + nul + "\"}]}", "roles[0].team"),
                Arguments.of("POST", "/api/v1/teams", "{\"name\":\"te" + nul + "am\"}", "name"),
                Arguments.of("PUT", "/api/v1/services/" + Fixtures.unique("ctl-svc") + "/team", "{\"team\":\"t" + nul + "\"}", "team"),
                Arguments.of("POST", "/api/v1/incidents", "{\"service\":\"s" + nul + "\",\"title\":\"down\"}", "service"),
                Arguments.of("GET", "/api/v1/deployments?service=a%00b", "", "service"),
                Arguments.of("GET", "/api/v1/deployments?environment=%07", "", "environment"),
                Arguments.of("GET", "/api/v1/incidents?service=a%00", "", "service"),
                Arguments.of("GET", "/api/v1/dora?team=a%00b", "", "team"),
                Arguments.of("GET", "/api/v1/dora/deployments?service=%00", "", "service"),
                Arguments.of("GET", "/api/v1/audit?actor=%00", "", "actor"),
                Arguments.of("GET", "/api/v1/teams/a%07b", "", "name"),
                Arguments.of("GET", "/api/v1/users/a%1Bb", "", "username"),
                Arguments.of("GET", "/api/v1/roles/a%7Fb", "", "name"));
    }

    @ParameterizedTest(name = "#16 {0} {1} → 400 naming {3}")
    @MethodSource("controlCharacters")
    @DisplayName("#16 a control character in a name, a text, a filter or a path parameter is a 400 naming it, never a 500")
    void controlCharactersAreRefused(String method, String path, String body, String field) {
        Http.Answer answer = body.isEmpty() ? http.send(method, path, ADMIN, Map.of(), "")
                : http.send(method, path, ADMIN, Map.of("Content-Type", "application/json"), body);

        assertProblem(answer, 400);
        String detail = answer.json().getString("detail");
        assertTrue(detail.contains("'" + field + "'") && detail.contains("control character"), detail);
    }

    @Test
    @DisplayName("#16 line breaks stay allowed in texts (a role's description), not in names")
    void lineBreaksInTextsOnly() {
        String role = Fixtures.unique("ctl-lines");
        Http.Answer created = http.postJson("/api/v1/roles", ADMIN, "{\"name\":\"" + role + "\",\"description\":\"first line\\n"
                + "second line\",\"permissions\":[\"deployments:read\"]}");

        assertEquals(201, created.status(), created::toString);
        assertEquals("first line\nsecond line", created.json().getString("description"));
    }
}
