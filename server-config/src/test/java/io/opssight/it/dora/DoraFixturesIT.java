package io.opssight.it.dora;

import static io.opssight.it.dora.DoraHistory.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubEventHooks;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.PagerDutyHooks;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import jakarta.json.Json;
import jakarta.json.JsonString;

/**
 * Hand-computed DORA fixtures: tiny event histories, each for its own service, ingested through the
 * real webhook endpoints (GitHub push and deployment_status, PagerDuty V3 incidents, the push API),
 * then GET /api/v1/dora and its drill-downs are checked against figures worked out on paper in the
 * comments. Unless a test says otherwise the window is [2025-03-03, 2025-03-31): 28 days, exactly the
 * ISO weeks 2025-W10 to 2025-W13 (2025-03-03 is a Monday), inside March, which is therefore not a
 * complete month (1-2 and 31 March are outside), so the monthly median is March's own count.
 */
@DisplayName("#4 DORA fixtures computed by hand")
class DoraFixturesIT {

    static final String WINDOW = "from=2025-03-03&to=2025-03-31";
    static final String ZERO = "0000000000000000000000000000000000000000";
    private static final double EPS = 1e-9;

    private Http http;

    @BeforeEach
    void setUp() {
        http = OpsSightServer.shared().http();
    }

    @Test
    @DisplayName("#4 several commits per deployment: each deployment counts once, each commit has its lead time; the week boundary")
    void severalCommitsPerDeploymentAndTheWeekBoundary() {
        DoraHistory h = new DoraHistory(http, "checkout");
        String c1 = GitHubEventHooks.sha(), c2 = GitHubEventHooks.sha(), c3 = GitHubEventHooks.sha();
        String c4 = GitHubEventHooks.sha(), c5 = GitHubEventHooks.sha(), c6 = GitHubEventHooks.sha();
        h.push(ZERO, commit(c1, "2025-03-03T08:00:00Z"), commit(c2, "2025-03-03T09:00:00Z"), commit(c3, "2025-03-03T10:00:00Z"));
        GitHubHooks.Deployment d1 = h.deploy("production", c3, "2025-03-03T11:00:00Z");       // ships c1, c2, c3
        h.push(c3, commit(c4, "2025-03-09T20:00:00Z"), commit(c5, "2025-03-09T22:00:00Z"));
        GitHubHooks.Deployment d2 = h.deploy("production", c5, "2025-03-09T23:59:59Z");       // Sunday, W10: ships c4, c5
        h.push(c5, commit(c6, "2025-03-09T23:30:00Z"));
        GitHubHooks.Deployment d3 = h.deploy("production", c6, "2025-03-10T00:00:00Z");       // Monday, W11: ships c6
        h.deploy("staging", c6, "2025-03-11T10:00:00Z");                                        // not production
        h.deploy("production", c6, "2025-03-12T10:00:00Z", "failure");                          // not a success

        JsonObject dora = h.dora(WINDOW);

        // Deployment frequency: 3 deployments / 28 days. Deployment days per week W10..W13: 2 (3rd, 9th), 1 (10th), 0, 0;
        // sorted 0, 0, 1, 2 -> median 0.5 < 1, so not high; March (the only month counted) has 3 days >= 1: medium.
        JsonObject df = dora.getJsonObject("deploymentFrequency");
        assertKey(df, 3 / 28.0, "medium");
        assertEquals(3, df.getInt("deployments"));
        assertEquals(3, df.getInt("deploymentDays"));
        assertEquals(0.5, df.getJsonNumber("medianDeploymentDaysPerWeek").doubleValue(), EPS);
        assertEquals(3.0, df.getJsonNumber("medianDeploymentDaysPerMonth").doubleValue(), EPS);
        assertEquals(4, df.getInt("weeksCounted"));
        // Lead times: d1 11:00 - c1 08:00 = 10800, c2 7200, c3 3600; d2 23:59:59 - c4 20:00 = 14399, c5 7199;
        // d3 00:00 - c6 23:30 = 1800. Sorted 1800, 3600, 7199, 7200, 10800, 14399 -> median (7199 + 7200) / 2.
        JsonObject lead = dora.getJsonObject("leadTimeForChanges");
        assertKey(lead, 7199.5, "elite");
        assertEquals(6, lead.getInt("changes"));
        assertEquals(3, lead.getInt("deployments"));
        assertEquals(0, lead.getInt("deploymentsWithoutKnownChanges"));
        assertKey(dora.getJsonObject("changeFailureRate"), 0.0, "elite");
        assertNoData(dora.getJsonObject("failedDeploymentRecoveryTime"));
        assertNoData(dora.getJsonObject("timeToRestore"));

        // The trend: Sunday 23:59:59 is still W10, Monday 00:00:00 is W11.
        List<JsonObject> weeks = dora.getJsonArray("weeks").getValuesAs(JsonObject.class);
        assertEquals(List.of("2025-W10", "2025-W11", "2025-W12", "2025-W13"), weeks.stream().map(w -> w.getString("week")).toList());
        assertEquals(2, weeks.get(0).getInt("deployments"));
        assertEquals(5, weeks.get(0).getInt("changes"));
        assertEquals(7200.0, weeks.get(0).getJsonNumber("medianLeadTimeSeconds").doubleValue(), EPS);   // 3600 7199 7200 10800 14399
        assertEquals(1, weeks.get(1).getInt("deployments"));
        assertEquals(1800.0, weeks.get(1).getJsonNumber("medianLeadTimeSeconds").doubleValue(), EPS);
        assertEquals(0, weeks.get(2).getInt("deployments"));
        assertTrue(weeks.get(2).isNull("medianLeadTimeSeconds"));
        assertTrue(weeks.get(2).isNull("changeFailureRate"), "no deployments: no rate, not 0 %");
        assertFalse(weeks.get(0).getBoolean("partial"));
        assertEquals("2025-03-03T00:00:00Z", weeks.get(0).getString("from"));

        // 2021: lead time 7199.5 s is not under an hour: high.
        assertEquals("high", h.dora(WINDOW + "&benchmark=2021").getJsonObject("leadTimeForChanges").getString("tier"));

        // Drill-down: the deployments and changes behind the numbers.
        JsonObject deployments = h.get(path(df.getString("drillDown")));
        assertEquals(3, deployments.getInt("total"));
        List<JsonObject> items = deployments.getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(List.of(h.deploymentId(d3), h.deploymentId(d2), h.deploymentId(d1)),
                items.stream().map(i -> i.getJsonObject("deployment").getJsonNumber("id").longValue()).toList());
        assertEquals(2, items.get(1).getInt("changes"));
        assertEquals((14399 + 7199) / 2.0, items.get(1).getJsonNumber("medianLeadTimeSeconds").doubleValue(), EPS);
        assertFalse(items.get(1).getBoolean("failed"));
        JsonObject changes = h.get(path(lead.getString("drillDown")));
        assertEquals(6, changes.getInt("total"));
        List<JsonObject> shipped = changes.getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(List.of(c6, c4, c5, c1, c2, c3), shipped.stream().map(c -> c.getString("sha")).toList());
        assertEquals(List.of(1800, 14399, 7199, 10800, 7200, 3600), shipped.stream().map(c -> c.getInt("leadTimeSeconds")).toList());
        assertEquals("2025-03-03T08:00:00Z", shipped.get(3).getString("committedAt"), "the commit's offset time, in UTC");
        assertEquals(h.deploymentId(d1), shipped.get(3).getJsonObject("deployment").getJsonNumber("id").longValue());
    }

