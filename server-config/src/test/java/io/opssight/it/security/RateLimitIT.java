package io.opssight.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.AlertmanagerHooks;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.Rows;
import io.opssight.it.support.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Abuse limits on one server with low limits: per API token (another token is unaffected), per
 * webhook source when one is set (503: a signed delivery is to be retried; unauthenticated
 * attempts do not use up a source's minute, they count against their address), per client address
 * (here behind a trusted proxy, so the forwarded address is the client). Each limit's first
 * refusal in a window is audited, once.
 */
@DisplayName("#5 abuse limits")
class RateLimitIT {

    private static OpsSightServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        String db = TestPostgres.createDatabase("ratelimit");
        Map<String, String> env = OpsSightServer.postgresEnvironment(db);
        env.put("OPSSIGHT_RATELIMIT_PER_TOKEN_PER_MINUTE", "10");
        env.put("OPSSIGHT_RATELIMIT_PER_SOURCE_PER_MINUTE", "5");
        env.put("OPSSIGHT_RATELIMIT_PER_ADDRESS_PER_MINUTE", "100");
        // The test itself plays a reverse proxy on 127.0.0.1, so it can act as many clients.
        env.put("OPSSIGHT_HTTP_TRUSTED_PROXIES", "127.0.0.1/32,::1/128");
        server = OpsSightServer.start("ratelimit", db, env).awaitReady(Duration.ofSeconds(240));
        http = server.http();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void limitsEachTokenOnItsOwn() {
        String first = Fixtures.token(http, "deployments:read");
        String second = Fixtures.token(http, "deployments:read");
        RateWindows.awaitRoomInWindow();
        List<Integer> statuses = new ArrayList<>();
        Http.Answer refused = null;
        for (int i = 0; i < 12; i++) {
            Http.Answer answer = http.get("/api/v1/deployments", first);
            statuses.add(answer.status());
            if (answer.status() == 429) {
                refused = answer;
            }
        }
        assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 429, 429), statuses);
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("https://opssight.io/problems/rate-limited", refused.json().getString("type"));
        long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(200, http.get("/api/v1/deployments", second).status(), "another token is not limited");

        assertEquals(1, Rows.query(server, "select seq from audit_entry where action = 'ratelimit.exceeded' "
                + "and target like 'identity:token:tok-%'").size(), "the refusals of one window are audited once");
        String metrics = http.get("/metrics").body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("opssight_ratelimit_refused_total") && l.contains("limit=\"token\"")),
                "refusals are counted in /metrics");
    }

    @Test
    void limitsEachWebhookSourceAndAnswersAlertmanagerWith503() {
        Fixtures.Source alertmanager = Fixtures.source(http, "alertmanager");
        Fixtures.Source jenkins = Fixtures.source(http, "jenkins");
        RateWindows.awaitRoomInWindow();
        byte[] body = AlertmanagerHooks.notification("opssight", "firing", Map.of("alertname", "HighErrorRate"),
                AlertmanagerHooks.firing("HighErrorRate", "checkout", "critical", "checkout-1", "2026-11-25T10:00:00Z"));
        for (int i = 0; i < 5; i++) {
            int status = http.postRaw(alertmanager.ingestPath(), AlertmanagerHooks.headers(alertmanager.secret()), body).status();
            assertTrue(status == 200 || status == 202, "delivery " + (i + 1) + " answered " + status);
        }
        Http.Answer sixth = http.postRaw(alertmanager.ingestPath(), AlertmanagerHooks.headers(alertmanager.secret()), body);
        assertEquals(503, sixth.status(), sixth::toString);
        assertTrue(sixth.header("Retry-After").isPresent());
        assertEquals("https://opssight.io/problems/rate-limited", sixth.json().getString("type"));

        Map<String, String> headers = Map.of("Content-Type", "application/json", "Authorization", "Bearer " + jenkins.secret());
        Map<String, String> stranger = Map.of("Content-Type", "application/json", "Authorization", "Bearer not-the-secret-at-all");
        byte[] build = "{\"name\":\"shop\",\"build\":{\"number\":1,\"phase\":\"STARTED\"}}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 6; i++) {
            assertEquals(401, http.postRaw(jenkins.ingestPath(), stranger, build).status());
        }
        for (int i = 0; i < 5; i++) {
            assertTrue(http.postRaw(jenkins.ingestPath(), headers, build).status() < 429);
        }
        Http.Answer limited = http.postRaw(jenkins.ingestPath(), headers, build);
        assertEquals(503, limited.status(), () -> "a signed delivery over its source's cap is to be retried: " + limited);
        assertTrue(limited.header("Retry-After").isPresent());
        assertEquals(1, Rows.query(server, "select seq from audit_entry where action = 'ratelimit.exceeded' and target = ?",
                "source:jenkins/" + jenkins.name()).size());
    }

    /**
     * Refused deliveries (wrong secret, unknown source) count against their address; signed ones
     * do not, so a sender sharing an address with an attacker keeps delivering (issue 16).
     */
    @Test
    void refusedDeliveriesCountAgainstTheirAddressSignedOnesDoNot() {
        Fixtures.Source jenkins = Fixtures.source(http, "jenkins");
        String client = "203.0.113." + (1 + (int) (Math.random() * 250));
        RateWindows.awaitRoomInWindow();
        Map<String, String> stranger = Map.of("Content-Type", "application/json", "Authorization", "Bearer not-the-secret-at-all",
                "X-Forwarded-For", client);
        byte[] build = "{\"name\":\"api\",\"build\":{\"number\":7,\"phase\":\"STARTED\"}}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 50; i++) {
            assertEquals(401, http.postRaw(jenkins.ingestPath(), stranger, build).status());
            assertEquals(404, http.postRaw("/api/v1/ingest/jenkins/no-such-source", stranger, build).status());
        }
        Http.Answer refused = http.postRaw(jenkins.ingestPath(), stranger, build);
        assertEquals(429, refused.status(), refused::toString);
        assertEquals("application/problem+json", refused.contentType());
        Http.Answer signed = http.postRaw(jenkins.ingestPath(), Map.of("Content-Type", "application/json",
                "Authorization", "Bearer " + jenkins.secret(), "X-Forwarded-For", client), build);
        assertEquals(202, signed.status(), () -> "a signed delivery from the same address is not refused: " + signed);
    }

    @Test
    void limitsEachClientAddressSeenThroughATrustedProxy() {
        String client = "203.0.113." + (1 + (int) (Math.random() * 250));
        RateWindows.awaitRoomInWindow();
        Map<String, String> forwarded = Map.of("X-Forwarded-For", client);
        for (int i = 0; i < 100; i++) {
            assertEquals(401, http.get("/api/v1/deployments", null, forwarded).status());
        }
        Http.Answer refused = http.get("/api/v1/deployments", null, forwarded);
        assertEquals(429, refused.status(), refused::toString);
        assertEquals(401, http.get("/api/v1/deployments", null, Map.of("X-Forwarded-For", "198.51.100.9")).status(),
                "another client address is not limited");
        Rows.Row audited = Rows.only(server, "select actor, client_address from audit_entry where action = 'ratelimit.exceeded' "
                + "and target = ?", "address:" + client);
        assertEquals("anonymous", audited.string("actor"));
        assertEquals(client, audited.string("client_address"), "the client address behind the trusted proxy is recorded");
    }
}
