package io.opssight.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.AlertmanagerHooks;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.RawHttp;
import io.opssight.it.support.Rows;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, defect 1: a path parameter that is not exactly an id (or name) acts on nothing. Every
 * operation of the live /openapi document that has a path parameter is called with that parameter
 * naming a real object (a "victim" made here: a token, a source, an alert, an incident, ...) plus a
 * mutation: a matrix parameter ({@code 1;x}, {@code 1;DROP%20TABLE%20users}), an encoded one
 * ({@code 1%3Bx}), an extra segment, an encoded slash, a trailing blank (names are trimmed where
 * they are looked up), a double-encoded escape ({@code %2531}), escapes the container cannot decode
 * ({@code %zz}, {@code %}, {@code %00}, {@code %5C}, {@code %ff}). Each must be 400 or 404
 * problem+json, and afterwards every victim reads as it did before (token not revoked, secret not
 * rotated, alert not acknowledged, cause unchanged, nothing delivered ...). Write operations carry a
 * body and {@code If-Match: *} that would succeed on the victim, so an operation that ignored the
 * suffix would show as a changed victim, not merely as a 2xx.
 *
 * <p>A percent-encoded unreserved character ({@code %31} for {@code 1}) is, by RFC 3986 §6.2.2.2, the
 * same URI as the plain one; it is checked on the reads to address exactly the victim itself.
 */
@DisplayName("#16 path parameters: an id that is not exactly an id is 400/404 problem+json and acts on nothing")
class PathParameterIT {

    private static final String ADMIN = OpsSightServer.ADMIN_TOKEN;
    /** Suffixes appended to a victim's id or name. */
    private static final List<String> SUFFIXES = List.of(";x", ";DROP%20TABLE%20users", "%3Bx", "%3bx", ";", "/x", "%2Fx",
            "%zz", "%", "%00", "%5C", "%ff", "%20", "%09", "%2531");

    private static OpsSightServer server;
    private static Http http;
    private static RawHttp raw;
    /** Path template prefix (up to and including its parameter) → the victim's id or name. */
    private static final Map<String, String> victims = new LinkedHashMap<>();
    /** Where each victim is read: before and after the walk the answers must be equal. */
    private static final Map<String, String> views = new LinkedHashMap<>();
    private static Fixtures.Source source;
    private static long deploymentId;

    @BeforeAll
    static void makeVictims() {
        server = OpsSightServer.shared();
        http = server.http();
        raw = new RawHttp(server);
        String team = Fixtures.unique("path-team");
        String service = Fixtures.unique("path-svc");
        deploymentId = id(created(http.postJson("/api/v1/deployments", ADMIN, Fixtures.productionDeployment(service))));
        created(http.postJson("/api/v1/teams", ADMIN, "{\"name\":\"" + team + "\"}"));
        assertEquals(200, http.putJson("/api/v1/services/" + service + "/team", ADMIN, "{\"team\":\"" + team + "\"}").status());
        long incident = id(created(http.postJson("/api/v1/incidents", ADMIN, "{\"service\":\"" + service
                + "\",\"title\":\"path walk victim\"}")));
        long run = id(created(http.postJson("/api/v1/pipeline-runs", ADMIN, "{\"pipeline\":\"" + service + "\"}")));
        source = Fixtures.source(http, "alertmanager");
        long sourceId = http.get("/api/v1/sources", ADMIN).jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("name").equals(source.name())).findFirst().orElseThrow().getJsonNumber("id").longValue();
        AlertmanagerHooks.Alert firing = AlertmanagerHooks.firing("PathWalk", service, "critical", "pod-1", "2026-11-21T08:00:00Z");
        assertEquals(202, http.postRaw(source.ingestPath(), AlertmanagerHooks.headers(source.secret()),
                AlertmanagerHooks.notification("opssight", "firing", Map.of("alertname", "PathWalk"), firing)).status());
        long alert = Rows.only(server, "select id from alert where fingerprint = ?", firing.fingerprint()).number("id");
        Http.Answer dead = http.postRaw(source.ingestPath(), AlertmanagerHooks.headers(source.secret()),
                "not json".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, dead.status(), dead::toString);
        long deadLetter = http.get("/api/v1/dead-letters?source=" + sourceId, ADMIN).json().getJsonArray("items")
                .getJsonObject(0).getJsonNumber("id").longValue();
        String role = Fixtures.unique("path-role");
        created(http.postJson("/api/v1/roles", ADMIN, "{\"name\":\"" + role + "\",\"description\":\"victim\","
                + "\"permissions\":[\"deployments:read\"]}"));
        String username = Fixtures.unique("path-user");
        created(http.postJson("/api/v1/users", ADMIN, "{\"username\":\"" + username + "\",\"password\":\"path walk password "
                + UUID.randomUUID() + "\",\"roles\":[{\"role\":\"viewer\"}]}"));
        Http.Answer token = created(http.postJson("/api/v1/tokens", ADMIN, "{\"name\":\"" + Fixtures.unique("path-victim")
                + "\",\"permissions\":[\"deployments:read\"]}"));
        long tokenId = token.json().getJsonObject("token").getJsonNumber("id").longValue();

