package io.opssight.it.security;

import static io.opssight.it.security.TeamScopes.ADMIN;
import static io.opssight.it.security.TeamScopes.created;
import static io.opssight.it.security.TeamScopes.id;
import static io.opssight.it.security.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.Rows;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Object-level checks on the push API's writes: a token limited to team A creates or changes only
 * objects of team A's services, whatever key the push names (an id, a natural key, a cause, a
 * repository), and claims no service. Refused pushes change nothing of team B and answer nothing of
 * it; another team's object named by id answers exactly as an unknown one. (Reads: {@link TeamScopeIT},
 * {@link TokenScopeIT}.)
 */
@DisplayName("#16 a team-scoped push creates and changes only its teams' objects")
class PushScopeIT {

    private static final String ORIGIN_B = "it:team-b-ci";

    private OpsSightServer server;
    private Http http;

    private String teamA;
    private String teamB;
    private String serviceA;
    private String serviceB;
    private String unowned;
    private long deploymentA;
    private long deploymentB;
    private String deploymentKeyB;
    private long incidentB;
    private String incidentKeyB;
    private long runB;
    private String runKeyB;
    private String token;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
        teamA = Fixtures.unique("ps-team-a");
        teamB = Fixtures.unique("ps-team-b");
        serviceA = Fixtures.unique("ps-svc-a");
        serviceB = Fixtures.unique("ps-svc-b");
        unowned = Fixtures.unique("ps-nobody");
        deploymentKeyB = Fixtures.unique("dep-b");
        incidentKeyB = Fixtures.unique("inc-b");
        runKeyB = Fixtures.unique("run-b");

