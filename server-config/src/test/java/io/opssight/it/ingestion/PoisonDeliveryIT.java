package io.opssight.it.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.AlertmanagerHooks;
import io.opssight.it.support.AwxNotifications;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.PagerDutyHooks;
import io.opssight.it.support.Rows;
import io.opssight.it.support.Waits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.util.Locale;

/**
 * Deliveries an outside campaign used to break ingestion with (issue 16): bodies that are valid
 * enough to pass authentication but that the parser, the model or PostgreSQL cannot take. Each is
 * answered 400 with a problem and kept as a dead letter, or accepted and then mapped or kept as a
 * dead letter; never a 5xx, never left waiting, never a note with Java or PostgreSQL internals.
 */
@DisplayName("#16 hostile webhook bodies: 400 and kept, or accepted and settled; never 5xx or stuck")
class PoisonDeliveryIT {

    /** What a note or dead-letter reason must not show a user. */
    static final Pattern INTERNALS = Pattern.compile(
            "Exception|PSQL|ERROR:|java\\.|org\\.|jakarta\\.|SQLState|\\bat [a-z]+\\.|\\u0000");

    private final OpsSightServer server = OpsSightServer.shared();
    private final Http http = server.http();

    /** A kind, its source and how a body is signed for it. */
    private record Sender(Fixtures.Source source, Function<byte[], Map<String, String>> signer) {
        Http.Answer send(Http http, byte[] body) {
            return http.postRaw(source.ingestPath(), signer.apply(body), body);
        }
    }

    private Sender github() {
        Fixtures.Source s = Fixtures.source(http, "github");
        return new Sender(s, body -> GitHubHooks.headers("workflow_run", UUID.randomUUID().toString(), s.secret(), body));
    }

    private Sender pagerduty() {
        Fixtures.Source s = Fixtures.source(http, "pagerduty");
        return new Sender(s, body -> PagerDutyHooks.headers(body, s.secret()));
    }

    private Sender alertmanager() {
        Fixtures.Source s = Fixtures.source(http, "alertmanager");
        return new Sender(s, body -> AlertmanagerHooks.headers(s.secret()));
    }

    private Sender awx() {
        Fixtures.Source s = Fixtures.source(http, "awx");
        return new Sender(s, body -> AwxNotifications.bearerHeaders(s.secret()));
    }

    @Test
    @DisplayName("#16 JSON nested 5,000 deep is a 400 problem and kept as a dead letter, for every kind tried")
    void deepNestingIsRefusedAndKept() {
        byte[] deep = ("{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}").getBytes(StandardCharsets.UTF_8);
        for (Sender sender : List.of(github(), pagerduty(), alertmanager(), awx())) {
            Http.Answer answer = sender.send(http, deep);
            assertRefusedAndKept(sender, answer, "nested");
        }
    }