    @Test
    @DisplayName("#4 no deployments: no data and no tier (not low); a non-production environment is a 400")
    void noDeployments() {
        DoraHistory h = new DoraHistory(http, "ledger");
        String sha = GitHubEventHooks.sha();
        h.deploy("staging", sha, "2025-03-05T10:00:00Z");
        h.deploy("production", sha, "2025-03-06T10:00:00Z", "failure");
        h.deploy("production", sha, "2025-03-31T00:00:00Z");   // 'to' is exclusive

        JsonObject dora = h.dora(WINDOW);

        JsonObject df = dora.getJsonObject("deploymentFrequency");
        assertEquals(0.0, df.getJsonNumber("value").doubleValue(), EPS);
        assertTrue(df.isNull("tier"), dora::toString);
        assertEquals(0, df.getInt("deployments"));
        assertNoData(dora.getJsonObject("leadTimeForChanges"));
        assertNoData(dora.getJsonObject("changeFailureRate"));
        assertEquals(0, dora.getJsonObject("changeFailureRate").getInt("deployments"));
        assertNoData(dora.getJsonObject("failedDeploymentRecoveryTime"));
        assertNoData(dora.getJsonObject("timeToRestore"));
        assertEquals(4, dora.getJsonArray("weeks").size());
        assertEquals(0, h.get(path(df.getString("drillDown"))).getInt("total"));

        Http.Answer staging = http.get("/api/v1/dora?service=" + h.service() + "&environment=staging&" + WINDOW,
                OpsSightServer.ADMIN_TOKEN);
        assertEquals(400, staging.status(), staging::toString);
        assertEquals("application/problem+json", staging.contentType());
        assertTrue(staging.json().getString("detail").contains("not a production environment"), staging::toString);
    }

