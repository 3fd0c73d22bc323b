package io.opssight.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * AWX / Ansible Tower webhook notifications as AWX sends them: the job's notification data
 * (id, name, url, created_by, started, finished, status, traceback, inventory, project, playbook,
 * credential, limit, extra_vars as a JSON string, hosts), serialised like Python's
 * {@code json.dumps(body, ensure_ascii=False)} (", " and ": " separators, one line), with the
 * {@code User-Agent: Tower <version>} header AWX's webhook backend adds.
 */
public final class AwxNotifications {

    public static final String AWX = "https://awx.acme.example";

    private AwxNotifications() {
    }

    /** One host's summary, as in the job's host summaries. */
    public static JsonObject host(boolean failed, int changed, int dark, int failures, int ok, int skipped) {
        return Json.createObjectBuilder().add("failed", failed).add("changed", changed).add("dark", dark)
                .add("failures", failures).add("ok", ok).add("processed", 1).add("skipped", skipped).add("rescued", 0)
                .add("ignored", 0).build();
    }

    /**
     * A playbook job notification. {@code finished} null and an empty {@code hosts} for the start
     * notification; {@code createdBy} "None" for scheduled jobs.
     */
    public static byte[] playbookJob(long id, String name, String createdBy, String started, String finished, String status,
            Map<String, JsonObject> hosts) {
        JsonObjectBuilder host = Json.createObjectBuilder();
        hosts.forEach(host::add);
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("id", id)
                .add("name", name)
                .add("url", AWX + "/#/jobs/playbook/" + id)
                .add("created_by", createdBy)
                .add("started", started);
        nullable(body, "finished", finished);
        body.add("status", status)
                .add("traceback", "")
                .add("inventory", "Production")
                .add("project", "shop-ansible")
                .add("playbook", "deploy.yml")
                .add("credential", "ssh-deploy")
                .add("limit", "web")
                .add("extra_vars", "{\"shop_version\": \"2.14.0\", \"serial\": \"25%\", \"ansible_become_pass\": \"$encrypted$\"}")
                .add("hosts", host);
        return pythonDumps(body.build()).getBytes(StandardCharsets.UTF_8);
    }

    /** A project update (SCM sync) notification: no playbook, no hosts. */
    public static byte[] projectUpdate(long id, String started, String finished) {
        return pythonDumps(Json.createObjectBuilder()
                .add("id", id)
                .add("name", "shop-ansible")
                .add("url", AWX + "/#/jobs/project/" + id)
                .add("created_by", "None")
                .add("started", started)
                .add("finished", finished)
                .add("status", "successful")
                .add("traceback", "")
                .build()).getBytes(StandardCharsets.UTF_8);
    }

    /** What the notification template's Test button sends to a webhook. */
    public static byte[] testNotification(int templateId) {
        return pythonDumps(Json.createObjectBuilder()
                .add("body", "Ansible Tower Test Notification " + templateId + " " + AWX).build()).getBytes(StandardCharsets.UTF_8);
    }

    public static Map<String, String> bearerHeaders(String secret) {
        Map<String, String> headers = baseHeaders();
        headers.put("Authorization", "Bearer " + secret);
        return headers;
    }

    /** The notification template's "Basic auth" user name and password fields instead of a header. */
    public static Map<String, String> basicHeaders(String user, String secret) {
        Map<String, String> headers = baseHeaders();
        headers.put("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private static Map<String, String> baseHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Tower 24.6.1");
        return headers;
    }

    private static void nullable(JsonObjectBuilder builder, String name, String value) {
        if (value == null) {
            builder.addNull(name);
        } else {
            builder.add(name, value);
        }
    }

    /** Python's json.dumps layout: {"a": 1, "b": [1, 2]}. */
    static String pythonDumps(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> {
                StringJoiner joiner = new StringJoiner(", ", "{", "}");
                ((JsonObject) value).forEach((k, v) -> joiner.add(Json.createValue(k).toString() + ": " + pythonDumps(v)));
                return joiner.toString();
            }
            case ARRAY -> {
                StringJoiner joiner = new StringJoiner(", ", "[", "]");
                ((JsonArray) value).forEach(v -> joiner.add(pythonDumps(v)));
                return joiner.toString();
            }
            default -> {
                return value.toString();
            }
        }
    }
}
