package io.opssight.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Object-level team scope: an engineer whose role is limited to team A sees only team A's services
 * in deployments, incidents and DORA figures; another team's objects are 404 (or an unknown name),
 * lists are filtered. An unscoped caller sees everything.
 */
@DisplayName("#5 team scope on deployments, incidents and DORA")
class TeamScopeIT {

    private static final String ADMIN = OpsSightServer.ADMIN_TOKEN;
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
        deploymentA = id(push(writer, "/api/v1/deployments", deployment(serviceA)));
        deploymentB = id(push(writer, "/api/v1/deployments", deployment(serviceB)));
        incidentA = id(push(writer, "/api/v1/incidents", "{\"service\":\"" + serviceA + "\",\"title\":\"A is down\"}"));
        incidentB = id(push(writer, "/api/v1/incidents", "{\"service\":\"" + serviceB + "\",\"title\":\"B is down\"}"));
        for (String[] pair : new String[][] {{teamA, serviceA}, {teamB, serviceB}}) {
            assertEquals(201, http.postJson("/api/v1/teams", ADMIN, "{\"name\":\"" + pair[0] + "\"}").status());
            Http.Answer assigned = http.putJson("/api/v1/services/" + pair[1] + "/team", ADMIN, "{\"team\":\"" + pair[0] + "\"}");
            assertEquals(200, assigned.status(), assigned::toString);
        }
    }

    @Test
    @DisplayName("#5 a team-scoped engineer reads only their team's deployments and incidents")
    void scopedEngineerSeesOnlyTheirTeam() {
        ConsoleSession engineer = userWith("[{\"role\":\"engineer\",\"team\":\"" + teamA + "\"}]");

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
        ConsoleSession engineer = userWith("[{\"role\":\"engineer\",\"team\":\"" + teamA + "\"}]");

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
        ConsoleSession engineer = userWith("[{\"role\":\"engineer\"}]");
        assertEquals(200, engineer.get("/api/v1/deployments/" + deploymentB).status());
        assertEquals(200, engineer.get("/api/v1/dora?team=" + teamB).status());
    }

    private ConsoleSession userWith(String roles) {
        String username = Fixtures.unique("eng");
        String password = "engineer password " + UUID.randomUUID();
        Http.Answer created = http.postJson("/api/v1/users", ADMIN, "{\"username\":\"" + username + "\",\"password\":\""
                + password + "\",\"roles\":" + roles + "}");
        assertEquals(201, created.status(), created::toString);
        ConsoleSession session = new ConsoleSession(server);
        assertTrue(session.signIn(username, password), () -> session.lastSignIn.toString());
        return session;
    }

    private static String deployment(String service) {
        Instant finished = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return """
                {"service":"%s","environment":"production","status":"success","sha":"%s",
                 "createdAt":"%s","finishedAt":"%s"}""".formatted(service, UUID.randomUUID().toString().replace("-", "") + "abcdef01",
                finished.minusSeconds(120), finished);
    }

    private Http.Answer push(String token, String path, String body) {
        Http.Answer answer = http.postJson(path, token, body);
        assertEquals(201, answer.status(), answer::toString);
        return answer;
    }

    private static long id(Http.Answer answer) {
        return answer.json().getJsonNumber("id").longValue();
    }

    private static List<String> services(JsonObject page) {
        return page.getJsonArray("items").stream().map(JsonValue::asJsonObject).map(o -> o.getString("service")).toList();
    }
}