    @Test
    @DisplayName("#4 one deployment (pushed with its commits): 1/28 a day, medium; lead time the median of its two commits")
    void oneDeployment() {
        String service = Fixtures.unique("ratings");
        String c1 = GitHubEventHooks.sha();
        String c2 = GitHubEventHooks.sha();
        Http.Answer pushed = http.postJson("/api/v1/deployments", Fixtures.token(http, "deployments:write"), """
                {"service":"%s","environment":"production","repository":"acme/%s","sha":"%s","ref":"refs/heads/main",
                 "status":"success","startedAt":"2025-03-05T11:50:00Z","finishedAt":"2025-03-05T12:00:00Z",
                 "commits":[{"sha":"%s","committedAt":"2025-03-05T06:00:00Z","message":"Add ratings cache","author":"jane"},
                            {"sha":"%s","committedAt":"2025-03-05T11:00:00Z","message":"Tune TTL","author":"joe"}]}"""
                .formatted(service, service, c2, c1, c2));
        assertEquals(201, pushed.status(), pushed::toString);

        JsonObject dora = new DoraHistoryReader(http, service).dora(WINDOW);

        // 1 deployment / 28 days; days per week 1, 0, 0, 0 -> median 0; March: 1 day -> monthly median 1: medium.
        assertKey(dora.getJsonObject("deploymentFrequency"), 1 / 28.0, "medium");
        // Lead times 12:00 - 06:00 = 21600 and 12:00 - 11:00 = 3600: median 12600 s = 3.5 h < 1 day: elite.
        assertKey(dora.getJsonObject("leadTimeForChanges"), 12600.0, "elite");
        assertEquals(2, dora.getJsonObject("leadTimeForChanges").getInt("changes"));
        // 0 of 1 deployments failed: 0 %, elite.
        assertKey(dora.getJsonObject("changeFailureRate"), 0.0, "elite");
        assertEquals(1, dora.getJsonObject("changeFailureRate").getInt("deployments"));
    }

