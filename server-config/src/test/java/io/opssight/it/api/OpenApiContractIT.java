package io.opssight.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.access.entity.Permission;
import io.opssight.ingestion.rest.WebhookServlet;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.platform.rest.ApiPermissions;
import io.opssight.platform.rest.OpsSightApplication;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.annotation.WebServlet;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The REST contract as a client sees it: the live /openapi document describes every deployed route
 * and nothing else, every operation names its permission and its errors (problem+json), the committed
 * snapshot (the generated client's input) is the live document, and no operation answers a caller
 * without its permission with anything but 401/403.
 *
 * <p>Refreshing the snapshot after an API change: run this test with {@code -Dopssight.openapi.refresh=true};
 * it writes the live document to {@code src/test/resources/openapi/opssight-v1.json} (docs/API.md).
 */
@DisplayName("#7 the OpenAPI document is the API")
class OpenApiContractIT {

    static final String SNAPSHOT = "src/test/resources/openapi/opssight-v1.json";
    private static final String INGEST = "POST " + WebhookServlet.ROUTE;
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private Http http;

    @BeforeEach
    void setUp() {
        http = OpsSightServer.shared().http();
    }

    /** The live document as JSON. */
    static JsonObject live(Http http) {
        Http.Answer answer = http.get("/openapi?format=JSON");
        assertEquals(200, answer.status(), answer::toString);
        return answer.json();
    }

    /** "METHOD path" → operation of a document. */
    static Map<String, JsonObject> operations(JsonObject document) {
        Map<String, JsonObject> operations = new TreeMap<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
            if (HTTP_METHODS.contains(method)) {
                operations.put(method.toUpperCase() + " " + path, operation.asJsonObject());
            }
        }));
        return operations;
    }

    @Test
    @DisplayName("#5 every operation declares its permission (x-opssight-permission); only the webhook receivers need none")
    void everyOperationDeclaresItsPermission() {
        Map<String, JsonObject> operations = operations(live(http));
        assertTrue(operations.size() >= 40, () -> "only " + operations.size() + " operations");
        Set<String> ids = new TreeSet<>();
        operations.forEach((route, operation) -> {
            JsonValue declared = operation.get(ApiPermissions.EXTENSION);
            assertNotNull(declared, () -> route + " declares no " + ApiPermissions.EXTENSION);
            assertEquals(JsonValue.ValueType.STRING, declared.getValueType(), route);
            String permission = ((JsonString) declared).getString();
            if (route.equals(INGEST)) {
                assertEquals(ApiPermissions.NONE, permission, route);
                return;
            }
            for (String alternative : permission.split(",")) {
                assertTrue(Permission.isKnown(alternative), () -> route + " names an unknown permission " + alternative);
            }
            assertTrue(operation.getJsonArray("security").getJsonObject(0).containsKey(OpsSightApplication.BEARER),
                    () -> route + " does not require the bearer scheme");
            assertTrue(ids.add(operation.getString("operationId")), () -> route + " repeats an operationId");
        });
    }

    @Test
    @DisplayName("#7 every error answer is problem+json with the Problem schema; the bearer scheme is HTTP bearer")
    void everyErrorIsAProblemDocument() {
        JsonObject document = live(http);
        JsonObject components = document.getJsonObject("components");
        JsonObject problem = components.getJsonObject("schemas").getJsonObject("Problem");
        assertNotNull(problem, "no Problem schema");
        for (String property : List.of("type", "title", "status", "detail", "instance", "violations")) {
            assertTrue(problem.getJsonObject("properties").containsKey(property), () -> "Problem lacks " + property);
        }
        JsonObject bearer = components.getJsonObject("securitySchemes").getJsonObject(OpsSightApplication.BEARER);
        assertEquals("http", bearer.getString("type"));
        assertEquals("bearer", bearer.getString("scheme"));

        operations(document).forEach((route, operation) -> {
            JsonObject responses = operation.getJsonObject("responses");
            assertTrue(responses.keySet().stream().anyMatch(code -> code.startsWith("2")), () -> route + " has no success answer");
            List<String> expected = new ArrayList<>(List.of("500", "503"));
            if (!route.equals(INGEST)) {
                expected.addAll(List.of("401", "403"));
            }
            if (route.contains("{")) {
                expected.add("404");
            }
            if (operation.containsKey("requestBody")) {
                // Any content type is a webhook (never 415); every other body is JSON.
                expected.addAll(route.equals(INGEST) ? List.of("400") : List.of("400", "415"));
            }
            for (String code : expected) {
                assertTrue(responses.containsKey(code), () -> route + " does not describe " + code);
            }
            if (route.equals(INGEST)) {
                assertFalse(responses.containsKey("415"), "webhooks take any content type: " + responses.keySet());
            }
            responses.forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    JsonObject content = response.asJsonObject().getJsonObject("content");
                    assertNotNull(content, () -> route + " " + code + " has no content");
                    assertEquals(Set.of("application/problem+json"), content.keySet(), () -> route + " " + code);
                    assertEquals("#/components/schemas/Problem", content.getJsonObject("application/problem+json")
                            .getJsonObject("schema").getString("$ref"), () -> route + " " + code);
                }
            });
        });
    }

    @Test
    @DisplayName("#7 every deployed route (JAX-RS and the webhook servlet) is in the document, and the document has no other")
    void deployedRoutesAndDocumentMatch() throws Exception {
        Set<String> deployed = deployedRoutes();
        Set<String> documented = new TreeSet<>(operations(live(http)).keySet());
        Set<String> undocumented = new TreeSet<>(deployed);
        undocumented.removeAll(documented);
        Set<String> phantom = new TreeSet<>(documented);
        phantom.removeAll(deployed);
        assertTrue(undocumented.isEmpty(), () -> "deployed but not in /openapi: " + undocumented);
        assertTrue(phantom.isEmpty(), () -> "in /openapi but not deployed: " + phantom);
    }

    @Test
    @DisplayName("#7 the committed snapshot (the generated client's input) is the live document")
    void snapshotIsTheLiveDocument() throws IOException {
        JsonObject live = live(http);
        if (Boolean.getBoolean("opssight.openapi.refresh")) {
            writeSnapshot(live);
        }
        JsonObject snapshot;
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(Paths.get(SNAPSHOT)))) {
            snapshot = reader.readObject();
        }
        assertEquals(signature(snapshot), signature(live), "the live /openapi differs from " + SNAPSHOT
                + "; refresh it with -Dopssight.openapi.refresh=true (docs/API.md) and commit it");
        assertEquals(snapshot.getJsonObject("components").getJsonObject("schemas").keySet(),
                live.getJsonObject("components").getJsonObject("schemas").keySet(), "schemas differ from " + SNAPSHOT);
    }

    @Test
    @DisplayName("#5 deny by default: without a token every operation is 401, without its permission 403, never 2xx")
    void withoutThePermissionEveryOperationIsRefused() {
        String noApiPermission = Fixtures.token(http, Permission.CONSOLE_USE);
        Map<String, JsonObject> operations = operations(live(http));
        int walked = 0;
        for (Map.Entry<String, JsonObject> entry : operations.entrySet()) {
            String route = entry.getKey();
            if (route.equals(INGEST)) {
                continue;
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replace("{id}", "1").replaceAll("\\{[^}]+\\}", "nobody");
            boolean body = entry.getValue().containsKey("requestBody");
            Http.Answer anonymous = call(method, path, null, body);
            assertEquals(401, anonymous.status(), () -> route + " without a token: " + anonymous);
            Http.Answer denied = call(method, path, noApiPermission, body);
            assertEquals(403, denied.status(), () -> route + " without its permission: " + denied);
            assertTrue(denied.contentType().startsWith("application/problem+json"), () -> route + ": " + denied);
            if (method.equals("GET")) {
                // The declared permission is enough (reads only: writes would change what other tests see).
                String permission = entry.getValue().getString(ApiPermissions.EXTENSION).split(",")[0];
                Http.Answer allowed = call(method, path, Fixtures.token(http, permission), false);
                assertFalse(allowed.status() == 401 || allowed.status() == 403, () -> route + " with " + permission + ": " + allowed);
            }
            walked++;
        }
        assertEquals(operations.size() - 1, walked);
    }

    private Http.Answer call(String method, String path, String token, boolean body) {
        return switch (method) {
            case "GET" -> http.get(path, token);
            case "POST" -> http.postJson(path, token, body ? "{}" : "");
            case "PUT" -> http.putJson(path, token, body ? "{}" : "");
            case "DELETE" -> http.delete(path, token);
            default -> throw new AssertionError("no call for " + method);
        };
    }

    /** What a client depends on, per operation: id, permission, parameters, body and answers. */
    static String signature(JsonObject document) {
        StringBuilder out = new StringBuilder();
        operations(document).forEach((route, operation) -> {
            Set<String> parameters = new TreeSet<>();
            JsonArray list = operation.getJsonArray("parameters");
            if (list != null) {
                list.getValuesAs(JsonObject.class).forEach(p -> parameters.add(p.getString("in") + ":" + p.getString("name")
                        + (p.getBoolean("required", false) ? "!" : "")));
            }
            out.append(route).append(" id=").append(operation.getString("operationId", "?"))
                    .append(" permission=").append(operation.getString(ApiPermissions.EXTENSION, "?"))
                    .append(" parameters=").append(parameters)
                    .append(" body=").append(operation.containsKey("requestBody"))
                    .append(" answers=").append(new TreeSet<>(operation.getJsonObject("responses").keySet())).append('\n');
        });
        return out.toString();
    }

    private static void writeSnapshot(JsonObject live) throws IOException {
        var snapshot = Json.createObjectBuilder(live);
        snapshot.remove("endpoints"); // Payara's own list, not OpenAPI
        snapshot.add("servers", Json.createArrayBuilder().add(Json.createObjectBuilder().add("url", "http://localhost:8080/")));
        try (Writer file = Files.newBufferedWriter(Paths.get(SNAPSHOT), StandardCharsets.UTF_8);
                JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(file)) {
            writer.writeObject(snapshot.build());
        }
    }

    /** "METHOD /api/v1/path" of every resource method in the WAR's classes, found by reflection. */
    static Set<String> deployedRoutes() throws IOException, URISyntaxException {
        String root = "/" + OpsSightApplication.class.getAnnotation(ApplicationPath.class).value().replaceAll("^/|/$", "");
        Set<String> routes = new TreeSet<>();
        for (Class<?> resource : ApiPermissions.resourceClasses()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                String verb = httpMethod(method);
                Path sub = method.getAnnotation(Path.class);
                if (verb == null) {
                    assertTrue(sub == null, () -> "sub-resource locator " + method + " is not checked");
                    continue;
                }
                routes.add(verb + " " + normalize(root + "/" + base + (sub == null ? "" : "/" + sub.value())));
            }
        }
        assertFalse(routes.isEmpty(), "no JAX-RS resources found in the WAR's classes");
        // The webhook receivers are a servlet (described in META-INF/openapi.yaml): POST only.
        String pattern = WebhookServlet.class.getAnnotation(WebServlet.class).urlPatterns()[0];
        assertEquals(pattern.replace("/*", "/"), WebhookServlet.ROUTE.substring(0, WebhookServlet.ROUTE.indexOf('{')));
        routes.add("POST " + WebhookServlet.ROUTE);
        return routes;
    }

    private static String normalize(String path) {
        String clean = path.replaceAll("/+", "/").replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
        return clean.endsWith("/") && clean.length() > 1 ? clean.substring(0, clean.length() - 1) : clean;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    static InputStream snapshotStream() throws IOException {
        return Files.newInputStream(Paths.get(SNAPSHOT));
    }
}
