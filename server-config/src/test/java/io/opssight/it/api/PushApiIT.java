package io.opssight.it.api;

import static io.opssight.it.api.ApiContractIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.util.Arrays;

/**
 * The push API end to end, for tools without webhooks: deployments, incidents (and resolve) and
 * pipeline runs pushed with API tokens through the runnable jar into PostgreSQL, and the read
 * side tools need (incidents with their cause, runs with jobs, what a deployment shipped, alerts).
 */
@DisplayName("#3 push API and read side")
class PushApiIT {

    private OpsSightServer server;
    private Http http;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
    }

    // ---- deployments -------------------------------------------------------------------------

    @Test
    @DisplayName("#3 a pushed deployment is created (201, Location), stored as a replayable delivery, and readable")
    void pushedDeploymentIsCreatedAndStoredAsADelivery() throws SQLException {
        String tokenName = Fixtures.unique("octopus-deploy");
        String writer = token(tokenName, "deployments:write");
        String service = Fixtures.unique("checkout");

        Http.Answer answer = push("/api/v1/deployments", writer, """
                {"service":"%s","environment":"production","version":"2024.11.3","sha":"%s","ref":"refs/heads/main",
                 "status":"success","createdAt":"2026-03-02T09:58:10Z","startedAt":"2026-03-02T09:58:40Z",
                 "finishedAt":"2026-03-02T10:04:12Z","url":"https://octopus.acme.io/app#/Spaces-1/deployments/Deployments-4117",
                 "creator":"jane.doe","toolSpecificField":{"tenant":"eu-1"}}""".formatted(service, sha("c1" + service)), null);

        assertEquals(201, answer.status(), answer::toString);
        JsonObject deployment = answer.json();
        long id = deployment.getJsonNumber("id").longValue();
        assertTrue(answer.header("Location").orElse("").endsWith("/api/v1/deployments/" + id), answer::toString);
        assertEquals(service, deployment.getString("service"));
        assertEquals("production", deployment.getString("environment"));
        assertTrue(deployment.getBoolean("production"));
        assertEquals("success", deployment.getString("status"));
        assertEquals("2024.11.3", deployment.getString("version"));
        assertEquals("2026-03-02T09:58:40Z", deployment.getString("startedAt"), "the start is kept for a finished push");
        assertEquals("2026-03-02T10:04:12Z", deployment.getString("finishedAt"));
        assertEquals(332, deployment.getInt("durationSeconds"));
        assertEquals("push:" + tokenName, deployment.getString("origin"));
        assertTrue(deployment.getString("externalId").startsWith("push-"), "generated when the tool names none");

        Http.Answer read = http.get("/api/v1/deployments/" + id, token(Fixtures.unique("reader"), "deployments:read"));
        assertEquals(200, read.status(), read::toString);
        assertEquals(deployment, read.json(), "the push answers with exactly what a read shows");

        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement("select d.status, d.event_type, d.headers, convert_from(d.body, 'UTF8') "
                        + "from delivery d join source s on s.id = d.source_id where s.kind = 'PUSH' and s.name = 'deployments' "
                        + "and convert_from(d.body, 'UTF8') like ?")) {
            s.setString(1, "%\"service\":\"" + service + "\"%");
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "the push is kept as a delivery of the internal push source");
                assertEquals("PROCESSED", rs.getString(1));
                assertEquals("deployment", rs.getString(2));
                assertTrue(rs.getString(3).contains("token:" + tokenName), rs.getString(3));
                assertFalse(rs.getString(3).contains(writer), "the token itself is never stored");
                assertTrue(rs.getString(4).contains("\"externalId\":\"" + deployment.getString("externalId") + "\""),
                        "the stored body names the object it made, so a replay makes the same one");
                assertFalse(rs.next(), "stored once");
            }
        }
        Http.Answer sources = http.get("/api/v1/sources", OpsSightServer.ADMIN_TOKEN);
        assertFalse(sources.body().contains("\"kind\":\"push\""), "internal push sources are not webhook sources: " + sources);
    }

    @Test
    @DisplayName("#3 a repeat with the same Idempotency-Key answers 200 with the same deployment; a reused key with another body is 422")
    void idempotentRepeat() throws SQLException {
        String writer = token(Fixtures.unique("spinnaker"), "deployments:write");
        String service = Fixtures.unique("search");
        String key = UUID.randomUUID().toString();
        String body = """
                {"service":"%s","environment":"prod-eu-1","production":true,"version":"v87","status":"success",
                 "finishedAt":"2026-03-02T11:00:00Z"}""".formatted(service);

        Http.Answer first = push("/api/v1/deployments", writer, body, key);
        Http.Answer again = push("/api/v1/deployments", writer, body, key);
        Http.Answer reused = push("/api/v1/deployments", writer, body.replace("v87", "v88"), key);

        assertEquals(201, first.status(), first::toString);
        assertEquals(200, again.status(), again::toString);
        assertEquals("true", again.header("Idempotent-Replayed").orElse(""));
        assertEquals(first.json().getJsonNumber("id"), again.json().getJsonNumber("id"));
        assertTrue(first.json().getBoolean("production"), "an explicit production flag makes the environment production");
        assertProblem(reused, 422);
        assertTrue(reused.json().getString("detail").contains("different"), reused::toString);
        assertEquals(1, deploymentsOf(service).size());
        assertEquals(1, pushDeliveriesMentioning(service), "a repeat is not stored again");

        // Without a key, an identical body is a repeat too (content hash)...
        String keyless = body.replace("v87", "v90").replace("11:00:00Z", "12:00:00Z");
        Http.Answer once = push("/api/v1/deployments", writer, keyless, null);
        Http.Answer twice = push("/api/v1/deployments", writer, keyless, null);
        assertEquals(201, once.status(), once::toString);
        assertEquals(200, twice.status(), twice::toString);
        assertEquals(once.json().getJsonNumber("id"), twice.json().getJsonNumber("id"));
        assertEquals(2, deploymentsOf(service).size());
    }

    @Test
    @DisplayName("#3 a push naming an existing externalId moves that deployment on (200), like a later webhook status")
    void laterPushUpdatesTheDeployment() {
        String writer = token(Fixtures.unique("jenkins-deploy"), "deployments:write");
        String service = Fixtures.unique("billing");
        String started = push("/api/v1/deployments", writer, """
                {"service":"%s","environment":"staging","externalId":"deploy-billing-1207","status":"in_progress",
                 "createdAt":"2026-03-02T08:00:00Z","startedAt":"2026-03-02T08:00:05Z"}""".formatted(service), null).body();
        Http.Answer finished = push("/api/v1/deployments", writer, """
                {"service":"%s","environment":"staging","externalId":"deploy-billing-1207","status":"failure",
                 "finishedAt":"2026-03-02T08:03:00Z"}""".formatted(service), null);

        assertTrue(started.contains("\"in_progress\""), started);
        assertEquals(200, finished.status(), finished::toString);
        assertFalse(finished.header("Location").isPresent(), "nothing was created");
        JsonObject deployment = finished.json();
        assertEquals("failure", deployment.getString("status"));
        assertEquals("2026-03-02T08:00:05Z", deployment.getString("startedAt"));
        assertEquals("2026-03-02T08:03:00Z", deployment.getString("finishedAt"));
        assertFalse(deployment.getBoolean("production"));
        assertEquals(1, deploymentsOf(service).size());
    }

    // ---- authentication, authorisation, validation ------------------------------------------

    @Test
    @DisplayName("#3 each operation needs its own permission (403) and a token (401); nothing is stored when refused")
    void permissionsAndTokens() {
        String readEverything = token(Fixtures.unique("reader"), "deployments:read", "incidents:read", "pipelines:read",
                "alerts:read");
        String writeEverything = token(Fixtures.unique("writer"), "deployments:write", "incidents:write", "pipelines:write");
        String service = Fixtures.unique("refused");
        Map<String, String> pushes = Map.of(
                "/api/v1/deployments", "{\"service\":\"" + service + "\",\"environment\":\"production\"}",
                "/api/v1/incidents", "{\"service\":\"" + service + "\",\"title\":\"Refused\"}",
                "/api/v1/pipeline-runs", "{\"pipeline\":\"" + service + "\"}");

        for (Map.Entry<String, String> p : pushes.entrySet()) {
            assertProblem(push(p.getKey(), readEverything, p.getValue(), null), 403);
            Http.Answer anonymous = push(p.getKey(), null, p.getValue(), null);
            assertProblem(anonymous, 401);
            assertTrue(anonymous.header("WWW-Authenticate").orElse("").startsWith("Bearer"), anonymous::toString);
            assertProblem(push(p.getKey(), "ops_not-a-real-token-at-all", p.getValue(), null), 401);
        }
        // a token for one push type is no token for another
        assertProblem(push("/api/v1/incidents", token(Fixtures.unique("deployer"), "deployments:write"),
                pushes.get("/api/v1/incidents"), null), 403);
        assertProblem(push("/api/v1/incidents/1/resolve", readEverything, "{}", null), 403);
        assertProblem(push("/api/v1/incidents/1/resolve", null, "{}", null), 401);
        for (String read : List.of("/api/v1/incidents", "/api/v1/incidents/1", "/api/v1/pipeline-runs",
                "/api/v1/pipeline-runs/1", "/api/v1/alerts", "/api/v1/alerts/1", "/api/v1/deployments/1/changes")) {
            assertProblem(http.get(read, writeEverything), 403);
            assertProblem(http.get(read), 401);
        }
        assertEquals(0, deploymentsOf(service).size());
        assertEquals(0, http.get("/api/v1/incidents?service=" + service, readEverything).json().getJsonArray("items").size());
    }

    @Test
    @DisplayName("#3 bad pushes get 400 problem+json with violations, never a 500, and store nothing")
    void badInputIs400() {
        String writer = token(Fixtures.unique("writer"), "deployments:write", "incidents:write", "pipelines:write");
        String service = Fixtures.unique("invalid");

        Http.Answer missing = push("/api/v1/deployments", writer, "{\"version\":\"1.0\"}", null);
        assertProblem(missing, 400);
        assertEquals(Set.of("environment", "service"), violatedFields(missing));
        Http.Answer badWords = push("/api/v1/deployments", writer, """
                {"service":"%s","environment":"production","status":"exploded","sha":"not-a-sha",
                 "commits":[{"sha":"%s"}]}""".formatted(service, sha("x")), null);
        assertProblem(badWords, 400);
        assertEquals(Set.of("committedAt", "sha", "status"), violatedFields(badWords));
        Http.Answer badRun = push("/api/v1/pipeline-runs", writer,
                "{\"pipeline\":\"ci\",\"conclusion\":\"green\",\"jobs\":[{\"status\":\"done\"}]}", null);
        assertProblem(badRun, 400);
        assertEquals(Set.of("conclusion", "name", "status"), violatedFields(badRun));
        Http.Answer noTitle = push("/api/v1/incidents", writer, "{\"service\":\"" + service + "\"}", null);
        assertEquals(Set.of("title"), violatedFields(noTitle));

        List<Http.Answer> others = new ArrayList<>();
        others.add(push("/api/v1/deployments", writer, """
                {"service":"%s","environment":"production","commits":[{"sha":"%s","committedAt":"2026-03-01T10:00:00Z"}]}"""
                .formatted(service, sha("y")), null));
        others.add(push("/api/v1/deployments", writer, """
                {"service":"%s","environment":"production","startedAt":"2026-03-01T10:00:00Z","finishedAt":"2026-03-01T09:00:00Z"}"""
                .formatted(service), null));
        others.add(push("/api/v1/deployments", writer, """
                {"service":"%s","environment":"production","finishedAt":"yesterday"}""".formatted(service), null));
        others.add(push("/api/v1/deployments", writer, "{\"service\":", null));
        others.add(push("/api/v1/deployments", writer, "", null));
        others.add(push("/api/v1/deployments", writer, "[]", null));
        others.add(push("/api/v1/deployments", writer, "{\"service\":\"" + service + "\",\"environment\":\"production\"}",
                "k".repeat(300)));
        others.add(push("/api/v1/incidents", writer, "{\"title\":\"t\",\"causedBy\":{\"deploymentId\":987654321}}", null));
        others.add(push("/api/v1/incidents", writer, "{\"title\":\"t\",\"causedBy\":{\"origin\":\"github:acme\"}}", null));
        others.add(push("/api/v1/incidents", writer, "{\"title\":\"t\",\"status\":\"on fire\"}", null));
        others.add(push("/api/v1/pipeline-runs", writer,
                "{\"pipeline\":\"ci\",\"jobs\":[{\"name\":\"test\"},{\"name\":\"test\"}]}", null));
        others.add(push("/api/v1/pipeline-runs", writer, "{\"pipeline\":\"ci\",\"status\":\"queued\",\"conclusion\":\"success\"}", null));
        for (Http.Answer answer : others) {
            assertProblem(answer, 400);
            assertFalse(answer.body().contains("Exception"), answer::toString);
        }
        assertTrue(others.get(0).json().getString("detail").contains("repository"), others.get(0)::toString);
        assertTrue(others.get(7).json().getString("detail").contains("987654321"), others.get(7)::toString);
        assertEquals(0, deploymentsOf(service).size());
    }

    // ---- incidents --------------------------------------------------------------------------

    @Test
    @DisplayName("#3 a pushed incident is linked to the latest successful production deployment of its service")
    void incidentIsLinkedToTheLatestProductionDeployment() {
        Setup s = servicesWithDeployments();

        Http.Answer pushed = push("/api/v1/incidents", s.incidentWriter, """
                {"service":"%s","title":"Checkout returns 502 for EU customers","severity":"SEV2",
                 "openedAt":"2026-03-02T13:00:00Z","externalId":"INC-20431","url":"https://status.acme.io/incidents/20431"}"""
                .formatted(s.service), null);

        assertEquals(201, pushed.status(), pushed::toString);
        long id = pushed.json().getJsonNumber("id").longValue();
        assertTrue(pushed.header("Location").orElse("").endsWith("/api/v1/incidents/" + id));
        JsonObject incident = http.get("/api/v1/incidents/" + id, s.reader).json();
        assertEquals("latest_production_deployment", incident.getString("linkReason"));
        assertEquals(s.second, incident.getJsonObject("causedBy").getJsonNumber("id").longValue(),
                "the latest successful production deployment before it opened (not staging, not the failed one)");
        assertEquals("2.5.0", incident.getJsonObject("causedBy").getString("version"));
        assertTrue(incident.getString("linkNote").contains("latest production deployment"), incident::toString);
        assertEquals("triggered", incident.getString("status"));
        assertEquals("SEV2", incident.getString("severity"));
        assertEquals(s.service, incident.getString("service"));
        assertEquals("INC-20431", incident.getString("externalId"));
    }

    @Test
    @DisplayName("#3 an explicit causedBy overrides the latest production deployment, also when it arrives later")
    void explicitCauseOverridesTheGuess() {
        Setup s = servicesWithDeployments();

        JsonObject byId = push("/api/v1/incidents", s.incidentWriter, """
                {"service":"%s","title":"Payment retries double-charge","openedAt":"2026-03-02T13:05:00Z",
                 "causedBy":{"deploymentId":%d}}""".formatted(s.service, s.first), null).json();
        String named = Fixtures.unique("01HQ7ZK3V9");
        JsonObject byKey = push("/api/v1/incidents", s.incidentWriter, """
                {"service":"%s","title":"Latency p99 above 2s","openedAt":"2026-03-02T13:10:00Z",
                 "causedBy":{"origin":"spinnaker:prod","externalId":"%s"}}""".formatted(s.service, named), null).json();

        assertEquals("explicit", byId.getString("linkReason"));
        assertEquals(s.first, byId.getJsonObject("causedBy").getJsonNumber("id").longValue());
        assertTrue(byId.getString("linkNote").contains("named by the source"), byId::toString);
        assertEquals("latest_production_deployment", byKey.getString("linkReason"), "the named deployment is not known yet");
        assertEquals(s.second, byKey.getJsonObject("causedBy").getJsonNumber("id").longValue());
        assertEquals(named, byKey.getJsonObject("namedCause").getString("externalId"));

        Http.Answer late = push("/api/v1/deployments", s.deploymentWriter, """
                {"service":"%s","environment":"production","origin":"spinnaker:prod","externalId":"%s",
                 "version":"2.5.1-hotfix","status":"success","finishedAt":"2026-03-02T12:50:00Z"}""".formatted(s.service, named), null);
        assertEquals(201, late.status(), late::toString);
        assertEquals("spinnaker:prod", late.json().getString("origin"));

        JsonObject relinked = http.get("/api/v1/incidents/" + byKey.getJsonNumber("id"), s.reader).json();
        assertEquals("explicit", relinked.getString("linkReason"));
        assertEquals(late.json().getJsonNumber("id"), relinked.getJsonObject("causedBy").getJsonNumber("id"));
    }

    @Test
    @DisplayName("#3 resolve records the resolution, restore and recovery times; resolving again changes nothing")
    void resolve() {
        Setup s = servicesWithDeployments();
        long id = push("/api/v1/incidents", s.incidentWriter, """
                {"service":"%s","title":"Cart API 500s","openedAt":"2026-03-02T13:00:00Z"}""".formatted(s.service), null)
                .json().getJsonNumber("id").longValue();

        Http.Answer resolved = push("/api/v1/incidents/" + id + "/resolve", s.incidentWriter,
                "{\"resolvedAt\":\"2026-03-02T13:45:00Z\"}", null);
        Http.Answer again = push("/api/v1/incidents/" + id + "/resolve", s.incidentWriter, "{}", null);

        assertEquals(200, resolved.status(), resolved::toString);
        JsonObject incident = resolved.json();
        assertEquals("resolved", incident.getString("status"));
        assertEquals("2026-03-02T13:45:00Z", incident.getString("resolvedAt"));
        assertEquals(2700, incident.getInt("timeToRestoreSeconds"));
        assertEquals(6300, incident.getInt("recoverySeconds"), "resolved 13:45 - causing deployment finished 12:00");
        assertEquals(200, again.status(), again::toString);
        assertEquals("2026-03-02T13:45:00Z", again.json().getString("resolvedAt"), "a repeated resolve keeps the time");
        assertEquals("resolved", http.get("/api/v1/incidents/" + id, s.reader).json().getString("status"));

        assertProblem(push("/api/v1/incidents/987654321/resolve", s.incidentWriter, "{}", null), 404);
        assertProblem(push("/api/v1/incidents/" + id + "/resolve", s.incidentWriter,
                "{\"resolvedAt\":\"2026-03-02T12:00:00Z\"}", null), 400);
    }

    @Test
    @DisplayName("#3 incidents filter by service, status and time, and page newest first with a cursor")
    void incidentsFilterAndPage() {
        String writer = token(Fixtures.unique("statuspage"), "incidents:write");
        String reader = token(Fixtures.unique("reader"), "incidents:read");
        String service = Fixtures.unique("search-api");
        for (int day = 1; day <= 5; day++) {
            String resolved = day % 2 == 0 ? ",\"resolvedAt\":\"2026-04-0" + day + "T10:30:00Z\"" : "";
            Http.Answer answer = push("/api/v1/incidents", writer, """
                    {"service":"%s","title":"Search degraded (day %d)","severity":"SEV3","openedAt":"2026-04-0%dT10:00:00Z"%s}"""
                    .formatted(service, day, day, resolved), null);
            assertEquals(201, answer.status(), answer::toString);
        }

        List<String> seen = pageThrough("/api/v1/incidents?service=" + service + "&limit=2", reader, "openedAt");

        assertEquals(List.of("2026-04-05T10:00:00Z", "2026-04-04T10:00:00Z", "2026-04-03T10:00:00Z", "2026-04-02T10:00:00Z",
                "2026-04-01T10:00:00Z"), seen, "newest first, each exactly once, over 3 pages");
        assertEquals(2, items("/api/v1/incidents?service=" + service + "&status=resolved", reader).size());
        assertEquals(3, items("/api/v1/incidents?service=" + service + "&status=triggered", reader).size());
        assertEquals(2, items("/api/v1/incidents?service=" + service + "&from=2026-04-02&to=2026-04-04", reader).size());
        assertProblem(http.get("/api/v1/incidents?status=burning", reader), 400);
        assertProblem(http.get("/api/v1/incidents?cursor=nope", reader), 400);
        assertProblem(http.get("/api/v1/incidents/987654321", reader), 404);
    }

    // ---- pipeline runs ------------------------------------------------------------------------

    @Test
    @DisplayName("#3 pushed pipeline runs keep their jobs, can be updated, and filter and page")
    void pipelineRuns() {
        String ci = token(Fixtures.unique("buildkite"), "pipelines:write");
        String reader = token(Fixtures.unique("reader"), "pipelines:read");
        String repo = "acme/" + Fixtures.unique("storefront");
        String sha = sha("run" + repo);

        Http.Answer first = push("/api/v1/pipeline-runs", ci, """
                {"pipeline":"storefront-ci","repository":"%s","branch":"main","sha":"%s","externalId":"7781",
                 "conclusion":"success","queuedAt":"2026-05-04T08:00:00Z","startedAt":"2026-05-04T08:01:00Z",
                 "finishedAt":"2026-05-04T08:09:00Z","url":"https://buildkite.com/acme/storefront-ci/builds/7781",
                 "jobs":[{"name":":jest: unit tests","status":"completed","conclusion":"success",
                          "startedAt":"2026-05-04T08:04:00Z","finishedAt":"2026-05-04T08:09:00Z"},
                         {"name":":docker: build","status":"completed","conclusion":"success",
                          "startedAt":"2026-05-04T08:01:00Z","finishedAt":"2026-05-04T08:04:00Z"}]}""".formatted(repo, sha), null);
        push("/api/v1/pipeline-runs", ci, run(repo, "7782", "main", "2026-05-04T09:00:00Z", ",\"startedAt\":\"2026-05-04T09:02:00Z\","
                + "\"finishedAt\":\"2026-05-04T09:15:00Z\",\"conclusion\":\"failure\""), null);
        push("/api/v1/pipeline-runs", ci, run(repo, "7783", "feature/eu-checkout", "2026-05-04T10:00:00Z",
                ",\"startedAt\":\"2026-05-04T10:01:00Z\""), null);
        push("/api/v1/pipeline-runs", ci, run(repo, "7784", "main", "2026-05-04T11:00:00Z", ""), null);

        assertEquals(201, first.status(), first::toString);
        long id = first.json().getJsonNumber("id").longValue();
        assertTrue(first.header("Location").orElse("").endsWith("/api/v1/pipeline-runs/" + id));
        JsonObject run = http.get("/api/v1/pipeline-runs/" + id, reader).json();
        assertEquals("completed", run.getString("status"));
        assertEquals("success", run.getString("conclusion"));
        assertEquals(60, run.getInt("queueSeconds"));
        assertEquals(480, run.getInt("durationSeconds"));
        assertEquals(repo.substring("acme/".length()), run.getString("service"));
        assertEquals(List.of(":docker: build", ":jest: unit tests"), run.getJsonArray("jobs").getValuesAs(JsonObject.class)
                .stream().map(j -> j.getString("name")).toList(), "jobs in the order they started");
        assertEquals(300, run.getJsonArray("jobs").getJsonObject(1).getInt("durationSeconds"));

        List<String> seen = pageThrough("/api/v1/pipeline-runs?repository=" + repo + "&limit=3", reader, "externalId");
        assertEquals(List.of("7784", "7783", "7782", "7781"), seen, "newest first by queue time, over 2 pages");
        assertEquals(3, items("/api/v1/pipeline-runs?repository=" + repo + "&branch=main", reader).size());
        assertEquals("7782", items("/api/v1/pipeline-runs?repository=" + repo + "&conclusion=failure", reader).get(0)
                .getString("externalId"));
        assertEquals("7783", items("/api/v1/pipeline-runs?repository=" + repo + "&status=in_progress", reader).get(0)
                .getString("externalId"));
        assertEquals(1, items("/api/v1/pipeline-runs?repository=" + repo + "&from=2026-05-04T09:30:00Z&to=2026-05-04T10:30:00Z",
                reader).size());

        Http.Answer finished = push("/api/v1/pipeline-runs", ci, run(repo, "7783", "feature/eu-checkout",
                "2026-05-04T10:00:00Z", ",\"finishedAt\":\"2026-05-04T10:20:00Z\",\"conclusion\":\"cancelled\""), null);
        assertEquals(200, finished.status(), finished::toString);
        assertEquals("cancelled", finished.json().getString("conclusion"));
        assertEquals("2026-05-04T10:01:00Z", finished.json().getString("startedAt"), "what was known is kept");
        assertEquals(1140, finished.json().getInt("durationSeconds"));

        assertProblem(http.get("/api/v1/pipeline-runs?conclusion=green", reader), 400);
        assertProblem(http.get("/api/v1/pipeline-runs/987654321", reader), 404);
    }

    // ---- what deployments shipped -------------------------------------------------------------

    @Test
    @DisplayName("#3 GET /deployments/{id}/changes shows the pushed commits each deployment shipped, with lead times")
    void deploymentChangesWithLeadTimes() {
        String writer = token(Fixtures.unique("argo-rollouts"), "deployments:write");
        String reader = token(Fixtures.unique("reader"), "deployments:read");
        String name = Fixtures.unique("payments");
        String repo = "acme/" + name;
        String c1 = sha("c1" + repo);
        String c2 = sha("c2" + repo);
        String c3 = sha("c3" + repo);
        String c4 = sha("c4" + repo);
        String c5 = sha("c5" + repo);

        Http.Answer first = push("/api/v1/deployments", writer, """
                {"service":"%s","repository":"%s","environment":"production","version":"3.1.0","ref":"main",
                 "status":"success","finishedAt":"2026-03-03T15:00:00Z",
                 "commits":[{"sha":"%s","committedAt":"2026-03-03T11:00:00Z","message":"Retry card declines once","author":"Ana"},
                            {"sha":"%s","committedAt":"2026-03-01T10:00:00Z","message":"Add idempotency to refunds","author":"Bo"},
                            {"sha":"%s","committedAt":"2026-03-02T09:30:00Z","message":"Bump stripe-java to 24.3.0","author":"Ana"}]}"""
                .formatted(name, repo, c3, c1, c2), null);
        Http.Answer second = push("/api/v1/deployments", writer, """
                {"service":"%s","repository":"%s","environment":"production","version":"3.2.0","sha":"%s",
                 "status":"success","finishedAt":"2026-03-04T10:00:00Z",
                 "commits":[{"sha":"%s","committedAt":"2026-03-03T11:00:00Z"},
                            {"sha":"%s","committedAt":"2026-03-04T08:00:00Z","message":"Split ledger writes"},
                            {"sha":"%s","committedAt":"2026-03-04T09:00:00Z","message":"Merge pull request #912"}]}"""
                .formatted(name, repo, c5, c3, c4, c5), null);
        Http.Answer failed = push("/api/v1/deployments", writer, """
                {"service":"%s","repository":"%s","environment":"production","status":"failure","finishedAt":"2026-03-04T12:00:00Z",
                 "commits":[{"sha":"%s","committedAt":"2026-03-04T11:00:00Z"}]}""".formatted(name, repo, sha("c6" + repo)), null);
        assertEquals(201, first.status(), first::toString);
        assertEquals(c3, first.json().getString("sha"), "the newest commit is the deployed one when sha is left out");

        JsonObject shipped = changes(first, reader);
        assertEquals(List.of(c1, c2, c3), shas(shipped), "oldest first");
        assertEquals(List.of(190800L, 106200L, 14400L), leadTimes(shipped), "finish 03-03 15:00 minus each commit time");
        assertEquals(3, shipped.getInt("count"));
        assertEquals(106200, shipped.getInt("medianLeadTimeSeconds"));
        assertEquals("Add idempotency to refunds", shipped.getJsonArray("items").getJsonObject(0).getString("message"));
        assertEquals("Bo", shipped.getJsonArray("items").getJsonObject(0).getString("author"));

        JsonObject next = changes(second, reader);
        assertEquals(List.of(c4, c5), shas(next), "only what the previous production deployment had not shipped");
        assertEquals(List.of(7200L, 3600L), leadTimes(next));
        assertEquals(5400, next.getInt("medianLeadTimeSeconds"));

        JsonObject none = changes(failed, reader);
        assertEquals(0, none.getInt("count"), "a failed deployment ships nothing");
        assertTrue(!none.containsKey("medianLeadTimeSeconds") || none.isNull("medianLeadTimeSeconds"));
        assertProblem(http.get("/api/v1/deployments/987654321/changes", reader), 404);
    }

    // ---- alerts -----------------------------------------------------------------------------------

    @Test
    @DisplayName("#3 alerts filter by status and service and page newest first with a cursor")
    void alertsFilterAndPage() throws SQLException {
        String reader = token(Fixtures.unique("oncall"), "alerts:read");
        String service = Fixtures.unique("ledger");
        try (Connection c = TestPostgres.connect(server.database())) {
            try (PreparedStatement s = c.prepareStatement("insert into service (id, name, created_at, version) "
                    + "values (nextval('service_seq'), ?, now(), 0)")) {
                s.setString(1, service);
                s.executeUpdate();
            }
            // As AlertRecorder stores Alertmanager's alerts: one row per firing episode, labels and annotations as JSON.
            String[][] alerts = {
                {"HighErrorRate", "2026-06-01T08:00:00Z", "firing", "critical"},
                {"HighLatencyP99", "2026-06-01T09:00:00Z", "resolved", "warning"},
                {"KafkaConsumerLag", "2026-06-01T10:00:00Z", "firing", "warning"},
                {"HighErrorRate", "2026-06-01T11:00:00Z", "firing", "critical"},
            };
            for (String[] a : alerts) {
                try (PreparedStatement s = c.prepareStatement("insert into alert (id, origin, fingerprint, starts_at, name, "
                        + "service_id, severity, status, labels, annotations, generator_url, ends_at, last_seen_at, row_version) "
                        + "values (nextval('alert_seq'), 'alertmanager:prod-eu', ?, ?::timestamptz, ?, "
                        + "(select id from service where name = ?), ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, 0)")) {
                    s.setString(1, sha(a[0] + service).substring(0, 16));
                    s.setString(2, a[1]);
                    s.setString(3, a[0]);
                    s.setString(4, service);
                    s.setString(5, a[3]);
                    s.setString(6, a[2]);
                    s.setString(7, "{\"alertname\":\"" + a[0] + "\",\"service\":\"" + service + "\",\"severity\":\"" + a[3]
                            + "\",\"namespace\":\"payments\",\"job\":\"ledger-api\"}");
                    s.setString(8, "{\"summary\":\"" + a[0] + " on " + service + "\",\"runbook_url\":"
                            + "\"https://runbooks.acme.io/" + a[0] + "\"}");
                    s.setString(9, "http://prometheus-k8s-0:9090/graph?g0.expr=job%3A" + a[0]);
                    s.setString(10, a[2].equals("resolved") ? "2026-06-01T09:20:00Z" : null);
                    s.setString(11, a[1]);
                    s.executeUpdate();
                }
            }
        }

        List<String> firing = pageThrough("/api/v1/alerts?service=" + service + "&status=firing&limit=2", reader, "startsAt");
        assertEquals(List.of("2026-06-01T11:00:00Z", "2026-06-01T10:00:00Z", "2026-06-01T08:00:00Z"), firing);
        List<JsonObject> resolved = items("/api/v1/alerts?service=" + service + "&status=resolved", reader);
        assertEquals(1, resolved.size());
        JsonObject alert = http.get("/api/v1/alerts/" + resolved.get(0).getJsonNumber("id"), reader).json();
        assertEquals("HighLatencyP99", alert.getString("name"));
        assertEquals("2026-06-01T09:20:00Z", alert.getString("endsAt"));
        assertEquals("ledger-api", alert.getJsonObject("labels").getString("job"));
        assertEquals("https://runbooks.acme.io/HighLatencyP99", alert.getJsonObject("annotations").getString("runbook_url"));
        assertEquals(service, alert.getString("service"));
        assertProblem(http.get("/api/v1/alerts?status=silenced", reader), 400);
        assertProblem(http.get("/api/v1/alerts/987654321", reader), 404);
        assertProblem(http.get("/api/v1/alerts", token(Fixtures.unique("deployer"), "deployments:read")), 403);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** A service with two successful production deployments, a later staging one and a later failed production one. */
    private Setup servicesWithDeployments() {
        String deploymentWriter = token(Fixtures.unique("deployer"), "deployments:write");
        String service = Fixtures.unique("cart");
        long first = deploy(deploymentWriter, service, "production", "2.4.0", "success", "2026-03-02T10:00:00Z");
        long second = deploy(deploymentWriter, service, "production", "2.5.0", "success", "2026-03-02T12:00:00Z");
        deploy(deploymentWriter, service, "staging", "2.6.0-rc1", "success", "2026-03-02T12:30:00Z");
        deploy(deploymentWriter, service, "production", "2.6.0", "failure", "2026-03-02T12:40:00Z");
        return new Setup(service, first, second, deploymentWriter, token(Fixtures.unique("pagerbot"), "incidents:write"),
                token(Fixtures.unique("reader"), "incidents:read"));
    }

    private record Setup(String service, long first, long second, String deploymentWriter, String incidentWriter,
            String reader) {
    }

    private long deploy(String token, String service, String environment, String version, String status, String finishedAt) {
        Http.Answer answer = push("/api/v1/deployments", token, """
                {"service":"%s","environment":"%s","version":"%s","status":"%s","finishedAt":"%s"}"""
                .formatted(service, environment, version, status, finishedAt), null);
        assertEquals(201, answer.status(), answer::toString);
        return answer.json().getJsonNumber("id").longValue();
    }

    private static String run(String repo, String externalId, String branch, String queuedAt, String more) {
        return """
                {"pipeline":"storefront-ci","repository":"%s","branch":"%s","externalId":"%s","queuedAt":"%s"%s}"""
                .formatted(repo, branch, externalId, queuedAt, more);
    }

    private JsonObject changes(Http.Answer deployment, String reader) {
        Http.Answer answer = http.get("/api/v1/deployments/" + deployment.json().getJsonNumber("id") + "/changes", reader);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json();
    }

    private static List<String> shas(JsonObject shipped) {
        return shipped.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(c -> c.getString("sha")).toList();
    }

    private static List<Long> leadTimes(JsonObject shipped) {
        return shipped.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getJsonNumber("leadTimeSeconds").longValue()).toList();
    }

    /** POSTs JSON as a tool would: bearer token, JSON content type, optional Idempotency-Key. */
    private Http.Answer push(String path, String token, String json, String idempotencyKey) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return http.postRaw(path, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A token with a known name (the origin of its pushes is "push:<name>"). */
    private String token(String name, String... permissions) {
        String list = Arrays.stream(permissions).map(p -> "\"" + p + "\"").collect(Collectors.joining(","));
        Http.Answer answer = http.postJson("/api/v1/tokens", OpsSightServer.ADMIN_TOKEN,
                "{\"name\":\"" + name + "\",\"permissions\":[" + list + "]}");
        assertEquals(201, answer.status(), () -> "creating a token: " + answer);
        return answer.json().getString("secret");
    }

    private List<JsonObject> deploymentsOf(String service) {
        return items("/api/v1/deployments?service=" + service, OpsSightServer.ADMIN_TOKEN);
    }

    private List<JsonObject> items(String path, String token) {
        Http.Answer answer = http.get(path, token);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    /** Follows nextCursor to the end, collecting one field of every item; checks the Link header on the way. */
    private List<String> pageThrough(String path, String token, String field) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Http.Answer page = http.get(path + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertEquals(200, page.status(), page::toString);
            page.json().getJsonArray("items").getValuesAs(JsonObject.class).forEach(i -> seen.add(i.getString(field)));
            JsonValue next = page.json().get("nextCursor");
            cursor = next == null || next.getValueType() == JsonValue.ValueType.NULL ? null : page.json().getString("nextCursor");
            if (cursor != null) {
                assertTrue(page.header("Link").orElse("").contains("rel=\"next\""), page::toString);
                assertNotEquals(0, page.json().getJsonArray("items").size());
            }
            pages++;
        } while (cursor != null && pages < 10);
        return seen;
    }

    private static Set<String> violatedFields(Http.Answer answer) {
        assertEquals(400, answer.status(), answer::toString);
        assertTrue(answer.json().containsKey("violations"), answer::toString);
        return answer.json().getJsonArray("violations").getValuesAs(JsonObject.class).stream()
                .map(v -> v.getString("field")).collect(Collectors.toSet());
    }

    private int pushDeliveriesMentioning(String service) throws SQLException {
        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement("select count(*) from delivery d join source s on s.id = d.source_id "
                        + "where s.kind = 'PUSH' and convert_from(d.body, 'UTF8') like ?")) {
            s.setString(1, "%\"service\":\"" + service + "\"%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** A realistic 40-hex commit sha, stable for a seed. */
    private static String sha(String seed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
