package io.opssight.it.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The audit trail: changes and security events are recorded, the chain detects tampering, export works. */
@DisplayName("#5 audit trail")
class AuditTrailIT {

    private OpsSightServer server;
    private Http http;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
    }

    @Test
    void changesAreRecordedWithWhoWhatWhenWhereAndOutcome() {
        String name = Fixtures.unique("audited");
        Http.Answer created = http.postJson("/api/v1/sources", OpsSightServer.ADMIN_TOKEN,
                "{\"kind\":\"github\",\"name\":\"" + name + "\",\"secret\":\"0123456789abcdef0123\"}");
        assertEquals(201, created.status());
        Http.Answer conflict = http.postJson("/api/v1/sources", OpsSightServer.ADMIN_TOKEN,
                "{\"kind\":\"github\",\"name\":\"" + name + "\",\"secret\":\"0123456789abcdef0123\"}");
        assertEquals(409, conflict.status());

        List<JsonObject> entries = entries("action=Sources.register&actor=token:bootstrap-admin");
        JsonObject success = last(entries, "success");
        JsonObject failure = last(entries, "failure");
        assertEquals("github", success.getString("target"));
        assertEquals("127.0.0.1", success.getString("clientAddress"));
        assertFalse(success.getString("requestId").isBlank());
        assertNotNull(success.getString("at"));
        assertTrue(failure.getString("details").contains(name), failure.toString());
        assertFalse(http.get("/api/v1/audit?limit=1000", OpsSightServer.ADMIN_TOKEN).body().contains("0123456789abcdef0123"),
                "secrets never reach the audit trail");
    }

    @Test
    void securityEventsAreRecorded() {
        String reader = Fixtures.token(http, "deployments:read");
        assertEquals(403, http.get("/api/v1/tokens", reader).status());
        assertEquals(401, http.get("/api/v1/deployments", "ops_forged-token-value-xyz").status());

        assertFalse(entries("action=access.denied&outcome=denied").isEmpty());
        assertTrue(entries("action=access.denied").stream().anyMatch(e -> e.getString("target").equals("/api/v1/tokens")));
        assertFalse(entries("action=auth.invalid-token").isEmpty());
        assertFalse(entries("action=ApiTokens.create").isEmpty(), "token creation is audited");
        assertFalse(entries("action=ApiTokens.bootstrap&actor=system").isEmpty(), "the bootstrap admin token is audited");
    }

    @Test
    void verifyFindsTheEntryThatWasChangedOrDeleted() throws SQLException {
        for (int i = 0; i < 2; i++) {
            http.postJson("/api/v1/sources", OpsSightServer.ADMIN_TOKEN,
                    "{\"kind\":\"github\",\"name\":\"" + Fixtures.unique("chain") + "\",\"secret\":\"0123456789abcdef0123\"}");
        }
        JsonObject intact = http.get("/api/v1/audit/verify", OpsSightServer.ADMIN_TOKEN).json();
        assertTrue(intact.getBoolean("intact"), intact::toString);
        long length = intact.getJsonNumber("checked").longValue();
        assertTrue(length >= 3);
        long victim = length - 1;

        try (Connection c = TestPostgres.connect(server.database()); Statement s = c.createStatement()) {
            String actor = single(c, "select actor from audit_entry where seq = " + victim);
            s.executeUpdate("update audit_entry set actor = 'mallory' where seq = " + victim);
            JsonObject changed = http.get("/api/v1/audit/verify", OpsSightServer.ADMIN_TOKEN).json();
            s.executeUpdate("update audit_entry set actor = '" + actor.replace("'", "''") + "' where seq = " + victim);
            assertFalse(changed.getBoolean("intact"));
            assertEquals(victim, changed.getJsonNumber("firstBrokenSeq").longValue(), changed.toString());
            assertTrue(changed.getString("reason").contains("changed"), changed.toString());

            s.execute("create temp table saved as select * from audit_entry where seq = " + victim);
            s.executeUpdate("delete from audit_entry where seq = " + victim);
            JsonObject deleted = http.get("/api/v1/audit/verify", OpsSightServer.ADMIN_TOKEN).json();
            s.executeUpdate("insert into audit_entry select * from saved");
            assertFalse(deleted.getBoolean("intact"));
            assertEquals(victim, deleted.getJsonNumber("firstBrokenSeq").longValue(), deleted.toString());
            assertTrue(deleted.getString("reason").contains("missing"), deleted.toString());
        }
        assertTrue(http.get("/api/v1/audit/verify", OpsSightServer.ADMIN_TOKEN).json().getBoolean("intact"));
    }

    @Test
    void aChangeWhoseAuditRecordCannotBeWrittenDoesNotHappen() throws SQLException {
        String name = Fixtures.unique("failclosed");
        try (Connection c = TestPostgres.connect(server.database()); Statement s = c.createStatement()) {
            s.execute("create function refuse_" + name.replace('-', '_') + "() returns trigger language plpgsql as $$ begin "
                    + "if new.action = 'Sources.register' and new.outcome = 'success' then raise exception 'audit store down'; "
                    + "end if; return new; end $$");
            s.execute("create trigger refuse_" + name.replace('-', '_') + " before insert on audit_entry for each row "
                    + "execute function refuse_" + name.replace('-', '_') + "()");
            try {
                Http.Answer answer = http.postJson("/api/v1/sources", OpsSightServer.ADMIN_TOKEN,
                        "{\"kind\":\"github\",\"name\":\"" + name + "\",\"secret\":\"0123456789abcdef0123\"}");
                assertTrue(answer.status() >= 500, answer::toString);
                assertEquals("application/problem+json", answer.contentType());
            } finally {
                s.execute("drop trigger refuse_" + name.replace('-', '_') + " on audit_entry");
            }
            assertEquals("0", single(c, "select count(*) from source where name = '" + name + "'"),
                    "the source was not registered");
        }
    }

    @Test
    void exportNeedsItsPermissionAndStreamsCsvAndJson() {
        String auditor = Fixtures.token(http, "audit:read");
        assertEquals(200, http.get("/api/v1/audit", auditor).status());
        assertEquals(403, http.get("/api/v1/audit/export", auditor).status());
        assertEquals(403, http.get("/api/v1/audit", Fixtures.token(http, "deployments:read")).status());

        Http.Answer csv = http.get("/api/v1/audit/export?format=csv&action=ApiTokens.create", OpsSightServer.ADMIN_TOKEN);
        assertEquals(200, csv.status());
        assertTrue(csv.contentType().startsWith("text/csv"));
        String[] lines = csv.body().split("\n");
        assertEquals("seq,at,actor,action,target,outcome,client_address,request_id,details,hash", lines[0]);
        assertTrue(lines.length >= 2 && lines[1].contains("\"ApiTokens.create\""), csv.body());

        Http.Answer json = http.get("/api/v1/audit/export?format=json&action=ApiTokens.create", OpsSightServer.ADMIN_TOKEN);
        assertEquals(200, json.status());
        assertEquals(lines.length - 1, json.jsonArray().size());
        assertEquals(400, http.get("/api/v1/audit/export?format=xml", OpsSightServer.ADMIN_TOKEN).status());
    }

    private List<JsonObject> entries(String query) {
        Http.Answer answer = http.get("/api/v1/audit?limit=1000&" + query, OpsSightServer.ADMIN_TOKEN);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private static JsonObject last(List<JsonObject> entries, String outcome) {
        return entries.stream().filter(e -> e.getString("outcome").equals(outcome)).reduce((a, b) -> b).orElseThrow();
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
