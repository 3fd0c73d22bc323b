package io.opssight.it.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import io.opssight.it.support.Waits;
import io.opssight.it.support.WorkflowRuns;
import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.util.Arrays;

/**
 * Nothing acknowledged is lost: while a bounded stream of signed deliveries is being sent, the
 * server is killed with SIGKILL and restarted (and, separately, PostgreSQL is restarted).
 * Afterwards every delivery that got a 2xx is stored exactly once (lost = acknowledged − stored is
 * empty), and every stored delivery gets processed, including those the crash interrupted.
 */
@DisplayName("#3 fault tolerance: SIGKILL and database restart lose nothing acknowledged")
class FaultToleranceIT {

    private static final int SENDERS = 4;
    private static final int DELIVERIES = 400;

    private OpsSightServer server;
    private String database;
    private Fixtures.Source source;

    @BeforeEach
    void setUp() {
        database = TestPostgres.createDatabase("faults");
        server = OpsSightServer.start("faults", database, OpsSightServer.postgresEnvironment(database))
                .awaitReady(Duration.ofSeconds(240));
        source = Fixtures.githubSource(server.http());
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    @Test
    void killingTheServerMidStreamLosesNothingAcknowledged() throws Exception {
        Stream stream = new Stream(server, source);
        stream.start();
        stream.awaitAcknowledged(DELIVERIES / 4);

        server.kill();
        server.restart().awaitReady(Duration.ofSeconds(240));

        stream.finish();
        assertNothingLost(stream);
        assertTrue(stream.failed.get() > 0, "the kill interrupted the stream");
        assertEquals(DELIVERIES, stream.acknowledged.size(), "every delivery was acknowledged in the end (after retries)");
        awaitAllProcessed();
    }

    @Test
    void restartingPostgresqlMidStreamLosesNothingAcknowledged() throws Exception {
        String cluster = postgresCluster();
        Assumptions.assumeTrue(cluster != null, "pg_ctlcluster not available here (CI machines have it)");
        Stream stream = new Stream(server, source);
        stream.start();
        stream.awaitAcknowledged(DELIVERIES / 4);

        run("pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart", "-m", "fast");
        awaitPostgres();

        stream.finish();
        assertNothingLost(stream);
        assertEquals(DELIVERIES, stream.acknowledged.size(), "every delivery was acknowledged in the end (after retries)");
        server.awaitReady(Duration.ofSeconds(60));
        // Every server on this PostgreSQL (the shared one too, which the next test classes use) gets
        // its pool back, not only the one under test.
        for (OpsSightServer other : OpsSightServer.running()) {
            other.awaitReady(Duration.ofSeconds(60));
        }
        Http.Answer after = sendOne();
        assertEquals(202, after.status(), "the server recovers its connections once the database is back: " + after);
        awaitAllProcessed();
        assertRollupStillRuns();
    }

    /**
     * The DORA roll-up runs on a timer every 2 s, so rounds failed while PostgreSQL was down. A
     * failure that escaped the timer callback made the container expunge the timer, and the roll-up
     * never ran again: a deployment recorded now must still be rolled up.
     */
    private void assertRollupStillRuns() throws SQLException, InterruptedException {
        Http http = server.http();
        String writer = Fixtures.token(http, "deployments:write");
        String service = Fixtures.unique("after-restart");
        Http.Answer deployed = http.postJson("/api/v1/deployments", writer, """
                {"service":"%s","environment":"production","production":true,"repository":"acme/%s","sha":"%s",
                 "ref":"main","status":"success","finishedAt":"2019-05-07T10:00:00Z"}""".formatted(service, service, sha()));
        assertEquals(201, deployed.status(), deployed::toString);
        Waits.await("the DORA roll-up", Duration.ofSeconds(60), Duration.ofMillis(500)).untilAsserted(() ->
                assertEquals(0, count("select count(*) from dora_dirty_day"),
                        "days still waiting for the DORA roll-up a minute after a database restart"));
    }

    private Http.Answer sendOne() {
        byte[] body = WorkflowRuns.workflowRun("acme", "after-restart", GitHubHooks.nextId(), 1, "completed", "completed",
                "success", "2026-11-24T10:00:00Z", "2026-11-24T10:00:05Z", "2026-11-24T10:03:00Z", sha());
        return server.http().postRaw(source.ingestPath(),
                GitHubHooks.headers("workflow_run", UUID.randomUUID().toString(), source.secret(), body), body);
    }

    private void assertNothingLost(Stream stream) throws SQLException {
        Map<String, Integer> stored = storedCounts();
        Set<String> lost = new TreeSet<>(stream.acknowledged);
        lost.removeAll(stored.keySet());
        assertEquals(Set.of(), lost, "acknowledged but not stored");
        stored.forEach((key, count) -> assertEquals(1, count, key + " stored once"));
        assertTrue(stream.acknowledged.size() >= DELIVERIES / 4, "acknowledged " + stream.acknowledged.size());
        System.out.printf("fault test: deliveries %d, acknowledged %d (%d of them before they were mapped), failed attempts %d, "
                + "stored %d, lost 0%n", DELIVERIES, stream.acknowledged.size(), stream.queued.get(), stream.failed.get(), stored.size());
    }

    private Map<String, Integer> storedCounts() throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = TestPostgres.connect(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select delivery_key, count(*) from delivery group by delivery_key")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    /** Deliveries stored but unprocessed when the process died are processed by recovery. */
    private void awaitAllProcessed() throws SQLException, InterruptedException {
        Waits.await("recovery", Duration.ofSeconds(120), Duration.ofSeconds(1)).untilAsserted(() ->
                assertEquals(0, count("select count(*) from delivery where status = 'RECEIVED'"),
                        "deliveries left unprocessed after recovery"));
    }

    private long count(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String sha() {
        return UUID.randomUUID().toString().replace("-", "") + "01234567";
    }

    private static String postgresCluster() {
        File dir = new File("/etc/postgresql");
        String[] versions = dir.list();
        if (versions == null || versions.length == 0 || !new File("/usr/bin/pg_ctlcluster").canExecute()) {
            return null;
        }
        Arrays.sort(versions);
        return versions[versions.length - 1];
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command));
    }

    private static void awaitPostgres() {
        Waits.await("PostgreSQL did not come back", Duration.ofSeconds(60), Duration.ofMillis(500)).until(() -> {
            try (Connection c = TestPostgres.connect("postgres")) {
                return true;
            } catch (SQLException e) {
                return false;
            }
        });
    }

    /** A bounded stream of signed workflow_run deliveries from a few concurrent senders. */
    private static final class Stream {
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger queued = new AtomicInteger();
        private final OpsSightServer server;
        private final Fixtures.Source source;
        private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch started = new CountDownLatch(1);

        Stream(OpsSightServer server, Fixtures.Source source) {
            this.server = server;
            this.source = source;
        }

        void start() {
            List<Runnable> work = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                work.add(this::send);
            }
            work.forEach(senders::submit);
            started.countDown();
        }

        /**
         * Sends each delivery until it is acknowledged (as GitHub's redelivery and Alertmanager's
         * retries do), with the same delivery id, for at most a minute per delivery.
         */
        private void send() {
            Http http = server.http();
            int n;
            while ((n = next.getAndIncrement()) < DELIVERIES) {
                String deliveryId = UUID.randomUUID().toString();
                byte[] body = WorkflowRuns.workflowRun("acme", "fault-" + (n % 7), 100_000 + n, 1, "completed", "completed",
                        n % 5 == 0 ? "failure" : "success", "2026-11-24T10:00:00Z", "2026-11-24T10:00:05Z",
                        "2026-11-24T10:03:00Z", sha());
                Instant giveUp = Instant.now().plusSeconds(60);
                while (Instant.now().isBefore(giveUp)) {
                    try {
                        Http.Answer answer = http.postRaw(source.ingestPath(),
                                GitHubHooks.headers("workflow_run", deliveryId, source.secret(), body), body);
                        if (answer.status() / 100 == 2) {
                            acknowledged.add("id:" + deliveryId);
                            if (answer.body().contains("queued for mapping")) {
                                queued.incrementAndGet();
                            }
                            break;
                        }
                        failed.incrementAndGet();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                    pause();
                }
            }
        }

        private static void pause() {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitAcknowledged(int count) throws InterruptedException {
            Instant deadline = Instant.now().plusSeconds(120);
            while (acknowledged.size() < count && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
        }

        void finish() throws InterruptedException {
            senders.shutdown();
            assertTrue(senders.awaitTermination(5, TimeUnit.MINUTES), "senders finished");
        }
    }
}
