package io.opssight.ingestion.control;

import static io.opssight.platform.entity.JsonSupport.JSON;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Request headers with case-insensitive names, as HTTP defines them. */
public final class Headers {

    /** The headers kept with a delivery (never Authorization or tokens: those are secrets). */
    private static final java.util.Set<String> KEPT = java.util.Set.of(
            "content-type", "user-agent", "x-github-event", "x-github-delivery", "x-github-hook-id",
            "x-github-hook-installation-target-id", "x-github-hook-installation-target-type", "x-hub-signature-256",
            "x-gitlab-event", "x-gitlab-event-uuid", "x-gitlab-instance", "x-gitlab-webhook-uuid", "idempotency-key",
            "x-pagerduty-signature", "x-webhook-id", "x-webhook-subscription", "x-request-id", "x-jenkins-event",
            "x-opssight-workspace");

    private final Map<String, String> values = new TreeMap<>();

    public Headers(Map<String, String> raw) {
        raw.forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), v));
    }

    public String get(String name) {
        String value = values.get(name.toLowerCase(Locale.ROOT));
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The kept headers as a JSON object, for storage with the raw body. */
    public String keptAsJson() {
        jakarta.json.JsonObjectBuilder builder = JSON.createObjectBuilder();
        values.forEach((k, v) -> {
            if (KEPT.contains(k)) {
                builder.add(k, v);
            }
        });
        return builder.build().toString();
    }
}
