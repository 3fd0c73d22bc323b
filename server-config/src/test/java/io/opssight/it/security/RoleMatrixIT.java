package io.opssight.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.access.entity.BuiltInRole;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.platform.rest.ApiPermissions;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The role matrix: every operation of the live /openapi document, called by a real user of every
 * built-in role (a local account holding only that role, signed in at the console; the API accepts
 * that session), by a team-scoped engineer and without credentials. An operation is refused (403)
 * exactly when the role holds none of the permissions it declares ({@code x-opssight-permission});
 * otherwise the permission gate lets it through (any answer but 401/403, and never a 5xx), and
 * without credentials it is 401.
 *
 * <p>Requests are minimal: bodies {@code {}}, reads of an {id} point at existing objects (a
 * deployment and an incident of team B, a pipeline run, a source, a team, a role, a user), writes at
 * objects that do not exist, so the walk changes nothing other tests see. The team-scoped engineer
 * (engineer for team A only) gets 404 for team B's deployment, its changes, incident and incident
 * cause, for team B itself and for a pipeline run of no team's service where everyone else with the
 * read permission gets 200, and cannot correct team B's incident
 * causes; that their lists leave team B out is {@link TeamScopeIT}'s.
 *
 * <p>The matrix is written to {@code target/role-matrix.txt} for reviewers.
 */
@DisplayName("#5 role matrix: every operation × every built-in role")
class RoleMatrixIT {

    private static final String ADMIN = OpsSightServer.ADMIN_TOKEN;
    private static final String MISSING_ID = "999999999";
    private static final String ANONYMOUS = "(none)";
    private static final String SCOPED = "engineer@teamA";
    /** Reads of these objects are team-scoped: team B's are 404 for the team-A engineer. */
    private static final Set<String> SCOPED_READS = Set.of("GET /api/v1/deployments/{id}", "GET /api/v1/deployments/{id}/changes",
            "GET /api/v1/incidents/{id}", "GET /api/v1/incidents/{id}/cause", "GET /api/v1/pipeline-runs/{id}",
            "GET /api/v1/teams/{name}");

    private static OpsSightServer server;
    private static Http http;
    private static final String MISSING_NAME = Fixtures.unique("matrix-nobody");
    /** Caller column → JSESSIONID (null: anonymous). */
    private static final Map<String, String> callers = new LinkedHashMap<>();
    /** Caller column → permissions it holds. */
    private static final Map<String, Set<String>> held = new LinkedHashMap<>();
    private static final Map<String, String> existing = new TreeMap<>();

    @BeforeAll
    static void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
        String teamA = Fixtures.unique("matrix-team-a");
        String teamB = Fixtures.unique("matrix-team-b");
        String serviceA = Fixtures.unique("matrix-svc-a");
        String serviceB = Fixtures.unique("matrix-svc-b");
        deploymentA = id(created(http.postJson("/api/v1/deployments", ADMIN, Fixtures.productionDeployment(serviceA))));
        existing.put("/api/v1/deployments/{id}", id(created(http.postJson("/api/v1/deployments", ADMIN,
                Fixtures.productionDeployment(serviceB)))));
        for (String[] pair : new String[][] {{teamA, serviceA}, {teamB, serviceB}}) {
            created(http.postJson("/api/v1/teams", ADMIN, "{\"name\":\"" + pair[0] + "\"}"));
            Http.Answer assigned = http.putJson("/api/v1/services/" + pair[1] + "/team", ADMIN, "{\"team\":\"" + pair[0] + "\"}");
            assertEquals(200, assigned.status(), assigned::toString);
        }
        incidentA = id(created(http.postJson("/api/v1/incidents", ADMIN, "{\"service\":\"" + serviceA + "\",\"title\":\"A is down\"}")));
        existing.put("/api/v1/incidents/{id}", id(created(http.postJson("/api/v1/incidents", ADMIN,
                "{\"service\":\"" + serviceB + "\",\"title\":\"B is down\"}"))));
        existing.put("/api/v1/pipeline-runs/{id}", id(created(http.postJson("/api/v1/pipeline-runs", ADMIN,
                "{\"pipeline\":\"" + serviceB + "\"}"))));
        existing.put("/api/v1/sources/{id}", id(created(http.postJson("/api/v1/sources", ADMIN, "{\"kind\":\"github\",\"name\":\""
                + Fixtures.unique("matrix-src") + "\",\"secret\":\"secret-" + UUID.randomUUID() + "\"}"))));
        existing.put("/api/v1/teams/{name}", teamB);
        existing.put("/api/v1/roles/{name}", "viewer");

