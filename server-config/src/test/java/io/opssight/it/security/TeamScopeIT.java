package io.opssight.it.security;

import static io.opssight.it.security.TeamScopes.ADMIN;
import static io.opssight.it.security.TeamScopes.created;
import static io.opssight.it.security.TeamScopes.id;
import static io.opssight.it.security.TeamScopes.services;
import static io.opssight.it.security.TeamScopes.userWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.AlertmanagerHooks;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.Rows;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Object-level team scope: an engineer whose role is limited to team A sees only team A's services
 * in deployments, incidents, DORA figures, pipeline runs and figures, alerts and the teams list;
 * another team's objects are 404 (or an unknown name), lists are filtered. An unscoped caller sees
 * everything. (Tokens limited to teams: {@link TokenScopeIT}.)
 */
@DisplayName("#5 team scope on deployments, incidents, DORA, pipelines, alerts and teams")
class TeamScopeIT {

    private OpsSightServer server;
    private Http http;

    private String teamA;
    private String teamB;
    private String serviceA;
    private String serviceB;
    private long deploymentA;
    private long deploymentB;
    private long incidentA;
    private long incidentB;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
        teamA = Fixtures.unique("team-a");
        teamB = Fixtures.unique("team-b");
        serviceA = Fixtures.unique("svc-a");
        serviceB = Fixtures.unique("svc-b");
        String writer = Fixtures.token(http, "deployments:write", "incidents:write");
        deploymentA = id(created(http.postJson("/api/v1/deployments", writer, Fixtures.productionDeployment(serviceA))));
        deploymentB = id(created(http.postJson("/api/v1/deployments", writer, Fixtures.productionDeployment(serviceB))));
        incidentA = id(created(http.postJson("/api/v1/incidents", writer, "{\"service\":\"" + serviceA + "\",\"title\":\"A is down\"}")));
        incidentB = id(created(http.postJson("/api/v1/incidents", writer, "{\"service\":\"" + serviceB + "\",\"title\":\"B is down\"}")));
        TeamScopes.own(http, teamA, serviceA);
        TeamScopes.own(http, teamB, serviceB);
    }

    @Test
    @DisplayName("#5 a team-scoped engineer reads only their team's deployments and incidents")
    void scopedEngineerSeesOnlyTheirTeam() {
        ConsoleSession engineer = userWith(server, "eng", "[{\"role\":\"engineer\",\"team\":\"" + teamA + "\"}]");

        assertEquals(200, engineer.get("/api/v1/deployments/" + deploymentA).status());
        assertEquals(404, engineer.get("/api/v1/deployments/" + deploymentB).status(), "another team's deployment does not exist");
        assertEquals(200, engineer.get("/api/v1/deployments/" + deploymentA + "/changes").status());
        assertEquals(404, engineer.get("/api/v1/deployments/" + deploymentB + "/changes").status());
        assertEquals(200, engineer.get("/api/v1/incidents/" + incidentA).status());
        assertEquals(404, engineer.get("/api/v1/incidents/" + incidentB).status());

        List<String> deployments = services(engineer.get("/api/v1/deployments?limit=500").json());
        assertTrue(deployments.contains(serviceA), deployments::toString);
        assertTrue(deployments.stream().allMatch(serviceA::equals), "only team A's services: " + deployments);
        assertEquals(List.of(), services(engineer.get("/api/v1/deployments?service=" + serviceB).json()));
        List<String> incidents = services(engineer.get("/api/v1/incidents?limit=500").json());
        assertEquals(List.of(serviceA), incidents);

        List<String> everything = services(http.get("/api/v1/deployments?limit=500", ADMIN).json());
        assertTrue(everything.contains(serviceA) && everything.contains(serviceB), "an unscoped caller sees both");
    }

    @Test
    @DisplayName("#5 a team-scoped engineer gets DORA figures of their team only")
    void scopedEngineerGetsTheirTeamsDoraFigures() {
        ConsoleSession engineer = userWith(server, "eng", "[{\"role\":\"engineer\",\"team\":\"" + teamA + "\"}]");

        ConsoleSession.Answer own = engineer.get("/api/v1/dora?team=" + teamA);
        assertEquals(200, own.status(), own::toString);
        assertEquals(1, own.json().getJsonObject("deploymentFrequency").getInt("deployments"), own::toString);
        ConsoleSession.Answer implicit = engineer.get("/api/v1/dora");
        assertEquals(200, implicit.status(), implicit::toString);
        assertEquals(teamA, implicit.json().getJsonObject("scope").getString("team"), "no team named: their own");

        ConsoleSession.Answer other = engineer.get("/api/v1/dora?team=" + teamB);
        ConsoleSession.Answer unknown = engineer.get("/api/v1/dora?team=" + Fixtures.unique("no-such-team"));
        assertEquals(400, other.status(), other::toString);
        assertEquals(unknown.status(), other.status(), "another team looks like an unknown one");
        assertEquals(400, engineer.get("/api/v1/dora?service=" + serviceB).status());
        assertEquals(400, engineer.get("/api/v1/dora/deployments?team=" + teamB).status());
        assertEquals(200, engineer.get("/api/v1/dora/deployments?team=" + teamA).status());
    }

    @Test
    @DisplayName("#5 a role held everywhere is not team-scoped")
    void unscopedEngineerSeesEveryTeam() {
        ConsoleSession engineer = userWith(server, "eng", "[{\"role\":\"engineer\"}]");
        assertEquals(200, engineer.get("/api/v1/deployments/" + deploymentB).status());
        assertEquals(200, engineer.get("/api/v1/dora?team=" + teamB).status());
    }

    @Test
    @DisplayName("#5 a team-scoped engineer sees only their team's pipeline runs and pipeline figures")
    void scopedEngineerSeesOnlyTheirTeamsPipelines() {
        String pusher = Fixtures.token(http, "pipelines:write");
        long runA = id(created(http.postJson("/api/v1/pipeline-runs", pusher, run(serviceA))));
        long runB = id(created(http.postJson("/api/v1/pipeline-runs", pusher, run(serviceB))));
        long runNobody = id(created(http.postJson("/api/v1/pipeline-runs", pusher, "{\"pipeline\":\"" + Fixtures.unique("adhoc") + "\"}")));
        assertEquals(serviceA, http.get("/api/v1/pipeline-runs/" + runA, ADMIN).json().getString("service"),
                "a run belongs to the service of its repository");
        ConsoleSession engineer = userWith(server, "eng", "[{\"role\":\"engineer\",\"team\":\"" + teamA + "\"}]");

        assertEquals(200, engineer.get("/api/v1/pipeline-runs/" + runA).status());
        ConsoleSession.Answer other = engineer.get("/api/v1/pipeline-runs/" + runB);
        assertEquals(404, other.status(), "another team's run does not exist: " + other);
        assertEquals(404, engineer.get("/api/v1/pipeline-runs/" + runNobody).status(), "a run of no known service is hidden");
        assertEquals(200, http.get("/api/v1/pipeline-runs/" + runB, ADMIN).status(), "an unscoped caller sees it");

        List<String> runs = services(engineer.get("/api/v1/pipeline-runs?limit=500").json());
        assertTrue(runs.contains(serviceA), runs::toString);
        assertTrue(runs.stream().allMatch(serviceA::equals), "only team A's runs: " + runs);
        assertEquals(List.of(), services(engineer.get("/api/v1/pipeline-runs?repository=it/" + serviceB).json()));

        assertEquals(1, completed(engineer.get("/api/v1/pipelines/stats?repository=it/" + serviceA).json()));
        assertEquals(0, completed(engineer.get("/api/v1/pipelines/stats?repository=it/" + serviceB).json()),
                "another team's runs count for nothing");
        assertEquals(1, completed(http.get("/api/v1/pipelines/stats?repository=it/" + serviceB, ADMIN).json()));
        JsonObject all = engineer.get("/api/v1/pipelines/stats").json();
        assertEquals(1, completed(all), "unfiltered, only team A's one run counts: " + all);
        assertTrue(completed(http.get("/api/v1/pipelines/stats", ADMIN).json()) >= 2, "an unscoped caller's figures have both");
    }

    @Test
    @DisplayName("#5 a team-scoped engineer sees and acknowledges only their team's alerts; alerts about no service are hidden")
    void scopedEngineerSeesOnlyTheirTeamsAlerts() {
        Fixtures.Source source = Fixtures.source(http, "alertmanager");
        long alertA = deliver(source, AlertmanagerHooks.firing("HighErrorRate", serviceA, "critical", "a-pod", "2026-11-21T08:00:00Z"));
        long alertB = deliver(source, AlertmanagerHooks.firing("HighErrorRate", serviceB, "critical", "b-pod", "2026-11-21T08:00:00Z"));
        Map<String, String> labels = new TreeMap<>(Map.of("alertname", "DiskFull", "severity", "warning"));
        long alertNobody = deliver(source, new AlertmanagerHooks.Alert("firing", labels, Map.of("summary", "disk full"),
                "2026-11-21T08:00:00Z", AlertmanagerHooks.ZERO_TIME, UUID.randomUUID().toString().replace("-", "").substring(0, 16)));
        ConsoleSession engineer = userWith(server, "eng", "[{\"role\":\"engineer\",\"team\":\"" + teamA + "\"}]");

        assertEquals(200, engineer.get("/api/v1/alerts/" + alertA).status());
        assertEquals(404, engineer.get("/api/v1/alerts/" + alertB).status(), "another team's alert does not exist");
        assertEquals(404, engineer.get("/api/v1/alerts/" + alertNobody).status(), "an alert about no service is hidden");
        assertEquals(200, http.get("/api/v1/alerts/" + alertNobody, ADMIN).status(), "an unscoped caller sees it");
        List<String> alerts = services(engineer.get("/api/v1/alerts?limit=500").json());
        assertTrue(alerts.contains(serviceA), alerts::toString);
        assertTrue(alerts.stream().allMatch(serviceA::equals), "only team A's alerts: " + alerts);
        assertEquals(List.of(), services(engineer.get("/api/v1/alerts?service=" + serviceB).json()));

        ConsoleSession.Answer refused = engineer.postJson("/api/v1/alerts/" + alertB + "/acknowledge", "{}");
        assertEquals(404, refused.status(), refused::toString);
        assertEquals(null, Rows.query(server, "select acknowledged_by from alert where id = ?", alertB).get(0).get("acknowledged_by"),
                "another team's alert stays unacknowledged");
        ConsoleSession.Answer acked = engineer.postJson("/api/v1/alerts/" + alertA + "/acknowledge", "{}");
        assertEquals(200, acked.status(), acked::toString);
    }

    @Test
    @DisplayName("#5 a team-scoped engineer sees only their own teams in the teams list")
    void scopedEngineerSeesOnlyTheirTeams() {
        ConsoleSession engineer = userWith(server, "eng", "[{\"role\":\"engineer\",\"team\":\"" + teamA + "\"}]");

        ConsoleSession.Answer list = engineer.get("/api/v1/teams");
        assertEquals(200, list.status(), list::toString);
        List<String> names = names(list.body());
        assertEquals(List.of(teamA), names, "only their own team");
        assertEquals(200, engineer.get("/api/v1/teams/" + teamA).status());
        assertEquals(404, engineer.get("/api/v1/teams/" + teamB).status(), "another team does not exist");
        List<String> everything = names(http.get("/api/v1/teams", ADMIN).body());
        assertTrue(everything.contains(teamA) && everything.contains(teamB), "an unscoped caller sees both");
    }

    /** A completed, successful run of pipeline build-… in repository it/{service}, finished an hour ago. */
    private static String run(String service) {
        Instant finished = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        return """
                {"pipeline":"build-%s","repository":"it/%s","branch":"main","status":"completed","conclusion":"success",
                 "queuedAt":"%s","startedAt":"%s","finishedAt":"%s"}""".formatted(service.substring(6), service,
                finished.minusSeconds(300), finished.minusSeconds(240), finished);
    }

    private static long completed(JsonObject stats) {
        return stats.getJsonObject("runs").getJsonNumber("completed").longValue();
    }

    private long deliver(Fixtures.Source source, AlertmanagerHooks.Alert alert) {
        Http.Answer answer = http.postRaw(source.ingestPath(), AlertmanagerHooks.headers(source.secret()),
                AlertmanagerHooks.notification("opssight", alert.status(), Map.of("alertname", alert.labels().get("alertname")), alert));
        assertEquals(202, answer.status(), answer::toString);
        List<Rows.Row> rows = Rows.query(server, "select id from alert where fingerprint = ?", alert.fingerprint());
        assertEquals(1, rows.size(), rows::toString);
        return rows.get(0).number("id");
    }

    private static List<String> names(String jsonArray) {
        try (JsonReader reader = Json.createReader(new StringReader(jsonArray))) {
            JsonArray teams = reader.readArray();
            return teams.stream().map(JsonValue::asJsonObject).map(o -> o.getString("name")).toList();
        }
    }
}
