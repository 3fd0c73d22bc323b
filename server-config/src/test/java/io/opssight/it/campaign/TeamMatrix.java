package io.opssight.it.campaign;

import io.opssight.it.campaign.Findings.Category;
import io.opssight.it.support.AlertmanagerHooks;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.Rows;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.json.JsonNumber;

/**
 * The object-level matrix: team B's objects are made first (a deployment, an incident, a pipeline
 * run, alerts, its service), plus a service no team owns; then a token limited to team A, with
 * every read and write permission of those objects, tries to read and change them through every
 * door: reads by id, filtered lists and figures, and writes over the create paths (a push naming
 * B's natural key, B's deployment as cause by id and by key, B's run's externalId, B's
 * Idempotency-Keys) as well as the update paths (resolve, cause, acknowledge, service ownership).
 * After each probe the rows of B's objects and of the unowned service must be unchanged, and no
 * answer may carry what identifies B's objects.
 */
final class TeamMatrix {

    private static final String ADMIN = OpsSightServer.ADMIN_TOKEN;

    private final OpsSightServer server;
    private final Http http;
    private final Findings findings;

    private final String teamA = Fixtures.unique("camp-team-a");
    private final String teamB = Fixtures.unique("camp-team-b");
    private final String serviceA = Fixtures.unique("camp-svc-a");
    private final String serviceB = Fixtures.unique("camp-svc-b");
    private final String serviceU = Fixtures.unique("camp-svc-u");
    private final String originB = "campaign:" + UUID.randomUUID().toString().substring(0, 8);
    private final String deploymentKeyB = Fixtures.unique("dep-b");
    private final String incidentKeyB = Fixtures.unique("inc-b");
    private final String runKeyB = Fixtures.unique("run-b");
    private final String idempotencyDeploymentB = Fixtures.unique("idem-dep-b");
    private final String idempotencyIncidentB = Fixtures.unique("idem-inc-b");
    private final String idempotencyRunB = Fixtures.unique("idem-run-b");
    private final String titleB = "B is down " + UUID.randomUUID();
    private String bodyDeploymentB;
    private String bodyIncidentB;
    private String bodyRunB;
    private long deploymentA;
    private long incidentA;
    private long deploymentB;
    private String shaB;
    private long incidentB;
    private long runB;
    private long alertB;
    private long alertAckedB;
    private String fingerprintB;
    private String token;
    final List<String> secrets = new ArrayList<>();

    TeamMatrix(OpsSightServer server, Findings findings) {
        this.server = server;
        this.http = server.http();
        this.findings = findings;
    }

