package io.opssight.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * PagerDuty V3 webhook deliveries: the documented event envelope with the full incident resource
 * (assignees, escalation policy, teams, priority, conference bridge...), and the headers of a
 * webhook subscription, {@code X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the body>} with one
 * signature per active secret (two during a secret rotation).
 */
public final class PagerDutyHooks {

    private PagerDutyHooks() {
    }

    /** An incident as PagerDuty describes it. */
    public record Incident(String id, long number, String title, String serviceName, String createdAt, String priority,
            String urgency) {
    }

    public static Incident incident(String serviceName, String title, String createdAt) {
        return new Incident(pagerDutyId(), Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000), title, serviceName,
                createdAt, "P1", "high");
    }

    /** A new event id, PagerDuty style (26 characters, upper-case base 32). */
    public static String eventId() {
        return ("01" + UUID.randomUUID().toString().replace("-", "")).substring(0, 26).toUpperCase(Locale.ROOT);
    }

    /** A PagerDuty object id (P + 6 characters, or 14 for newer incidents). */
    public static String pagerDutyId() {
        return "Q" + UUID.randomUUID().toString().replace("-", "").substring(0, 13).toUpperCase(Locale.ROOT);
    }

    /** An incident.* event about {@code i}; {@code status} is the incident's status after the event. */
    public static byte[] incidentEvent(String eventId, String eventType, String occurredAt, Incident i, String status) {
        String base = "https://acme.pagerduty.com";
        JsonObjectBuilder priority = i.priority() == null ? null : Json.createObjectBuilder()
                .add("html_url", base + "/account/incident_priorities")
                .add("id", "PSO75BM")
                .add("self", "https://api.pagerduty.com/priorities/PSO75BM")
                .add("summary", i.priority())
                .add("type", "priority");
        JsonObjectBuilder data = Json.createObjectBuilder()
                .add("id", i.id())
                .add("type", "incident")
                .add("self", "https://api.pagerduty.com/incidents/" + i.id())
                .add("html_url", base + "/incidents/" + i.id())
                .add("number", i.number())
                .add("status", status)
                .add("incident_key", UUID.randomUUID().toString().replace("-", ""))
                .add("created_at", i.createdAt())
                .add("title", i.title())
                .add("service", reference("PF9KMXH", i.serviceName(), "service", "/service-directory/"))
                .add("assignees", Json.createArrayBuilder().add(reference("PTUXL6G", "Jane Doe", "user", "/users/")))
                .add("escalation_policy", reference("PUS0KTE", "Checkout on-call", "escalation_policy", "/escalation_policies/"))
                .add("teams", Json.createArrayBuilder().add(reference("PFCVPS0", "Checkout", "team", "/teams/")))
                .add("priority", priority == null ? JsonValue.NULL : priority.build())
                .add("urgency", i.urgency())
                .add("conference_bridge", Json.createObjectBuilder().add("conference_number", "+1 555-0100,,123456#")
                        .add("conference_url", "https://meet.example.com/checkout-war-room"))
                .add("resolve_reason", JsonValue.NULL);
        return envelope(eventId, eventType, "incident", occurredAt, data);
    }

    /** The ping PagerDuty sends when a subscription is created or tested. */
    public static byte[] ping(String eventId, String occurredAt) {
        return Json.createObjectBuilder().add("event", Json.createObjectBuilder()
                .add("id", eventId)
                .add("event_type", "pagey.ping")
                .add("resource_type", "pagey")
                .add("occurred_at", occurredAt)
                .add("agent", JsonValue.NULL)
                .add("client", JsonValue.NULL)
                .add("data", Json.createObjectBuilder().add("message", "Hello from your friend Pagey!").add("type", "ping")))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An incident.annotated event: its data is the note, not the incident. */
    public static byte[] annotated(String eventId, String occurredAt, Incident i, String content) {
        JsonObjectBuilder data = Json.createObjectBuilder()
                .add("incident", reference(i.id(), i.title(), "incident", "/incidents/"))
                .add("id", "P" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT))
                .add("content", content)
                .add("trimmed", false)
                .add("type", "incident_note");
        return envelope(eventId, "incident.annotated", "incident", occurredAt, data);
    }

    private static byte[] envelope(String eventId, String eventType, String resourceType, String occurredAt, JsonObjectBuilder data) {
        return Json.createObjectBuilder().add("event", Json.createObjectBuilder()
                .add("id", eventId)
                .add("event_type", eventType)
                .add("resource_type", resourceType)
                .add("occurred_at", occurredAt)
                .add("agent", reference("PLH1HKV", "Jane Doe", "user", "/users/"))
                .add("client", JsonValue.NULL)
                .add("data", data))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObjectBuilder reference(String id, String summary, String type, String path) {
        return Json.createObjectBuilder()
                .add("html_url", "https://acme.pagerduty.com" + path + id)
                .add("id", id)
                .add("self", "https://api.pagerduty.com" + path.replace("service-directory", "services") + id)
                .add("summary", summary)
                .add("type", type + "_reference");
    }

    /** The subscription's headers, signed with each of {@code secrets} (PagerDuty signs with every active one). */
    public static Map<String, String> headers(byte[] body, String... secrets) {
        StringBuilder signatures = new StringBuilder();
        for (String secret : secrets) {
            signatures.append(signatures.length() == 0 ? "" : ",").append("v1=")
                    .append(HexFormat.of().formatHex(GitHubHooks.hmac(secret, body)));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "PagerDuty-Webhook/V3.0");
        headers.put("X-Webhook-Id", "8f4c1f9e-3b6a-4b7e-9c1d-2a5e7f0b3c4d");
        headers.put("X-Webhook-Subscription", "PSUB123");
        headers.put("X-PagerDuty-Signature", signatures.toString());
        return headers;
    }
}
