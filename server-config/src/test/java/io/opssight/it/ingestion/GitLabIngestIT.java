package io.opssight.it.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubEventHooks;
import io.opssight.it.support.GitLabHooks;
import io.opssight.it.support.GitLabHooks.Build;
import io.opssight.it.support.GitLabHooks.Commit;
import io.opssight.it.support.GitLabHooks.Project;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.Rows;
import jakarta.json.JsonObject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;

/**
 * Issue 3, GitLab: Pipeline, Job, Deployment, Push and Merge Request hooks with GitLab's token and
 * delivery headers, through the runnable jar into PostgreSQL.
 */
@DisplayName("#3 GitLab webhook ingestion")
class GitLabIngestIT {

    private OpsSightServer server;
    private Http http;
    private Fixtures.Source source;
    private Project project;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
        source = Fixtures.source(http, "gitlab");
        project = GitLabHooks.project(Fixtures.unique("shop"));
    }

    @Test
    @DisplayName("#3 pipeline hooks (pending, running, success) make one run with its times, and its builds become its jobs")
    void pipelineHookRecordsRunAndJobs() throws SQLException {
        long id = GitLabHooks.nextId();
        String sha = GitHubEventHooks.sha();
        long buildId = GitLabHooks.nextId();
        long testId = GitLabHooks.nextId();
        Build buildPending = new Build(buildId, "build", "build-image", "pending", "2026-11-20 10:00:00 UTC", null, null, null);
        Build buildDone = new Build(buildId, "build", "build-image", "success", "2026-11-20 10:00:00 UTC",
                "2026-11-20 10:00:30 UTC", "2026-11-20 10:02:00 UTC", "shared-runners-manager-6.gitlab.com");
        Build testDone = new Build(testId, "test", "rspec 1/2", "success", "2026-11-20 10:00:00 UTC",
                "2026-11-20 10:02:05 UTC", "2026-11-20 10:05:00 UTC", "acme-k8s-runner");

        deliverOk("Pipeline Hook", GitLabHooks.pipeline(project, id, 41, "pending", "main", sha, "2026-11-20 10:00:00 UTC",
                null, null, null, List.of(buildPending), false));
        deliverOk("Pipeline Hook", GitLabHooks.pipeline(project, id, 41, "running", "main", sha, "2026-11-20 10:00:00 UTC",
                null, null, 30, List.of(buildDone), false));
        Http.Answer done = deliverOk("Pipeline Hook", GitLabHooks.pipeline(project, id, 41, "success", "main", sha,
                "2026-11-20 10:00:00 UTC", "2026-11-20 10:05:00 UTC", 270, 30, List.of(buildDone, testDone), false));

        assertEquals("pipeline " + id + " completed/success with 2 job(s)", done.json().getString("note"));
        Rows.Row run = Rows.only(server, "select r.*, s.name as service_name from pipeline_run r left join service s "
                + "on s.id = r.service_id where r.origin = ? and r.external_id = ?", origin(), String.valueOf(id));
        assertEquals(project.path(), run.get("pipeline"));
        assertEquals(project.pathWithNamespace(), run.get("repository"));
        assertEquals(project.path(), run.get("service_name"), "the service is the project's path, not its display name");
        assertEquals(41L, run.get("run_number"));
        assertEquals(1, run.get("attempt"));
        assertEquals("main", run.get("branch"));
        assertEquals(sha, run.get("sha"));
        assertEquals("push", run.get("trigger_event"));
        assertEquals("root", run.get("actor"));
        assertEquals(project.webUrl() + "/-/pipelines/" + id, run.get("url"));
        assertEquals("COMPLETED", run.get("status"));
        assertEquals("SUCCESS", run.get("conclusion"));
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), run.get("queued_at"));
        assertEquals(Instant.parse("2026-11-20T10:00:30Z"), run.get("started_at"), "created_at + queued_duration");
        assertEquals(Instant.parse("2026-11-20T10:05:00Z"), run.get("finished_at"));

        Rows.Row build = Rows.pipelineJob(server, origin(), buildId);
        assertEquals(String.valueOf(id), build.get("run_key"));
        assertEquals("build-image", build.get("name"));
        assertEquals("COMPLETED", build.get("status"));
        assertEquals("SUCCESS", build.get("conclusion"));
        assertEquals("shared-runners-manager-6.gitlab.com", build.get("runner"));
        assertEquals(sha, build.get("sha"));
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), build.get("queued_at"));
        assertEquals(Instant.parse("2026-11-20T10:00:30Z"), build.get("started_at"));
        assertEquals(Instant.parse("2026-11-20T10:02:00Z"), build.get("finished_at"));
        assertEquals("rspec 1/2", Rows.pipelineJob(server, origin(), testId).get("name"));
    }

    @Test
    @DisplayName("#3 job hooks arriving before their pipeline and out of order end completed and attached to the pipeline")
    void jobHooksBeforeTheirPipelineAndOutOfOrder() throws SQLException {
        long pipelineId = GitLabHooks.nextId();
        long jobId = GitLabHooks.nextId();
        String sha = GitHubEventHooks.sha();
        Build failed = new Build(jobId, "test", "rspec", "failed", "2026-11-20T10:00:01.120Z", "2026-11-20T10:00:20.500Z",
                "2026-11-20T10:03:00.000Z", "acme-k8s-runner");
        Build running = new Build(jobId, "test", "rspec", "running", "2026-11-20T10:00:01.120Z", "2026-11-20T10:00:20.500Z",
                null, "acme-k8s-runner");
        Build pending = new Build(jobId, "test", "rspec", "pending", "2026-11-20T10:00:01.120Z", null, null, null);

        Http.Answer first = deliverOk("Job Hook", GitLabHooks.job(project, failed, pipelineId, "main", sha, false));
        deliverOk("Job Hook", GitLabHooks.job(project, running, pipelineId, "main", sha, false));
        deliverOk("Job Hook", GitLabHooks.job(project, pending, pipelineId, "main", sha, false));

        assertTrue(first.json().getString("note").endsWith("(its pipeline has not arrived yet)"), first::toString);
        Rows.Row job = Rows.pipelineJob(server, origin(), jobId);
        assertEquals("COMPLETED", job.get("status"));
        assertEquals("FAILURE", job.get("conclusion"));
        assertEquals("rspec", job.get("name"));
        assertEquals(project.pathWithNamespace(), job.get("repository"));
        assertEquals("acme-k8s-runner", job.get("runner"));
        assertEquals(Instant.parse("2026-11-20T10:00:01.120Z"), job.get("queued_at"));
        assertEquals(Instant.parse("2026-11-20T10:00:20.500Z"), job.get("started_at"));
        assertEquals(Instant.parse("2026-11-20T10:03:00Z"), job.get("finished_at"));
        assertNull(job.get("run_key"));

        deliverOk("Pipeline Hook", GitLabHooks.pipeline(project, pipelineId, 42, "failed", "main", sha,
                "2026-11-20 10:00:00 UTC", "2026-11-20 10:03:00 UTC", 160, 19, List.of(), false));

        assertEquals(String.valueOf(pipelineId), Rows.pipelineJob(server, origin(), jobId).get("run_key"));
        assertEquals("FAILURE", Rows.only(server, "select conclusion from pipeline_run where origin = ? and external_id = ?", origin(),
                String.valueOf(pipelineId)).get("conclusion"));
    }

    @Test
    @DisplayName("#3 deployment hooks (running, success) make a deployment with the full sha, tier and times")
    void deploymentHook() {
        long deploymentId = GitLabHooks.nextId();
        String sha = GitHubEventHooks.sha();

        deliverOk("Deployment Hook", GitLabHooks.deployment(project, deploymentId, 796, "running", "2026-11-20 11:00:00 +0100",
                "live", "production", sha, "main", false));
        Http.Answer done = deliverOk("Deployment Hook", GitLabHooks.deployment(project, deploymentId, 796, "success",
                "2026-11-20 11:04:30 +0100", "live", "production", sha, "main", false));

        assertEquals("deployment " + deploymentId + " success", done.json().getString("note"));
        JsonObject deployment = onlyDeploymentOf(project.path());
        assertEquals("live", deployment.getString("environment"));
        assertTrue(deployment.getBoolean("production"), "the environment tier says production");
        assertEquals(sha, deployment.getString("sha"));
        assertEquals(sha.substring(0, 12), deployment.getString("version"));
        assertEquals("main", deployment.getString("ref"));
        assertEquals("success", deployment.getString("status"));
        assertEquals("root", deployment.getString("creator"));
        assertEquals("https://live.shop.example.com", deployment.getString("url"));
        assertEquals("2026-11-20T10:00:00Z", deployment.getString("startedAt"));
        assertEquals("2026-11-20T10:04:30Z", deployment.getString("finishedAt"));
        assertEquals(270, deployment.getInt("durationSeconds"));
        assertEquals("gitlab:" + source.name(), deployment.getString("origin"));
        assertEquals(String.valueOf(deploymentId), deployment.getString("externalId"));
    }

    @Test
    @DisplayName("#3 a canceled deployment is final and not a success")
    void canceledDeployment() {
        long deploymentId = GitLabHooks.nextId();
        String sha = GitHubEventHooks.sha();

        deliverOk("Deployment Hook", GitLabHooks.deployment(project, deploymentId, 797, "running", "2026-11-20 11:00:00 UTC",
                "staging", "staging", sha, "main", false));
        deliverOk("Deployment Hook", GitLabHooks.deployment(project, deploymentId, 797, "canceled", "2026-11-20 11:01:00 UTC",
                "staging", "staging", sha, "main", false));

        JsonObject deployment = onlyDeploymentOf(project.path());
        assertEquals("error", deployment.getString("status"));
        assertEquals("2026-11-20T11:01:00Z", deployment.getString("finishedAt"));
        assertFalse(deployment.getBoolean("production"));
    }

    @Test
    @DisplayName("#3 each production deployment ships exactly the commits pushed since the previous one, with their lead times")
    void deploymentsShipTheCommitsPushedSinceThePreviousOne() throws SQLException {
        String base = GitHubEventHooks.sha();
        List<Commit> firstPush = List.of(
                new Commit(GitHubEventHooks.sha(), "Add rounding test", "2026-11-20T08:00:00+01:00", "Jordi Mallach"),
                new Commit(GitHubEventHooks.sha(), "Round half-even", "2026-11-20T07:30:00Z", "Jordi Mallach"),
                new Commit(GitHubEventHooks.sha(), "Update changelog", "2026-11-20T07:45:00Z", "John Smith"));
        List<Commit> secondPush = List.of(
                new Commit(GitHubEventHooks.sha(), "Fix typo", "2026-11-20T11:00:00Z", "Jordi Mallach"),
                new Commit(GitHubEventHooks.sha(), "Bump version", "2026-11-20T11:10:00Z", "Jordi Mallach"));
        String firstHead = firstPush.get(2).id();
        String secondHead = secondPush.get(1).id();
        long first = GitLabHooks.nextId();
        long second = GitLabHooks.nextId();

        deliverOk("Push Hook", GitLabHooks.push(project, "refs/heads/main", base, firstHead, firstPush, 3));
        deliverOk("Deployment Hook", GitLabHooks.deployment(project, first, 801, "running", "2026-11-20 09:05:00 UTC",
                "production", "production", firstHead, "main", false));
        deliverOk("Deployment Hook", GitLabHooks.deployment(project, first, 801, "success", "2026-11-20 09:10:00 UTC",
                "production", "production", firstHead, "main", false));
        deliverOk("Push Hook", GitLabHooks.push(project, "refs/heads/main", firstHead, secondHead, secondPush, 2));
        deliverOk("Deployment Hook", GitLabHooks.deployment(project, second, 802, "running", "2026-11-20 12:01:00 UTC",
                "production", "production", secondHead, "main", false));
        deliverOk("Deployment Hook", GitLabHooks.deployment(project, second, 802, "success", "2026-11-20 12:05:00 UTC",
                "production", "production", secondHead, "main", false));

        assertEquals(Map.of(
                firstPush.get(0).id(), seconds("2026-11-20T07:00:00Z", "2026-11-20T09:10:00Z"),
                firstPush.get(1).id(), seconds("2026-11-20T07:30:00Z", "2026-11-20T09:10:00Z"),
                firstPush.get(2).id(), seconds("2026-11-20T07:45:00Z", "2026-11-20T09:10:00Z")), Rows.leadTimes(server, origin(), first));
        assertEquals(Map.of(
                secondPush.get(0).id(), seconds("2026-11-20T11:00:00Z", "2026-11-20T12:05:00Z"),
                secondPush.get(1).id(), seconds("2026-11-20T11:10:00Z", "2026-11-20T12:05:00Z")), Rows.leadTimes(server, origin(), second));

        Rows.Row commit = Rows.only(server, "select * from change_commit where repository = ? and sha = ?",
                project.pathWithNamespace(), secondPush.get(0).id());
        assertEquals("main", commit.get("branch"));
        assertEquals(firstHead, commit.get("push_before"));
        assertEquals(secondHead, commit.get("push_after"));
        assertEquals(0, commit.get("push_index"));
        assertEquals("Jordi Mallach", commit.get("author"));
        assertEquals("Fix typo\n", commit.get("message"));
        assertEquals(Instant.parse("2026-11-20T11:00:00Z"), commit.get("committed_at"));
        assertEquals(2, onlyDeploymentsOf(project.path()).size());
    }

    @Test
    @DisplayName("#3 a merge request opened by its author and merged by another ends merged, with author, merge commit and times")
    void mergeRequestLifecycle() throws SQLException {
        String lastCommit = GitHubEventHooks.sha();
        String mergeCommit = GitHubEventHooks.sha();

        deliverOk("Merge Request Hook", GitLabHooks.mergeRequest(project, 7, "open", "opened", "Round totals half-even", 51, 51,
                "jordi", "2026-11-19 14:00:00 UTC", "2026-11-19 14:00:00 UTC", lastCommit, null));
        Rows.Row open = Rows.pullRequest(server, project.pathWithNamespace(), 7);
        assertEquals("open", open.get("state"));
        assertEquals("jordi", open.get("author"));

        Http.Answer merged = deliverOk("Merge Request Hook", GitLabHooks.mergeRequest(project, 7, "merge", "merged",
                "Round totals half-even", 51, 1, "root", "2026-11-19 14:00:00 UTC", "2026-11-20 09:00:00 UTC", lastCommit,
                mergeCommit));

        assertEquals("merge request " + project.pathWithNamespace() + "!7 merged", merged.json().getString("note"));
        Rows.Row row = Rows.pullRequest(server, project.pathWithNamespace(), 7);
        assertEquals("merged", row.get("state"));
        assertEquals("jordi", row.get("author"), "the merger (root) is not the author");
        assertEquals("Round totals half-even", row.get("title"));
        assertEquals("main", row.get("base_branch"));
        assertEquals(lastCommit, row.get("head_sha"));
        assertEquals(mergeCommit, row.get("merge_sha"));
        assertEquals(Instant.parse("2026-11-19T14:00:00Z"), row.get("created_at"));
        assertEquals(Instant.parse("2026-11-20T09:00:00Z"), row.get("merged_at"));
        assertNull(row.get("closed_at"));
        assertEquals(project.webUrl() + "/-/merge_requests/7", row.get("url"));
    }

    @Test
    @DisplayName("#3 payloads of older GitLab versions (no project object, deployment id, tier, iid, url or queued_duration) still map")
    void olderGitLabPayloads() throws SQLException {
        long pipelineId = GitLabHooks.nextId();
        long jobId = GitLabHooks.nextId();
        String sha = GitHubEventHooks.sha();
        Build build = new Build(jobId, "deploy", "deploy-staging", "success", "2016-08-12 15:23:28 UTC",
                "2016-08-12 15:24:00 UTC", "2016-08-12 15:26:29 UTC", "docker-runner-1");

        deliverOk("Job Hook", GitLabHooks.job(project, build, pipelineId, "main", sha, true));
        deliverOk("Pipeline Hook", GitLabHooks.pipeline(project, pipelineId, null, "success", "main", sha,
                "2016-08-12 15:23:28 UTC", "2016-08-12 15:26:29 UTC", 149, null, List.of(build), true));
        deliverOk("Deployment Hook", GitLabHooks.deployment(project, 0, jobId, "success", null, "staging", null, sha, null, true));

        Rows.Row job = Rows.pipelineJob(server, origin(), jobId);
        assertEquals(project.pathWithNamespace(), job.get("repository"), "the project path from repository.homepage");
        assertEquals(String.valueOf(pipelineId), job.get("run_key"));
        assertEquals(Instant.parse("2016-08-12T15:24:00Z"), job.get("started_at"));
        Rows.Row run = Rows.only(server, "select * from pipeline_run where origin = ? and external_id = ?", origin(),
                String.valueOf(pipelineId));
        assertNull(run.get("run_number"));
        assertEquals(Instant.parse("2016-08-12T15:24:00Z"), run.get("started_at"), "no queued_duration: the earliest job start");
        assertEquals(Instant.parse("2016-08-12T15:26:29Z"), run.get("finished_at"));
        JsonObject deployment = onlyDeploymentOf(project.path());
        assertEquals("job:" + jobId, deployment.getString("externalId"));
        assertEquals("success", deployment.getString("status"));
        assertEquals(sha.substring(0, 8), deployment.getString("sha"), "only the short sha is known");
        assertFalse(deployment.getBoolean("production"), "no tier: 'staging' is not production by name");
    }

    @Test
    @DisplayName("#3 X-Gitlab-Token is required and must match; nothing is stored otherwise")
    void tokenIsRequired() throws SQLException {
        byte[] body = GitLabHooks.push(project, "refs/heads/main", GitHubEventHooks.sha(), GitHubEventHooks.sha(), List.of(), 0);
        String wrongKey = UUID.randomUUID().toString();
        String missingKey = UUID.randomUUID().toString();

        Http.Answer wrong = http.postRaw(source.ingestPath(),
                GitLabHooks.headers("Push Hook", "not-the-token", UUID.randomUUID().toString(), wrongKey), body);
        Http.Answer missing = http.postRaw(source.ingestPath(),
                GitLabHooks.headers("Push Hook", null, UUID.randomUUID().toString(), missingKey), body);

        for (Http.Answer answer : List.of(wrong, missing)) {
            assertEquals(401, answer.status(), answer::toString);
            assertEquals("application/problem+json", answer.contentType());
            assertFalse(answer.body().contains(source.secret()));
        }
        assertEquals(0, Rows.query(server, "select id from delivery where delivery_key in (?, ?)", "id:" + wrongKey,
                "id:" + missingKey).size());
    }

    @Test
    @DisplayName("#3 a redelivery with the same Idempotency-Key (or, from older GitLab, X-Gitlab-Event-UUID) is a 200 duplicate")
    void redeliveryIsADuplicate() throws SQLException {
        String sha = GitHubEventHooks.sha();
        List<Commit> commits = List.of(new Commit(sha, "Round half-even", "2026-11-20T07:30:00Z", "Jordi Mallach"));
        byte[] body = GitLabHooks.push(project, "refs/heads/main", GitHubEventHooks.sha(), sha, commits, 1);
        String idempotencyKey = UUID.randomUUID().toString();
        String eventUuid = UUID.randomUUID().toString();

        Http.Answer first = http.postRaw(source.ingestPath(),
                GitLabHooks.headers("Push Hook", source.secret(), UUID.randomUUID().toString(), idempotencyKey), body);
        Http.Answer again = http.postRaw(source.ingestPath(),
                GitLabHooks.headers("Push Hook", source.secret(), UUID.randomUUID().toString(), idempotencyKey), body);
        Http.Answer older = http.postRaw(source.ingestPath(), GitLabHooks.headers("Push Hook", source.secret(), eventUuid, null), body);
        Http.Answer olderAgain = http.postRaw(source.ingestPath(),
                GitLabHooks.headers("Push Hook", source.secret(), eventUuid, null), body);

        assertEquals(202, first.status(), first::toString);
        assertEquals(200, again.status(), again::toString);
        assertEquals("duplicate", again.json().getString("status"));
        assertEquals(first.json().getJsonNumber("delivery").longValue(), again.json().getJsonNumber("delivery").longValue());
        assertEquals(202, older.status(), older::toString);
        assertEquals(200, olderAgain.status(), olderAgain::toString);
        assertEquals(1, Rows.query(server, "select id from delivery where delivery_key = ?", "id:" + idempotencyKey).size());
        assertEquals(1, Rows.query(server, "select id from delivery where delivery_key = ?", "id:" + eventUuid).size());
        assertEquals(1, Rows.query(server, "select id from change_commit where repository = ?", project.pathWithNamespace()).size());
    }

    @Test
    @DisplayName("#3 tag pushes and hooks OpsSight does not model are accepted and kept raw with a note")
    void tagPushesAndOtherHooksAreKeptRaw() throws SQLException {
        String sha = GitHubEventHooks.sha();
        byte[] tag = GitLabHooks.push(project, "refs/tags/v2.0.0", "0000000000000000000000000000000000000000", sha,
                List.of(new Commit(sha, "Release 2.0.0", "2026-11-20T07:30:00Z", "Jordi Mallach")), 1);
        byte[] issue = ("{\"object_kind\":\"issue\",\"event_type\":\"issue\",\"user\":{\"id\":1,\"username\":\"root\"},"
                + "\"project\":{\"id\":1,\"path_with_namespace\":\"" + project.pathWithNamespace() + "\"},"
                + "\"object_attributes\":{\"id\":301,\"iid\":23,\"title\":\"Totals off by a cent\",\"state\":\"opened\","
                + "\"created_at\":\"2026-11-20 10:00:00 UTC\",\"action\":\"open\"}}").getBytes(StandardCharsets.UTF_8);

        Http.Answer tagAnswer = deliverOk("Tag Push Hook", tag);
        Http.Answer issueAnswer = deliverOk("Issue Hook", issue);

        assertEquals("tag push v2.0.0: tags are not changes (stored raw)", tagAnswer.json().getString("note"));
        assertEquals("GitLab event 'issue' is stored but not modelled", issueAnswer.json().getString("note"));
        for (Http.Answer answer : List.of(tagAnswer, issueAnswer)) {
            assertEquals("IGNORED", Rows.only(server, "select status from delivery where id = ?",
                    answer.json().getJsonNumber("delivery").longValue()).get("status"));
        }
        assertEquals(0, Rows.query(server, "select id from change_commit where repository = ?", project.pathWithNamespace()).size());
    }

    // --- helpers

    private String origin() {
        return "gitlab:" + source.name();
    }

    private Http.Answer deliverOk(String event, byte[] body) {
        Http.Answer answer = http.postRaw(source.ingestPath(), GitLabHooks.headers(event, source.secret()), body);
        assertEquals(202, answer.status(), answer::toString);
        assertEquals("accepted", answer.json().getString("status"), answer::toString);
        assertFalse(answer.json().getString("note").contains("dead letter"), answer::toString);
        return answer;
    }

    private List<JsonObject> onlyDeploymentsOf(String service) {
        Http.Answer answer = http.get("/api/v1/deployments?service=" + service, OpsSightServer.ADMIN_TOKEN);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private JsonObject onlyDeploymentOf(String service) {
        List<JsonObject> items = onlyDeploymentsOf(service);
        assertEquals(1, items.size(), () -> "deployments of " + service + ": " + items);
        return items.get(0);
    }

    private static long seconds(String from, String to) {
        return Duration.between(Instant.parse(from), Instant.parse(to)).toSeconds();
    }
}