    /** Team B's objects, the unowned service, team A's own objects and the token limited to team A. */
    void prepare() {
        Instant finished = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        deploymentA = id(ok(http.postJson("/api/v1/deployments", ADMIN, Fixtures.productionDeployment(serviceA)), "deployment of A"));
        shaB = UUID.randomUUID().toString().replace("-", "") + "b0b0b0b0";
        bodyDeploymentB = """
                {"service":"%s","environment":"production","status":"success","sha":"%s","origin":"%s","externalId":"%s",
                 "repository":"campaign/%s","createdAt":"%s","finishedAt":"%s"}"""
                .formatted(serviceB, shaB, originB, deploymentKeyB, serviceB,
                finished.minusSeconds(120), finished);
        deploymentB = id(ok(push("/api/v1/deployments", ADMIN, bodyDeploymentB, idempotencyDeploymentB), "deployment of B"));
        bodyIncidentB = """
                {"service":"%s","title":"%s","status":"triggered","origin":"%s","externalId":"%s"}""".formatted(serviceB, titleB, originB,
                incidentKeyB);
        incidentB = id(ok(push("/api/v1/incidents", ADMIN, bodyIncidentB, idempotencyIncidentB), "incident of B"));
        incidentA = id(ok(http.postJson("/api/v1/incidents", ADMIN, "{\"service\":\"" + serviceA + "\",\"title\":\"A is down\"}"),
                "incident of A"));
        bodyRunB = """
                {"pipeline":"build-%s","repository":"campaign/%s","branch":"main","status":"completed","conclusion":"failure",
                 "origin":"%s","externalId":"%s","startedAt":"%s","finishedAt":"%s"}""".formatted(serviceB, serviceB, originB, runKeyB,
                finished.minusSeconds(300), finished);
        runB = id(ok(push("/api/v1/pipeline-runs", ADMIN, bodyRunB, idempotencyRunB), "run of B"));
        ok(http.postJson("/api/v1/deployments", ADMIN, Fixtures.productionDeployment(serviceU)), "deployment of the unowned service");
        for (String[] pair : new String[][] {{teamA, serviceA}, {teamB, serviceB}}) {
            ok(http.postJson("/api/v1/teams", ADMIN, "{\"name\":\"" + pair[0] + "\"}"), "team");
            ok(http.putJson("/api/v1/services/" + pair[1] + "/team", ADMIN, "{\"team\":\"" + pair[0] + "\"}"), "ownership");
        }
        Fixtures.Source alerts = Fixtures.source(http, "alertmanager");
        secrets.add(alerts.secret());
        AlertmanagerHooks.Alert alert = AlertmanagerHooks.firing("CampaignMatrix", serviceB, "critical", "b-pod", "2026-11-21T08:00:00Z");
        AlertmanagerHooks.Alert acked = AlertmanagerHooks.firing("CampaignMatrixAcked", serviceB, "critical", "b-pod-2",
                "2026-11-21T08:00:00Z");
        fingerprintB = alert.fingerprint();
        for (AlertmanagerHooks.Alert a : List.of(alert, acked)) {
            ok(http.postRaw(alerts.ingestPath(), AlertmanagerHooks.headers(alerts.secret()),
                    AlertmanagerHooks.notification("opssight", "firing", Map.of("alertname", a.labels().get("alertname")), a)),
                            "alert of B");
        }
        alertB = Rows.only(server, "select id from alert where fingerprint = ?", alert.fingerprint()).number("id");
        alertAckedB = Rows.only(server, "select id from alert where fingerprint = ?", acked.fingerprint()).number("id");
        ok(http.postJson("/api/v1/alerts/" + alertAckedB + "/acknowledge", ADMIN, "{\"note\":\"admin\"}"), "acknowledgement of B's alert");
        Http.Answer made = ok(http.postJson("/api/v1/tokens", ADMIN, "{\"name\":\"" + Fixtures.unique("camp-team-a-ci") + "\",\"teams\":[\""
                + teamA + "\"],\"permissions\":[\"deployments:read\",\"deployments:write\",\"incidents:read\",\"incidents:write\","
                + "\"incidents:link\",\"pipelines:read\",\"pipelines:write\",\"alerts:read\",\"alerts:acknowledge\",\"teams:read\","
                + "\"teams:manage\",\"dora:read\"]}"), "token limited to team A");
        token = made.json().getString("secret");
        secrets.add(token);
    }