    @Test
    @DisplayName("#4 incidents: explicit beats time-based links; before any deployment; resolved before the window; "
            + "change failure rate, recovery time and time to restore")
    void incidents() {
        DoraHistory h = new DoraHistory(http, "payments");
        GitHubHooks.Deployment d0 = h.deploy("production", GitHubEventHooks.sha(), "2025-02-25T10:00:00Z");  // before the window
        // I0 opened before any deployment (D0 finished later): linked to nothing. Resolved in the window.
        h.resolve(h.incident("I0 card declines", "2025-02-20T10:00:00Z"), "2025-03-03T09:00:00Z");
        // I6: caused by D0, resolved before the window: counts for nothing.
        h.incident("I6 slow refunds", "2025-02-26T09:00:00Z", "2025-02-27T09:00:00Z");
        // I5: caused by D0 (before the window) but resolved in it: counts for recovery and time to restore.
        h.incident("I5 duplicate charges", "2025-02-26T08:00:00Z", "2025-03-03T08:00:00Z");
        GitHubHooks.Deployment d1 = h.deploy("production", GitHubEventHooks.sha(), "2025-03-04T10:00:00Z");
        h.incident("I2 timeouts", "2025-03-04T12:00:00Z", "2025-03-04T14:00:00Z");          // latest before: D1
        GitHubHooks.Deployment d2 = h.deploy("production", GitHubEventHooks.sha(), "2025-03-11T10:00:00Z");
        h.incident("I3 5xx on capture", "2025-03-11T11:00:00Z", "2025-03-12T10:00:00Z");    // latest before: D2
        GitHubHooks.Deployment d3 = h.deploy("production", GitHubEventHooks.sha(), "2025-03-18T10:00:00Z");
        // I4 names D2 explicitly (the push API's causedBy), although D3 is the latest before it opened.
        Http.Answer i4 = http.postJson("/api/v1/incidents", Fixtures.token(http, "incidents:write"), """
                {"service":"%s","title":"I4 stale FX rates","status":"resolved","openedAt":"2025-03-19T09:00:00Z",
                 "resolvedAt":"2025-03-19T10:00:00Z","causedBy":{"origin":"%s","externalId":"%d"}}"""
                .formatted(h.service(), h.deploymentOrigin(), d2.id()));
        assertEquals(201, i4.status(), i4::toString);
        h.deploy("production", GitHubEventHooks.sha(), "2025-03-25T10:00:00Z");

        JsonObject dora = h.dora(WINDOW);

        // Deployments D1..D4 (D0 is before the window): 4 / 28 days; one deployment day every week: median 1: high.
        assertKey(dora.getJsonObject("deploymentFrequency"), 4 / 28.0, "high");
        // Failed: D1 (I2) and D2 (I3, and I4 explicitly): 2 of 4 = 50 % > 15 %: low. 3 incidents behind them.
        JsonObject cfr = dora.getJsonObject("changeFailureRate");
        assertKey(cfr, 0.5, "low");
        assertEquals(4, cfr.getInt("deployments"));
        assertEquals(2, cfr.getInt("failedDeployments"));
        assertEquals(3, cfr.getInt("incidents"));
        // Recovery (resolved in the window, caused by a production deployment of the service):
        // I5 3 Mar 08:00 - D0 25 Feb 10:00 = 511200; I2 14:00 - 10:00 = 14400; I3 12 Mar 10:00 - 11 Mar 10:00 = 86400;
        // I4 19 Mar 10:00 - D2 11 Mar 10:00 = 691200. Sorted 14400, 86400, 511200, 691200 -> median 298800 s < 1 week: medium.
        JsonObject recovery = dora.getJsonObject("failedDeploymentRecoveryTime");
        assertKey(recovery, 298800.0, "medium");
        assertEquals(4, recovery.getInt("incidents"));
        // Time to restore (2021: resolved - opened, the service's incidents resolved in the window):
        // I0 946800, I5 432000, I2 7200, I3 82800, I4 3600 -> sorted 3600, 7200, 82800, 432000, 946800 -> 82800 < 1 day: high.
        JsonObject restore = dora.getJsonObject("timeToRestore");
        assertKey(restore, 82800.0, "high");
        assertEquals(5, restore.getInt("incidents"));
        // No pushes were received: the deployments' commits are unknown, so no lead time (not zero).
        assertNoData(dora.getJsonObject("leadTimeForChanges"));
        assertEquals(4, dora.getJsonObject("leadTimeForChanges").getInt("deploymentsWithoutKnownChanges"));

        // Weekly: W10 has D1 (failed); recovery I5, I2 -> (511200 + 14400) / 2; restore I0, I5, I2 -> median 432000.
        List<JsonObject> weeks = dora.getJsonArray("weeks").getValuesAs(JsonObject.class);
        assertEquals(1.0, weeks.get(0).getJsonNumber("changeFailureRate").doubleValue(), EPS);
        assertEquals(2, weeks.get(0).getInt("recoveredIncidents"));
        assertEquals(262800.0, weeks.get(0).getJsonNumber("medianRecoverySeconds").doubleValue(), EPS);
        assertEquals(3, weeks.get(0).getInt("restoredIncidents"));
        assertEquals(432000.0, weeks.get(0).getJsonNumber("medianTimeToRestoreSeconds").doubleValue(), EPS);
        assertEquals(0.0, weeks.get(2).getJsonNumber("changeFailureRate").doubleValue(), EPS);   // W12: D3, no incident
        assertEquals(691200.0, weeks.get(2).getJsonNumber("medianRecoverySeconds").doubleValue(), EPS);

        // Drill-down: each figure's incidents, with their links and why.
        assertEquals(3, h.get(path(cfr.getString("drillDown"))).getInt("total"));
        assertEquals(4, h.get(path(recovery.getString("drillDown"))).getInt("total"));
        assertEquals(5, h.get(path(restore.getString("drillDown"))).getInt("total"));
        JsonObject all = h.get("/api/v1/dora/incidents?service=" + h.service() + "&" + WINDOW);
        List<JsonObject> listed = all.getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(List.of("I4 stale FX rates", "I3 5xx on capture", "I2 timeouts", "I5 duplicate charges", "I0 card declines"),
                listed.stream().map(i -> i.getJsonObject("incident").getString("title")).toList(), "I6 is not listed");
        JsonObject explicit = listed.get(0);
        assertEquals("explicit", explicit.getJsonObject("incident").getString("linkReason"));
        assertTrue(explicit.getJsonObject("incident").getString("linkNote").contains(String.valueOf(d2.id())));
        assertEquals(h.deploymentId(d2), explicit.getJsonObject("incident").getJsonObject("causedBy").getJsonNumber("id").longValue());
        assertEquals(List.of("change_failure_rate", "recovery", "time_to_restore"), strings(explicit, "countsFor"));
        JsonObject guessed = listed.get(2).getJsonObject("incident");
        assertEquals("latest_production_deployment", guessed.getString("linkReason"));
        assertTrue(guessed.getString("linkNote").startsWith("latest production deployment of " + h.service()), guessed::toString);
        assertEquals(h.deploymentId(d1), guessed.getJsonObject("causedBy").getJsonNumber("id").longValue());
        assertEquals(List.of("recovery", "time_to_restore"), strings(listed.get(3), "countsFor"));
        assertEquals(h.deploymentId(d0), listed.get(3).getJsonObject("incident").getJsonObject("causedBy").getJsonNumber("id").longValue());
        assertTrue(absent(listed.get(4).getJsonObject("incident"), "causedBy"), "before any deployment: no cause");
        assertEquals(List.of("time_to_restore"), strings(listed.get(4), "countsFor"));
        // And the deployments drill-down says which deployments failed, with their incidents.
        List<JsonObject> deployments = h.get(path(dora.getJsonObject("deploymentFrequency").getString("drillDown")))
                .getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(List.of(false, false, true, true), deployments.stream().map(d -> d.getBoolean("failed")).toList());
        assertEquals(2, deployments.get(2).getJsonArray("incidentIds").size());
        assertEquals(h.deploymentId(d3), deployments.get(1).getJsonObject("deployment").getJsonNumber("id").longValue());
    }

