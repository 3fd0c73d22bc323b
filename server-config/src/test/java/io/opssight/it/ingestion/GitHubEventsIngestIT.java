package io.opssight.it.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubEventHooks;
import io.opssight.it.support.GitHubEventHooks.Commit;
import io.opssight.it.support.GitHubEventHooks.Job;
import io.opssight.it.support.GitHubEventHooks.Repo;
import io.opssight.it.support.GitHubEventHooks.Run;
import io.opssight.it.support.GitHubHooks;
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

/**
 * Issue 3, GitHub: signed workflow_run, workflow_job, check_run, push, pull_request and release
 * deliveries through the runnable jar into PostgreSQL.
 */
@DisplayName("#3 GitHub CI and change events ingestion")
class GitHubEventsIngestIT {

    private OpsSightServer server;
    private Http http;
    private Fixtures.Source source;
    private Repo repo;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
        source = Fixtures.githubSource(http);
        repo = new Repo("acme", Fixtures.unique("shop"));
    }

    @Test
    @DisplayName("#3 a workflow run's requested, in_progress and completed events make one run with its times and outcome")
    void workflowRunLifecycle() throws SQLException {
        Run run = new Run(GitHubHooks.nextId(), 1, "CI", 412, "main", GitHubEventHooks.sha(), "push", "octocat");

        deliverOk("workflow_run", GitHubEventHooks.workflowRun(repo, run, "requested", "queued", null,
                "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z"));
        deliverOk("workflow_run", GitHubEventHooks.workflowRun(repo, run, "in_progress", "in_progress", null,
                "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z", "2026-11-20T10:00:12Z"));
        Http.Answer completed = deliverOk("workflow_run", GitHubEventHooks.workflowRun(repo, run, "completed", "completed",
                "success", "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z", "2026-11-20T10:06:40Z"));

        assertEquals("workflow run " + run.id() + ":1 completed/success", completed.json().getString("note"));
        Rows.Row row = Rows.only(server, "select r.*, s.name as service_name from pipeline_run r "
                + "left join service s on s.id = r.service_id where r.origin = ? and r.external_id = ?", origin(), run.id() + ":1");
        assertEquals("CI", row.get("pipeline"));
        assertEquals(repo.fullName(), row.get("repository"));
        assertEquals(repo.name(), row.get("service_name"));
        assertEquals(412L, row.get("run_number"));
        assertEquals(1, row.get("attempt"));
        assertEquals("main", row.get("branch"));
        assertEquals(run.sha(), row.get("sha"));
        assertEquals("push", row.get("trigger_event"));
        assertEquals("octocat", row.get("actor"));
        assertEquals("https://github.com/" + repo.fullName() + "/actions/runs/" + run.id(), row.get("url"));
        assertEquals("COMPLETED", row.get("status"));
        assertEquals("SUCCESS", row.get("conclusion"));
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), row.get("queued_at"));
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), row.get("started_at"));
        assertEquals(Instant.parse("2026-11-20T10:06:40Z"), row.get("finished_at"));
    }

    @Test
    @DisplayName("#3 a re-run attempt is a run of its own, so the failed first attempt stays visible")
    void reRunAttemptIsASeparateRun() throws SQLException {
        long id = GitHubHooks.nextId();
        String sha = GitHubEventHooks.sha();
        Run first = new Run(id, 1, "CI", 77, "main", sha, "push", "octocat");
        Run second = new Run(id, 2, "CI", 77, "main", sha, "push", "octocat");

        deliverOk("workflow_run", GitHubEventHooks.workflowRun(repo, first, "completed", "completed", "failure",
                "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z", "2026-11-20T10:04:00Z"));
        deliverOk("workflow_run", GitHubEventHooks.workflowRun(repo, second, "requested", "queued", null,
                "2026-11-20T10:00:00Z", "2026-11-20T11:30:00Z", "2026-11-20T11:30:00Z"));
        deliverOk("workflow_run", GitHubEventHooks.workflowRun(repo, second, "completed", "completed", "success",
                "2026-11-20T10:00:00Z", "2026-11-20T11:30:00Z", "2026-11-20T11:35:00Z"));

        List<Rows.Row> runs = Rows.query(server, "select * from pipeline_run where origin = ? and repository = ? "
                + "order by attempt", origin(), repo.fullName());
        assertEquals(2, runs.size(), () -> "runs: " + runs);
        assertEquals(id + ":1", runs.get(0).get("external_id"));
        assertEquals("FAILURE", runs.get(0).get("conclusion"));
        assertEquals(id + ":2", runs.get(1).get("external_id"));
        assertEquals(2, runs.get(1).get("attempt"));
        assertEquals("SUCCESS", runs.get(1).get("conclusion"));
        assertEquals(Instant.parse("2026-11-20T11:30:00Z"), runs.get(1).get("queued_at"),
                "the re-run was queued when it was requested, not at the first attempt's creation");
        assertEquals(Instant.parse("2026-11-20T11:35:00Z"), runs.get(1).get("finished_at"));
    }

    @Test
    @DisplayName("#3 workflow_job events arriving completed, in_progress, queued end in the completed state with every time")
    void outOfOrderJobEventsEndCompleted() throws SQLException {
        Run run = new Run(GitHubHooks.nextId(), 1, "CI", 5, "main", GitHubEventHooks.sha(), "push", "octocat");
        Job job = new Job(GitHubHooks.nextId(), run.id(), 1, "CI", "build (17)", "main", run.sha());
        deliverOk("workflow_run", GitHubEventHooks.workflowRun(repo, run, "in_progress", "in_progress", null,
                "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z", "2026-11-20T10:00:03Z"));

        deliverOk("workflow_job", GitHubEventHooks.workflowJob(repo, job, "completed", "success",
                "2026-11-20T10:00:05Z", "2026-11-20T10:00:40Z", "2026-11-20T10:04:10Z", "GitHub Actions 7"));
        deliverOk("workflow_job", GitHubEventHooks.workflowJob(repo, job, "in_progress", null,
                "2026-11-20T10:00:05Z", "2026-11-20T10:00:40Z", null, "GitHub Actions 7"));
        deliverOk("workflow_job", GitHubEventHooks.workflowJob(repo, job, "queued", null,
                "2026-11-20T10:00:05Z", "2026-11-20T10:00:05Z", null, null));

        Rows.Row row = Rows.pipelineJob(server, origin(), job.id());
        assertEquals("COMPLETED", row.get("status"));
        assertEquals("SUCCESS", row.get("conclusion"));
        assertEquals("build (17)", row.get("name"));
        assertEquals("GitHub Actions 7", row.get("runner"));
        assertEquals(run.sha(), row.get("sha"));
        assertEquals("main", row.get("branch"));
        assertEquals(Instant.parse("2026-11-20T10:00:05Z"), row.get("queued_at"));
        assertEquals(Instant.parse("2026-11-20T10:00:40Z"), row.get("started_at"));
        assertEquals(Instant.parse("2026-11-20T10:04:10Z"), row.get("finished_at"));
        assertEquals(run.id() + ":1", row.get("run_key"), "attached to its run");
    }

    @Test
    @DisplayName("#3 a job that arrives before its run is attached when the run arrives")
    void jobBeforeItsRunIsAttachedLater() throws SQLException {
        Run run = new Run(GitHubHooks.nextId(), 1, "Deploy", 9, "main", GitHubEventHooks.sha(), "workflow_dispatch", "hubot");
        Job job = new Job(GitHubHooks.nextId(), run.id(), 1, "Deploy", "deploy", "main", run.sha());

        Http.Answer early = deliverOk("workflow_job", GitHubEventHooks.workflowJob(repo, job, "queued", null,
                "2026-11-20T12:00:02Z", "2026-11-20T12:00:02Z", null, null));

        assertTrue(early.json().getString("note").endsWith("(its run has not arrived yet)"), early::toString);
        assertNull(Rows.pipelineJob(server, origin(), job.id()).get("run_key"));
        assertEquals(run.id() + ":1", Rows.pipelineJob(server, origin(), job.id()).get("run_external_id"));

        deliverOk("workflow_run", GitHubEventHooks.workflowRun(repo, run, "requested", "queued", null,
                "2026-11-20T12:00:00Z", "2026-11-20T12:00:00Z", "2026-11-20T12:00:00Z"));

        assertEquals(run.id() + ":1", Rows.pipelineJob(server, origin(), job.id()).get("run_key"));
    }

    @Test
    @DisplayName("#3 check runs of other CI apps become jobs; GitHub Actions' own check runs are ignored as duplicates")
    void checkRuns() throws SQLException {
        long circle = GitHubHooks.nextId();
        long actions = GitHubHooks.nextId();
        String sha = GitHubEventHooks.sha();

        Http.Answer other = deliverOk("check_run", GitHubEventHooks.checkRun(repo, circle, "ci/circleci: test",
                "circleci-checks", "completed", "failure", sha, "feature/rounding", "2026-11-20T10:01:00Z",
                "2026-11-20T10:04:30Z"));
        Http.Answer own = deliverOk("check_run", GitHubEventHooks.checkRun(repo, actions, "build (17)", "github-actions",
                "completed", "success", sha, "feature/rounding", "2026-11-20T10:01:00Z", "2026-11-20T10:02:00Z"));

        Rows.Row row = Rows.only(server, "select * from pipeline_job where origin = ? and external_id = ?", origin(),
                "check:" + circle);
        assertEquals("ci/circleci: test", row.get("name"));
        assertEquals("FAILURE", row.get("conclusion"));
        assertEquals("feature/rounding", row.get("branch"));
        assertEquals(sha, row.get("sha"));
        assertEquals(repo.fullName(), row.get("repository"));
        assertEquals(Instant.parse("2026-11-20T10:01:00Z"), row.get("started_at"));
        assertEquals(Instant.parse("2026-11-20T10:04:30Z"), row.get("finished_at"));
        assertTrue(own.json().getString("note").contains("duplicate of its workflow_job"), own::toString);
        assertEquals(0, Rows.query(server, "select * from pipeline_job where origin = ? and external_id = ?", origin(),
                "check:" + actions).size());
        assertEquals("IGNORED", delivery(own).get("status"));
        assertEquals("PROCESSED", delivery(other).get("status"));
    }

    @Test
    @DisplayName("#3 each production deployment ships exactly the commits pushed since the previous one, with their lead times")
    void deploymentsShipTheCommitsPushedSinceThePreviousOne() throws SQLException {
        String base = GitHubEventHooks.sha();
        List<Commit> firstPush = List.of(
                new Commit(GitHubEventHooks.sha(), "Add rounding test", "2026-11-20T08:00:00+01:00", "Mona Lisa", "mona"),
                new Commit(GitHubEventHooks.sha(), "Round half-even", "2026-11-20T07:30:00Z", "Mona Lisa", "mona"),
                new Commit(GitHubEventHooks.sha(), "Update changelog", "2026-11-20T07:45:00Z", "Hubot", null));
        List<Commit> secondPush = List.of(
                new Commit(GitHubEventHooks.sha(), "Fix typo", "2026-11-20T11:00:00Z", "Mona Lisa", "mona"),
                new Commit(GitHubEventHooks.sha(), "Bump version", "2026-11-20T11:10:00Z", "Mona Lisa", "mona"));
        String firstHead = firstPush.get(2).sha();
        String secondHead = secondPush.get(1).sha();

        deliverOk("push", GitHubEventHooks.push(repo, "refs/heads/main", base, firstHead, firstPush, false, 1795158000));
        GitHubHooks.Deployment first = deployment(firstHead, "2026-11-20T09:00:00Z");
        deliverOk("deployment_status", GitHubHooks.deploymentStatus(first, "success", "2026-11-20T09:10:00Z", GitHubHooks.nextId()));
        deliverOk("push", GitHubEventHooks.push(repo, "refs/heads/main", firstHead, secondHead, secondPush, false, 1795172000));
        GitHubHooks.Deployment second = deployment(secondHead, "2026-11-20T12:00:00Z");
        deliverOk("deployment_status", GitHubHooks.deploymentStatus(second, "in_progress", "2026-11-20T12:01:00Z",
                GitHubHooks.nextId()));
        deliverOk("deployment_status", GitHubHooks.deploymentStatus(second, "success", "2026-11-20T12:05:00Z",
                GitHubHooks.nextId()));

        Map<String, Long> shippedFirst = Rows.leadTimes(server, origin(), first.id());
        Map<String, Long> shippedSecond = Rows.leadTimes(server, origin(), second.id());
        assertEquals(Map.of(
                firstPush.get(0).sha(), seconds("2026-11-20T07:00:00Z", "2026-11-20T09:10:00Z"),
                firstPush.get(1).sha(), seconds("2026-11-20T07:30:00Z", "2026-11-20T09:10:00Z"),
                firstPush.get(2).sha(), seconds("2026-11-20T07:45:00Z", "2026-11-20T09:10:00Z")), shippedFirst);
        assertEquals(Map.of(
                secondPush.get(0).sha(), seconds("2026-11-20T11:00:00Z", "2026-11-20T12:05:00Z"),
                secondPush.get(1).sha(), seconds("2026-11-20T11:10:00Z", "2026-11-20T12:05:00Z")), shippedSecond);

        List<Rows.Row> commits = Rows.query(server, "select * from change_commit where repository = ? order by push_after, push_index",
                repo.fullName());
        assertEquals(5, commits.size());
        Rows.Row firstCommit = Rows.only(server, "select * from change_commit where repository = ? and sha = ?", repo.fullName(),
                firstPush.get(0).sha());
        assertEquals("main", firstCommit.get("branch"));
        assertEquals(base, firstCommit.get("push_before"));
        assertEquals(firstHead, firstCommit.get("push_after"));
        assertEquals(0, firstCommit.get("push_index"));
        assertEquals("mona", firstCommit.get("author"));
        assertEquals("Add rounding test", firstCommit.get("message"));
        assertEquals(Instant.parse("2026-11-20T07:00:00Z"), firstCommit.get("committed_at"));
        assertEquals(Instant.ofEpochSecond(1795158000), firstCommit.get("pushed_at"));
        assertEquals("Hubot", Rows.only(server, "select author from change_commit where repository = ? and sha = ?", repo.fullName(),
                firstHead).get("author"), "an author GitHub could not match to an account is named");

        List<JsonObject> deployments = http.get("/api/v1/deployments?service=" + repo.name(), OpsSightServer.ADMIN_TOKEN)
                .json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(2, deployments.size());
        assertTrue(deployments.stream().allMatch(d -> d.getString("status").equals("success")), deployments::toString);
    }

    @Test
    @DisplayName("#3 a merged pull request's commits, pushed first to their branch, ship with the deployment of main")
    void mergedPullRequestCommitsShipWithTheDeploymentOfMain() throws SQLException {
        String base = GitHubEventHooks.sha();
        Commit released = new Commit(GitHubEventHooks.sha(), "Release 1.4", "2026-11-21T08:00:00Z", "Mona Lisa", "mona");
        Commit featureOne = new Commit(GitHubEventHooks.sha(), "Add coupon codes", "2026-11-21T09:00:00Z", "Mona Lisa", "mona");
        Commit featureTwo = new Commit(GitHubEventHooks.sha(), "Validate coupons", "2026-11-21T09:30:00Z", "Mona Lisa", "mona");
        Commit merge = new Commit(GitHubEventHooks.sha(), "Merge pull request #7 from acme/coupons", "2026-11-21T10:00:00Z",
                "Mona Lisa", "mona");
        String zeros = "0000000000000000000000000000000000000000";

        deliverOk("push", GitHubEventHooks.push(repo, "refs/heads/main", base, released.sha(), List.of(released), false, 1795248000));
        GitHubHooks.Deployment previous = deployment(released.sha(), "2026-11-21T08:10:00Z");
        deliverOk("deployment_status", GitHubHooks.deploymentStatus(previous, "success", "2026-11-21T08:15:00Z", GitHubHooks.nextId()));
        deliverOk("push", GitHubEventHooks.push(repo, "refs/heads/coupons", zeros, featureTwo.sha(),
                List.of(featureOne, featureTwo), false, 1795255200));
        deliverOk("push", GitHubEventHooks.push(repo, "refs/heads/main", released.sha(), merge.sha(),
                List.of(featureOne, featureTwo, merge), false, 1795258800));
        GitHubHooks.Deployment deployed = deployment(merge.sha(), "2026-11-21T10:05:00Z");
        deliverOk("deployment_status", GitHubHooks.deploymentStatus(deployed, "success", "2026-11-21T10:20:00Z", GitHubHooks.nextId()));

        assertEquals(Map.of(
                featureOne.sha(), seconds("2026-11-21T09:00:00Z", "2026-11-21T10:20:00Z"),
                featureTwo.sha(), seconds("2026-11-21T09:30:00Z", "2026-11-21T10:20:00Z"),
                merge.sha(), seconds("2026-11-21T10:00:00Z", "2026-11-21T10:20:00Z")),
                Rows.leadTimes(server, origin(), deployed.id()));
        assertEquals(Map.of(released.sha(), seconds("2026-11-21T08:00:00Z", "2026-11-21T08:15:00Z")),
                Rows.leadTimes(server, origin(), previous.id()));
    }

    @Test
    @DisplayName("#3 tag pushes and branch deletions are accepted and kept raw, recording no commits")
    void tagPushesAndBranchDeletionsRecordNothing() throws SQLException {
        String head = GitHubEventHooks.sha();
        List<Commit> one = List.of(new Commit(head, "Release", "2026-11-20T07:00:00Z", "Mona Lisa", "mona"));

        Http.Answer tag = deliverOk("push", GitHubEventHooks.push(repo, "refs/tags/v2.0.0",
                "0000000000000000000000000000000000000000", head, one, false, 1795158000));
        Http.Answer deleted = deliverOk("push", GitHubEventHooks.push(repo, "refs/heads/old-feature", head,
                "0000000000000000000000000000000000000000", List.of(), true, 1795158000));

        assertEquals("push of tag v2.0.0: tags are not changes (stored raw)", tag.json().getString("note"));
        assertEquals("push deleting branch old-feature: nothing to record", deleted.json().getString("note"));
        assertEquals("IGNORED", delivery(tag).get("status"));
        assertEquals(0, Rows.query(server, "select * from change_commit where repository = ?", repo.fullName()).size());
    }

    @Test
    @DisplayName("#3 a pull request opened then merged ends merged with its merge commit; a late older report changes nothing")
    void pullRequestLifecycle() throws SQLException {
        GitHubEventHooks.PullRequest pr = new GitHubEventHooks.PullRequest(1347, "Round totals half-even", "mona", "rounding",
                GitHubEventHooks.sha(), "main", "2026-11-19T14:00:00Z");
        String testMerge = GitHubEventHooks.sha();
        String mergeCommit = GitHubEventHooks.sha();
        byte[] opened = GitHubEventHooks.pullRequest(repo, pr, "opened", "open", false, testMerge, "2026-11-19T14:00:00Z",
                null, null);

        deliverOk("pull_request", opened);
        Rows.Row open = Rows.pullRequest(server, repo.fullName(), pr.number());
        assertEquals("open", open.get("state"));
        assertNull(open.get("merge_sha"), "an open pull request's merge_commit_sha is GitHub's test merge");

        deliverOk("pull_request", GitHubEventHooks.pullRequest(repo, pr, "closed", "closed", true, mergeCommit,
                "2026-11-20T09:00:05Z", "2026-11-20T09:00:00Z", "2026-11-20T09:00:00Z"));
        deliverOk("pull_request", GitHubEventHooks.pullRequest(repo, pr, "synchronize", "open", false, testMerge,
                "2026-11-19T16:00:00Z", null, null));

        Rows.Row row = Rows.pullRequest(server, repo.fullName(), pr.number());
        assertEquals("merged", row.get("state"));
        assertEquals("Round totals half-even", row.get("title"));
        assertEquals("mona", row.get("author"));
        assertEquals("main", row.get("base_branch"));
        assertEquals(pr.headSha(), row.get("head_sha"));
        assertEquals(mergeCommit, row.get("merge_sha"));
        assertEquals(Instant.parse("2026-11-19T14:00:00Z"), row.get("created_at"));
        assertEquals(Instant.parse("2026-11-20T09:00:00Z"), row.get("merged_at"));
        assertEquals(Instant.parse("2026-11-20T09:00:00Z"), row.get("closed_at"));
        assertEquals(Instant.parse("2026-11-20T09:00:05Z"), row.get("updated_at"));
        assertEquals("https://github.com/" + repo.fullName() + "/pull/1347", row.get("url"));
    }

    @Test
    @DisplayName("#3 a release is accepted and kept raw with a note saying it is not modelled")
    void releaseIsKeptRaw() throws SQLException {
        Http.Answer answer = deliverOk("release", GitHubEventHooks.release(repo, "v2.0.0", "published", "2026-11-20T10:00:00Z"));

        assertTrue(answer.json().getString("note").startsWith("release v2.0.0 published: stored raw"), answer::toString);
        Rows.Row stored = delivery(answer);
        assertEquals("IGNORED", stored.get("status"));
        assertEquals("release", stored.get("event_type"));
    }

    // --- helpers

    private String origin() {
        return "github:" + source.name();
    }

    private GitHubHooks.Deployment deployment(String sha, String createdAt) {
        return new GitHubHooks.Deployment(GitHubHooks.nextId(), repo.owner(), repo.name(), "production", sha, "main", createdAt,
                "octocat", null);
    }

    private Http.Answer deliverOk(String event, byte[] body) {
        Http.Answer answer = http.postRaw(source.ingestPath(),
                GitHubHooks.headers(event, UUID.randomUUID().toString(), source.secret(), body), body);
        assertEquals(202, answer.status(), answer::toString);
        assertEquals("accepted", answer.json().getString("status"), answer::toString);
        assertTrue(!answer.json().getString("note").contains("dead letter"), answer::toString);
        return answer;
    }

    private Rows.Row delivery(Http.Answer answer) throws SQLException {
        return Rows.only(server, "select status, error, event_type from delivery where id = ?",
                answer.json().getJsonNumber("delivery").longValue());
    }

    private static long seconds(String from, String to) {
        return Duration.between(Instant.parse(from), Instant.parse(to)).toSeconds();
    }
}