        callers.put(ANONYMOUS, null);
        held.put(ANONYMOUS, Set.of());
        for (BuiltInRole role : BuiltInRole.values()) {
            callers.put(role.roleName(), signIn("[{\"role\":\"" + role.roleName() + "\"}]"));
            held.put(role.roleName(), role.permissions());
        }
        callers.put(SCOPED, signIn("[{\"role\":\"engineer\",\"team\":\"" + teamA + "\"}]"));
        held.put(SCOPED, BuiltInRole.ENGINEER.permissions());
        existing.put("/api/v1/users/{username}", lastUsername);
    }

    private static String lastUsername;
    private static String deploymentA;
    private static String incidentA;

    @Test
    @DisplayName("#5 the built-in roles the server reports (GET /api/v1/roles) are the ones this matrix expects")
    void builtInRolesAreAsExpected() {
        for (BuiltInRole role : BuiltInRole.values()) {
            Http.Answer answer = http.get("/api/v1/roles/" + role.roleName(), ADMIN);
            assertEquals(200, answer.status(), answer::toString);
            Set<String> permissions = answer.json().getJsonArray("permissions").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(role.permissions()), permissions, role.roleName());
        }
    }

    @Test
    @DisplayName("#5 every operation × every built-in role (and a team-scoped engineer, and no credentials): exactly"
            + " 401/403/404 where expected")
    void everyOperationForEveryRole() throws IOException {
        JsonObject document = http.get("/openapi?format=JSON").json();
        Map<String, JsonObject> operations = new TreeMap<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                operations.put(method.toUpperCase() + " " + path, operation.asJsonObject());
            }
        }));
        assertTrue(operations.size() >= 40, () -> "only " + operations.size() + " operations");

        Map<String, Map<String, Integer>> matrix = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, JsonObject> entry : operations.entrySet()) {
            String route = entry.getKey();
            String declared = entry.getValue().getString(ApiPermissions.EXTENSION, null);
            if (ApiPermissions.NONE.equals(declared)) {
                continue; // webhook receivers authenticate each delivery by its source's secret
            }
            if (declared == null) {
                failures.add(route + " declares no permission");
                continue;
            }
            Set<String> needed = Set.of(declared.split(","));
            String method = route.substring(0, route.indexOf(' '));
            String path = fill(method, route.substring(route.indexOf(' ') + 1));
            String body = entry.getValue().containsKey("requestBody") ? "{}" : "";
            Map<String, Integer> row = new LinkedHashMap<>();
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                String who = caller.getKey();
                Http.Answer answer = call(method, path, caller.getValue(), body);
                int status = answer.status();
                row.put(who, status);
                String expected;
                boolean ok;
                if (caller.getValue() == null) {
                    expected = "401";
                    ok = status == 401;
                } else if (held.get(who).stream().noneMatch(needed::contains)) {
                    expected = "403";
                    ok = status == 403;
                } else if (who.equals(SCOPED) && SCOPED_READS.contains(route)) {
                    expected = "404 (team B's object)";
                    ok = status == 404;
                } else if (method.equals("GET") && SCOPED_READS.contains(route)) {
                    expected = "200 (team B's object, unscoped caller)";
                    ok = status == 200;
                } else {
                    expected = "let through (not 401/403/5xx)";
                    ok = status != 401 && status != 403 && status < 500;
                }
                if (ok && (status == 401 || status == 403 || status == 404)) {
                    ok = answer.contentType().startsWith("application/problem+json");
                    expected += " as problem+json";
                }
                if (!ok) {
                    failures.add(route + " as " + who + ": expected " + expected + ", got " + answer);
                }
            }
            matrix.put(route + "  [" + declared + "]", row);
        }
        write(matrix);
        assertTrue(failures.isEmpty(), () -> failures.size() + " cells differ (see target/role-matrix.txt):\n"
                + String.join("\n", failures));
        assertEquals(operations.size() - 1, matrix.size(), "every operation but the webhook receiver was walked");
    }

    @Test
    @DisplayName("#5 a team-scoped engineer cannot correct the cause of another team's incident, nor blame another team's deployment")
    void scopedEngineerCorrectsOnlyTheirTeamsCauses() {
        String session = callers.get(SCOPED);
        String incidentB = existing.get("/api/v1/incidents/{id}");
        String deploymentB = existing.get("/api/v1/deployments/{id}");
        Http.Answer theirs = correctCause(session, incidentB, null);
        assertEquals(404, theirs.status(), theirs::toString);
        assertTrue(theirs.contentType().startsWith("application/problem+json"), theirs::toString);
        Http.Answer blamesTheirs = correctCause(session, incidentA, deploymentB);
        assertEquals(400, blamesTheirs.status(), "another team's deployment is an unknown one: " + blamesTheirs);
        Http.Answer own = correctCause(session, incidentA, deploymentA);
        assertEquals(200, own.status(), own::toString);
        assertEquals(Long.parseLong(deploymentA), own.json().getJsonObject("causedBy").getJsonNumber("id").longValue(), own::toString);
    }

    private static Http.Answer correctCause(String session, String incident, String deployment) {
        return http.send("PUT", "/api/v1/incidents/" + incident + "/cause", null, Map.of("Cookie", "JSESSIONID=" + session,
                "Content-Type", "application/json", "If-Match", "*"), "{\"deploymentId\":" + deployment
                + ",\"note\":\"role matrix correction\"}");
    }

    /** Path parameters: an existing object for reads where one was made, a missing one otherwise. */
    private static String fill(String method, String template) {
        String path = template;
        if (method.equals("GET")) {
            for (Map.Entry<String, String> known : existing.entrySet()) {
                String key = known.getKey();
                if (template.startsWith(key)) {
                    path = key.substring(0, key.lastIndexOf('/') + 1) + known.getValue() + template.substring(key.length());
                    break;
                }
            }
        }
        path = path.replace("{id}", MISSING_ID).replaceAll("\\{[^}]+}", MISSING_NAME);
        if (template.equals("/api/v1/dead-letters/replay")) {
            path += "?source=" + MISSING_ID; // never replay other tests' dead letters
        }
        return path;
    }

    private static Http.Answer call(String method, String path, String session, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (session != null) {
            headers.put("Cookie", "JSESSIONID=" + session);
        }
        if (!method.equals("GET") && !method.equals("DELETE")) {
            headers.put("Content-Type", "application/json");
        }
        return http.send(method, path, null, headers, body);
    }

    /** A local user holding exactly these role assignments, signed in at the console: their session id. */
    private static String signIn(String roles) {
        String username = Fixtures.unique("matrix");
        String password = "matrix password " + UUID.randomUUID();
        created(http.postJson("/api/v1/users", ADMIN, "{\"username\":\"" + username + "\",\"password\":\"" + password
                + "\",\"roles\":" + roles + "}"));
        ConsoleSession session = new ConsoleSession(server);
        assertTrue(session.signIn(username, password), () -> roles + ": " + session.lastSignIn);
        lastUsername = username;
        String id = session.sessionId();
        assertTrue(id != null, "no session cookie");
        return id;
    }

    private static void write(Map<String, Map<String, Integer>> matrix) throws IOException {
        List<String> columns = new ArrayList<>(callers.keySet());
        int width = matrix.keySet().stream().mapToInt(String::length).max().orElse(10);
        StringBuilder out = new StringBuilder();
        out.append("OpsSight role matrix (RoleMatrixIT, ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append("): HTTP status per operation [declared permission] and caller.\n")
                .append("Callers: local users holding only that built-in role, signed in; ").append(SCOPED)
                .append(" = engineer for team A only (reads of {id} point at team B's objects); ").append(ANONYMOUS)
                .append(" = no credentials.\n")
                .append("Writes use {} and missing ids, so 400/404 there mean the permission gate let the call through.\n\n");
        out.append(String.format("%-" + width + "s", "operation"));
        columns.forEach(c -> out.append(String.format(" %14s", c)));
        out.append('\n');
        matrix.forEach((route, row) -> {
            out.append(String.format("%-" + width + "s", route));
            columns.forEach(c -> out.append(String.format(" %14s", row.get(c))));
            out.append('\n');
        });
        Path file = Path.of("target", "role-matrix.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
    }

    private static Http.Answer created(Http.Answer answer) {
        assertEquals(201, answer.status(), answer::toString);
        return answer;
    }

    private static String id(Http.Answer answer) {
        return String.valueOf(answer.json().getJsonNumber("id").longValue());
    }

}
