package io.opssight.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;

/**
 * Argo CD notifications exactly as Argo CD's notification controller sends them with the
 * templates documented in docs/INGESTION.md: the ConfigMap snippet is read from that file and each
 * webhook body is rendered against a real-shaped Application (the unstructured object Argo CD
 * hands to its templates as {@code .app}) with Go text/template semantics: a missing field renders
 * {@code <no value>}, sprig's {@code get} renders {@code ""} for a missing key, {@code toJson}
 * encodes like Go's encoding/json (HTML characters escaped, nil as {@code null}).
 */
public final class ArgoCdNotifications {

    private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern GET = Pattern.compile("get\\s+(\\S+)\\s+\"([^\"]*)\"");
    private static final Pattern TO_JSON = Pattern.compile("toJson\\s+(\\S+)");
    private static final String MARKER = "<!-- opssight:argocd-notifications-cm";

    private ArgoCdNotifications() {
    }

    /** The webhook body templates of the documented ConfigMap, by template name ("app-deployed", ...). */
    public static Map<String, String> documentedBodies() {
        Path doc = docs();
        String text;
        try {
            text = Files.readString(doc, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + doc, e);
        }
        int marker = text.indexOf(MARKER);
        if (marker < 0) {
            throw new IllegalStateException(doc + " has no " + MARKER + " snippet");
        }
        int start = text.indexOf("```yaml", marker);
        int end = text.indexOf("```", start + 7);
        List<String> lines = text.substring(text.indexOf('\n', start) + 1, end).lines().toList();
        Map<String, String> bodies = new LinkedHashMap<>();
        String template = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher name = Pattern.compile("^  template\\.([a-z0-9-]+): \\|$").matcher(line);
            if (name.matches()) {
                template = name.group(1);
            } else if (template != null && line.trim().equals("body: |")) {
                int bodyIndent = indent(line);
                List<String> block = new ArrayList<>();
                int j = i + 1;
                while (j < lines.size() && (lines.get(j).isBlank() || indent(lines.get(j)) > bodyIndent)) {
                    block.add(lines.get(j));
                    j++;
                }
                int strip = indent(block.get(0));
                StringBuilder body = new StringBuilder();
                for (String b : block) {
                    body.append(b.isBlank() ? "" : b.substring(strip)).append('\n');
                }
                // YAML literal block, "clip": one final newline.
                bodies.put(template, body.toString().replaceAll("\n+$", "\n"));
                template = null;
                i = j - 1;
            }
        }
        return bodies;
    }

    private static Path docs() {
        for (Path candidate : List.of(Path.of("..", "docs", "INGESTION.md"), Path.of("docs", "INGESTION.md"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/INGESTION.md not found from " + Path.of("").toAbsolutePath());
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    /** Renders one documented template for an Application, as the notification controller does. */
    public static byte[] render(String template, JsonObject application, String argocdUrl) {
        String body = documentedBodies().get(template);
        if (body == null) {
            throw new IllegalStateException("docs/INGESTION.md defines no template." + template);
        }
        JsonObject vars = Json.createObjectBuilder().add("app", application)
                .add("context", Json.createObjectBuilder().add("argocdUrl", argocdUrl))
                .add("serviceType", "webhook").add("recipient", "").build();
        Matcher m = ACTION.matcher(body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(evaluate(m.group(1).trim(), vars)));
        }
        m.appendTail(out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String evaluate(String action, JsonObject vars) {
        Matcher get = GET.matcher(action);
        if (get.matches()) {
            JsonValue map = lookup(vars, get.group(1));
            if (map == null || map.getValueType() != JsonValue.ValueType.OBJECT) {
                return "";
            }
            JsonValue value = map.asJsonObject().get(get.group(2));
            return value == null ? "" : print(value);
        }
        Matcher toJson = TO_JSON.matcher(action);
        if (toJson.matches()) {
            JsonValue value = lookup(vars, toJson.group(1));
            return value == null ? "null" : goJson(value.toString());
        }
        if (action.startsWith(".") && !action.contains(" ")) {
            JsonValue value = lookup(vars, action);
            return value == null ? "<no value>" : print(value);
        }
        throw new IllegalStateException("The test renderer does not know the template action {{" + action
                + "}}; teach ArgoCdNotifications, or keep docs/INGESTION.md to field paths, get and toJson");
    }

    private static JsonValue lookup(JsonObject root, String path) {
        JsonValue current = root;
        for (String part : path.substring(1).split("\\.")) {
            if (current == null || current.getValueType() != JsonValue.ValueType.OBJECT) {
                return null;
            }
            current = current.asJsonObject().get(part);
        }
        return current;
    }

    private static String print(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NULL -> "<no value>";
            default -> value.toString();
        };
    }

    /** Go's encoding/json escapes <, > and & in strings. */
    private static String goJson(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    // ----------------------------------------------------------------------------------------------
    // Applications as Argo CD keeps them (argoproj.io/v1alpha1 Application, unstructured).

    /** What varies between test Applications; null means the field is absent from the object. */
    public static final class App {
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> annotations = new LinkedHashMap<>();
        String repoUrl;
        String targetRevision = "main";
        String path = "deploy/k8s";
        String destinationServer;
        String destinationName;
        String namespace;
        String phase;
        String health = "Healthy";
        String syncStatus = "Synced";
        String revision;
        String startedAt;
        String finishedAt;
        String reconciledAt;
        String message;
        String initiatedBy;
        List<String> images = List.of();

        public static App named(String name) {
            App app = new App();
            app.name = name;
            return app;
        }

        public App label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public App noLabels() {
            labels = null;
            return this;
        }

        public App annotation(String key, String value) {
            annotations.put(key, value);
            return this;
        }

        public App noAnnotations() {
            annotations = null;
            return this;
        }

        public App source(String repoUrl, String targetRevision) {
            this.repoUrl = repoUrl;
            this.targetRevision = targetRevision;
            return this;
        }

        public App destinationServer(String server, String namespace) {
            this.destinationServer = server;
            this.destinationName = null;
            this.namespace = namespace;
            return this;
        }

        public App destinationName(String name, String namespace) {
            this.destinationName = name;
            this.destinationServer = null;
            this.namespace = namespace;
            return this;
        }

        /** The current sync operation; {@code finishedAt} null while it runs. */
        public App operation(String phase, String revision, String startedAt, String finishedAt, String message) {
            this.phase = phase;
            this.revision = revision;
            this.startedAt = startedAt;
            this.finishedAt = finishedAt;
            this.message = message;
            return this;
        }

        public App status(String syncStatus, String health, String reconciledAt) {
            this.syncStatus = syncStatus;
            this.health = health;
            this.reconciledAt = reconciledAt;
            return this;
        }

        /** A user who pressed Sync; null for an automated sync. */
        public App initiatedBy(String username) {
            this.initiatedBy = username;
            return this;
        }

        public App images(String... images) {
            this.images = List.of(images);
            return this;
        }

        public JsonObject toJson() {
            JsonObjectBuilder metadata = Json.createObjectBuilder()
                    .add("name", name)
                    .add("namespace", "argocd")
                    .add("uid", UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString())
                    .add("resourceVersion", "48213977")
                    .add("generation", 412)
                    .add("creationTimestamp", "2025-02-03T08:11:52Z")
                    .add("finalizers", Json.createArrayBuilder().add("resources-finalizer.argocd.argoproj.io"));
            if (labels != null) {
                metadata.add("labels", stringMap(labels));
            }
            if (annotations != null) {
                metadata.add("annotations", stringMap(annotations));
            }
            JsonObjectBuilder destination = Json.createObjectBuilder();
            if (destinationServer != null) {
                destination.add("server", destinationServer);
            }
            if (destinationName != null) {
                destination.add("name", destinationName);
            }
            if (namespace != null) {
                destination.add("namespace", namespace);
            }
            JsonObjectBuilder source = Json.createObjectBuilder().add("repoURL", repoUrl).add("path", path)
                    .add("targetRevision", targetRevision);
            JsonObjectBuilder spec = Json.createObjectBuilder()
                    .add("project", "default")
                    .add("source", source)
                    .add("destination", destination)
                    .add("syncPolicy", Json.createObjectBuilder()
                            .add("automated", Json.createObjectBuilder().add("prune", true).add("selfHeal", true))
                            .add("syncOptions", Json.createArrayBuilder().add("CreateNamespace=true").add("ServerSideApply=true"))
                            .add("retry", Json.createObjectBuilder().add("limit", 2).add("backoff", Json.createObjectBuilder()
                                    .add("duration", "5s").add("factor", 2).add("maxDuration", "3m"))));
            JsonObjectBuilder status = Json.createObjectBuilder()
                    .add("resources", resources())
                    .add("sync", Json.createObjectBuilder().add("status", syncStatus)
                            .add("comparedTo", Json.createObjectBuilder()
                                    .add("source", Json.createObjectBuilder().add("repoURL", repoUrl).add("path", path)
                                            .add("targetRevision", targetRevision))
                                    .add("destination", destination))
                            .add("revision", revision))
                    .add("health", Json.createObjectBuilder().add("status", health))
                    .add("history", Json.createArrayBuilder().add(Json.createObjectBuilder()
                            .add("revision", "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
                            .add("deployedAt", "2026-11-19T16:02:11Z").add("id", 57)
                            .add("source", Json.createObjectBuilder().add("repoURL", repoUrl).add("path", path)
                                    .add("targetRevision", targetRevision))
                            .add("deployStartedAt", "2026-11-19T16:01:58Z")
                            .add("initiatedBy", Json.createObjectBuilder().add("automated", true))))
                    .add("sourceType", "Kustomize")
                    .add("summary", Json.createObjectBuilder().add("images", strings(images)));
            if (reconciledAt != null) {
                status.add("reconciledAt", reconciledAt);
            }
            if (phase != null) {
                JsonObjectBuilder initiator = initiatedBy != null
                        ? Json.createObjectBuilder().add("username", initiatedBy)
                        : Json.createObjectBuilder().add("automated", true);
                JsonObjectBuilder operationState = Json.createObjectBuilder()
                        .add("operation", Json.createObjectBuilder()
                                .add("sync", Json.createObjectBuilder().add("revision", revision)
                                        .add("syncStrategy", Json.createObjectBuilder().add("hook", Json.createObjectBuilder())))
                                .add("initiatedBy", initiator)
                                .add("retry", Json.createObjectBuilder().add("limit", 2)))
                        .add("phase", phase)
                        .add("startedAt", startedAt);
                if (message != null) {
                    operationState.add("message", message);
                }
                if (finishedAt != null) {
                    operationState.add("finishedAt", finishedAt);
                    operationState.add("syncResult", Json.createObjectBuilder()
                            .add("resources", syncedResources())
                            .add("revision", revision)
                            .add("source", Json.createObjectBuilder().add("repoURL", repoUrl).add("path", path)
                                    .add("targetRevision", targetRevision)));
                }
                status.add("operationState", operationState);
                status.add("observedAt", reconciledAt != null ? reconciledAt : startedAt);
            }
            return Json.createObjectBuilder()
                    .add("apiVersion", "argoproj.io/v1alpha1")
                    .add("kind", "Application")
                    .add("metadata", metadata)
                    .add("spec", spec)
                    .add("status", status)
                    .build();
        }

        private JsonArrayBuilder resources() {
            return Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("version", "v1").add("kind", "Service").add("namespace", ns())
                            .add("name", name).add("status", syncStatus)
                            .add("health", Json.createObjectBuilder().add("status", "Healthy")))
                    .add(Json.createObjectBuilder().add("group", "apps").add("version", "v1").add("kind", "Deployment")
                            .add("namespace", ns()).add("name", name).add("status", syncStatus)
                            .add("health", Json.createObjectBuilder().add("status", health)));
        }

        private JsonArrayBuilder syncedResources() {
            boolean failed = "Failed".equals(phase) || "Error".equals(phase);
            return Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("group", "").add("version", "v1").add("kind", "Service")
                            .add("namespace", ns()).add("name", name).add("status", "Synced")
                            .add("message", "service/" + name + " serverside-applied").add("hookPhase", "Running")
                            .add("syncPhase", "Sync"))
                    .add(Json.createObjectBuilder().add("group", "apps").add("version", "v1").add("kind", "Deployment")
                            .add("namespace", ns()).add("name", name).add("status", failed ? "SyncFailed" : "Synced")
                            .add("message", failed ? "Deployment.apps \"" + name
                                    + "\" is invalid: spec.template.spec.containers[0].image: Required value"
                                    : "deployment.apps/" + name + " serverside-applied")
                            .add("hookPhase", failed ? "Failed" : "Running").add("syncPhase", "Sync"));
        }

        private String ns() {
            return namespace != null ? namespace : "default";
        }

        private static JsonObjectBuilder stringMap(Map<String, String> map) {
            JsonObjectBuilder builder = Json.createObjectBuilder();
            map.forEach(builder::add);
            return builder;
        }

        private static JsonArrayBuilder strings(List<String> values) {
            JsonArrayBuilder builder = Json.createArrayBuilder();
            values.forEach(builder::add);
            return builder;
        }
    }

    /** The headers the notification controller sends with the documented webhook service. */
    public static Map<String, String> headers(String bearer) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + bearer);
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Go-http-client/1.1");
        return headers;
    }
}
