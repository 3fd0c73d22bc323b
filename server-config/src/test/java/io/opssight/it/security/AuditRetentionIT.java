package io.opssight.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.Rows;
import io.opssight.it.support.TestPostgres;
import io.opssight.it.support.Waits;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Audit retention: entries older than the retention leave the start of the chain, verification
 * still passes from the anchor they leave behind, and still finds changed entries and an anchor
 * moved by hand. Old entries are made by shifting their times back with SQL (which also breaks
 * their hashes: retention must remove them without ever re-checking them).
 */
@DisplayName("#5 audit retention")
class AuditRetentionIT {

    private static OpsSightServer server;
    private static String database;
    private static Http http;

    @BeforeAll
    static void start() {
        database = TestPostgres.createDatabase("retention");
        Map<String, String> env = OpsSightServer.postgresEnvironment(database);
        env.put("OPSSIGHT_AUDIT_RETENTION_DAYS", "30");
        env.put("OPSSIGHT_AUDIT_RETENTION_CHECK_SECONDS", "2");
        server = OpsSightServer.start("retention", database, env).awaitReady(Duration.ofSeconds(240));
        http = server.http();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void removesOldEntriesAndStillVerifiesAndDetectsTampering() throws Exception {
        for (int i = 0; i < 4; i++) {
            Fixtures.token(http, "deployments:read");
        }
        long head = Rows.only(server, "select seq from audit_head").number("seq");
        long old = head - 2;
        assertTrue(old >= 3, "enough entries to age: " + head);
        execute("update audit_entry set at = at - interval '400 days' where seq <= ?", old);

        awaitAnchorAtLeast(old, Duration.ofSeconds(60));
        assertEquals(0L, Rows.only(server, "select count(*) as n from audit_entry where seq <= ?", old).number("n"),
                "the aged entries are gone");
        assertEquals(old, Rows.only(server, "select anchor_seq from audit_head").number("anchor_seq"),
                "entries still young are kept, so the anchor is the last aged one");
        JsonObject verified = verify();
        assertTrue(verified.getBoolean("intact"), verified::toString);
        assertEquals(old, verified.getJsonNumber("anchorSeq").longValue());
        assertFalse(Rows.query(server, "select seq from audit_entry where action = 'audit.pruned' and target = ?",
                String.valueOf(old)).isEmpty(), "the removal itself is audited, naming the anchor");

        // An entry after the anchor is changed: found.
        long changed = old + 1;
        execute("update audit_entry set details = 'rewritten' where seq = ?", changed);
        JsonObject tampered = verify();
        assertFalse(tampered.getBoolean("intact"));
        assertEquals(changed, tampered.getJsonNumber("firstBrokenSeq").longValue());
        execute("update audit_entry set details = null where seq = ?", changed);
        assertTrue(verify().getBoolean("intact"), "restored");

        // Someone removes the next entry too and moves the anchor over it by hand: found.
        String hash = Rows.only(server, "select hash from audit_entry where seq = ?", changed).string("hash");
        execute("delete from audit_entry where seq = ?", changed);
        try (Connection c = TestPostgres.connect(database);
                PreparedStatement s = c.prepareStatement("update audit_head set anchor_seq = ?, anchor_hash = ?")) {
            s.setLong(1, changed);
            s.setString(2, hash);
            s.executeUpdate();
        }
        JsonObject moved = verify();
        assertFalse(moved.getBoolean("intact"), moved::toString);
        assertTrue(moved.getString("reason").contains("anchor"), moved::toString);
    }

    private static JsonObject verify() {
        Http.Answer answer = http.get("/api/v1/audit/verify", OpsSightServer.ADMIN_TOKEN);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json();
    }

    private static void awaitAnchorAtLeast(long seq, Duration timeout) {
        Waits.await("retention did not remove the aged entries within " + timeout + "; see " + server.log(), timeout,
                Duration.ofMillis(250)).until(() -> Rows.only(server, "select anchor_seq from audit_head").number("anchor_seq") >= seq);
    }

    private static void execute(String sql, Object parameter) throws SQLException {
        try (Connection c = TestPostgres.connect(database); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            s.executeUpdate();
        }
    }
}