    /** The rows of B's objects and of the unowned service, as they stand. */
    private Map<String, String> snapshot() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("B's deployment " + deploymentB, Rows.query(server, "select * from deployment where id = ?", deploymentB).toString());
        rows.put("B's incident " + incidentB, Rows.query(server, "select * from incident where id = ?", incidentB).toString());
        rows.put("B's pipeline run " + runB, Rows.query(server, "select * from pipeline_run where id = ?", runB).toString());
        rows.put("B's alerts", Rows.query(server, "select * from alert where id in (?, ?) order by id", alertB, alertAckedB).toString());
        rows.put("B's service", Rows.query(server, "select * from service where name = ?", serviceB).toString());
        rows.put("the unowned service", Rows.query(server, "select * from service where name = ?", serviceU).toString());
        rows.put("the owner of A's service", Rows.query(server, "select team_id from service where name = ?", serviceA).toString());
        rows.put("A's incident's cause", Rows.query(server,
                "select caused_by_id, cause_origin, cause_external_id from incident where id = ?",
                incidentA).toString());
        rows.put("deployments, incidents and runs of B's service", Rows.query(server,
                "select (select count(*) from deployment d join service s "
                + "on s.id = d.service_id where s.name = ?) as deployments, "
                + "(select count(*) from incident i join service s on s.id = i.service_id where s.name = ?) as incidents, "
                + "(select count(*) from pipeline_run r where r.repository = ?) as runs", serviceB, serviceB,
                "campaign/" + serviceB).toString());
        return rows;
    }

    /** What identifies B's objects in an answer (not names a client typed: the filter may be echoed). */
    private List<String> markersOfB() {
        return List.of(shaB, titleB, deploymentKeyB, incidentKeyB, runKeyB, fingerprintB, teamB);
    }

    void run() {
        Map<String, String> before = snapshot();

        // Reads by id and filtered reads.
        read("GET", "/api/v1/deployments/" + deploymentB, null, true);
        read("GET", "/api/v1/deployments/" + deploymentB + "/changes", null, true);
        read("GET", "/api/v1/incidents/" + incidentB, null, true);
        read("GET", "/api/v1/incidents/" + incidentB + "/cause", null, true);
        read("GET", "/api/v1/pipeline-runs/" + runB, null, true);
        read("GET", "/api/v1/alerts/" + alertB, null, true);
        read("GET", "/api/v1/teams/" + teamB, null, true);
        read("GET", "/api/v1/deployments?service=" + serviceB + "&limit=500", null, false);
        read("GET", "/api/v1/deployments?limit=500", null, false);
        read("GET", "/api/v1/incidents?service=" + serviceB + "&limit=500", null, false);
        read("GET", "/api/v1/pipeline-runs?repository=campaign/" + serviceB + "&limit=500", null, false);
        read("GET", "/api/v1/alerts?service=" + serviceB + "&limit=500", null, false);
        read("GET", "/api/v1/teams", null, false);
        read("GET", "/api/v1/dora?team=" + teamB, null, true);
        read("GET", "/api/v1/dora?service=" + serviceB, null, true);
        read("GET", "/api/v1/dora/deployments?service=" + serviceB, null, true);
        read("GET", "/api/v1/dora/incidents?service=" + serviceB, null, true);
        Exchange stats = read("GET", "/api/v1/pipelines/stats?repository=campaign/" + serviceB, null, false);
        JsonObject figures = Findings.jsonObject(stats.body());
        if (stats.success() && figures != null && figures.containsKey("runs")
                && figures.getJsonObject("runs").getJsonNumber("completed").longValue() > 0) {
            findings.violation(Category.CROSS_TEAM, stats, "matrix read: pipeline figures count B's runs");
        }

        // Writes over the update paths (first: a create path that moves B's objects to A would open them to these).
        write("resolve B's incident", "POST", "/api/v1/incidents/" + incidentB + "/resolve", "{}", null, before);
        writeMatch("correct B's incident's cause", "/api/v1/incidents/" + incidentB + "/cause", "{\"deploymentId\":" + deploymentA
                + ",\"note\":\"campaign\"}", before);
        writeMatch("make B's deployment the cause of A's incident", "/api/v1/incidents/" + incidentA + "/cause", "{\"deploymentId\":"
                + deploymentB
                + ",\"note\":\"campaign\"}", before);
        write("acknowledge B's alert", "POST", "/api/v1/alerts/" + alertB + "/acknowledge", "{\"note\":\"campaign\"}", null, before);
        write("withdraw the acknowledgement of B's alert", "DELETE", "/api/v1/alerts/" + alertAckedB + "/acknowledgement", null, null,
                before);
        write("claim the unowned service for team A", "PUT", "/api/v1/services/" + serviceU + "/team", "{\"team\":\"" + teamA + "\"}", null,
                before);
        write("move B's service to team A", "PUT", "/api/v1/services/" + serviceB + "/team", "{\"team\":\"" + teamA + "\"}", null, before);
        write("path id with ; naming B's incident", "POST", "/api/v1/incidents/" + incidentB + ";x=" + incidentA + "/resolve", "{}", null,
                before);

        // Writes over the create paths, naming B's keys.
        write("push a deployment of B's service", "POST", "/api/v1/deployments", Fixtures.productionDeployment(serviceB), null, before);
        write("push a deployment with B's natural key (origin, externalId)", "POST", "/api/v1/deployments", """
                {"service":"%s","environment":"production","status":"failure","sha":"%s","origin":"%s","externalId":"%s"}"""
                .formatted(serviceA, shaB.substring(0, 40), originB, deploymentKeyB), null, before);
        write("push an incident of B's service", "POST", "/api/v1/incidents", "{\"service\":\"" + serviceB + "\",\"title\":\"x\"}", null,
                before);
        write("push an incident with B's natural key (origin, externalId)", "POST", "/api/v1/incidents", """
                {"service":"%s","title":"A took this over","status":"resolved","origin":"%s","externalId":"%s"}"""
                .formatted(serviceA, originB, incidentKeyB), null, before);
        writeCause("push an incident caused by B's deployment (by id)", "{\"service\":\"" + serviceA + "\",\"title\":\"caused by B\","
                + "\"causedBy\":{\"deploymentId\":" + deploymentB + "}}", before);
        writeCause("push an incident caused by B's deployment (by origin and externalId)", "{\"service\":\"" + serviceA
                + "\",\"title\":\"caused by B by key\",\"causedBy\":{\"origin\":\"" + originB + "\",\"externalId\":\"" + deploymentKeyB
                        + "\"}}", before);
        write("push a pipeline run with B's run's externalId", "POST", "/api/v1/pipeline-runs", """
                {"pipeline":"build-%s","repository":"campaign/%s","status":"completed","conclusion":"success",\
                "origin":"%s","externalId":"%s"}"""
                .formatted(serviceA, serviceA, originB, runKeyB), null, before);
        write("push a pipeline run of B's repository", "POST", "/api/v1/pipeline-runs", """
                {"pipeline":"build-%s","repository":"campaign/%s","status":"completed","conclusion":"success"}"""
                .formatted(serviceB, serviceB),
                null, before);
        write("push B's deployment body again with B's Idempotency-Key", "POST", "/api/v1/deployments", bodyDeploymentB,
                idempotencyDeploymentB,
                before);
        write("push B's incident body again with B's Idempotency-Key", "POST", "/api/v1/incidents", bodyIncidentB, idempotencyIncidentB,
                before);
        write("push B's run body again with B's Idempotency-Key", "POST", "/api/v1/pipeline-runs", bodyRunB, idempotencyRunB, before);
        write("push B's deployment body again (same content)", "POST", "/api/v1/deployments", bodyDeploymentB, null, before);
        write("create a team with B's name", "POST", "/api/v1/teams", "{\"name\":\"" + teamB + "\"}", null, before);
        // Last, as it would make A's service B's for what follows.
        write("give A's service to team B", "PUT", "/api/v1/services/" + serviceA + "/team", "{\"team\":\"" + teamB + "\"}", null, before);
    }

    /** A read: never a 2xx for B's object itself ({@code byId}), never B's markers in a 2xx. */
    private Exchange read(String method, String path, String body, boolean byId) {
        Exchange e = send(method, path, body, null, "read");
        if (e.success() && byId) {
            findings.violation(Category.CROSS_TEAM, e, "matrix read: " + method + " " + template(path) + " -> " + e.status());
        } else if (e.success()) {
            leaks(e, "matrix read: " + method + " " + template(path));
        }
        return e;
    }

    private void write(String what, String method, String path, String body, String idempotencyKey, Map<String, String> before) {
        Exchange e = send(method, path, body, idempotencyKey == null ? null : Map.of("Idempotency-Key", idempotencyKey), what);
        if (e.success()) {
            leaks(e, "matrix write: " + what);
        }
        changed(e, what, before);
    }

    private void writeMatch(String what, String path, String body, Map<String, String> before) {
        Exchange e = send("PUT", path, body, Map.of("If-Match", "*"), what);
        if (e.success()) {
            findings.violation(Category.CROSS_TEAM, e, "matrix write: " + what + " -> " + e.status());
        }
        changed(e, what, before);
    }

    /** An incident pushed by A naming B's deployment as its cause: refused, or at least not linked to it. */
    private void writeCause(String what, String body, Map<String, String> before) {
        Exchange e = send("POST", "/api/v1/incidents", body, null, what);
        if (e.success()) {
            leaks(e, "matrix write: " + what);
            JsonObject created = Findings.jsonObject(e.body());
            if (created != null && created.get("id") instanceof JsonNumber id) {
                List<Rows.Row> link = Rows.query(server, "select caused_by_id, cause_external_id from incident where id = ?",
                        id.longValue());
                if (!link.isEmpty() && (Long.valueOf(deploymentB).equals(link.get(0).number("caused_by_id"))
                        || deploymentKeyB.equals(link.get(0).string("cause_external_id")))) {
                    findings.violation(Category.CROSS_TEAM, e, "matrix write: " + what + " -> linked to B's deployment");
                }
            }
        }
        changed(e, what, before);
    }

    private void leaks(Exchange e, String group) {
        for (String marker : markersOfB()) {
            if (e.body().contains(marker)) {
                findings.violation(Category.CROSS_TEAM, e, group + " -> " + e.status() + " shows B's " + describe(marker));
                return;
            }
        }
    }

    private String describe(String marker) {
        if (marker.equals(shaB)) {
            return "deployment sha";
        }
        if (marker.equals(titleB)) {
            return "incident title";
        }
        if (marker.equals(teamB)) {
            return "team";
        }
        if (marker.equals(fingerprintB)) {
            return "alert";
        }
        return "natural key " + marker;
    }

    private void changed(Exchange e, String what, Map<String, String> before) {
        Map<String, String> after = snapshot();
        before.forEach((object, row) -> {
            if (!row.equals(after.get(object))) {
                findings.violation(Category.CROSS_TEAM, "matrix write: " + what + " changed " + object,
                        e.reproduction() + " | before " + Exchange.clip(row, 300) + " | after " + Exchange.clip(after.get(object), 300));
            }
        });
        before.putAll(after);
    }

    private Exchange send(String method, String path, String body, Map<String, String> headers, String what) {
        Map<String, String> h = new LinkedHashMap<>();
        if (body != null) {
            h.put("Content-Type", "application/json");
        }
        if (headers != null) {
            h.putAll(headers);
        }
        Exchange e;
        try {
            e = Exchange.of("matrix", method, path, what, http.send(method, path, token, h, body == null ? "" : body));
        } catch (RuntimeException failure) {
            e = Exchange.noAnswer("matrix", method, path, what, String.valueOf(failure.getMessage()));
        }
        findings.note("matrix: " + (what.equals("read") ? method + " " + template(path) : what) + " -> "
                + (e.answered() ? String.valueOf(e.status()) : "no answer"), 1);
        return findings.observe(e);
    }

    private Http.Answer push(String path, String token, String body, String idempotencyKey) {
        return http.send("POST", path, token, Map.of("Content-Type", "application/json", "Idempotency-Key", idempotencyKey), body);
    }

    private static String template(String path) {
        return path.replaceAll("/\\d+", "/{id}").replaceAll("=[^&]*", "=…");
    }

    private static Http.Answer ok(Http.Answer answer, String what) {
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("matrix set-up, " + what + ": " + answer);
        }
        return answer;
    }

    private static long id(Http.Answer answer) {
        return answer.json().getJsonNumber("id").longValue();
    }
}
