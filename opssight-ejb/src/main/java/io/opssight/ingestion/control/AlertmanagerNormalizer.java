package io.opssight.ingestion.control;

import static io.opssight.ingestion.control.HookFields.firstNonNull;
import static io.opssight.ingestion.control.HookFields.stripped;
import static io.opssight.platform.entity.StorableText.clip;

import io.opssight.alerting.control.AlertFacts;
import io.opssight.alerting.control.AlertRecorder;
import io.opssight.alerting.entity.Alert;
import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.SourceKind;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.TreeSet;

/**
 * Maps Alertmanager's webhook notification (payload version 4) onto alerts: every alert of the
 * group is recorded, firing or resolved, under its fingerprint and startsAt (one row per firing
 * episode). A repeat notification of the same group (repeat_interval) finds the same rows.
 *
 * <p>While an alert fires, Alertmanager sends {@code endsAt} as Go's zero time
 * ({@code 0001-01-01T00:00:00Z}); that means "not ended", never a time. The affected service is
 * the alert's {@code service} label, else {@code app}, else {@code job}.
 */
@Dependent
public class AlertmanagerNormalizer implements Normalizer {

    static final String UNNAMED = "(no alertname)";

    /** Go's zero time, and anything before the epoch, is "no time". */
    private static final Instant NO_TIME = Instant.EPOCH;

    @Inject
    AlertRecorder alerts;

    @Override
    public SourceKind kind() {
        return SourceKind.ALERTMANAGER;
    }

    @Override
    public SourceProtocol protocol() {
        return new TokenProtocol("Alertmanager: a webhook_configs receiver with url = the URL above, send_resolved: true and "
                + "http_config.authorization credentials = the secret above.");
    }

    @Override
    public Normalized normalize(Delivery delivery, JsonObject payload, Instant now) {
        JsonValue list = payload.get("alerts");
        if (list == null || list.getValueType() != JsonValue.ValueType.ARRAY) {
            return Normalized.ignored("not an Alertmanager notification: no alerts array");
        }
        JsonArray items = list.asJsonArray();
        if (items.isEmpty()) {
            return Normalized.ignored("Alertmanager notification without alerts");
        }
        String origin = Normalizer.origin(delivery);
        String groupStatus = Payloads.string(payload, "status");
        int firing = 0;
        int resolved = 0;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("Alertmanager notification with alerts[" + i + "] not an object");
            }
            Alert alert = alerts.record(facts(origin, items.getJsonObject(i), groupStatus, i), now);
            if (Alert.RESOLVED.equals(alert.getStatus())) {
                resolved++;
            } else {
                firing++;
            }
        }
        long truncated = Payloads.number(payload, "truncatedAlerts", 0);
        String group = clip(stripped(Payloads.string(payload, "groupKey")), 300);
        return Normalized.modelled(items.size() + " alert(s)" + (group != null ? " of group " + group : "") + ": " + firing
                + " firing, " + resolved + " resolved" + (truncated > 0 ? "; " + truncated + " more left out by max_alerts" : ""));
    }

    static AlertFacts facts(String origin, JsonObject alert, String groupStatus, int index) {
        JsonObject labels = Payloads.object(alert, "labels");
        if (labels == null) {
            labels = JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonObject annotations = Payloads.object(alert, "annotations");
        if (annotations == null) {
            annotations = JsonValue.EMPTY_JSON_OBJECT;
        }
        // Alertmanager before 0.19 sent no fingerprint; it is the FNV-1a hash of the label set, so compute it.
        String fingerprint = firstNonNull(clip(stripped(Payloads.string(alert, "fingerprint")), 200), fingerprint(labels));
        Instant startsAt = time(Payloads.instant(alert, "startsAt"));
        if (startsAt == null) {
            throw new IllegalArgumentException("Alertmanager alert " + fingerprint + " (alerts[" + index + "]) without startsAt");
        }
        String status = firstNonNull(Payloads.string(alert, "status"), groupStatus);
        boolean resolved = Alert.RESOLVED.equalsIgnoreCase(status);
        String generatorUrl = Payloads.string(alert, "generatorURL");
        return new AlertFacts(origin, fingerprint, startsAt,
                resolved ? time(Payloads.instant(alert, "endsAt")) : null,
                firstNonNull(clip(stripped(Payloads.string(labels, "alertname")), 300), UNNAMED),
                resolved ? Alert.RESOLVED : Alert.FIRING,
                clip(stripped(serviceOf(labels)), 200),
                clip(stripped(Payloads.string(labels, "severity")), 32),
                labels.toString(), annotations.toString(),
                // A clipped link would be a broken one; the raw delivery keeps a longer URL.
                generatorUrl != null && generatorUrl.length() <= 2000 ? clip(stripped(generatorUrl), 2000) : null);
    }

    /** The service an alert is about: its {@code service} label, else {@code app}, else {@code job}. */
    static String serviceOf(JsonObject labels) {
        for (String label : new String[] {"service", "app", "job"}) {
            String value = Payloads.string(labels, label);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static Instant time(Instant value) {
        return value == null || !value.isAfter(NO_TIME) ? null : value;
    }

    /**
     * Alertmanager's fingerprint of a label set (Prometheus' {@code LabelSet.Fingerprint}): FNV-1a
     * 64 over the label names in sorted order, each name and value followed by a 0xFF byte, as 16
     * lower-case hex digits.
     */
    static String fingerprint(JsonObject labels) {
        long hash = 0xcbf29ce484222325L;
        for (String name : new TreeSet<>(labels.keySet())) {
            hash = fnv(hash, name);
            hash = fnv(hash, Payloads.string(labels, name) == null ? "" : Payloads.string(labels, name));
        }
        return String.format("%016x", hash);
    }

    private static long fnv(long hash, String text) {
        long h = hash;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= 0xff;
        h *= 0x100000001b3L;
        return h;
    }
}
