package io.opssight.it.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Managing sources (rotate, disable, activity) and dead letters (list, read, replay after a fix). */
@DisplayName("#3 source management and dead-letter replay")
class SourceManagementIT {

    private OpsSightServer server;
    private Http http;
    private Fixtures.Source source;
    private long sourceId;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
        source = Fixtures.githubSource(http);
        sourceId = http.get("/api/v1/sources", OpsSightServer.ADMIN_TOKEN).jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("name").equals(source.name())).findFirst().orElseThrow()
                .getJsonNumber("id").longValue();
    }

    @Test
    void rotatingTheSecretRefusesTheOldOneAndAcceptsTheNew() {
        byte[] body = GitHubHooks.ping("acme", "rotation");
        Http.Answer rotated = http.postJson("/api/v1/sources/" + sourceId + "/rotate-secret", OpsSightServer.ADMIN_TOKEN, "{}");
        assertEquals(200, rotated.status(), rotated::toString);
        String newSecret = rotated.json().getString("secret");
        assertTrue(newSecret.length() >= 32);
        assertNotNull(rotated.json().getJsonObject("source").getString("secretRotatedAt"));

        Http.Answer withOld = http.postRaw(source.ingestPath(),
                GitHubHooks.headers("ping", UUID.randomUUID().toString(), source.secret(), body), body);
        Http.Answer withNew = http.postRaw(source.ingestPath(),
                GitHubHooks.headers("ping", UUID.randomUUID().toString(), newSecret, body), body);

        assertEquals(401, withOld.status(), withOld::toString);
        assertEquals(202, withNew.status(), withNew::toString);
        Http.Answer chosen = http.postJson("/api/v1/sources/" + sourceId + "/rotate-secret", OpsSightServer.ADMIN_TOKEN,
                "{\"secret\":\"chosen-by-the-admin-0123\"}");
        assertEquals("chosen-by-the-admin-0123", chosen.json().getString("secret"));
        assertEquals(400, http.postJson("/api/v1/sources/" + sourceId + "/rotate-secret", OpsSightServer.ADMIN_TOKEN,
                "{\"secret\":\"short\"}").status());
    }

    @Test
    void aDisabledSourceIsRefusedUntilEnabled() {
        byte[] body = GitHubHooks.ping("acme", "disabled");
        assertEquals(200, http.postJson("/api/v1/sources/" + sourceId + "/disable", OpsSightServer.ADMIN_TOKEN, "").status());

        Http.Answer refused = http.postRaw(source.ingestPath(),
                GitHubHooks.headers("ping", UUID.randomUUID().toString(), source.secret(), body), body);
        assertEquals(403, refused.status(), refused::toString);
        assertEquals("application/problem+json", refused.contentType());
        // A refused sender is a security event.
        Http.Answer audit = http.get("/api/v1/audit?action=access.denied&actor=anonymous&limit=1000", OpsSightServer.ADMIN_TOKEN);
        assertTrue(audit.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .anyMatch(entry -> entry.getString("target").equals(source.ingestPath())), audit::toString);

        Http.Answer enabled = http.postJson("/api/v1/sources/" + sourceId + "/enable", OpsSightServer.ADMIN_TOKEN, "");
        assertTrue(enabled.json().getBoolean("enabled"));
        assertEquals(202, http.postRaw(source.ingestPath(),
                GitHubHooks.headers("ping", UUID.randomUUID().toString(), source.secret(), body), body).status());
    }

    @Test
    void sourcesShowTheirActivity() {
        byte[] ping = GitHubHooks.ping("acme", "activity");
        http.postRaw(source.ingestPath(), GitHubHooks.headers("ping", UUID.randomUUID().toString(), source.secret(), ping), ping);
        byte[] broken = "{\"nope\"".getBytes(StandardCharsets.UTF_8);
        http.postRaw(source.ingestPath(), GitHubHooks.headers("push", UUID.randomUUID().toString(), source.secret(), broken), broken);

        JsonObject view = http.get("/api/v1/sources/" + sourceId, OpsSightServer.ADMIN_TOKEN).json();

        assertNotNull(view.getString("lastReceivedAt"));
        JsonObject deliveries = view.getJsonObject("deliveries");
        assertEquals(2, deliveries.getInt("total"));
        assertEquals(1, deliveries.getInt("ignored"));
        assertEquals(1, deliveries.getInt("deadLetters"));
        assertFalse(view.toString().contains(source.secret()));
    }

    @Test
    void aDeadLetterCanBeReplayedAfterTheCauseIsFixed() throws SQLException {
        // A fault in the database while mapping (a trigger refusing this environment, standing in for
        // an outage or a bug fixed later): normalising fails, the delivery is kept.
        String environment = Fixtures.unique("replay-env");
        String trigger = environment.replace('-', '_');
        try (Connection c = TestPostgres.connect(server.database()); Statement s = c.createStatement()) {
            s.execute("create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                    + "if new.name = '" + environment + "' then raise exception 'simulated fault'; end if; return new; end $$");
            s.execute("create trigger " + trigger + " before insert on environment for each row execute function " + trigger + "()");
        }
        String repo = Fixtures.unique("replayed");
        GitHubHooks.Deployment d = GitHubHooks.deployment("acme", repo, environment, "2026-11-24T10:00:00Z");
        byte[] body = GitHubHooks.deploymentStatus(d, "success", "2026-11-24T10:02:00Z", GitHubHooks.nextId());
        Http.Answer accepted = http.postRaw(source.ingestPath(),
                GitHubHooks.headers("deployment_status", UUID.randomUUID().toString(), source.secret(), body), body);
        assertEquals(202, accepted.status(), accepted::toString);
        long deliveryId = accepted.json().getJsonNumber("delivery").longValue();

        List<JsonObject> listed = http.get("/api/v1/dead-letters?source=" + sourceId, OpsSightServer.ADMIN_TOKEN).json()
                .getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(1, listed.size(), listed::toString);
        assertEquals(deliveryId, listed.get(0).getJsonNumber("id").longValue());
        assertFalse(listed.get(0).getString("error").isBlank());
        JsonObject full = http.get("/api/v1/dead-letters/" + deliveryId, OpsSightServer.ADMIN_TOKEN).json();
        assertEquals(new String(body, StandardCharsets.UTF_8), full.getString("body"));

        JsonObject stillFailing = http.postJson("/api/v1/dead-letters/" + deliveryId + "/replay", OpsSightServer.ADMIN_TOKEN, "")
                .json();
        assertEquals(1, stillFailing.getInt("stillFailing"));

        assertTrue(listed.get(0).getString("error").contains("simulated fault"), listed.toString());
        try (Connection c = TestPostgres.connect(server.database()); Statement s = c.createStatement()) {
            s.execute("drop trigger " + trigger + " on environment");
        }
        Http.Answer replayed = http.postJson("/api/v1/dead-letters/replay?source=" + sourceId, OpsSightServer.ADMIN_TOKEN, "");

        assertEquals(200, replayed.status(), replayed::toString);
        assertEquals(1, replayed.json().getInt("processed"), replayed::toString);
        List<JsonObject> deployments = http.get("/api/v1/deployments?service=" + repo, OpsSightServer.ADMIN_TOKEN).json()
                .getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(1, deployments.size());
        assertEquals("success", deployments.get(0).getString("status"));
        assertEquals(0, http.get("/api/v1/dead-letters?source=" + sourceId, OpsSightServer.ADMIN_TOKEN).json()
                .getJsonArray("items").size());
        assertEquals(400, http.postJson("/api/v1/dead-letters/" + deliveryId + "/replay", OpsSightServer.ADMIN_TOKEN, "").status(),
                "a processed delivery is not a dead letter any more");
    }

    @Test
    void managingSourcesNeedsThePermission() {
        String reader = Fixtures.token(http, "sources:read");
        assertEquals(200, http.get("/api/v1/sources/" + sourceId, reader).status());
        assertEquals(200, http.get("/api/v1/dead-letters", reader).status());
        assertEquals(403, http.postJson("/api/v1/sources/" + sourceId + "/disable", reader, "").status());
        assertEquals(403, http.postJson("/api/v1/sources/" + sourceId + "/rotate-secret", reader, "{}").status());
        assertEquals(403, http.postJson("/api/v1/dead-letters/replay", reader, "").status());
        assertEquals(404, http.get("/api/v1/sources/987654321", OpsSightServer.ADMIN_TOKEN).status());
    }
}