        victims.put("/api/v1/alerts/{id}", String.valueOf(alert));
        victims.put("/api/v1/dead-letters/{id}", String.valueOf(deadLetter));
        victims.put("/api/v1/deployments/{id}", String.valueOf(deploymentId));
        victims.put("/api/v1/incidents/{id}", String.valueOf(incident));
        victims.put("/api/v1/pipeline-runs/{id}", String.valueOf(run));
        victims.put("/api/v1/roles/{name}", role);
        victims.put("/api/v1/services/{name}", service);
        victims.put("/api/v1/sources/{id}", String.valueOf(sourceId));
        victims.put("/api/v1/teams/{name}", team);
        victims.put("/api/v1/tokens/{id}", String.valueOf(tokenId));
        victims.put("/api/v1/users/{username}", username);
        victims.put("/api/v1/ingest/{kind}", "alertmanager");
        victims.put("/api/v1/ingest/{kind}/{name}", source.name());

        views.put("alert", "/api/v1/alerts/" + alert);
        views.put("dead letter", "/api/v1/dead-letters/" + deadLetter);
        views.put("deployment", "/api/v1/deployments/" + deploymentId);
        views.put("incident", "/api/v1/incidents/" + incident);
        views.put("incident cause", "/api/v1/incidents/" + incident + "/cause");
        views.put("pipeline run", "/api/v1/pipeline-runs/" + run);
        views.put("role", "/api/v1/roles/" + role);
        views.put("team and its services", "/api/v1/teams/" + team);
        views.put("source", "/api/v1/sources/" + sourceId);
        views.put("user", "/api/v1/users/" + username);
    }

    @Test
    @DisplayName("#16 every operation with a path parameter × mutations of a real object's id: 400/404 problem+json;"
            + " every object unchanged")
    void everyPathParameterIsExact() {
        Map<String, String> before = snapshot();
        long deliveriesBefore = Rows.deliveriesOf(server, source);
        Map<String, String> operations = operations();
        assertTrue(operations.size() >= 25, () -> "only " + operations.size() + " operations with a path parameter");

        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, String> operation : operations.entrySet()) {
            String method = operation.getKey().substring(0, operation.getKey().indexOf(' '));
            String template = operation.getKey().substring(method.length() + 1);
            List<String> parameters = parameters(template);
            for (String parameter : parameters) {
                for (String suffix : SUFFIXES) {
                    String path = fill(template, parameter, suffix);
                    RawHttp.Answer answer = call(method, template, path);
                    calls++;
                    boolean refused = (answer.status() == 400 || answer.status() == 404)
                            && answer.contentType().startsWith("application/problem+json")
                            && answer.json().getInt("status") == answer.status();
                    if (!refused) {
                        failures.add(method + " " + path + " → " + answer.statusLine() + " " + answer.contentType() + " "
                                + abbreviate(answer.body()));
                    }
                }
            }
        }

        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + operations.size() + " operations' mutated calls were not "
                + "refused as 400/404 problem+json:\n" + String.join("\n", failures));
        assertTrue(calls > 300, "calls made: " + calls);
        assertEquals(before, snapshot(), "no object was read as another, changed or deleted");
        assertEquals(deliveriesBefore, Rows.deliveriesOf(server, source), "no webhook delivery was stored for a mutated name");
        assertEquals(null, Rows.only(server, "select revoked_at from api_token where id = ?",
                Long.parseLong(victims.get("/api/v1/tokens/{id}"))).get("revoked_at"), "the token is not revoked");
    }

    @Test
    @DisplayName("#16 a percent-encoded unreserved character is the same URI (RFC 3986 6.2.2.2): %31 reads the object 1 itself")
    void encodedUnreservedIsTheSameObject() {
        for (String view : views.values()) {
            if (view.endsWith("/cause")) {
                continue; // its last segment is not the id
            }
            int last = view.lastIndexOf('/');
            String segment = view.substring(last + 1);
            String encoded = view.substring(0, last + 1) + "%" + Integer.toHexString(segment.charAt(0)).toUpperCase()
                    + segment.substring(1);
            Http.Answer plain = http.get(view, ADMIN);
            Http.Answer same = http.get(encoded, ADMIN);
            assertEquals(200, plain.status(), plain::toString);
            assertEquals(plain.body(), same.body(), encoded);
        }
    }

    /** Every operation with a path parameter: "METHOD template". */
    private static Map<String, String> operations() {
        JsonObject document = http.get("/openapi?format=JSON").json();
        Map<String, String> operations = new TreeMap<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, op) -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(method) && path.contains("{")) {
                operations.put(method.toUpperCase() + " " + path, path);
            }
        }));
        return operations;
    }

    private static List<String> parameters(String template) {
        List<String> names = new ArrayList<>();
        for (int i = template.indexOf('{'); i >= 0; i = template.indexOf('{', i + 1)) {
            names.add(template.substring(i, template.indexOf('}', i) + 1));
        }
        return names;
    }

    /** The template with every parameter naming its victim, and {@code parameter} with the suffix too. */
    private static String fill(String template, String parameter, String suffix) {
        String path = template;
        for (String name : parameters(template)) {
            String prefix = template.substring(0, template.indexOf(name) + name.length());
            String victim = victims.get(prefix);
            if (victim == null) {
                throw new AssertionError("no victim object for " + prefix + " (a new operation? add one in makeVictims)");
            }
            path = path.replace(name, victim + (name.equals(parameter) ? suffix : ""));
        }
        return path;
    }

    /** The call with a body (and If-Match: *) that would succeed on the victim itself. */
    private static RawHttp.Answer call(String method, String template, String path) {
        String body = switch (method + " " + template) {
            case "PUT /api/v1/incidents/{id}/cause" -> "{\"deploymentId\":" + deploymentId + ",\"note\":\"path walk\"}";
            case "POST /api/v1/incidents/{id}/resolve" -> "{}";
            case "POST /api/v1/alerts/{id}/acknowledge" -> "{\"note\":\"path walk\"}";
            case "PUT /api/v1/roles/{name}" -> "{\"description\":\"changed\",\"permissions\":[\"alerts:read\"]}";
            case "PUT /api/v1/services/{name}/team" -> "{\"team\":null}";
            case "POST /api/v1/sources/{id}/rotate-secret" -> "{\"secret\":\"a-rotated-secret-" + UUID.randomUUID() + "\"}";
            case "PUT /api/v1/users/{username}/password" -> "{\"password\":\"another path walk password 42\"}";
            case "PUT /api/v1/users/{username}/roles" -> "{\"roles\":[]}";
            case "POST /api/v1/ingest/{kind}/{name}" -> new String(AlertmanagerHooks.notification("opssight", "firing",
                    Map.of("alertname", "PathWalk"), AlertmanagerHooks.firing("PathWalk", "x", "critical", "pod-2",
                            "2026-11-21T09:00:00Z")), StandardCharsets.UTF_8);
            default -> "";
        };
        String bearer = template.startsWith("/api/v1/ingest/") ? source.secret() : ADMIN;
        String headers = "Authorization: Bearer " + bearer + "\r\nIf-Match: *"
                + (body.isEmpty() ? "" : "\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.getBytes(StandardCharsets.UTF_8).length);
        return raw.send(method, path, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> snapshot() {
        Map<String, String> state = new LinkedHashMap<>();
        views.forEach((what, path) -> {
            Http.Answer answer = http.get(path, ADMIN);
            state.put(what, answer.status() + " " + answer.body());
        });
        JsonValue token = http.get("/api/v1/tokens", ADMIN).jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(t -> String.valueOf(t.getJsonNumber("id").longValue()).equals(victims.get("/api/v1/tokens/{id}")))
                .findFirst().orElseThrow();
        state.put("token", token.toString());
        return state;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static Http.Answer created(Http.Answer answer) {
        assertEquals(201, answer.status(), answer::toString);
        return answer;
    }

    private static long id(Http.Answer answer) {
        return answer.json().getJsonNumber("id").longValue();
    }
}
