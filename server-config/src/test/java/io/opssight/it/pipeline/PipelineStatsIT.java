package io.opssight.it.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubEventHooks;
import io.opssight.it.support.GitHubEventHooks.Job;
import io.opssight.it.support.GitHubEventHooks.Repo;
import io.opssight.it.support.GitHubEventHooks.Run;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pipeline analytics from hand-computed fixtures: one repository's GitHub Actions history, sent as
 * signed workflow_run and workflow_job webhooks (jobs partly before their run, a re-run attempt),
 * then GET /api/v1/pipelines/stats checked against figures worked out in the comments. The window
 * is [2025-03-03, 2025-03-10), exactly the ISO week 2025-W10.
 */
@DisplayName("#4 pipeline analytics computed by hand")
class PipelineStatsIT {

    private static final String WEEK = "from=2025-03-03&to=2025-03-10";
    private static final double EPS = 1e-9;

    private Http http;
    private Fixtures.Source github;
    private Repo repo;

    @BeforeEach
    void setUp() {
        http = OpsSightServer.shared().http();
        github = Fixtures.githubSource(http);
        repo = new Repo("acme", Fixtures.unique("storefront"));
    }

    @Test
    @DisplayName("#4 success rate, p50/p95 duration and queue time, failing and flaky jobs, red time of main, weekly")
    void statsOfOneRepository() {
        String s0 = GitHubEventHooks.sha(), s1 = GitHubEventHooks.sha(), s2 = GitHubEventHooks.sha();
        String s3 = GitHubEventHooks.sha(), s4 = GitHubEventHooks.sha(), s5 = GitHubEventHooks.sha();
        // R0 (main) failed before the window: main is red when the window starts.
        long r0 = run(s0, "main", 1, "2025-03-02T19:50:00Z", "2025-03-02T19:50:00Z", "2025-03-02T20:00:00Z", "failure");
        // R1 (main): queued 10:00:00, started 10:00:30, success 10:05:30: queue 30 s, 300 s. Main green at 10:05:30.
        long r1 = GitHubHooks.nextId();
        job(r1, 1, "build", s1, "main", "2025-03-03T10:00:30Z", "2025-03-03T10:03:00Z", "success");   // jobs before their run
        job(r1, 1, "test", s1, "main", "2025-03-03T10:03:00Z", "2025-03-03T10:05:00Z", "success");
        run(r1, s1, "main", 1, "2025-03-03T10:00:00Z", "2025-03-03T10:00:30Z", "2025-03-03T10:05:30Z", "success");
        // R2 attempt 1 (main): queued 09:00, started 09:01 (queue 60), failure 09:11 (600 s): red from 09:11; 'test' failed.
        long r2 = run(s2, "main", 1, "2025-03-04T09:00:00Z", "2025-03-04T09:01:00Z", "2025-03-04T09:11:00Z", "failure");
        job(r2, 1, "build", s2, "main", "2025-03-04T09:01:00Z", "2025-03-04T09:05:00Z", "success");
        job(r2, 1, "test", s2, "main", "2025-03-04T09:05:00Z", "2025-03-04T09:10:00Z", "failure");
        // R2 attempt 2 (a re-run of the same sha): requested 09:20 (GitHub keeps created_at; the attempt queues at
        // run_started_at, so queue 0), success 09:28 (480 s): green again, red 17 min. 'test' passed on s2: flaky.
        run(r2, s2, "main", 2, "2025-03-04T09:00:00Z", "2025-03-04T09:20:00Z", "2025-03-04T09:28:00Z", "success");
        job(r2, 2, "build", s2, "main", "2025-03-04T09:20:00Z", "2025-03-04T09:24:00Z", "success");
        job(r2, 2, "test", s2, "main", "2025-03-04T09:24:00Z", "2025-03-04T09:27:00Z", "success");
        // R3 (main) cancelled: "other"; neither green nor red.
        run(s3, "main", 1, "2025-03-05T14:00:00Z", "2025-03-05T14:00:00Z", "2025-03-05T14:02:00Z", "cancelled");
        // R4 (feature/x): queue 120, failure after 600 s; 'lint' failed. Not main.
        long r4 = run(s4, "feature/x", 1, "2025-03-05T15:00:00Z", "2025-03-05T15:02:00Z", "2025-03-05T15:12:00Z", "failure");
        job(r4, 1, "lint", s4, "feature/x", "2025-03-05T15:02:00Z", "2025-03-05T15:10:00Z", "failure");
        // R5 (main): queue 10, failure after 360 s at 08:06:10; nothing after it: red until the window ends.
        long r5 = run(s5, "main", 1, "2025-03-06T08:00:00Z", "2025-03-06T08:00:10Z", "2025-03-06T08:06:10Z", "failure");
        job(r5, 1, "build", s5, "main", "2025-03-06T08:00:10Z", "2025-03-06T08:03:00Z", "success");
        job(r5, 1, "test", s5, "main", "2025-03-06T08:03:00Z", "2025-03-06T08:06:00Z", "failure");
        assertTrue(r0 > 0);

        JsonObject all = stats(WEEK);

        // Completed in the window: R1 ok, R2/1 failed, R2/2 ok, R3 cancelled, R4 failed, R5 failed.
        JsonObject runs = all.getJsonObject("runs");
        assertEquals(6, runs.getInt("completed"));
        assertEquals(2, runs.getInt("succeeded"));
        assertEquals(3, runs.getInt("failed"));
        assertEquals(1, runs.getInt("other"));
        assertEquals(2 / 5.0, number(runs, "successRate"), EPS);
        // Durations 300, 600, 480, 600, 360 -> sorted 300 360 480 600 600: p50 480, p95 at 3.8 -> 600.
        assertEquals(480.0, number(runs, "p50DurationSeconds"), EPS);
        assertEquals(600.0, number(runs, "p95DurationSeconds"), EPS);
        // Queues 30, 60, 0, 120, 10 -> sorted 0 10 30 60 120: p50 30, p95 = 60 + 0.8 * (120 - 60) = 108.
        assertEquals(30.0, number(runs, "p50QueueSeconds"), EPS);
        assertEquals(108.0, number(runs, "p95QueueSeconds"), EPS);

        // 'test' ran 4 times (R1, R2/1, R2/2, R5), failed twice; 'lint' once, failed once.
        List<JsonObject> failing = all.getJsonArray("failingJobs").getValuesAs(JsonObject.class);
        assertEquals(List.of("test", "lint"), failing.stream().map(j -> j.getString("name")).toList());
        assertEquals(4, failing.get(0).getInt("executions"));
        assertEquals(2, failing.get(0).getInt("failures"));
        assertEquals(0.5, number(failing.get(0), "failureRate"), EPS);
        assertEquals("2025-03-06T08:06:00Z", failing.get(0).getString("lastFailedAt"));
        assertEquals(repo.fullName(), failing.get(0).getString("repository"));

        // Flaky: 'test' failed (09:10) then passed (09:27) on s2. On s5 it only failed: not flaky.
        List<JsonObject> flaky = all.getJsonArray("flakyJobs").getValuesAs(JsonObject.class);
        assertEquals(1, flaky.size(), all::toString);
        assertEquals("test", flaky.get(0).getString("name"));
        assertEquals(1, flaky.get(0).getInt("flakes"));
        assertEquals(List.of(s2),
                flaky.get(0).getJsonArray("shas").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());

        // Main red: from the window start (R0 failed before) to R1 at 10:05:30 = 36330 s; R2/1 09:11 to R2/2 09:28
        // = 1020 s; R5 08:06:10 on 6 March to the window's end = 3 d 15:53:50 = 316430 s. Total 353780 s.
        JsonObject red = all.getJsonObject("red");
        assertEquals("main", red.getString("branch"));
        assertEquals(1, red.getInt("repositories"));
        assertEquals(353780, red.getInt("redSeconds"));
        assertEquals(353780 / (7 * 86400.0), number(red, "redRatio"), EPS);
        assertEquals(List.of(repo.fullName()), red.getJsonArray("redAtEnd").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList());
        assertEquals(3, red.getJsonArray("intervals").size());
        assertEquals("2025-03-04T09:11:00Z", red.getJsonArray("intervals").getJsonObject(1).getString("from"));

        List<JsonObject> weeks = all.getJsonArray("weeks").getValuesAs(JsonObject.class);
        assertEquals(1, weeks.size());
        assertEquals("2025-W10", weeks.get(0).getString("week"));
        assertFalse(weeks.get(0).getBoolean("partial"));
        assertEquals(6, weeks.get(0).getInt("completed"));
        assertEquals(353780, weeks.get(0).getInt("redSeconds"));

        // Only main: R1, R2/1, R2/2, R3, R5 -> 2 of 4 decided runs succeeded; 'lint' ran on feature/x only.
        JsonObject main = stats(WEEK + "&branch=main");
        assertEquals(5, main.getJsonObject("runs").getInt("completed"));
        assertEquals(0.5, number(main.getJsonObject("runs"), "successRate"), EPS);
        assertEquals(List.of("test"), main.getJsonArray("failingJobs").getValuesAs(JsonObject.class).stream()
                .map(j -> j.getString("name")).toList());
        assertEquals(353780, main.getJsonObject("red").getInt("redSeconds"));

        // Two days (3rd and 4th): R1, R2/1, R2/2; red 36330 + 1020. A partial week.
        JsonObject twoDays = stats("from=2025-03-03&to=2025-03-05");
        assertEquals(3, twoDays.getJsonObject("runs").getInt("completed"));
        assertEquals(2 / 3.0, number(twoDays.getJsonObject("runs"), "successRate"), EPS);
        assertEquals(37350, twoDays.getJsonObject("red").getInt("redSeconds"));
        assertTrue(twoDays.getJsonArray("weeks").getJsonObject(0).getBoolean("partial"));
        assertEquals(0, twoDays.getJsonObject("red").getJsonArray("redAtEnd").size(), "green at the end of the 4th");

        // The feature branch's own red time: R4 failed at 15:12 on the 5th, never fixed.
        assertEquals(4 * 86400 + 8 * 3600 + 48 * 60, stats(WEEK + "&branch=feature/x").getJsonObject("red").getInt("redSeconds"));
        // Only the CI workflow: the same runs (there is one workflow).
        assertEquals(6, stats(WEEK + "&pipeline=CI").getJsonObject("runs").getInt("completed"));
        assertEquals(0, stats(WEEK + "&pipeline=Nightly").getJsonObject("runs").getInt("completed"));
        assertTrue(stats(WEEK + "&pipeline=Nightly").getJsonObject("runs").isNull("successRate"), "no runs: no rate");
    }

