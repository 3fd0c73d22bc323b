package io.opssight.ingestion.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.alerting.control.AlertFacts;
import io.opssight.alerting.control.AlertRecorder;
import io.opssight.alerting.entity.Alert;
import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.SourceKind;
import io.opssight.platform.entity.StorableText;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#3 Alertmanager webhook mapping")
class AlertmanagerNormalizerTest {

    private static final String ORIGIN = "alertmanager:prod";

    @Test
    @DisplayName("#3 the computed fingerprint is Prometheus' label-set fingerprint (prometheus/common's own test values)")
    void fingerprintMatchesPrometheus() {
        assertEquals("cbf29ce484222325", AlertmanagerNormalizer.fingerprint(JsonObject.EMPTY_JSON_OBJECT));
        assertEquals(String.format("%016x", 5799056148416392346L), AlertmanagerNormalizer.fingerprint(
                labels("name", "garland, briggs", "fear", "love is not enough")));
        assertEquals(AlertmanagerNormalizer.fingerprint(labels("a", "b", "c", "d")),
                AlertmanagerNormalizer.fingerprint(labels("c", "d", "a", "b")), "label order does not matter");
    }

    @Test
    @DisplayName("#3 the service label wins over app, app over job")
    void serviceLabelPrecedence() {
        assertEquals("checkout", AlertmanagerNormalizer.serviceOf(labels("job", "node", "app", "web", "service", "checkout")));
        assertEquals("web", AlertmanagerNormalizer.serviceOf(labels("job", "node", "app", "web")));
        assertEquals("node", AlertmanagerNormalizer.serviceOf(labels("job", "node")));
        assertNull(AlertmanagerNormalizer.serviceOf(labels("instance", "10.0.0.1:9100")));
    }

    @Test
    @DisplayName("#3 a firing alert's zero endsAt (0001-01-01T00:00:00Z) is no end")
    void firingHasNoEnd() {
        AlertFacts facts = AlertmanagerNormalizer.facts(ORIGIN, alert("firing", "2026-11-20T10:00:00.123456789Z",
                "0001-01-01T00:00:00Z").build(), "firing", 0);

        assertEquals(Alert.FIRING, facts.status());
        assertNull(facts.endsAt());
        assertEquals(Instant.parse("2026-11-20T10:00:00.123456789Z"), facts.startsAt());
        assertEquals("HighErrorRate", facts.name());
        assertEquals("critical", facts.severity());
        assertEquals("checkout", facts.service());
        assertEquals("3fa2b7c91d04e5a6", facts.fingerprint());
        assertTrue(facts.labelsJson().contains("\"alertname\":\"HighErrorRate\""), facts.labelsJson());
        assertTrue(facts.annotationsJson().contains("runbook_url"), facts.annotationsJson());
        assertEquals("http://prometheus-0:9090/graph?g0.expr=rate%28x%29&g0.tab=1", facts.generatorUrl());
    }

    @Test
    @DisplayName("#3 a resolved alert keeps its endsAt")
    void resolvedHasEnd() {
        AlertFacts facts = AlertmanagerNormalizer.facts(ORIGIN, alert("resolved", "2026-11-20T10:00:00Z",
                "2026-11-20T10:17:30Z").build(), "resolved", 0);

        assertEquals(Alert.RESOLVED, facts.status());
        assertEquals(Instant.parse("2026-11-20T10:17:30Z"), facts.endsAt());
    }

    @Test
    @DisplayName("#3 without a fingerprint (Alertmanager before 0.19) it is computed from the labels")
    void missingFingerprintComputed() {
        JsonObject alert = alert("firing", "2026-11-20T10:00:00Z", "0001-01-01T00:00:00Z").remove("fingerprint").build();

        AlertFacts facts = AlertmanagerNormalizer.facts(ORIGIN, alert, "firing", 0);

        assertEquals(AlertmanagerNormalizer.fingerprint(alert.getJsonObject("labels")), facts.fingerprint());
    }