    @Test
    @DisplayName("#4 two production environments: each counts its deployments and ships its own commits; an environment filter narrows")
    void twoProductionEnvironments() {
        DoraHistory h = new DoraHistory(http, "search");
        String c1 = GitHubEventHooks.sha(), c2 = GitHubEventHooks.sha(), c3 = GitHubEventHooks.sha();
        h.push(ZERO, commit(c1, "2025-03-03T08:00:00Z"), commit(c2, "2025-03-03T09:00:00Z"));
        h.deploy("production-eu", c2, "2025-03-03T10:00:00Z");   // first to eu: c1 (7200), c2 (3600)
        h.deploy("production-us", c2, "2025-03-03T12:00:00Z");   // first to us: c1 (14400), c2 (10800)
        h.push(c2, commit(c3, "2025-03-05T08:00:00Z"));
        h.deploy("production-eu", c3, "2025-03-05T09:00:00Z");   // after eu's c2: c3 (3600)
        h.incident("Index lag", "2025-03-03T13:00:00Z");          // latest production deployment before: the us one

        JsonObject all = h.dora(WINDOW);
        // 3 deployments; days 3rd and 5th, both in W10: per week 2, 0, 0, 0 -> 0; March: 2 days -> medium.
        assertKey(all.getJsonObject("deploymentFrequency"), 3 / 28.0, "medium");
        // 7200, 3600, 14400, 10800, 3600 -> sorted 3600, 3600, 7200, 10800, 14400 -> 7200.
        assertKey(all.getJsonObject("leadTimeForChanges"), 7200.0, "elite");
        assertEquals(5, all.getJsonObject("leadTimeForChanges").getInt("changes"));
        assertKey(all.getJsonObject("changeFailureRate"), 1 / 3.0, "low");

        JsonObject eu = h.dora(WINDOW + "&environment=production-eu");
        assertEquals("production-eu", eu.getJsonObject("scope").getString("environment"));
        assertEquals(2, eu.getJsonObject("deploymentFrequency").getInt("deployments"));
        assertKey(eu.getJsonObject("leadTimeForChanges"), 3600.0, "elite");   // 7200, 3600, 3600
        assertKey(eu.getJsonObject("changeFailureRate"), 0.0, "elite");
        assertEquals(0, h.get("/api/v1/dora/incidents?service=" + h.service() + "&environment=production-eu&" + WINDOW)
                .getInt("total"), "the incident belongs to the us deployment");

        JsonObject us = h.dora(WINDOW + "&environment=production-us");
        assertEquals(1, us.getJsonObject("deploymentFrequency").getInt("deployments"));
        assertKey(us.getJsonObject("leadTimeForChanges"), 12600.0, "elite");  // (14400 + 10800) / 2
        assertKey(us.getJsonObject("changeFailureRate"), 1.0, "low");
    }