    @Test
    @DisplayName("#4 pipeline analytics need pipelines:read; a bad window is a 400")
    void permissionsAndValidation() {
        String noPipelines = Fixtures.token(http, "dora:read", "deployments:read");
        assertEquals(403, http.get("/api/v1/pipelines/stats", noPipelines).status());
        assertEquals(401, http.get("/api/v1/pipelines/stats").status());
        assertEquals(200, http.get("/api/v1/pipelines/stats", Fixtures.token(http, "pipelines:read")).status());
        Http.Answer bad = http.get("/api/v1/pipelines/stats?from=2025-03-10&to=2025-03-03", OpsSightServer.ADMIN_TOKEN);
        assertEquals(400, bad.status(), bad::toString);
        assertEquals("application/problem+json", bad.contentType());
    }

    // ---- sending ----------------------------------------------------------------------------------

    private long run(String sha, String branch, int attempt, String created, String started, String finished, String conclusion) {
        long id = GitHubHooks.nextId();
        run(id, sha, branch, attempt, created, started, finished, conclusion);
        return id;
    }

    /** A workflow run attempt: requested (queued), then completed. */
    private void run(long id, String sha, String branch, int attempt, String created, String started, String finished,
            String conclusion) {
        Run run = new Run(id, attempt, "CI", 1000 + id % 1000, branch, sha, "push", "mona");
        send("workflow_run", GitHubEventHooks.workflowRun(repo, run, "requested", "queued", null, created, started, created));
        send("workflow_run", GitHubEventHooks.workflowRun(repo, run, "completed", "completed", conclusion, created, started, finished));
    }

    /** A job of a run attempt, completed. */
    private void job(long runId, int attempt, String name, String sha, String branch, String started, String completed,
            String conclusion) {
        Job job = new Job(GitHubHooks.nextId(), runId, attempt, "CI", name, branch, sha);
        send("workflow_job", GitHubEventHooks.workflowJob(repo, job, "completed", conclusion, started, started, completed,
                "GitHub Actions 7"));
    }

    private void send(String event, byte[] body) {
        Http.Answer answer = http.postRaw(github.ingestPath(),
                GitHubHooks.headers(event, UUID.randomUUID().toString(), github.secret(), body), body);
        assertEquals(202, answer.status(), answer::toString);
    }

    private JsonObject stats(String query) {
        Http.Answer answer = http.get("/api/v1/pipelines/stats?repository=" + URLEncoder.encode(repo.fullName(), StandardCharsets.UTF_8)
                + "&" + query.replace("feature/x", "feature%2Fx"), OpsSightServer.ADMIN_TOKEN);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json();
    }

    private static double number(JsonObject o, String name) {
        assertFalse(o.isNull(name), () -> name + " in " + o);
        return o.getJsonNumber(name).doubleValue();
    }
}
