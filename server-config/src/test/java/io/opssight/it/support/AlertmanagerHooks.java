package io.opssight.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Alertmanager webhook notifications (payload version 4) as its webhook notifier sends them: Go's
 * encoding/json of the message (fields in struct order, map keys sorted, {@code <>&} escaped as
 * \u003c..., times in RFC 3339 with nanoseconds, a firing alert's endsAt the zero time) and the
 * {@code Authorization: Bearer} header of the receiver's {@code http_config.authorization}.
 */
public final class AlertmanagerHooks {

    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private AlertmanagerHooks() {
    }

    /** One alert of a group. */
    public record Alert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
            String endsAt, String fingerprint) {

        public Alert resolvedAt(String endsAt) {
            return new Alert("resolved", labels, annotations, startsAt, endsAt, fingerprint);
        }

        public Alert withAnnotation(String name, String value) {
            Map<String, String> changed = new TreeMap<>(annotations);
            changed.put(name, value);
            return new Alert(status, labels, changed, startsAt, endsAt, fingerprint);
        }

        public Alert firingAgainFrom(String newStartsAt) {
            return new Alert("firing", labels, annotations, newStartsAt, ZERO_TIME, fingerprint);
        }
    }

    /** A firing alert of {@code service} in namespace shop, as Prometheus' rule would label it. */
    public static Alert firing(String alertname, String service, String severity, String pod, String startsAt) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", alertname);
        labels.put("service", service);
        labels.put("severity", severity);
        labels.put("namespace", "shop");
        labels.put("pod", pod);
        labels.put("job", "kubernetes-pods");
        labels.put("instance", "10.42.3.17:8080");
        labels.put("prometheus", "monitoring/k8s");
        labels.put("team", "checkout");
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("summary", alertname + " on " + pod);
        annotations.put("description", "5xx ratio is 7.31% (threshold 5%) for the last 5m");
        annotations.put("runbook_url", "https://runbooks.example.com/alerts/" + alertname);
        String fingerprint = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return new Alert("firing", labels, annotations, startsAt, ZERO_TIME, fingerprint);
    }

    /** The notification for one group, with the common labels and annotations Alertmanager derives. */
    public static byte[] notification(String receiver, String groupStatus, Map<String, String> groupLabels, Alert... alerts) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        Map<String, String> common = null;
        Map<String, String> commonAnnotations = null;
        for (Alert a : alerts) {
            list.add(Json.createObjectBuilder()
                    .add("status", a.status())
                    .add("labels", sorted(a.labels()))
                    .add("annotations", sorted(a.annotations()))
                    .add("startsAt", a.startsAt())
                    .add("endsAt", a.endsAt())
                    .add("generatorURL", "http://prometheus-k8s-0:9090/graph?g0.expr=sum+by%28service%29+%28rate%28"
                            + "http_requests_total%7Bcode%3D~%225..%22%7D%5B5m%5D%29%29+%2F+sum+by%28service%29+%28rate%28"
                            + "http_requests_total%5B5m%5D%29%29+%3E+0.05&g0.tab=1")
                    .add("fingerprint", a.fingerprint()));
            common = intersect(common, a.labels());
            commonAnnotations = intersect(commonAnnotations, a.annotations());
        }
        StringBuilder key = new StringBuilder("{}/{team=\"checkout\"}:{");
        groupLabels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> key.append(key.charAt(key.length() - 1) == '{' ? "" : ", ").append(e.getKey()).append("=\"")
                        .append(e.getValue()).append('"'));
        key.append('}');
        JsonObject message = Json.createObjectBuilder()
                .add("receiver", receiver)
                .add("status", groupStatus)
                .add("alerts", list)
                .add("groupLabels", sorted(groupLabels))
                .add("commonLabels", sorted(common))
                .add("commonAnnotations", sorted(commonAnnotations))
                .add("externalURL", "http://alertmanager-main-0:9093")
                .add("version", "4")
                .add("groupKey", key.toString())
                .add("truncatedAlerts", 0)
                .build();
        return goEscaped(message.toString()).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> intersect(Map<String, String> common, Map<String, String> next) {
        if (common == null) {
            return new TreeMap<>(next);
        }
        common.entrySet().removeIf(e -> !e.getValue().equals(next.get(e.getKey())));
        return common;
    }

    private static JsonObjectBuilder sorted(Map<String, String> values) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        new TreeMap<>(values).forEach(builder::add);
        return builder;
    }

    /** Go's encoding/json escapes these in strings (and they only occur inside strings here). */
    static String goEscaped(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    /** What the webhook notifier sends, with {@code authorization: {credentials: <secret>}} configured. */
    public static Map<String, String> headers(String bearer) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Alertmanager/0.27.0");
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        return headers;
    }
}