    @Test
    @DisplayName("#16 an integer of 1,200 digits is a 400 problem and kept as a dead letter")
    void hugeIntegerIsRefusedAndKept() {
        String digits = "9".repeat(1_200);
        Sender pagerduty = pagerduty();
        byte[] pd = ("{\"event\":{\"id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"incident.triggered\","
                + "\"occurred_at\":\"2026-11-20T10:00:00Z\",\"data\":{\"number\":" + digits + "}}}")
                .getBytes(StandardCharsets.UTF_8);
        assertRefusedAndKept(pagerduty, pagerduty.send(http, pd), "number");

        Sender alertmanager = alertmanager();
        byte[] am = ("{\"version\":\"4\",\"status\":\"firing\",\"truncatedAlerts\":" + digits + ",\"alerts\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        assertRefusedAndKept(alertmanager, alertmanager.send(http, am), "number");
    }

    @Test
    @DisplayName("#16 a NUL in PagerDuty's event.id is a 400 problem (not 503) and kept as a dead letter")
    void nulInTheDeliveryIdIsRefusedAndKept() {
        Sender pagerduty = pagerduty();
        PagerDutyHooks.Incident i = PagerDutyHooks.incident(Fixtures.unique("nul"), "Disk full", "2026-11-20T10:00:00Z");
        byte[] body = PagerDutyHooks.incidentEvent("01\u0000DROP", "incident.triggered", "2026-11-20T10:00:01Z", i, "triggered");
        assertRefusedAndKept(pagerduty, pagerduty.send(http, body), "event.id");
    }

    @Test
    @DisplayName("#16 a NUL inside a mapped field is accepted, then kept as a dead letter with a readable reason; "
            + "the next delivery maps")
    void nulInAFieldCostsOnlyItsDelivery() {
        Sender awx = awx();
        long job = System.nanoTime() % 1_000_000_000L;
        byte[] poison = AwxNotifications.playbookJob(job, "Deploy\u0000shop", "admin", "2026-11-20T10:00:00Z",
                "2026-11-20T10:05:00Z", "successful", Map.of());
        Http.Answer accepted = awx.send(http, poison);
        assertEquals(202, accepted.status(), accepted::toString);
        assertNoInternals(accepted.json().getString("note", ""));
        byte[] valid = AwxNotifications.playbookJob(job + 1, "Deploy shop", "admin", "2026-11-20T10:10:00Z",
                "2026-11-20T10:15:00Z", "successful", Map.of());
        assertEquals(202, awx.send(http, valid).status());

        List<Rows.Row> deliveries = settled(awx.source(), 2);
        assertEquals("DEAD_LETTER", deliveries.get(0).string("status"), deliveries::toString);
        assertNoInternals(deliveries.get(0).string("error"));
        assertTrue(deliveries.get(0).string("error").contains("name"), () -> "names the field: " + deliveries.get(0));
        assertEquals("PROCESSED", deliveries.get(1).string("status"), deliveries::toString);
    }

    @Test
    @DisplayName("#16 a 600-character AWX job name is mapped (clipped), and the note carries no database error")
    void longNameIsClippedNotADatabaseError() {
        Sender awx = awx();
        long job = System.nanoTime() % 1_000_000_000L;
        String name = "Deploy ".repeat(100).substring(0, 600);
        Http.Answer answer = awx.send(http, AwxNotifications.playbookJob(job, name, "admin", "2026-11-20T10:00:00Z",
                "2026-11-20T10:05:00Z", "successful", Map.of()));
        assertEquals(202, answer.status(), answer::toString);
        assertNoInternals(answer.json().getString("note", ""));
        assertEquals("PROCESSED", settled(awx.source(), 1).get(0).string("status"));
        String stored = Rows.only(server, "select name from automation_run where origin = ? and external_id = ?",
                "awx:" + awx.source().name(), String.valueOf(job)).string("name");
        assertTrue(name.startsWith(stored) && stored.length() >= 200, () -> "clipped, kept readable: " + stored.length());
    }

    private void assertRefusedAndKept(Sender sender, Http.Answer answer, String saying) {
        assertEquals(400, answer.status(), () -> sender.source().kind() + ": " + answer);
        assertEquals("application/problem+json", answer.contentType(), answer::toString);
        String detail = answer.json().getString("detail", "");
        assertTrue(detail.contains(saying), () -> "says why (" + saying + "): " + detail);
        assertTrue(detail.contains("dead letter"), () -> "says it was kept: " + detail);
        assertNoInternals(detail);
        List<Rows.Row> kept = deliveries(sender.source());
        assertEquals(1, kept.size(), () -> sender.source().kind() + " keeps it once: " + kept);
        assertEquals("DEAD_LETTER", kept.get(0).string("status"));
        assertNoInternals(kept.get(0).string("error"));
    }

    private List<Rows.Row> deliveries(Fixtures.Source source) {
        return Rows.query(server, "select d.id, d.status, d.error, d.attempts from delivery d join source s on s.id = d.source_id "
                + "where s.kind = ? and s.name = ? order by d.id", source.kind().toUpperCase(Locale.ROOT), source.name());
    }

    /** The source's deliveries once none waits any more (bounded wait: recovery runs every 15 s). */
    private List<Rows.Row> settled(Fixtures.Source source, int expected) {
        AtomicReference<List<Rows.Row>> rows = new AtomicReference<>();
        Waits.await("settled deliveries", Duration.ofSeconds(60), Duration.ofMillis(250)).untilAsserted(() -> {
            rows.set(deliveries(source));
            assertTrue(rows.get().size() == expected && rows.get().stream().noneMatch(r -> r.string("status").equals("RECEIVED")),
                    () -> "deliveries still waiting after 60 s: " + rows.get());
        });
        return rows.get();
    }

    static void assertNoInternals(String text) {
        assertFalse(text != null && INTERNALS.matcher(text).find(), () -> "no internals for a user: " + text);
    }
}
