package io.opssight.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.AlertmanagerHooks;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.Rows;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A person acknowledges a firing alert over the API; Alertmanager keeps the firing/resolved state. */
@DisplayName("#6 acknowledging alerts over the API")
class AlertAcknowledgeIT {

    private OpsSightServer server;
    private Http http;
    private Fixtures.Source source;
    private String acker;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
        source = Fixtures.source(http, "alertmanager");
        acker = Fixtures.token(http, "alerts:read", "alerts:acknowledge");
    }

    @Test
    @DisplayName("#6 acknowledging a firing alert shows who, when and the note; it is audited and can be taken back")
    void acknowledgeAndTakeBack() {
        AlertmanagerHooks.Alert alert = firing("2026-11-21T08:00:00Z");
        long id = deliverAndFind(alert);

        Http.Answer acked = http.postJson("/api/v1/alerts/" + id + "/acknowledge", acker, "{\"note\":\"rolling back checkout\"}");

        assertEquals(200, acked.status(), acked::toString);
        JsonObject view = http.get("/api/v1/alerts/" + id, acker).json();
        assertEquals("firing", view.getString("status"), "the state stays Alertmanager's");
        assertTrue(view.getString("acknowledgedBy").startsWith("token:"), view::toString);
        assertFalse(absent(view, "acknowledgedAt"), view::toString);
        assertEquals("rolling back checkout", view.getString("acknowledgementNote"));
        assertEquals(1, Rows.query(server, "select seq from audit_entry where action = 'AlertAcknowledgements.acknowledge' "
                + "and target = ? and outcome = 'success'", String.valueOf(id)).size(), "the acknowledgement is audited");

        Http.Answer back = http.delete("/api/v1/alerts/" + id + "/acknowledgement", acker);

        assertEquals(200, back.status(), back::toString);
        JsonObject after = http.get("/api/v1/alerts/" + id, acker).json();
        assertTrue(absent(after, "acknowledgedBy") && absent(after, "acknowledgedAt") && absent(after, "acknowledgementNote"),
                after::toString);
        assertEquals(1, Rows.query(server, "select seq from audit_entry where action = 'AlertAcknowledgements.unacknowledge' "
                + "and target = ?", String.valueOf(id)).size(), "taking it back is audited");
    }

    @Test
    @DisplayName("#6 the body is optional; without alerts:acknowledge 403; an unknown alert 404; a too long note 400")
    void permissionAndBadInput() {
        long id = deliverAndFind(firing("2026-11-21T09:00:00Z"));
        String reader = Fixtures.token(http, "alerts:read");

        Http.Answer refused = http.postJson("/api/v1/alerts/" + id + "/acknowledge", reader, "{}");
        Http.Answer refusedBack = http.delete("/api/v1/alerts/" + id + "/acknowledgement", reader);
        Http.Answer unknown = http.postJson("/api/v1/alerts/999999999/acknowledge", acker, "{}");
        Http.Answer tooLong = http.postJson("/api/v1/alerts/" + id + "/acknowledge", acker, "{\"note\":\"" + "x".repeat(801) + "\"}");
        Http.Answer noBody = http.send("POST", "/api/v1/alerts/" + id + "/acknowledge", acker, Map.of(), "");

        assertEquals(403, refused.status(), refused::toString);
        assertEquals(403, refusedBack.status(), refusedBack::toString);
        assertEquals(404, unknown.status(), unknown::toString);
        assertTrue(unknown.contentType().startsWith("application/problem+json"), unknown::toString);
        assertEquals(400, tooLong.status(), tooLong::toString);
        assertEquals(200, noBody.status(), noBody::toString);
        assertTrue(absent(noBody.json(), "acknowledgementNote"), noBody::toString);
    }

    @Test
    @DisplayName("#6 a resolved alert cannot be acknowledged (409); a resolve keeps who acknowledged; a new firing is unacknowledged")
    void resolvedAndRefiring() {
        AlertmanagerHooks.Alert alert = firing("2026-11-21T10:00:00Z");
        long id = deliverAndFind(alert);
        assertEquals(200, http.postJson("/api/v1/alerts/" + id + "/acknowledge", acker, "{}").status());

        deliver(alert.resolvedAt("2026-11-21T10:20:00Z"));

        JsonObject resolved = http.get("/api/v1/alerts/" + id, acker).json();
        assertEquals("resolved", resolved.getString("status"), "a resolve still resolves an acknowledged alert");
        assertFalse(absent(resolved, "acknowledgedBy"), "who acknowledged it stays on record");
        Http.Answer again = http.postJson("/api/v1/alerts/" + id + "/acknowledge", acker, "{}");
        assertEquals(409, again.status(), again::toString);
        assertTrue(again.contentType().startsWith("application/problem+json"), again::toString);
        assertTrue(again.json().getString("detail").contains("resolved"), again::toString);

        deliver(alert.firingAgainFrom("2026-11-21T11:00:00Z"));

        List<Rows.Row> episodes = Rows.query(server, "select id, status, acknowledged_by from alert where fingerprint = ? "
                + "order by starts_at", alert.fingerprint());
        assertEquals(2, episodes.size(), episodes::toString);
        Rows.Row refired = episodes.get(1);
        assertEquals("firing", refired.string("status"));
        assertEquals(null, refired.get("acknowledged_by"), "firing again after a resolve is not acknowledged");
    }

    /** Nulls are left out of the JSON. */
    private static boolean absent(JsonObject o, String name) {
        return !o.containsKey(name) || o.isNull(name);
    }

    private AlertmanagerHooks.Alert firing(String startsAt) {
        return AlertmanagerHooks.firing("HighErrorRate", Fixtures.unique("checkout"), "critical", "checkout-7d9f8b6c5-x2kqp", startsAt);
    }

    private void deliver(AlertmanagerHooks.Alert alert) {
        Http.Answer answer = http.postRaw(source.ingestPath(), AlertmanagerHooks.headers(source.secret()),
                AlertmanagerHooks.notification("opssight", alert.status(), Map.of("alertname", "HighErrorRate"), alert));
        assertEquals(202, answer.status(), answer::toString);
    }

    private long deliverAndFind(AlertmanagerHooks.Alert alert) {
        deliver(alert);
        List<Rows.Row> rows = Rows.query(server, "select id from alert where fingerprint = ?", alert.fingerprint());
        assertEquals(1, rows.size(), rows::toString);
        return rows.get(0).number("id");
    }
}