        deploymentA = id(created(http.postJson("/api/v1/deployments", ADMIN, Fixtures.productionDeployment(serviceA))));
        deploymentB = id(created(http.postJson("/api/v1/deployments", ADMIN, """
                {"service":"%s","environment":"production","status":"success","origin":"%s","externalId":"%s",
                 "repository":"it/%s","version":"b-1.0","sha":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                 "createdAt":"%s","finishedAt":"%s"}""".formatted(serviceB, ORIGIN_B, deploymentKeyB, serviceB,
                hoursAgo(30), hoursAgo(29)))));
        incidentB = id(created(http.postJson("/api/v1/incidents", ADMIN, """
                {"service":"%s","title":"B is down","origin":"%s","externalId":"%s","openedAt":"%s"}"""
                .formatted(serviceB, ORIGIN_B, incidentKeyB, hoursAgo(2)))));
        runB = id(created(http.postJson("/api/v1/pipeline-runs", ADMIN, """
                {"pipeline":"build-b","repository":"it/%s","origin":"%s","externalId":"%s","status":"completed",
                 "conclusion":"failure","queuedAt":"%s","startedAt":"%s","finishedAt":"%s"}"""
                .formatted(serviceB, ORIGIN_B, runKeyB, hoursAgo(3), hoursAgo(3), hoursAgo(2)))));
        created(http.postJson("/api/v1/incidents", ADMIN, "{\"service\":\"" + unowned + "\",\"title\":\"nobody's\"}"));
        TeamScopes.own(http, teamA, serviceA);
        TeamScopes.own(http, teamB, serviceB);
        Http.Answer made = http.postJson("/api/v1/tokens", ADMIN, "{\"name\":\"" + Fixtures.unique("team-a-pusher")
                + "\",\"teams\":[\"" + teamA + "\"],\"permissions\":[\"deployments:read\",\"deployments:write\","
                + "\"incidents:read\",\"incidents:write\",\"pipelines:read\",\"pipelines:write\",\"teams:read\",\"teams:manage\"]}");
        assertEquals(201, made.status(), made::toString);
        token = made.json().getString("secret");
    }

    @Test
    @DisplayName("#16 an incident cannot name another team's deployment as its cause, by id or by natural key")
    void causeOfAnotherTeamIsAnUnknownDeployment() {
        String before = incidentState(serviceB);

        Http.Answer byId = pushIncident("{\"service\":\"" + serviceA + "\",\"title\":\"A broke\",\"causedBy\":{\"deploymentId\":"
                + deploymentB + "}}");
        Http.Answer unknownId = pushIncident("{\"service\":\"" + serviceA + "\",\"title\":\"A broke\",\"causedBy\":{\"deploymentId\":"
                + (deploymentB + 987_654_321L) + "}}");
        assertProblem(byId, 400);
        assertProblem(unknownId, 400);
        assertEquals(unknownId.json().getString("title"), byId.json().getString("title"), "another team's deployment is an unknown one");
        assertTellsNothingOfB(byId);

        Http.Answer byKey = pushIncident("{\"service\":\"" + serviceA + "\",\"title\":\"A broke\",\"causedBy\":{\"origin\":\""
                + ORIGIN_B + "\",\"externalId\":\"" + deploymentKeyB + "\"}}");
        Http.Answer unknownKey = pushIncident("{\"service\":\"" + serviceA + "\",\"title\":\"A broke\",\"causedBy\":{\"origin\":\""
                + ORIGIN_B + "\",\"externalId\":\"" + deploymentKeyB + "-none\"}}");
        assertProblem(byKey, 400);
        assertProblem(unknownKey, 400);
        assertTellsNothingOfB(byKey);

        assertEquals(List.of(), Rows.query(server, "select i.id from incident i join service s on s.id = i.service_id "
                + "where s.name = ? and i.title = 'A broke'", serviceA), "refused before anything was stored");
        assertEquals(0, Rows.only(server, "select count(*) as n from incident i join service s on s.id = i.service_id "
                + "where i.caused_by_id = ? and s.name <> ?", deploymentB, serviceB).number("n"),
                "no other service's incident is linked to team B's deployment");
        assertEquals(before, incidentState(serviceB));

        Http.Answer own = pushIncident("{\"service\":\"" + serviceA + "\",\"title\":\"A broke\",\"causedBy\":{\"deploymentId\":"
                + deploymentA + "}}");
        assertEquals(201, own.status(), own::toString);
        assertEquals(deploymentA, own.json().getJsonObject("causedBy").getJsonNumber("id").longValue(), own::toString);
    }

    @Test
    @DisplayName("#16 a push naming another team's incident, run or deployment by natural key changes nothing of it")
    void naturalKeyOfAnotherTeamIsRefused() {
        String incidentBefore = incidentState(serviceB);
        String runBefore = runState();
        String deploymentBefore = deploymentState();

        Http.Answer incident = pushIncident("""
                {"service":"%s","title":"taken over","origin":"%s","externalId":"%s","status":"resolved"}"""
                .formatted(serviceA, ORIGIN_B, incidentKeyB));
        assertProblem(incident, 403);
        assertTellsNothingOfB(incident);

        Http.Answer run = http.postJson("/api/v1/pipeline-runs", token, """
                {"pipeline":"build-b","repository":"it/%s","origin":"%s","externalId":"%s","status":"completed",
                 "conclusion":"success"}""".formatted(serviceA, ORIGIN_B, runKeyB));
        assertProblem(run, 403);
        assertTellsNothingOfB(run);

        Http.Answer deployment = http.postJson("/api/v1/deployments", token, """
                {"service":"%s","environment":"production","status":"failure","origin":"%s","externalId":"%s",
                 "version":"a-9.9"}""".formatted(serviceA, ORIGIN_B, deploymentKeyB));
        assertProblem(deployment, 403);
        assertTellsNothingOfB(deployment);

        assertEquals(incidentBefore, incidentState(serviceB), "team B's incident keeps its service, title and status");
        assertEquals(runBefore, runState(), "team B's run keeps its service and its failure");
        assertEquals(deploymentBefore, deploymentState(), "team B's deployment keeps its status and version");
    }

    @Test
    @DisplayName("#16 a push cannot land on another team's service through its repository")
    void repositoryOfAnotherTeamIsRefused() {
        long before = Rows.only(server, "select count(*) as n from deployment d join service s on s.id = d.service_id "
                + "where s.name = ?", serviceB).number("n");
        Http.Answer deployment = http.postJson("/api/v1/deployments", token, """
                {"service":"%s","environment":"production","status":"success","repository":"it/%s"}"""
                .formatted(serviceA, serviceB));
        assertProblem(deployment, 403);
        assertTellsNothingOfB(deployment);
        assertEquals(before, Rows.only(server, "select count(*) as n from deployment d join service s on s.id = d.service_id "
                + "where s.name = ?", serviceB).number("n"), "no deployment was added to team B's service");

        Http.Answer run = http.postJson("/api/v1/pipeline-runs", token, "{\"pipeline\":\"x\",\"repository\":\"it/" + serviceB + "\"}");
        assertProblem(run, 403);
    }

    @Test
    @DisplayName("#16 resolving another team's incident answers as for an incident that does not exist")
    void resolvingAnotherTeamsIncidentIsNotFound() {
        String before = incidentState(serviceB);
        Http.Answer foreign = http.postJson("/api/v1/incidents/" + incidentB + "/resolve", token,
                "{\"resolvedAt\":\"1970-01-01T00:00:00Z\"}");
        Http.Answer unknown = http.postJson("/api/v1/incidents/" + (incidentB + 987_654_321L) + "/resolve", token,
                "{\"resolvedAt\":\"1970-01-01T00:00:00Z\"}");
        assertProblem(foreign, 404);
        assertProblem(unknown, 404);
        assertTellsNothingOfB(foreign);
        assertEquals(before, incidentState(serviceB));
    }

    @Test
    @DisplayName("#16 a team-scoped caller claims no unowned service and moves no service of another team")
    void scopedCallerClaimsNoService() {
        Http.Answer claim = http.putJson("/api/v1/services/" + unowned + "/team", token, "{\"team\":\"" + teamA + "\"}");
        Http.Answer missing = http.putJson("/api/v1/services/" + unowned + "-none/team", token, "{\"team\":\"" + teamA + "\"}");
        assertProblem(claim, missing.status());
        assertProblem(missing, 404);
        assertNull(Rows.only(server, "select team_id from service where name = ?", unowned).get("team_id"), "still unowned");

        Http.Answer move = http.putJson("/api/v1/services/" + serviceB + "/team", token, "{\"team\":\"" + teamA + "\"}");
        assertProblem(move, 404);
        assertEquals(missing.json().getString("detail").replace(unowned + "-none", serviceB), move.json().getString("detail"),
                "another team's service answers as an unknown one");
        assertEquals(teamB, Rows.only(server, "select t.name from service s join team t on t.id = s.team_id where s.name = ?",
                serviceB).string("name"), "team B keeps its service");

        Http.Answer own = http.putJson("/api/v1/services/" + serviceA + "/team", token, "{\"team\":\"" + teamA + "\"}");
        assertEquals(200, own.status(), "its own service stays its own: " + own);
        Http.Answer admin = http.putJson("/api/v1/services/" + unowned + "/team", ADMIN, "{\"team\":\"" + teamA + "\"}");
        assertEquals(200, admin.status(), "an unscoped caller assigns an unowned service: " + admin);
    }

    @Test
    @DisplayName("#16 pushes inside the caller's teams still create and update")
    void ownPushesStillWork() {
        String key = Fixtures.unique("inc-a");
        Http.Answer opened = pushIncident("{\"service\":\"" + serviceA + "\",\"title\":\"A is slow\",\"externalId\":\"" + key + "\"}");
        assertEquals(201, opened.status(), opened::toString);
        Http.Answer resolved = pushIncident("{\"service\":\"" + serviceA + "\",\"title\":\"A is slow\",\"externalId\":\"" + key
                + "\",\"status\":\"resolved\"}");
        assertEquals(200, resolved.status(), resolved::toString);
        assertEquals("resolved", resolved.json().getString("status"));
        Instant finished = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Http.Answer run = http.postJson("/api/v1/pipeline-runs", token, """
                {"pipeline":"build-a","repository":"it/%s","status":"completed","conclusion":"success","finishedAt":"%s"}"""
                .formatted(serviceA, finished));
        assertEquals(201, run.status(), run::toString);
        assertEquals(serviceA, run.json().getString("service"));
    }

    private Http.Answer pushIncident(String body) {
        return http.postJson("/api/v1/incidents", token, body);
    }

    /** A refusal says nothing about team B's objects: not their keys, service or details. */
    private void assertTellsNothingOfB(Http.Answer answer) {
        for (String secret : List.of(serviceB, deploymentKeyB + "\"", incidentKeyB + "\"", runKeyB + "\"", "b-1.0", "B is down")) {
            assertFalse(answer.body().contains(secret), "the answer tells " + secret + ": " + answer);
        }
    }

    private String incidentState(String service) {
        return Rows.query(server, "select i.id, s.name as service, i.title, i.status, i.resolved_at, i.caused_by_id from incident i "
                + "left join service s on s.id = i.service_id where i.id = ? or s.name = ? order by i.id", incidentB, service).toString();
    }

    private String runState() {
        return Rows.only(server, "select s.name as service, r.status, r.conclusion, r.pipeline from pipeline_run r "
                + "left join service s on s.id = r.service_id where r.id = ?", runB).toString();
    }

    private String deploymentState() {
        return Rows.only(server, "select s.name as service, d.status, d.version, d.sha, d.row_version from deployment d "
                + "join service s on s.id = d.service_id where d.id = ?", deploymentB).toString();
    }

    private static String hoursAgo(int hours) {
        return Instant.now().minus(hours, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
