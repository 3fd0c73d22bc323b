package io.opssight.it.dora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubEventHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import io.opssight.it.support.Waits;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The organisation-wide figures (no team or service filter) come from the daily roll-up plus what
 * changed since. Isolated from the other tests by a production environment of its own: the
 * organisation's figures for that environment are exactly this test's events.
 */
@DisplayName("#4 DORA organisation-wide roll-up")
class DoraRollupIT {

    // From noon on Monday 2019-03-04 (the first day is partial, read from the normalized tables) for four weeks.
    private static final String WINDOW = "from=2019-03-04T12:00:00Z&to=2019-04-01T00:00:00Z";
    private static final String ADMIN = OpsSightServer.ADMIN_TOKEN;

    private OpsSightServer server;
    private Http http;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
    }

    @Test
    @DisplayName("#4 organisation figures: the same before and after the roll-up, counts exact, medians within 1 %, late events at once")
    void rolledUpFiguresStayCurrent() throws Exception {
        String environment = Fixtures.unique("prod-rollup");
        String a = Fixtures.unique("ledger-a");
        String b = Fixtures.unique("ledger-b");
        String writer = Fixtures.token(http, "deployments:write", "incidents:write");
        String c1 = GitHubEventHooks.sha(), c2 = GitHubEventHooks.sha(), c3 = GitHubEventHooks.sha(), c4 = GitHubEventHooks.sha();
        // A ships c1 (4 h) and c2 (1 h), then c3 (2 h); B ships c4 (1 day).
        deploy(writer, a, environment, c2, "2019-03-05T10:00:00Z", commit(c1, "2019-03-05T06:00:00Z"), commit(c2, "2019-03-05T09:00:00Z"));
        deploy(writer, a, environment, c3, "2019-03-12T10:00:00Z", commit(c3, "2019-03-12T08:00:00Z"));
        deploy(writer, b, environment, c4, "2019-03-06T12:00:00Z", commit(c4, "2019-03-05T12:00:00Z"));
        // Before the window: not counted.
        deploy(writer, b, environment, GitHubEventHooks.sha(), "2019-03-04T11:00:00Z");
        // A's second deployment caused an incident: recovery 12:00 - 10:00 = 2 h, time to restore 1 h.
        incident(writer, a, "Ledger drift", "2019-03-12T11:00:00Z", "2019-03-12T12:00:00Z");

        JsonObject fresh = organisation(environment);
        // Deployments 3; failed 1 of 3; lead times 14400, 3600, 7200, 86400 -> median (7200 + 14400) / 2 = 10800.
        assertEquals("estimated_within_1_percent", fresh.getString("medians"));
        assertEquals(3, fresh.getJsonObject("deploymentFrequency").getInt("deployments"));
        assertEquals(1, fresh.getJsonObject("changeFailureRate").getInt("failedDeployments"));
        assertEquals(1 / 3.0, fresh.getJsonObject("changeFailureRate").getJsonNumber("value").doubleValue(), 1e-12);
        assertEquals(4, fresh.getJsonObject("leadTimeForChanges").getInt("changes"));
        assertEquals(3, fresh.getJsonObject("leadTimeForChanges").getInt("deployments"));
        assertWithinOnePercent(10800, fresh.getJsonObject("leadTimeForChanges"));
        assertEquals("elite", fresh.getJsonObject("leadTimeForChanges").getString("tier"));
        assertWithinOnePercent(7200, fresh.getJsonObject("failedDeploymentRecoveryTime"));
        assertWithinOnePercent(3600, fresh.getJsonObject("timeToRestore"));
        assertEquals("exact", http.get("/api/v1/dora?service=" + a + "&" + WINDOW, ADMIN).json().getString("medians"));

        awaitRolledUp(environment);
        JsonObject rolled = organisation(environment);
        assertEquals(fresh, rolled, "the roll-up changes how figures are computed, not what they are");

        // A late incident on B's deployment of the 6th counts at once, although that day was rolled up.
        incident(writer, b, "Ledger export stuck", "2019-03-06T13:00:00Z", "2019-03-06T14:00:00Z");
        JsonObject late = organisation(environment);
        assertEquals(2, late.getJsonObject("changeFailureRate").getInt("failedDeployments"));
        assertWithinOnePercent(7200, late.getJsonObject("failedDeploymentRecoveryTime"));   // 7200 and 7200
        assertEquals(2, late.getJsonObject("timeToRestore").getInt("incidents"));
        awaitRolledUp(environment);
        assertEquals(late, organisation(environment));

        String metrics = http.get("/metrics").body();
        assertTrue(counter(metrics, "opssight_dora_rollup_recomputes_total") >= 1, "recomputes are counted");
        assertTrue(metrics.contains("opssight_dora_rollup_lag_seconds"), "the roll-up lag is exported");
    }

    @Test
    @DisplayName("#4 an environment that becomes production brings its earlier, already rolled-up deployments into the figures")
    void environmentBecomingProductionCountsItsPast() throws Exception {
        String environment = Fixtures.unique("edge-rollup");
        String service = Fixtures.unique("ledger-c");
        String writer = Fixtures.token(http, "deployments:write", "incidents:write");
        // Not production yet (the name does not look like it, and the tool says so).
        deploy(writer, service, environment, false, GitHubEventHooks.sha(), "2019-03-05T10:00:00Z");
        awaitRolledUp(environment, false);
        Http.Answer notYet = http.get("/api/v1/dora?environment=" + environment + "&" + WINDOW, ADMIN);
        assertEquals(400, notYet.status(), notYet::toString);
        assertTrue(notYet.body().contains("not a production environment"), notYet::toString);

        // A later deployment says the environment is production: the one of the 5th now counts too.
        deploy(writer, service, environment, true, GitHubEventHooks.sha(), "2019-03-20T10:00:00Z");
        assertEquals(2, organisation(environment).getJsonObject("deploymentFrequency").getInt("deployments"));
        awaitRolledUp(environment, true);
        assertEquals(2, organisation(environment).getJsonObject("deploymentFrequency").getInt("deployments"),
                "the roll-up recomputed the day the environment's earlier deployment finished");
    }

    private JsonObject organisation(String environment) {
        Http.Answer answer = http.get("/api/v1/dora?environment=" + environment + "&" + WINDOW, ADMIN);
        assertEquals(200, answer.status(), answer::toString);
        return Json.createObjectBuilder(answer.json()).build();
    }

    /** Waits until no day of the window is dirty and the roll-up holds rows of this environment. */
    private void awaitRolledUp(String environment) throws SQLException, InterruptedException {
        awaitRolledUp(environment, true);
    }

    private void awaitRolledUp(String environment, boolean withRows) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement dirty = c.prepareStatement("select count(*) from dora_dirty_day "
                        + "where day_number >= ? and day_number < ?");
                PreparedStatement rolled = c.prepareStatement("select count(*) from dora_day r join environment e "
                        + "on e.id = r.environment_id where e.name = ?")) {
            dirty.setLong(1, Instant.parse("2019-03-04T00:00:00Z").getEpochSecond() / 86400);
            dirty.setLong(2, Instant.parse("2019-04-01T00:00:00Z").getEpochSecond() / 86400);
            rolled.setString(1, environment);
            Waits.await("the roll-up did not catch up within 60 s", deadline, Duration.ofMillis(250))
                    .until(() -> count(dirty) == 0 && (!withRows || count(rolled) > 0));
        }
    }

    private static long count(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertWithinOnePercent(double expected, JsonObject key) {
        double value = key.getJsonNumber("value").doubleValue();
        assertTrue(Math.abs(value - expected) <= 0.01 * expected, () -> "expected about " + expected + ": " + key);
    }

    private static double counter(String metrics, String name) {
        Matcher m = Pattern.compile("^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }

    private static String commit(String sha, String at) {
        return "{\"sha\":\"" + sha + "\",\"committedAt\":\"" + at + "\",\"message\":\"Change " + sha.substring(0, 7) + "\"}";
    }

    private void deploy(String token, String service, String environment, String sha, String finishedAt, String... commits) {
        deploy(token, service, environment, true, sha, finishedAt, commits);
    }

    private void deploy(String token, String service, String environment, boolean production, String sha, String finishedAt,
            String... commits) {
        Http.Answer answer = http.postJson("/api/v1/deployments", token, """
                {"service":"%s","environment":"%s","production":%s,"repository":"acme/%s","sha":"%s","ref":"main",
                 "status":"success","finishedAt":"%s","commits":[%s]}""".formatted(service, environment, production, service, sha,
                finishedAt, String.join(",", commits)));
        assertEquals(201, answer.status(), answer::toString);
    }

    private void incident(String token, String service, String title, String openedAt, String resolvedAt) {
        Http.Answer answer = http.postJson("/api/v1/incidents", token, """
                {"service":"%s","title":"%s","status":"resolved","openedAt":"%s","resolvedAt":"%s"}"""
                .formatted(service, title, openedAt, resolvedAt));
        assertEquals(201, answer.status(), answer::toString);
    }
}
