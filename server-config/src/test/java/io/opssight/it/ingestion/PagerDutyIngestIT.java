package io.opssight.it.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.PagerDutyHooks;
import io.opssight.it.support.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.util.HashMap;

/** PagerDuty V3 webhooks through the runnable jar into the incident table, linked to GitHub deployments. */
@DisplayName("#3 PagerDuty V3 webhook ingestion")
class PagerDutyIngestIT {

    private OpsSightServer server;
    private Http http;
    private Fixtures.Source source;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
        source = Fixtures.source(http, "pagerduty");
    }

    @Test
    @DisplayName("#3 triggered → acknowledged → resolved is one incident with its times, severity and link")
    void incidentLifecycle() {
        String service = Fixtures.unique("checkout");
        PagerDutyHooks.Incident i = PagerDutyHooks.incident(service, "[FIRING:1] HighErrorRate " + service, "2026-11-20T10:12:02Z");

        for (String[] step : List.of(new String[] {"incident.triggered", "2026-11-20T10:12:03.117Z", "triggered"},
                new String[] {"incident.acknowledged", "2026-11-20T10:15:40.002Z", "acknowledged"},
                new String[] {"incident.resolved", "2026-11-20T10:58:11.560Z", "resolved"})) {
            Http.Answer answer = deliver(PagerDutyHooks.incidentEvent(PagerDutyHooks.eventId(), step[0], step[1], i, step[2]));
            assertEquals(202, answer.status(), () -> step[0] + ": " + answer);
        }

        Rows.Row incident = incident(i.id());
        assertEquals("RESOLVED", incident.string("status"));
        assertEquals("[FIRING:1] HighErrorRate " + service, incident.string("title"));
        assertEquals(service, incident.string("service"));
        assertEquals("P1", incident.string("severity"), "the priority is the severity");
        assertEquals("https://acme.pagerduty.com/incidents/" + i.id(), incident.string("url"));
        assertEquals(Instant.parse("2026-11-20T10:12:02Z"), incident.instant("opened_at"));
        assertEquals(Instant.parse("2026-11-20T10:15:40.002Z"), incident.instant("acknowledged_at"));
        assertEquals(Instant.parse("2026-11-20T10:58:11.560Z"), incident.instant("resolved_at"));
    }

    @Test
    @DisplayName("#3 an incident opened after a production deployment of its service is linked to it")
    void linkedToTheDeploymentBeforeIt() {
        String repo = Fixtures.unique("cart");
        long deployment = deploySuccessfully(repo, "2026-11-21T09:00:00Z", "2026-11-21T09:06:00Z");
        PagerDutyHooks.Incident i = PagerDutyHooks.incident(repo, "Cart checkout errors", "2026-11-21T09:20:00Z");

        assertEquals(202, deliver(PagerDutyHooks.incidentEvent(PagerDutyHooks.eventId(), "incident.triggered",
                "2026-11-21T09:20:01Z", i, "triggered")).status());

        Rows.Row incident = incident(i.id());
        assertEquals(deployment, incident.number("caused_by_id"));
        assertEquals("LATEST_PRODUCTION_DEPLOYMENT", incident.string("link_reason"));
    }

    @Test
    @DisplayName("#3 the same link when the deployment is reported after the incident")
    void linkedWhenTheDeploymentArrivesLater() {
        String repo = Fixtures.unique("orders");
        PagerDutyHooks.Incident i = PagerDutyHooks.incident(repo, "Orders API 5xx", "2026-11-22T14:30:00Z");
        deliver(PagerDutyHooks.incidentEvent(PagerDutyHooks.eventId(), "incident.triggered", "2026-11-22T14:30:01Z", i, "triggered"));
        assertNull(incident(i.id()).get("caused_by_id"), "no deployment known yet");

        long deployment = deploySuccessfully(repo, "2026-11-22T14:00:00Z", "2026-11-22T14:07:00Z");

        Rows.Row incident = incident(i.id());
        assertEquals(deployment, incident.number("caused_by_id"));
        assertEquals("LATEST_PRODUCTION_DEPLOYMENT", incident.string("link_reason"));
    }

    @Test
    @DisplayName("#3 secret rotation: two signatures with only the second valid is accepted; none valid is 401")
    void secretRotation() {
        String service = Fixtures.unique("rotation");
        PagerDutyHooks.Incident i = PagerDutyHooks.incident(service, "Disk almost full", "2026-11-23T01:00:00Z");
        byte[] accepted = PagerDutyHooks.incidentEvent(PagerDutyHooks.eventId(), "incident.triggered", "2026-11-23T01:00:01Z", i,
                "triggered");
        byte[] refused = PagerDutyHooks.incidentEvent(PagerDutyHooks.eventId(), "incident.acknowledged", "2026-11-23T01:05:00Z", i,
                "acknowledged");

        Http.Answer oldThenCurrent = http.postRaw(source.ingestPath(),
                PagerDutyHooks.headers(accepted, "the-retired-secret-0123456789", source.secret()), accepted);
        Http.Answer noneValid = http.postRaw(source.ingestPath(),
                PagerDutyHooks.headers(refused, "the-retired-secret-0123456789", "another-wrong-secret-98765"), refused);
        Map<String, String> unsigned = new HashMap<>(PagerDutyHooks.headers(refused, source.secret()));
        unsigned.remove("X-PagerDuty-Signature");
        Http.Answer missing = http.postRaw(source.ingestPath(), unsigned, refused);

        assertEquals(202, oldThenCurrent.status(), oldThenCurrent::toString);
        assertEquals(401, noneValid.status(), noneValid::toString);
        assertEquals("application/problem+json", noneValid.contentType());
        assertEquals(401, missing.status(), missing::toString);
        assertEquals(1, Rows.deliveriesOf(server, source), "the refused deliveries are not stored");
        assertEquals("TRIGGERED", incident(i.id()).string("status"), "the refused acknowledgement changed nothing");
    }

    @Test
    @DisplayName("#3 a redelivery of the same event (same event.id) is a duplicate")
    void redeliveryIsDuplicate() {
        PagerDutyHooks.Incident i = PagerDutyHooks.incident(Fixtures.unique("dup"), "Queue backlog", "2026-11-23T02:00:00Z");
        String eventId = PagerDutyHooks.eventId();
        byte[] body = PagerDutyHooks.incidentEvent(eventId, "incident.triggered", "2026-11-23T02:00:01Z", i, "triggered");
        byte[] sameEventOtherBytes = PagerDutyHooks.incidentEvent(eventId, "incident.triggered", "2026-11-23T02:00:01Z",
                new PagerDutyHooks.Incident(i.id(), i.number(), i.title(), i.serviceName(), i.createdAt(), null, "high"), "triggered");

        Http.Answer first = deliver(body);
        Http.Answer again = deliver(body);
        Http.Answer reworded = deliver(sameEventOtherBytes);

        assertEquals(202, first.status(), first::toString);
        assertEquals(200, again.status(), again::toString);
        assertEquals(200, reworded.status(), "the key is the event id, not the bytes");
        assertEquals(first.json().getJsonNumber("delivery").longValue(), reworded.json().getJsonNumber("delivery").longValue());
        assertEquals(1, Rows.deliveriesOf(server, source));
        assertEquals("id:" + eventId, Rows.only(server, "select d.delivery_key from delivery d join source s on s.id = d.source_id "
                + "where s.kind = 'PAGERDUTY' and s.name = ?", source.name()).string("delivery_key"));
    }

    @Test
    @DisplayName("#3 pings and notes are accepted and kept raw, not modelled")
    void otherEventsKeptRaw() {
        PagerDutyHooks.Incident i = PagerDutyHooks.incident(Fixtures.unique("notes"), "Slow checkout", "2026-11-23T03:00:00Z");

        Http.Answer ping = deliver(PagerDutyHooks.ping(PagerDutyHooks.eventId(), "2026-11-23T03:00:00Z"));
        Http.Answer note = deliver(PagerDutyHooks.annotated(PagerDutyHooks.eventId(), "2026-11-23T03:01:00Z", i,
                "Rolled back to 2.4.0 <see #inc-42> & watching"));

        assertEquals(202, ping.status(), ping::toString);
        assertEquals(202, note.status(), note::toString);
        List<String> statuses = Rows.query(server, "select d.status from delivery d join source s on s.id = d.source_id "
                + "where s.kind = 'PAGERDUTY' and s.name = ?", source.name()).stream().map(r -> r.string("status")).toList();
        assertEquals(List.of("IGNORED", "IGNORED"), statuses);
        assertEquals(0, Rows.query(server, "select id from incident where origin = ?", origin()).size());
    }

    /** Registers a GitHub source and delivers a successful production deployment of acme/{repo}; returns its id. */
    private long deploySuccessfully(String repo, String createdAt, String succeededAt) {
        Fixtures.Source github = Fixtures.githubSource(http);
        GitHubHooks.Deployment d = GitHubHooks.deployment("acme", repo, "production", createdAt);
        byte[] success = GitHubHooks.deploymentStatus(d, "success", succeededAt, GitHubHooks.nextId());
        Http.Answer answer = http.postRaw(github.ingestPath(),
                GitHubHooks.headers("deployment_status", UUID.randomUUID().toString(), github.secret(), success), success);
        assertEquals(202, answer.status(), answer::toString);
        Rows.Row deployment = Rows.only(server, "select d.id, d.status, e.production from deployment d "
                + "join environment e on e.id = d.environment_id where d.origin = ? and d.external_id = ?",
                "github:" + github.name(), String.valueOf(d.id()));
        assertEquals("SUCCESS", deployment.string("status"));
        assertTrue((Boolean) deployment.get("production"));
        return deployment.number("id");
    }

    private Http.Answer deliver(byte[] body) {
        return http.postRaw(source.ingestPath(), PagerDutyHooks.headers(body, source.secret()), body);
    }

    private String origin() {
        return "pagerduty:" + source.name();
    }

    private Rows.Row incident(String externalId) {
        return Rows.only(server, "select i.*, s.name as service from incident i left join service s on s.id = i.service_id "
                + "where i.origin = ? and i.external_id = ?", origin(), externalId);
    }
}
