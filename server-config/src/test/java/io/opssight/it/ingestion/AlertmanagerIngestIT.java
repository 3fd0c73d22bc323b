package io.opssight.it.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.AlertmanagerHooks;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.Rows;
import io.opssight.it.support.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Alertmanager webhook notifications through the runnable jar into the alert table. */
@DisplayName("#3 Alertmanager webhook ingestion")
class AlertmanagerIngestIT {

    private OpsSightServer server;
    private Http http;
    private Fixtures.Source source;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
        source = Fixtures.source(http, "alertmanager");
    }

    @Test
    @DisplayName("#3 a group of 3 alerts (2 firing, 1 resolved) becomes 3 alert rows")
    void everyAlertOfTheGroupIsRecorded() {
        String service = Fixtures.unique("checkout");
        AlertmanagerHooks.Alert a = AlertmanagerHooks.firing("HighErrorRate", service, "critical", "checkout-7d9f8b6c5-x2kqp",
                "2026-11-20T10:00:07.481726301Z");
        AlertmanagerHooks.Alert b = AlertmanagerHooks.firing("HighErrorRate", service, "critical", "checkout-7d9f8b6c5-q8zlm",
                "2026-11-20T10:00:37.481726301Z");
        AlertmanagerHooks.Alert c = AlertmanagerHooks.firing("HighErrorRate", service, "critical", "checkout-7d9f8b6c5-m4r2t",
                "2026-11-20T09:40:07.481726301Z").resolvedAt("2026-11-20T10:02:07.481726301Z");

        Http.Answer answer = deliver(AlertmanagerHooks.notification("opssight", "firing", Map.of("alertname", "HighErrorRate"), a, b, c));

        assertEquals(202, answer.status(), answer::toString);
        assertTrue(answer.json().getString("note").contains("2 firing, 1 resolved"), answer::toString);
        Map<String, Rows.Row> rows = alertsByFingerprint();
        assertEquals(3, rows.size(), rows::toString);
        Rows.Row first = rows.get(a.fingerprint());
        assertEquals("firing", first.string("status"));
        assertEquals(Instant.parse("2026-11-20T10:00:07.481726Z"), first.instant("starts_at"), "PostgreSQL keeps microseconds");
        assertNull(first.get("ends_at"), "the zero endsAt of a firing alert is no end");
        assertEquals("HighErrorRate", first.string("name"));
        assertEquals("critical", first.string("severity"));
        assertEquals(service, first.string("service"), "the service label names the service");
        assertTrue(first.string("labels").contains("\"pod\":\"checkout-7d9f8b6c5-x2kqp\""), first::toString);
        assertTrue(first.string("annotations").contains("https://runbooks.example.com/alerts/HighErrorRate"), first::toString);
        assertTrue(first.string("generator_url").startsWith("http://prometheus-k8s-0:9090/graph?g0.expr="), first::toString);
        assertTrue(first.string("generator_url").endsWith("&g0.tab=1"), "Go's \\u0026 is read back as &");
        assertEquals("firing", rows.get(b.fingerprint()).string("status"));
        Rows.Row resolved = rows.get(c.fingerprint());
        assertEquals("resolved", resolved.string("status"));
        assertEquals(Instant.parse("2026-11-20T10:02:07.481726Z"), resolved.instant("ends_at"));
    }

    @Test
    @DisplayName("#3 a later resolved notification resolves the firing alerts, in the same rows")
    void resolvedNotificationResolvesFiringOnes() {
        String service = Fixtures.unique("payments");
        AlertmanagerHooks.Alert a = AlertmanagerHooks.firing("KubePodCrashLooping", service, "warning", "payments-5c8d-1",
                "2026-11-20T11:00:00Z");
        AlertmanagerHooks.Alert b = AlertmanagerHooks.firing("KubePodCrashLooping", service, "warning", "payments-5c8d-2",
                "2026-11-20T11:00:30Z");
        Map<String, String> group = Map.of("alertname", "KubePodCrashLooping");

        deliver(AlertmanagerHooks.notification("opssight", "firing", group, a, b));
        Http.Answer resolved = deliver(AlertmanagerHooks.notification("opssight", "resolved", group,
                a.resolvedAt("2026-11-20T11:14:00Z"), b.resolvedAt("2026-11-20T11:15:00Z")));

        assertEquals(202, resolved.status(), resolved::toString);
        Map<String, Rows.Row> rows = alertsByFingerprint();
        assertEquals(2, rows.size(), rows::toString);
        assertEquals("resolved", rows.get(a.fingerprint()).string("status"));
        assertEquals(Instant.parse("2026-11-20T11:14:00Z"), rows.get(a.fingerprint()).instant("ends_at"));
        assertEquals("resolved", rows.get(b.fingerprint()).string("status"));
        assertEquals(Instant.parse("2026-11-20T11:15:00Z"), rows.get(b.fingerprint()).instant("ends_at"));

        // The same series firing again later is a new episode: a new startsAt, a new row.
        deliver(AlertmanagerHooks.notification("opssight", "firing", group, a.firingAgainFrom("2026-11-20T13:00:00Z")));
        List<Rows.Row> episodes = Rows.query(server, "select status from alert where origin = ? and fingerprint = ? order by starts_at",
                origin(), a.fingerprint());
        assertEquals(List.of("resolved", "firing"), episodes.stream().map(r -> r.string("status")).toList());
    }

    @Test
    @DisplayName("#3 repeat notifications (repeat_interval) create no new rows")
    void repeatNotificationCreatesNoRows() {
        String service = Fixtures.unique("search");
        AlertmanagerHooks.Alert a = AlertmanagerHooks.firing("SearchLatencyHigh", service, "warning", "search-0", "2026-11-20T12:00:00Z");
        AlertmanagerHooks.Alert b = AlertmanagerHooks.firing("SearchLatencyHigh", service, "warning", "search-1", "2026-11-20T12:00:15Z");
        Map<String, String> group = Map.of("alertname", "SearchLatencyHigh", "service", service);
        byte[] first = AlertmanagerHooks.notification("opssight", "firing", group, a, b);

        Http.Answer initial = deliver(first);
        Http.Answer identicalRepeat = deliver(first);
        Http.Answer repeatWithNewValue = deliver(AlertmanagerHooks.notification("opssight", "firing", group,
                a.withAnnotation("description", "p99 latency is 2.91s (threshold 1s) for the last 10m"),
                b.withAnnotation("description", "p99 latency is 2.40s (threshold 1s) for the last 10m")));

        assertEquals(202, initial.status(), initial::toString);
        assertEquals(200, identicalRepeat.status(), "a byte-identical repeat is a duplicate delivery");
        assertEquals(202, repeatWithNewValue.status(), "a repeat with re-rendered annotations is a new delivery...");
        Map<String, Rows.Row> rows = alertsByFingerprint();
        assertEquals(2, rows.size(), () -> "...but the same alerts: " + rows);
        assertTrue(rows.get(a.fingerprint()).string("annotations").contains("2.91s"), "the alert shows the latest annotations");
        assertEquals("firing", rows.get(a.fingerprint()).string("status"));
        assertEquals(2, Rows.deliveriesOf(server, source));
    }

    @Test
    @DisplayName("#3 without the bearer credentials, or with wrong ones, 401 and nothing stored")
    void bearerRequired() {
        byte[] body = AlertmanagerHooks.notification("opssight", "firing", Map.of("alertname", "Watchdog"),
                AlertmanagerHooks.firing("Watchdog", Fixtures.unique("infra"), "none", "prometheus-0", "2026-11-20T00:00:00Z"));

        Http.Answer missing = http.postRaw(source.ingestPath(), AlertmanagerHooks.headers(null), body);
        Http.Answer wrong = http.postRaw(source.ingestPath(), AlertmanagerHooks.headers("not-the-secret"), body);

        assertEquals(401, missing.status(), missing::toString);
        assertEquals(401, wrong.status(), wrong::toString);
        assertEquals(0, Rows.deliveriesOf(server, source));
        assertEquals(0, alertsByFingerprint().size());
    }

    @Test
    @DisplayName("#3 with the database away Alertmanager hears 503 (which it retries), and the retry is stored once it is back")
    void databaseAwayIs503ThenRetrySucceeds() throws SQLException {
        String db = TestPostgres.createDatabase("am503");
        try (OpsSightServer own = OpsSightServer.start("alertmanager-503", db, OpsSightServer.postgresEnvironment(db))) {
            own.awaitReady(Duration.ofSeconds(240));
            Http ownHttp = own.http();
            Fixtures.Source ownSource = Fixtures.source(ownHttp, "alertmanager");
            String service = Fixtures.unique("ledger");
            byte[] before = AlertmanagerHooks.notification("opssight", "firing", Map.of("alertname", "LedgerLag"),
                    AlertmanagerHooks.firing("LedgerLag", service, "warning", "ledger-0", "2026-11-20T08:00:00Z"));
            byte[] during = AlertmanagerHooks.notification("opssight", "firing", Map.of("alertname", "LedgerDown"),
                    AlertmanagerHooks.firing("LedgerDown", service, "critical", "ledger-0", "2026-11-20T08:05:00Z"));
            assertEquals(202, ownHttp.postRaw(ownSource.ingestPath(), AlertmanagerHooks.headers(ownSource.secret()), before).status());

            Http.Answer refused;
            setConnectionsAllowed(db, false);
            try {
                refused = ownHttp.postRaw(ownSource.ingestPath(), AlertmanagerHooks.headers(ownSource.secret()), during);
            } finally {
                setConnectionsAllowed(db, true);
            }

            assertEquals(503, refused.status(), refused::toString);
            assertEquals("application/problem+json", refused.contentType());
            assertEquals("5", refused.header("Retry-After").orElse(null));
            Http.Answer retried = retryUntilAccepted(ownHttp, ownSource, during);
            assertEquals(202, retried.status(), retried::toString);
            List<Rows.Row> alerts = Rows.query(own, "select name from alert where origin = ? order by starts_at",
                    "alertmanager:" + ownSource.name());
            assertEquals(List.of("LedgerLag", "LedgerDown"), alerts.stream().map(r -> r.string("name")).toList());
        }
    }

    /** As Alertmanager does: retry with backoff until the notification is accepted. */
    private static Http.Answer retryUntilAccepted(Http http, Fixtures.Source source, byte[] body) {
        Instant deadline = Instant.now().plusSeconds(60);
        Http.Answer answer;
        do {
            answer = http.postRaw(source.ingestPath(), AlertmanagerHooks.headers(source.secret()), body);
            if (answer.status() != 503) {
                return answer;
            }
            sleep(1_000);
        } while (Instant.now().isBefore(deadline));
        return answer;
    }

    /** Makes the database refuse new connections (and drops the open ones), or accept them again. */
    private static void setConnectionsAllowed(String db, boolean allowed) throws SQLException {
        try (Connection admin = TestPostgres.connect("postgres"); Statement s = admin.createStatement()) {
            s.execute("alter database " + db + " with allow_connections " + allowed);
            if (!allowed) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + db + "'");
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Http.Answer deliver(byte[] body) {
        return http.postRaw(source.ingestPath(), AlertmanagerHooks.headers(source.secret()), body);
    }

    private String origin() {
        return "alertmanager:" + source.name();
    }

    private Map<String, Rows.Row> alertsByFingerprint() {
        return Rows.query(server, "select a.*, s.name as service from alert a left join service s on s.id = a.service_id "
                + "where a.origin = ?", origin()).stream().collect(Collectors.toMap(r -> r.string("fingerprint"), r -> r));
    }
}