    @Test
    @DisplayName("#4 late, out-of-order and redelivered events give the same figures as in-order arrival")
    void arrivalOrderDoesNotMatter() {
        String c1 = GitHubEventHooks.sha(), c2 = GitHubEventHooks.sha(), c3 = GitHubEventHooks.sha();
        DoraHistory inOrder = history(new DoraHistory(http, "cart").deferred(), c1, c2, c3);
        DoraHistory shuffled = history(new DoraHistory(http, "cart").deferred(), c1, c2, c3);
        // In order: push 1, D1 in progress, D1 success, push 2, D2 in progress, D2 success, incident, resolution.
        for (DoraHistory.Delivery d : inOrder.deliveries()) {
            assertEquals(202, inOrder.send(d).status(), d.label());
        }
        // Shuffled: the incident and its resolution first, D2's success before its start, the pushes after the
        // deployments that shipped them; then GitHub and PagerDuty redeliver three of them (same delivery ids).
        List<DoraHistory.Delivery> d = shuffled.deliveries();
        for (int i : new int[] {6, 7, 5, 4, 3, 2, 0, 1}) {
            assertEquals(202, shuffled.send(d.get(i)).status(), d.get(i).label());
        }
        for (int i : new int[] {5, 3, 7}) {
            Http.Answer again = shuffled.send(d.get(i));
            assertEquals(200, again.status(), again::toString);
            assertEquals("duplicate", again.json().getString("status"));
        }

        for (DoraHistory h : List.of(inOrder, shuffled)) {
            JsonObject dora = h.dora(WINDOW);
            assertKey(dora.getJsonObject("deploymentFrequency"), 2 / 28.0, "medium");   // days per week 2, 0, 0, 0; March 2
            // c1 3 h, c2 2 h (first deployment ships the push that brought c2), c3 30 min -> median 7200.
            assertKey(dora.getJsonObject("leadTimeForChanges"), 7200.0, "elite");
            assertEquals(3, dora.getJsonObject("leadTimeForChanges").getInt("changes"));
            // The incident (opened 11:00) follows D2 (10:00): 1 of 2 failed.
            assertKey(dora.getJsonObject("changeFailureRate"), 0.5, "low");
            assertKey(dora.getJsonObject("failedDeploymentRecoveryTime"), 18000.0, "high");   // 15:00 - 10:00
            assertKey(dora.getJsonObject("timeToRestore"), 14400.0, "high");                 // 15:00 - 11:00
        }
        String a = withoutScope(inOrder.dora(WINDOW)).toString().replace(inOrder.service(), "S");
        String b = withoutScope(shuffled.dora(WINDOW)).toString().replace(shuffled.service(), "S");
        assertEquals(a, b, "every figure, count and week is the same");
    }

