package io.opssight.alerting.rest;

import static io.opssight.platform.entity.JsonSupport.JSON;

import io.opssight.alerting.entity.Alert;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A received alert (one firing episode) on the wire, with its labels and annotations, and who
 * acknowledged it, when and why (all null when nobody has).
 */
public record AlertView(long id, String name, String status, String service, String severity, Instant startsAt,
        Instant endsAt, Instant lastSeenAt, String fingerprint, Map<String, String> labels, Map<String, String> annotations,
        String generatorUrl, String origin, String acknowledgedBy, Instant acknowledgedAt, String acknowledgementNote) {

    public static AlertView from(Alert a) {
        return new AlertView(a.getId(), a.getName(), a.getStatus(), a.getService() == null ? null : a.getService().getName(),
                a.getSeverity(), a.getStartsAt(), a.getEndsAt(), a.getLastSeenAt(), a.getFingerprint(),
                strings(a.getLabels()), strings(a.getAnnotations()), a.getGeneratorUrl(), a.getOrigin(),
                a.getAcknowledgedBy(), a.getAcknowledgedAt(), a.getAckNote());
    }

    /** Labels and annotations are string maps in Alertmanager; anything else is shown as its JSON text. */
    static Map<String, String> strings(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                JsonObject object = value.asJsonObject();
                object.forEach((k, v) -> out.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
            }
        }
        return out;
    }
}
