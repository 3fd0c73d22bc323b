package io.opssight.it.dora;

import static io.opssight.it.dora.DoraFixturesIT.WINDOW;
import static io.opssight.it.dora.DoraFixturesIT.assertKey;
import static io.opssight.it.dora.DoraFixturesIT.assertNoData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubEventHooks;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.util.Map;

/**
 * The DORA API around the figures: per team (teams API, service assignment), the 2021 benchmark,
 * correcting an incident's cause, permissions, bad input and the query metrics.
 */
@DisplayName("#4 DORA API: teams, benchmarks, link correction, permissions")
class DoraApiIT {

    private static final String ADMIN = OpsSightServer.ADMIN_TOKEN;

    private Http http;

    @BeforeEach
    void setUp() {
        http = OpsSightServer.shared().http();
    }

    @Test
    @DisplayName("#4 a team's figures are its services' together; 2021 calls 3 deployment days a week elite, 2023 high")
    void perTeamAndBenchmark() {
        String team = Fixtures.unique("team-payments");
        String s1 = Fixtures.unique("pay-api");
        String s2 = Fixtures.unique("pay-worker");
        String s3 = Fixtures.unique("other");
        String deployer = Fixtures.token(http, "deployments:write");
        // Every week W10..W13: s1 deploys Monday and Tuesday, s2 Wednesday, s3 (another team's) Thursday.
        for (String monday : List.of("2025-03-03", "2025-03-10", "2025-03-17", "2025-03-24")) {
            int day = Integer.parseInt(monday.substring(8));
            deploy(deployer, s1, "2025-03-%02dT10:00:00Z".formatted(day));
            deploy(deployer, s1, "2025-03-%02dT10:00:00Z".formatted(day + 1));
            deploy(deployer, s2, "2025-03-%02dT10:00:00Z".formatted(day + 2));
            deploy(deployer, s3, "2025-03-%02dT10:00:00Z".formatted(day + 3));
        }
        Http.Answer created = http.postJson("/api/v1/teams", ADMIN, "{\"name\":\"" + team + "\"}");
        assertEquals(201, created.status(), created::toString);
        assertEquals(team, created.json().getString("name"));
        assertEquals(409, http.postJson("/api/v1/teams", ADMIN, "{\"name\":\"" + team + "\"}").status());
        for (String s : List.of(s1, s2)) {
            Http.Answer assigned = http.putJson("/api/v1/services/" + s + "/team", ADMIN, "{\"team\":\"" + team + "\"}");
            assertEquals(200, assigned.status(), assigned::toString);
            assertEquals(team, assigned.json().getString("team"));
        }
        JsonObject listed = http.get("/api/v1/teams", ADMIN).jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("name").equals(team)).findFirst().orElseThrow();
        assertEquals(List.of(s1, s2).stream().sorted().toList(), DoraFixturesIT.strings(listed, "services"));

        // 12 deployments on 3 days of every week: median 3 days; 12 / 28 a day.
        JsonObject dora = get("/api/v1/dora?team=" + team + "&" + WINDOW);
        assertEquals(team, dora.getJsonObject("scope").getString("team"));
        assertKey(dora.getJsonObject("deploymentFrequency"), 12 / 28.0, "high");
        assertEquals(3.0, dora.getJsonObject("deploymentFrequency").getJsonNumber("medianDeploymentDaysPerWeek").doubleValue());
        assertEquals("2023", dora.getString("benchmark"));
        JsonObject y2021 = get("/api/v1/dora?team=" + team + "&" + WINDOW + "&benchmark=2021");
        assertEquals("2021", y2021.getString("benchmark"));
        assertKey(y2021.getJsonObject("deploymentFrequency"), 12 / 28.0, "elite");
        // The team and one of its services: s1 alone, 2 days a week.
        assertEquals(8, get("/api/v1/dora?team=" + team + "&service=" + s1 + "&" + WINDOW)
                .getJsonObject("deploymentFrequency").getInt("deployments"));
        // A service of another team: nothing in this scope.
        JsonObject foreign = get("/api/v1/dora?team=" + team + "&service=" + s3 + "&" + WINDOW);
        assertEquals(0, foreign.getJsonObject("deploymentFrequency").getInt("deployments"));
        assertTrue(foreign.getJsonObject("deploymentFrequency").isNull("tier"));
        assertEquals(12, get("/api/v1/dora/deployments?team=" + team + "&" + WINDOW).getInt("total"));

        // Unassigning s2 changes the team's figures at once (for every window).
        assertEquals(200, http.putJson("/api/v1/services/" + s2 + "/team", ADMIN, "{\"team\":null}").status());
        assertEquals(8, get("/api/v1/dora?team=" + team + "&" + WINDOW).getJsonObject("deploymentFrequency").getInt("deployments"));

