package io.opssight.ingestion.control;

import static io.opssight.ingestion.control.Deliveries.body;
import static io.opssight.ingestion.control.Deliveries.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.incident.control.IncidentFacts;
import io.opssight.incident.control.IncidentRecorder;
import io.opssight.incident.entity.Incident;
import io.opssight.incident.entity.IncidentStatus;
import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.SourceKind;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("#3 PagerDuty V3 webhook mapping and event-id idempotency")
class PagerDutyNormalizerTest {

    private final List<IncidentFacts> recorded = new ArrayList<>();
    private final PagerDutyNormalizer normalizer = new PagerDutyNormalizer();

    PagerDutyNormalizerTest() {
        normalizer.incidents = new IncidentRecorder() {
            @Override
            public Incident record(IncidentFacts f, Instant now) {
                recorded.add(f);
                Incident incident = new Incident(f.origin(), f.externalId(), f.title(), f.openedAt());
                if (f.status() != null) {
                    incident.apply(f.status(), f.statusAt());
                }
                return incident;
            }
        };
    }

    @ParameterizedTest(name = "#3 {0} → {1}")
    @CsvSource({"incident.triggered, TRIGGERED", "incident.reopened, TRIGGERED", "incident.unacknowledged, TRIGGERED",
        "incident.acknowledged, ACKNOWLEDGED", "incident.resolved, RESOLVED"})
    @DisplayName("#3 status-changing event types set the status")
    void statusEvents(String eventType, IncidentStatus status) {
        assertEquals(status, PagerDutyNormalizer.statusOf(eventType));
    }

    @ParameterizedTest(name = "#3 {0} keeps the status")
    @ValueSource(strings = {"incident.priority_updated", "incident.escalated", "incident.reassigned", "incident.delegated",
        "incident.annotated", "service.created", "pagey.ping"})
    void otherEventsKeepTheStatus(String eventType) {
        assertNull(PagerDutyNormalizer.statusOf(eventType));
    }

    @Test
    @DisplayName("#3 incident.triggered maps id, title, service, priority as severity, times and link")
    void triggered() {
        Normalized result = normalizer.normalize(delivery(), event("incident.triggered", incident("triggered")), Instant.now());

        assertTrue(result.modelled(), result::note);
        IncidentFacts f = recorded.get(0);
        assertEquals("Q2BX7CJ6ZH5T1L", f.externalId());
        assertEquals("[FIRING:1] HighErrorRate checkout", f.title());
        assertEquals("checkout", f.service());
        assertEquals("P1", f.severity());
        assertEquals(IncidentStatus.TRIGGERED, f.status());
        assertEquals(Instant.parse("2026-11-20T10:12:03.123Z"), f.statusAt());
        assertEquals(Instant.parse("2026-11-20T10:12:02Z"), f.openedAt());
        assertEquals("https://acme.pagerduty.com/incidents/Q2BX7CJ6ZH5T1L", f.url());
        assertTrue(f.origin().startsWith("pagerduty:"));
    }

    @Test
    @DisplayName("#3 without a priority, the urgency is the severity")
    void urgencyWithoutPriority() {
        normalizer.normalize(delivery(), event("incident.acknowledged", incident("acknowledged").add("priority", JsonValue.NULL)),
                Instant.now());

        assertEquals("high", recorded.get(0).severity());
        assertEquals(IncidentStatus.ACKNOWLEDGED, recorded.get(0).status());
    }

    @Test
    @DisplayName("#3 incident.priority_updated updates the incident but not its status")
    void priorityUpdated() {
        Normalized result = normalizer.normalize(delivery(), event("incident.priority_updated", incident("resolved")),
                Instant.now());

        assertTrue(result.modelled());
        assertNull(recorded.get(0).status());
    }

    @Test
    @DisplayName("#3 incident.annotated (a note), service.* and pagey.ping are stored, not modelled")
    void otherEventsIgnored() {
        JsonObjectBuilder note = Json.createObjectBuilder().add("id", "P8AH0TN").add("type", "incident_note")
                .add("content", "Rolled back checkout to 2.4.0")
                .add("incident", Json.createObjectBuilder().add("id", "Q2BX7CJ6ZH5T1L").add("type", "incident_reference"));
        JsonObjectBuilder service = Json.createObjectBuilder().add("id", "PF9KMXH").add("type", "service").add("name", "checkout");
        JsonObjectBuilder ping = Json.createObjectBuilder().add("message", "Hello from your friend Pagey!").add("type", "ping");

        Normalized annotated = normalizer.normalize(delivery(), event("incident.annotated", note), Instant.now());
        Normalized serviceUpdated = normalizer.normalize(delivery(), event("service.updated", service), Instant.now());
        Normalized pinged = normalizer.normalize(delivery(), event("pagey.ping", ping), Instant.now());

        assertFalse(annotated.modelled());
        assertTrue(annotated.note().contains("incident_note"), annotated::note);
        assertFalse(serviceUpdated.modelled());
        assertFalse(pinged.modelled());
        assertTrue(pinged.note().contains("pagey.ping"), pinged::note);
        assertTrue(recorded.isEmpty());
    }

