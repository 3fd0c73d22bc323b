package io.opssight.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.alerting.boundary.Alerts;
import io.opssight.audit.boundary.AuditTrail;
import io.opssight.audit.entity.AuditEntry;
import io.opssight.deployment.boundary.Deployments;
import io.opssight.dora.boundary.DoraMetrics;
import io.opssight.incident.boundary.Incidents;
import io.opssight.ingestion.boundary.DeadLetters;
import io.opssight.it.support.AlertmanagerHooks;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.Rows;
import io.opssight.it.support.TestPostgres;
import io.opssight.pipeline.boundary.PipelineRuns;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Every paged list at its largest page: with a few rows more than the maximum limit, a page of
 * the maximum size says there is more (nextCursor, or total for the offset-paged DORA drill-downs),
 * and following it yields the remaining rows, each row exactly once. The rows are copies of one
 * row each list really stored, made with one SQL statement (audit entries are chained as
 * AuditWriter chains them), so the test makes a few dozen requests.
 */
@DisplayName("#16 paging at the maximum limit loses no row")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagingIT {

    private static final String ADMIN = OpsSightServer.ADMIN_TOKEN;
    /** Rows beyond one full page. */
    private static final int EXTRA = 7;

    private OpsSightServer server;
    private Http http;
    private String service;
    private long sourceId;
    private String actor;

    @BeforeAll
    void fill() throws SQLException {
        server = OpsSightServer.shared();
        http = server.http();
        service = Fixtures.unique("paged");
        long deployment = id(http.postJson("/api/v1/deployments", ADMIN, Fixtures.productionDeployment(service)));
        long incident = id(http.postJson("/api/v1/incidents", ADMIN, "{\"service\":\"" + service + "\",\"title\":\"paged\","
                + "\"openedAt\":\"" + Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}"));
        long run = id(http.postJson("/api/v1/pipeline-runs", ADMIN, "{\"pipeline\":\"build\",\"repository\":\"it/" + service
                + "\",\"status\":\"completed\",\"conclusion\":\"success\",\"queuedAt\":\""
                + Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}"));
        Fixtures.Source source = Fixtures.source(http, "alertmanager");
        AlertmanagerHooks.Alert firing = AlertmanagerHooks.firing("Paged", service, "warning", "pod-1",
                Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
        Http.Answer alerted = http.postRaw(source.ingestPath(), AlertmanagerHooks.headers(source.secret()),
                AlertmanagerHooks.notification("opssight", "firing", Map.of("alertname", "Paged"), firing));
        assertEquals(202, alerted.status(), alerted::toString);
        Http.Answer notJson = http.postRaw(source.ingestPath(), AlertmanagerHooks.headers(source.secret()),
                "this is not JSON".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, notJson.status(), notJson::toString);
        sourceId = Rows.only(server, "select id from source where name = ?", source.name()).number("id");
        long alert = Rows.only(server, "select id from alert where fingerprint = ?", firing.fingerprint()).number("id");
        long deadLetter = Rows.only(server, "select id from delivery where source_id = ? and status = 'DEAD_LETTER'", sourceId)
                .number("id");
        actor = Fixtures.unique("it:paging");

        try (Connection c = TestPostgres.connect(server.database())) {
            // Three copies share each instant, so the pages also have to order ties by id.
            String shift = "((g / 3) * interval '1 second')";
            copy(c, "deployment", deployment, Deployments.MAX_PAGE + EXTRA - 1, "'external_id', t.external_id || '-' || g, "
                    + "'created_at', t.created_at - " + shift + ", 'started_at', t.started_at - " + shift
                    + ", 'finished_at', t.finished_at - " + shift + ", 'status_at', t.status_at - " + shift + ", 'latest', false");
            copy(c, "incident", incident, Incidents.MAX_PAGE + EXTRA - 1, "'external_id', t.external_id || '-' || g, "
                    + "'opened_at', t.opened_at - " + shift + ", 'status_at', t.status_at - " + shift);
            copy(c, "pipeline_run", run, PipelineRuns.MAX_PAGE + EXTRA - 1, "'external_id', t.external_id || '-' || g, "
                    + "'queued_at', t.queued_at - " + shift + ", 'finished_at', t.finished_at - " + shift
                    + ", 'status_at', t.status_at - " + shift);
            copy(c, "alert", alert, Alerts.MAX_PAGE + EXTRA - 1, "'fingerprint', t.fingerprint || '-' || g, "
                    + "'starts_at', t.starts_at - " + shift + ", 'last_seen_at', t.last_seen_at - " + shift);
            copy(c, "delivery", deadLetter, DeadLetters.MAX_PAGE + EXTRA - 1, "'delivery_key', t.delivery_key || '-' || g");
            appendAuditEntries(c, actor, AuditTrail.MAX_PAGE + EXTRA);
        }
    }

    @Test
    @DisplayName("#16 deployments, incidents, pipeline runs and alerts: a full page has a next cursor, and it leads to the rest")
    void keysetListsOfTheModel() {
        assertFollowed("/api/v1/deployments?service=" + service, Deployments.MAX_PAGE,
                "select d.id from deployment d join service s on s.id = d.service_id where s.name = ?", service);
        assertFollowed("/api/v1/incidents?service=" + service, Incidents.MAX_PAGE,
                "select i.id from incident i join service s on s.id = i.service_id where s.name = ?", service);
        assertFollowed("/api/v1/pipeline-runs?repository=it/" + service, PipelineRuns.MAX_PAGE,
                "select id from pipeline_run where repository = ?", "it/" + service);
        assertFollowed("/api/v1/alerts?service=" + service, Alerts.MAX_PAGE,
                "select a.id from alert a join service s on s.id = a.service_id where s.name = ?", service);
    }

    @Test
    @DisplayName("#16 dead letters: a full page has a next cursor, and it leads to the rest")
    void deadLetters() {
        assertFollowed("/api/v1/dead-letters?source=" + sourceId, DeadLetters.MAX_PAGE,
                "select id from delivery where source_id = ? and status = 'DEAD_LETTER'", sourceId);
    }

    @Test
    @DisplayName("#16 the audit trail: a full page has a next cursor, and it leads to the rest")
    void auditTrail() {
        assertFollowed("/api/v1/audit?actor=" + URLEncoder.encode(actor, StandardCharsets.UTF_8), AuditTrail.MAX_PAGE,
                item -> item.getJsonNumber("seq").longValue(), "select seq as id from audit_entry where actor = ?", actor);
        JsonObject verified = http.get("/api/v1/audit/verify", ADMIN).json();
        assertTrue(verified.getBoolean("intact"), "the filled chain is a valid chain: " + verified);
    }

    @Test
    @DisplayName("#16 DORA drill-downs: a full page and the next offset give every counted row once")
    void doraDrillDowns() {
        assertOffsetPaged("/api/v1/dora/deployments?service=" + service, item -> item.getJsonObject("deployment"),
                "select d.id from deployment d join service s on s.id = d.service_id where s.name = ?");
        assertOffsetPaged("/api/v1/dora/incidents?service=" + service, item -> item.getJsonObject("incident"),
                "select i.id from incident i join service s on s.id = i.service_id where s.name = ?");
    }

    private void assertFollowed(String path, int max, String expectedSql, Object parameter) {
        assertFollowed(path, max, item -> item.getJsonNumber("id").longValue(), expectedSql, parameter);
    }

    private void assertFollowed(String path, int max, Function<JsonObject, Long> idOf, String expectedSql, Object parameter) {
        Set<Long> expected = ids(expectedSql, parameter);
        assertEquals(max + EXTRA, expected.size(), "the fill made one page and a bit of " + path);
        Http.Answer first = http.get(path + "&limit=" + max, ADMIN);
        assertEquals(200, first.status(), first::toString);
        List<Long> seen = new ArrayList<>(items(first).stream().map(idOf).toList());
        assertEquals(max, seen.size(), path);
        assertTrue(first.json().containsKey("nextCursor") && !first.json().isNull("nextCursor"),
                () -> "a full page of " + path + " says there is more (" + expected.size() + " rows)");
        String cursor = first.json().getString("nextCursor");
        Http.Answer second = http.get(path + "&limit=" + max + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8), ADMIN);
        assertEquals(200, second.status(), second::toString);
        seen.addAll(items(second).stream().map(idOf).toList());
        assertFalse(second.json().containsKey("nextCursor") && !second.json().isNull("nextCursor"),
                () -> "the last page of " + path + " has no next cursor: " + second.json().get("nextCursor"));
        assertEquals(expected.size(), seen.size(), () -> path + ": every row exactly once");
        assertEquals(expected, new HashSet<>(seen), path);
    }

    private void assertOffsetPaged(String path, Function<JsonObject, JsonObject> objectOf, String expectedSql) {
        Set<Long> expected = ids(expectedSql, service);
        int max = DoraMetrics.MAX_PAGE;
        Http.Answer first = http.get(path + "&limit=" + max, ADMIN);
        assertEquals(200, first.status(), first::toString);
        assertEquals(expected.size(), first.json().getJsonNumber("total").longValue(), path);
        List<Long> seen = new ArrayList<>(items(first).stream().map(i -> objectOf.apply(i).getJsonNumber("id").longValue()).toList());
        assertEquals(max, seen.size(), path);
        Http.Answer second = http.get(path + "&limit=" + max + "&offset=" + max, ADMIN);
        assertEquals(200, second.status(), second::toString);
        seen.addAll(items(second).stream().map(i -> objectOf.apply(i).getJsonNumber("id").longValue()).toList());
        assertEquals(expected.size(), seen.size(), () -> path + ": every row exactly once");
        assertEquals(expected, new HashSet<>(seen), path);
    }

    private static List<JsonObject> items(Http.Answer page) {
        return page.json().getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
    }

    private Set<Long> ids(String sql, Object parameter) {
        Set<Long> ids = new HashSet<>();
        for (Rows.Row row : Rows.query(server, sql, parameter)) {
            ids.add(row.number("id"));
        }
        return ids;
    }

    /**
     * {@code copies} copies of row {@code id} of {@code table}, each with a new id from the table's
     * sequence and the columns {@code overrides} names (pairs for jsonb_build_object, over {@code t}
     * the original and {@code g} the copy's number, 1…).
     */
    private static void copy(Connection c, String table, long id, int copies, String overrides) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into " + table + " select r.* from " + table + " t "
                + "cross join generate_series(1, ?) g cross join lateral jsonb_populate_record(t, jsonb_build_object('id', "
                + "nextval('" + table + "_seq'), " + overrides + ")) r where t.id = ?")) {
            s.setInt(1, copies);
            s.setLong(2, id);
            assertEquals(copies, s.executeUpdate(), table);
        }
    }

    /** {@code count} entries by {@code actor}, appended to the chain under its head's lock as AuditWriter does. */
    private static void appendAuditEntries(Connection c, String actor, int count) throws SQLException {
        c.setAutoCommit(false);
        try {
            long seq;
            String hash;
            try (PreparedStatement head = c.prepareStatement("select seq, hash from audit_head where id = 1 for update");
                    ResultSet rs = head.executeQuery()) {
                rs.next();
                seq = rs.getLong(1);
                hash = rs.getString(2);
            }
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            try (PreparedStatement insert = c.prepareStatement("insert into audit_entry (seq, at, actor, action, target, outcome, "
                    + "client_address, request_id, details, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < count; i++) {
                    AuditEntry entry = new AuditEntry(seq, hash, at, actor, "it.paging", "row " + i, "success", "127.0.0.1",
                            null, null);
                    insert.setLong(1, entry.getSeq());
                    insert.setObject(2, OffsetDateTime.ofInstant(entry.getAt(), ZoneOffset.UTC));
                    insert.setString(3, entry.getActor());
                    insert.setString(4, entry.getAction());
                    insert.setString(5, entry.getTarget());
                    insert.setString(6, entry.getOutcome());
                    insert.setString(7, entry.getClientAddress());
                    insert.setString(8, entry.getRequestId());
                    insert.setString(9, entry.getDetails());
                    insert.setString(10, entry.getPrevHash());
                    insert.setString(11, entry.getHash());
                    insert.addBatch();
                    seq = entry.getSeq();
                    hash = entry.getHash();
                }
                insert.executeBatch();
            }
            try (PreparedStatement head = c.prepareStatement("update audit_head set seq = ?, hash = ? where id = 1")) {
                head.setLong(1, seq);
                head.setString(2, hash);
                head.executeUpdate();
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static long id(Http.Answer created) {
        assertEquals(201, created.status(), created::toString);
        return created.json().getJsonNumber("id").longValue();
    }
}