        Http.Answer unknownService = http.putJson("/api/v1/services/no-such-" + s1 + "/team", ADMIN, "{\"team\":\"" + team + "\"}");
        assertEquals(404, unknownService.status(), unknownService::toString);
        Http.Answer unknownTeam = http.putJson("/api/v1/services/" + s1 + "/team", ADMIN, "{\"team\":\"no-such-" + team + "\"}");
        assertEquals(400, unknownTeam.status(), unknownTeam::toString);
        assertEquals("application/problem+json", unknownTeam.contentType());
        String reader = Fixtures.token(http, "teams:read");
        assertEquals(200, http.get("/api/v1/teams", reader).status());
        assertEquals(403, http.postJson("/api/v1/teams", reader, "{\"name\":\"" + Fixtures.unique("t") + "\"}").status());
        assertEquals(403, http.putJson("/api/v1/services/" + s1 + "/team", reader, "{\"team\":null}").status());
        assertEquals(400, http.postJson("/api/v1/teams", ADMIN, "{\"name\":\"  \"}").status());
    }

    @Test
    @DisplayName("#4 a user corrects an incident's cause: manual links change the figures at once and survive later events")
    void correctingTheCause() {
        DoraHistory h = new DoraHistory(http, "inventory");
        GitHubHooks.Deployment d1 = h.deploy("production", GitHubEventHooks.sha(), "2025-03-04T10:00:00Z");
        GitHubHooks.Deployment staging = h.deploy("staging", GitHubEventHooks.sha(), "2025-03-04T10:30:00Z");
        h.incident("Stock shows negative", "2025-03-04T12:00:00Z", "2025-03-04T13:00:00Z");
        long incident = get("/api/v1/incidents?service=" + h.service()).getJsonArray("items").getJsonObject(0)
                .getJsonNumber("id").longValue();

        // Linked to D1 by time: 1 of 1 failed; recovery 13:00 - 10:00 = 3 h (high); time to restore 1 h.
        JsonObject before = h.dora(WINDOW);
        assertKey(before.getJsonObject("changeFailureRate"), 1.0, "low");
        assertKey(before.getJsonObject("failedDeploymentRecoveryTime"), 10800.0, "high");

        String reader = Fixtures.token(http, "incidents:read", "dora:read");
        String linker = Fixtures.token(http, "incidents:link");
        String path = "/api/v1/incidents/" + incident + "/cause";
        assertEquals(403, http.putJson(path, reader, "{\"deploymentId\":null,\"note\":\"no\"}").status());
        assertEquals(401, http.putJson(path, null, "{\"deploymentId\":null,\"note\":\"no\"}").status());

        Http.Answer unlinked = correct(path, linker, "{\"deploymentId\":null,\"note\":\"Upstream PSP outage, not our change\"}");
        assertEquals(200, unlinked.status(), unlinked::toString);
        assertEquals("manual", unlinked.json().getString("linkReason"));
        assertTrue(DoraFixturesIT.absent(unlinked.json(), "causedBy"));
        assertTrue(unlinked.json().getString("linkNote").startsWith("Upstream PSP outage, not our change (set by "),
                unlinked::toString);
        JsonObject after = h.dora(WINDOW);
        assertKey(after.getJsonObject("changeFailureRate"), 0.0, "elite");
        assertNoData(after.getJsonObject("failedDeploymentRecoveryTime"));
        assertKey(after.getJsonObject("timeToRestore"), 3600.0, "high");   // still the service's incident

        // A deployment arriving late, between D1 and the incident, would be its time-based cause: the manual link stays.
        GitHubHooks.Deployment d0 = h.deploy("production", GitHubEventHooks.sha(), "2025-03-04T11:00:00Z");
        JsonObject later = h.dora(WINDOW);
        assertEquals(2, later.getJsonObject("changeFailureRate").getInt("deployments"));
        assertKey(later.getJsonObject("changeFailureRate"), 0.0, "elite");
        JsonObject read = get("/api/v1/incidents/" + incident);
        assertEquals("manual", read.getString("linkReason"));
        assertTrue(DoraFixturesIT.absent(read, "causedBy"));

        Http.Answer relinked = correct(path, linker, "{\"deploymentId\":" + h.deploymentId(d0)
                + ",\"note\":\"The cache TTL change in this release\"}");
        assertEquals(200, relinked.status(), relinked::toString);
        assertEquals(h.deploymentId(d0), relinked.json().getJsonObject("causedBy").getJsonNumber("id").longValue());
        JsonObject relinkedFigures = h.dora(WINDOW);
        assertKey(relinkedFigures.getJsonObject("changeFailureRate"), 0.5, "low");
        assertKey(relinkedFigures.getJsonObject("failedDeploymentRecoveryTime"), 7200.0, "high");   // 13:00 - 11:00
        JsonObject listed = get("/api/v1/dora/incidents?service=" + h.service() + "&measure=change_failure_rate&" + WINDOW)
                .getJsonArray("items").getJsonObject(0).getJsonObject("incident");
        assertEquals("manual", listed.getString("linkReason"));
        assertTrue(listed.getString("linkNote").startsWith("The cache TTL change"));
        assertFalse(h.deploymentId(d1) == listed.getJsonObject("causedBy").getJsonNumber("id").longValue());

        assertProblem(correct(path, linker, "{\"deploymentId\":" + h.deploymentId(staging) + ",\"note\":\"x\"}"), 400);
        assertProblem(correct(path, linker, "{\"deploymentId\":987654321987,\"note\":\"x\"}"), 400);
        assertProblem(http.putJson(path, linker, "{\"deploymentId\":null}"), 400);
        assertProblem(http.putJson(path, linker, ""), 400);
        assertProblem(http.putJson("/api/v1/incidents/987654321987/cause", linker, "{\"deploymentId\":null,\"note\":\"x\"}"), 404);
    }

    @Test
    @DisplayName("#4 without dora:read: 403 on every DORA path; without a token: 401")
    void permissions() {
        String noDora = Fixtures.token(http, "deployments:read", "incidents:read", "pipelines:read");
        String doraOnly = Fixtures.token(http, "dora:read");
        for (String path : List.of("/api/v1/dora", "/api/v1/dora/deployments", "/api/v1/dora/changes", "/api/v1/dora/incidents")) {
            assertProblem(http.get(path, noDora), 403);
            assertProblem(http.get(path), 401);
            assertEquals(200, http.get(path, doraOnly).status(), path);
        }
    }

    @Test
    @DisplayName("#4 bad questions are 400 problem+json that say what is wrong")
    void badInput() {
        String service = Fixtures.unique("nobody");
        for (String query : List.of("service=" + service, "team=" + service, "environment=" + service,
                "from=2025-03-31&to=2025-03-03", "from=2025-03-03&to=2025-03-03", "from=last-week",
                "from=2020-01-01&to=2025-01-01", "benchmark=2022")) {
            Http.Answer answer = http.get("/api/v1/dora?" + query, ADMIN);
            assertProblem(answer, 400);
            assertFalse(answer.json().getString("detail").isBlank(), query);
        }
        assertProblem(http.get("/api/v1/dora/incidents?measure=mttr", ADMIN), 400);
        assertProblem(http.get("/api/v1/dora/deployments?limit=0", ADMIN), 400);
        assertProblem(http.get("/api/v1/dora/changes?limit=501", ADMIN), 400);
        assertProblem(http.get("/api/v1/dora/changes?offset=-1", ADMIN), 400);
        assertTrue(http.get("/api/v1/dora?service=" + service, ADMIN).json().getString("detail").contains("Unknown service"));
    }

    @Test
    @DisplayName("#4 /metrics counts DORA questions by query and scope kind, with latency, and no per-team series")
    void metrics() {
        String team = Fixtures.unique("team-metrics");
        assertEquals(201, http.postJson("/api/v1/teams", ADMIN, "{\"name\":\"" + team + "\"}").status());
        double before = counted("report", "team");
        get("/api/v1/dora?team=" + team);
        get("/api/v1/dora?team=" + team + "&benchmark=2021");
        get("/api/v1/dora/changes");

        assertEquals(before + 2, counted("report", "team"));
        String metrics = http.get("/metrics").body();
        assertTrue(metrics.contains("opssight_dora_query_seconds"), "a latency timer is exported");
        assertFalse(metrics.contains(team), "no series names a team");
    }

    private double counted(String query, String scope) {
        Pattern line = Pattern.compile("^opssight_dora_queries_total\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);
        var m = line.matcher(http.get("/metrics").body());
        while (m.find()) {
            if (m.group(1).contains("query=\"" + query + "\"") && m.group(1).contains("scope=\"" + scope + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    private void deploy(String token, String service, String finishedAt) {
        Http.Answer answer = http.postJson("/api/v1/deployments", token, """
                {"service":"%s","environment":"production","status":"success","finishedAt":"%s"}""".formatted(service, finishedAt));
        assertEquals(201, answer.status(), answer::toString);
    }

    private JsonObject get(String path) {
        Http.Answer answer = http.get(path, ADMIN);
        assertEquals(200, answer.status(), () -> path + ": " + answer);
        return answer.json();
    }

    private static void assertProblem(Http.Answer answer, int status) {
        assertEquals(status, answer.status(), answer::toString);
        assertEquals("application/problem+json", answer.contentType(), answer::toString);
        assertEquals(status, answer.json().getInt("status"));
    }

    /** A correction as a client makes it: read the cause's ETag, send it as If-Match (docs/API.md). */
    private Http.Answer correct(String path, String token, String body) {
        String tag = http.get(path, token).header("ETag").orElseThrow();
        return http.send("PUT", path, token, Map.of("If-Match", tag, "Content-Type", "application/json"), body);
    }
}