    @Test
    @DisplayName("#3 an alert without startsAt is a dead letter (the natural key needs it)")
    void missingStartsAt() {
        JsonObject alert = alert("firing", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z").build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlertmanagerNormalizer.facts(ORIGIN, alert, "firing", 2));
        assertTrue(e.getMessage().contains("alerts[2]"), e.getMessage());
    }

    @Test
    @DisplayName("#3 oversized values are clipped to their columns; an over-long generator link is dropped")
    void oversizedValues() {
        JsonObject alert = alert("firing", "2026-11-20T10:00:00Z", "0001-01-01T00:00:00Z")
                .add("labels", labels("alertname", "x".repeat(400), "severity", "critical-but-only-during-business-hours"))
                .add("generatorURL", "http://prometheus:9090/graph?g0.expr=" + "a".repeat(2100)).build();

        AlertFacts facts = AlertmanagerNormalizer.facts(ORIGIN, alert, "firing", 0);

        assertEquals(300, facts.name().length());
        assertEquals(32, facts.severity().length());
        assertNull(facts.generatorUrl());
        assertNull(facts.service());
    }

    @Test
    @DisplayName("#3 every alert of the group is recorded; the note counts them")
    void everyAlertRecorded() {
        List<AlertFacts> recorded = new ArrayList<>();
        AlertmanagerNormalizer normalizer = new AlertmanagerNormalizer();
        normalizer.alerts = new AlertRecorder() {
            @Override
            public Alert record(AlertFacts f, Instant now) {
                recorded.add(f);
                Alert alert = new Alert(f.origin(), f.fingerprint(), f.startsAt(), f.name(), now);
                alert.report(f.status(), f.endsAt(), null, f.severity(), f.labelsJson(), f.annotationsJson(), f.generatorUrl(), now);
                return alert;
            }
        };
        JsonObject payload = Json.createObjectBuilder().add("version", "4").add("groupKey", "{}:{alertname=\"HighErrorRate\"}")
                .add("truncatedAlerts", 0).add("status", "firing")
                .add("alerts", Json.createArrayBuilder()
                        .add(alert("firing", "2026-11-20T10:00:00Z", "0001-01-01T00:00:00Z").add("fingerprint", "a1"))
                        .add(alert("firing", "2026-11-20T10:01:00Z", "0001-01-01T00:00:00Z").add("fingerprint", "a2"))
                        .add(alert("resolved", "2026-11-20T09:00:00Z", "2026-11-20T09:30:00Z").add("fingerprint", "a3")))
                .build();

        Normalized result = normalizer.normalize(delivery(), payload, Instant.now());

        assertTrue(result.modelled());
        assertEquals(3, recorded.size());
        assertEquals("3 alert(s) of group {}:{alertname=\"HighErrorRate\"}: 2 firing, 1 resolved", result.note());
    }

    @Test
    @DisplayName("#3 a body without alerts is stored, not modelled")
    void noAlerts() {
        AlertmanagerNormalizer normalizer = new AlertmanagerNormalizer();

        assertFalse(normalizer.normalize(delivery(), Json.createObjectBuilder().add("version", "4").build(), Instant.now()).modelled());
        assertFalse(normalizer.normalize(delivery(), Json.createObjectBuilder().add("alerts", Json.createArrayBuilder()).build(),
                Instant.now()).modelled());
    }

    @Test
    @DisplayName("#3 clipping never splits a surrogate pair")
    void clipKeepsSurrogatesWhole() {
        assertEquals("ab", StorableText.clip(HookFields.stripped("ab\uD83D\uDD25"), 3));
        assertEquals("ab\uD83D\uDD25", StorableText.clip(HookFields.stripped("ab\uD83D\uDD25"), 4));
        assertNull(StorableText.clip(HookFields.stripped("   "), 3));
    }

    private static Delivery delivery() {
        return new Delivery(Deliveries.source(SourceKind.ALERTMANAGER), "sha256:x", null, Instant.now(), "{}", new byte[0]);
    }

    private static JsonObjectBuilder alert(String status, String startsAt, String endsAt) {
        return Json.createObjectBuilder()
                .add("status", status)
                .add("labels", labels("alertname", "HighErrorRate", "job", "checkout-api", "service", "checkout",
                        "severity", "critical", "namespace", "shop", "pod", "checkout-7d9f8b6c5-x2kqp"))
                .add("annotations", Json.createObjectBuilder().add("summary", "5xx above 5%")
                        .add("runbook_url", "https://runbooks.example.com/HighErrorRate"))
                .add("startsAt", startsAt)
                .add("endsAt", endsAt)
                .add("generatorURL", "http://prometheus-0:9090/graph?g0.expr=rate%28x%29&g0.tab=1")
                .add("fingerprint", "3fa2b7c91d04e5a6");
    }

    private static JsonObject labels(String... nameValuePairs) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            builder.add(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return builder.build();
    }
}