    @Test
    @DisplayName("#3 idempotency key: event.id, whatever else the body says")
    void eventIdIsTheKey() {
        byte[] first = body(event("incident.triggered", incident("triggered")).toString());
        byte[] changed = body(event("incident.triggered", incident("triggered").add("title", "edited")).toString());

        assertEquals("id:01DVGP9LY6R0FBB6XFQZ7FWJ0Q", Deliveries.keyOf(SourceKind.PAGERDUTY, headers(), first));
        assertEquals(Deliveries.keyOf(SourceKind.PAGERDUTY, headers(), first),
                Deliveries.keyOf(SourceKind.PAGERDUTY, headers(), changed));
    }

    @Test
    @DisplayName("#3 idempotency key: a body that is not JSON, or has no event.id, gets the content hash")
    void noEventIdFallsBackToHash() {
        byte[] notJson = body("{\"event\": {\"id\": \"01DVGP9");
        byte[] noId = body("{\"event\":{\"event_type\":\"pagey.ping\"}}");
        byte[] blankId = body("{\"event\":{\"id\":\"  \"}}");
        byte[] array = body("[1,2]");

        for (byte[] b : List.of(notJson, noId, blankId, array)) {
            assertEquals("sha256:" + DeliveryKeys.sha256Hex(b), Deliveries.keyOf(SourceKind.PAGERDUTY, headers(), b));
        }
    }

    @Test
    @DisplayName("#3 idempotency key: the event id is read only for PagerDuty")
    void onlyPagerDuty() {
        byte[] b = body(event("incident.triggered", incident("triggered")).toString());

        assertEquals("sha256:" + DeliveryKeys.sha256Hex(b), Deliveries.keyOf(SourceKind.ALERTMANAGER, headers(), b));
    }

    private static Delivery delivery() {
        return new Delivery(Deliveries.source(SourceKind.PAGERDUTY), "id:x", null, Instant.now(), "{}", new byte[0]);
    }

    private static JsonObject event(String type, JsonObjectBuilder data) {
        return Json.createObjectBuilder().add("event", Json.createObjectBuilder()
                .add("id", "01DVGP9LY6R0FBB6XFQZ7FWJ0Q")
                .add("event_type", type)
                .add("resource_type", type.substring(0, type.indexOf('.')))
                .add("occurred_at", "2026-11-20T10:12:03.123Z")
                .add("agent", Json.createObjectBuilder().add("id", "PLH1HKV").add("type", "user_reference"))
                .add("client", JsonValue.NULL)
                .add("data", data)).build();
    }

    private static JsonObjectBuilder incident(String status) {
        return Json.createObjectBuilder()
                .add("id", "Q2BX7CJ6ZH5T1L")
                .add("type", "incident")
                .add("self", "https://api.pagerduty.com/incidents/Q2BX7CJ6ZH5T1L")
                .add("html_url", "https://acme.pagerduty.com/incidents/Q2BX7CJ6ZH5T1L")
                .add("number", 1842)
                .add("status", status)
                .add("incident_key", "a9f1c8e2b7d04c3e9f6a5b4c3d2e1f00")
                .add("created_at", "2026-11-20T10:12:02Z")
                .add("title", "[FIRING:1] HighErrorRate checkout")
                .add("service", Json.createObjectBuilder().add("id", "PF9KMXH").add("summary", "checkout")
                        .add("self", "https://api.pagerduty.com/services/PF9KMXH")
                        .add("html_url", "https://acme.pagerduty.com/service-directory/PF9KMXH").add("type", "service_reference"))
                .add("assignees", Json.createArrayBuilder())
                .add("escalation_policy", Json.createObjectBuilder().add("id", "PUS0KTE").add("summary", "Default"))
                .add("teams", Json.createArrayBuilder())
                .add("priority", Json.createObjectBuilder().add("id", "PSO75BM").add("summary", "P1")
                        .add("self", "https://api.pagerduty.com/priorities/PSO75BM").add("type", "priority"))
                .add("urgency", "high")
                .add("conference_bridge", JsonValue.NULL)
                .add("resolve_reason", JsonValue.NULL);
    }
}