    /** Two deployments with their pushes and one incident, built but not sent. */
    private static DoraHistory history(DoraHistory h, String c1, String c2, String c3) {
        h.push(ZERO, commit(c1, "2025-03-04T07:00:00Z"), commit(c2, "2025-03-04T08:00:00Z"));     // 0
        GitHubHooks.Deployment d1 = h.deployment("production", c2, "2025-03-04T09:50:00Z");
        h.status(d1, "in_progress", "2025-03-04T09:51:00Z");                                        // 1
        h.status(d1, "success", "2025-03-04T10:00:00Z");                                            // 2
        h.push(c2, commit(c3, "2025-03-06T09:30:00Z"));                                             // 3
        GitHubHooks.Deployment d2 = h.deployment("production", c3, "2025-03-06T09:50:00Z");
        h.status(d2, "in_progress", "2025-03-06T09:51:00Z");                                        // 4
        h.status(d2, "success", "2025-03-06T10:00:00Z");                                            // 5
        PagerDutyHooks.Incident i = h.incident("Cart empties on refresh", "2025-03-06T11:00:00Z"); // 6
        h.resolve(i, "2025-03-06T15:00:00Z");                                                       // 7
        return h;
    }

    // ---- assertions ----------------------------------------------------------------------------

    static void assertKey(JsonObject key, double value, String tier) {
        assertFalse(key.isNull("value"), key::toString);
        assertEquals(value, key.getJsonNumber("value").doubleValue(), EPS, key::toString);
        assertEquals(tier, key.isNull("tier") ? null : key.getString("tier"), key::toString);
    }

    static void assertNoData(JsonObject key) {
        assertTrue(key.isNull("value"), key::toString);
        assertTrue(key.isNull("tier"), () -> "no data is no tier, not low: " + key);
    }

    /** Views outside DORA leave nulls out. */
    static boolean absent(JsonObject o, String name) {
        return !o.containsKey(name) || o.isNull(name);
    }

    static List<String> strings(JsonObject o, String name) {
        return o.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** A drill-down link is absolute from the server root. */
    static String path(String link) {
        assertTrue(link.startsWith("/api/v1/dora/"), link);
        return link;
    }

    private static JsonObject withoutScope(JsonObject o) {
        return Json.createObjectBuilder(o).remove("scope").build();
    }

    /** Asks for the figures of a service that has no webhook history here. */
    private record DoraHistoryReader(Http http, String service) {
        JsonObject dora(String query) {
            Http.Answer answer = http.get("/api/v1/dora?service=" + DoraHistory.enc(service) + "&" + query, OpsSightServer.ADMIN_TOKEN);
            assertEquals(200, answer.status(), answer::toString);
            return answer.json();
        }
    }
}
