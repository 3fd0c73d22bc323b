package io.opssight.it.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.AwxNotifications;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.sql.Timestamp;

/** AWX job notifications end to end, authenticated with the source secret as AWX can send it. */
@DisplayName("#5 AWX job notification ingestion")
class AwxIngestIT {

    private static final AtomicLong JOB_IDS = new AtomicLong(4000 + System.currentTimeMillis() % 100_000);

    private OpsSightServer server;
    private Http http;
    private Fixtures.Source source;

    /** An automation_run row. */
    record Run(String name, String status, String playbook, String inventory, String launchedBy, String url,
            String startedAt, String finishedAt, Integer hostsOk, Integer hostsFailed) {
    }

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
        source = Fixtures.source(http, "awx");
    }

    @Test
    @DisplayName("#5 the start and the end notification of a job are one run with its outcome and host counts")
    void startAndEndAreOneRun() throws SQLException {
        long job = JOB_IDS.incrementAndGet();
        Map<String, JsonObject> hosts = new LinkedHashMap<>();
        hosts.put("web-01.acme.internal", AwxNotifications.host(false, 3, 0, 0, 14, 2));
        hosts.put("web-02.acme.internal", AwxNotifications.host(false, 3, 0, 0, 14, 2));
        hosts.put("web-03.acme.internal", AwxNotifications.host(false, 0, 0, 0, 12, 4));

        Http.Answer start = deliver(AwxNotifications.playbookJob(job, "Deploy shop", "alice",
                "2026-11-20T10:00:03.617834+00:00", null, "running", Map.of()));
        Run running = run(job);
        Http.Answer end = deliver(AwxNotifications.playbookJob(job, "Deploy shop", "alice",
                "2026-11-20T10:00:03.617834+00:00", "2026-11-20T10:04:51.101203+00:00", "successful", hosts));

        assertEquals(202, start.status(), start::toString);
        assertEquals(202, end.status(), end::toString);
        assertEquals("running", running.status());
        assertNull(running.hostsOk(), "no host summary yet at the start");
        assertEquals(new Run("Deploy shop", "successful", "deploy.yml", "Production", "alice",
                AwxNotifications.AWX + "/#/jobs/playbook/" + job, "2026-11-20T10:00:03.617834Z", "2026-11-20T10:04:51.101203Z",
                3, 0), run(job));
        assertEquals(1, runsOf(job));
    }

    @Test
    @DisplayName("#5 a failed scheduled job counts hosts with failed tasks and unreachable hosts as failed")
    void failedJobCountsFailedAndUnreachableHosts() throws SQLException {
        long job = JOB_IDS.incrementAndGet();
        Map<String, JsonObject> hosts = new LinkedHashMap<>();
        hosts.put("db-01.acme.internal", AwxNotifications.host(false, 1, 0, 0, 9, 0));
        hosts.put("db-02.acme.internal", AwxNotifications.host(true, 0, 0, 1, 6, 0));
        hosts.put("db-03.acme.internal", AwxNotifications.host(true, 0, 1, 0, 0, 0));
        hosts.put("db-04.acme.internal", AwxNotifications.host(false, 0, 0, 0, 9, 1));

        deliver(AwxNotifications.playbookJob(job, "Patch databases", "None", "2026-11-21T02:00:00.004512+00:00",
                "2026-11-21T02:07:13.880045+00:00", "failed", hosts));

        Run run = run(job);
        assertEquals("failed", run.status());
        assertEquals(2, run.hostsOk());
        assertEquals(2, run.hostsFailed());
        assertNull(run.launchedBy(), "a scheduled job (created_by \"None\") has no launching user");
    }

    @Test
    @DisplayName("#5 a start notification arriving after the end does not undo the outcome")
    void lateStartDoesNotUndoTheOutcome() throws SQLException {
        long job = JOB_IDS.incrementAndGet();
        Map<String, JsonObject> hosts = Map.of("web-01.acme.internal", AwxNotifications.host(false, 2, 0, 0, 11, 0));

        deliver(AwxNotifications.playbookJob(job, "Deploy shop", "bob", "2026-11-22T09:00:00.100000+00:00",
                "2026-11-22T09:03:00.200000+00:00", "successful", hosts));
        deliver(AwxNotifications.playbookJob(job, "Deploy shop", "bob", "2026-11-22T09:00:00.100000+00:00", null, "running",
                Map.of()));

        Run run = run(job);
        assertEquals("successful", run.status());
        assertEquals("2026-11-22T09:03:00.200Z", run.finishedAt());
        assertEquals(1, run.hostsOk());
    }

    @Test
    @DisplayName("#5 AWX's test notification and project updates are stored raw, not modelled")
    void testNotificationAndProjectUpdateAreStoredRaw() throws SQLException {
        long projectUpdate = JOB_IDS.incrementAndGet();

        Http.Answer test = deliver(AwxNotifications.testNotification(7));
        Http.Answer project = deliver(AwxNotifications.projectUpdate(projectUpdate, "2026-11-22T08:59:40.000000+00:00",
                "2026-11-22T08:59:52.000000+00:00"));

        assertEquals(202, test.status(), test::toString);
        assertEquals(202, project.status(), project::toString);
        assertEquals(0, runsOf(projectUpdate));
        assertEquals(List.of("IGNORED", "IGNORED"), deliveryStatuses());
    }

    @Test
    @DisplayName("#5 Basic auth with the secret as password (AWX's user/password fields) is accepted; a wrong bearer is 401")
    void authentication() throws SQLException {
        long job = JOB_IDS.incrementAndGet();
        byte[] body = AwxNotifications.playbookJob(job, "Deploy shop", "alice", "2026-11-23T10:00:00.000001+00:00", null,
                "running", Map.of());

        Http.Answer wrong = http.postRaw(source.ingestPath(), AwxNotifications.bearerHeaders("not-the-secret"), body);
        Http.Answer wrongBasic = http.postRaw(source.ingestPath(), AwxNotifications.basicHeaders("awx", "nope"), body);
        assertEquals(401, wrong.status(), wrong::toString);
        assertEquals(401, wrongBasic.status(), wrongBasic::toString);
        assertEquals("application/problem+json", wrong.contentType());
        assertFalse(wrong.body().contains(source.secret()));
        assertTrue(deliveryStatuses().isEmpty(), "nothing stored for refused deliveries");
        assertEquals(0, runsOf(job));

        Http.Answer basic = http.postRaw(source.ingestPath(), AwxNotifications.basicHeaders("awx", source.secret()), body);
        assertEquals(202, basic.status(), basic::toString);
        assertEquals("running", run(job).status());
    }

    private Http.Answer deliver(byte[] body) {
        return http.postRaw(source.ingestPath(), AwxNotifications.bearerHeaders(source.secret()), body);
    }

    private Run run(long job) throws SQLException {
        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement("select * from automation_run where origin = ? and external_id = ?")) {
            s.setString(1, "awx:" + source.name());
            s.setString(2, String.valueOf(job));
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "an automation run for job " + job);
                return new Run(rs.getString("name"), rs.getString("status"), rs.getString("playbook"), rs.getString("inventory"),
                        rs.getString("launched_by"), rs.getString("url"), instant(rs, "started_at"), instant(rs, "finished_at"),
                        (Integer) rs.getObject("hosts_ok"), (Integer) rs.getObject("hosts_failed"));
            }
        }
    }

    private static String instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant().toString();
    }

    private int runsOf(long job) throws SQLException {
        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement("select count(*) from automation_run where origin = ? and external_id = ?")) {
            s.setString(1, "awx:" + source.name());
            s.setString(2, String.valueOf(job));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private List<String> deliveryStatuses() throws SQLException {
        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement("select d.status from delivery d join source s on s.id = d.source_id "
                        + "where s.name = ? order by d.id")) {
            s.setString(1, source.name());
            List<String> statuses = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    statuses.add(rs.getString(1));
                }
            }
            return statuses;
        }
    }
}
