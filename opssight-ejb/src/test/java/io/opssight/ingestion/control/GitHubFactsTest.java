package io.opssight.ingestion.control;

import static io.opssight.ingestion.control.Deliveries.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.change.control.CommitFacts;
import io.opssight.change.control.PullRequestFacts;
import io.opssight.pipeline.control.JobFacts;
import io.opssight.pipeline.control.RunFacts;
import io.opssight.pipeline.entity.Conclusion;
import io.opssight.pipeline.entity.RunStatus;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("#3 GitHubFacts: GitHub payloads read into runs, jobs, pushes and pull requests")
class GitHubFactsTest {

    private static final String ORIGIN = "github:acme";

    private static final String REPOSITORY = """
            "repository": {"id": 1296269, "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5", "name": "shop",
              "full_name": "acme/shop", "private": false, "owner": {"login": "acme", "id": 9001, "type": "Organization"},
              "html_url": "https://github.com/acme/shop", "default_branch": "main",
              "created_at": "2020-01-01T00:00:00Z", "pushed_at": "2026-11-20T09:59:00Z"}
            """;

    private static JsonObject json(String text) {
        return Payloads.parse(body(text));
    }

    private static String workflowRun(String action, String status, String conclusion, int attempt, String createdAt,
            String runStartedAt, String updatedAt) {
        return """
                {"action": "%s",
                 "workflow_run": {"id": 7436286190, "name": "CI", "node_id": "WFR_kwLOA", "head_branch": "main",
                   "head_sha": "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", "path": ".github/workflows/ci.yml",
                   "display_title": "Fix checkout rounding", "run_number": 412, "event": "push", "status": "%s",
                   "conclusion": %s, "workflow_id": 161335, "check_suite_id": 20001, "check_suite_node_id": "CS_kwDO",
                   "url": "https://api.github.com/repos/acme/shop/actions/runs/7436286190",
                   "html_url": "https://github.com/acme/shop/actions/runs/7436286190",
                   "pull_requests": [], "created_at": "%s", "updated_at": "%s",
                   "actor": {"login": "octocat", "id": 1, "type": "User"}, "run_attempt": %d,
                   "referenced_workflows": [], "run_started_at": "%s",
                   "triggering_actor": {"login": "hubot", "id": 2, "type": "User"},
                   "jobs_url": "https://api.github.com/repos/acme/shop/actions/runs/7436286190/jobs",
                   "head_commit": {"id": "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", "tree_id": "a1b2",
                     "message": "Fix checkout rounding", "timestamp": "2026-11-20T09:58:00Z",
                     "author": {"name": "Mona Lisa", "email": "mona@example.com"}}},
                 "workflow": {"id": 161335, "name": "CI", "path": ".github/workflows/ci.yml", "state": "active"},
                 %s,
                 "sender": {"login": "octocat", "id": 1}}
                """.formatted(action, status, conclusion == null ? "null" : "\"" + conclusion + "\"", createdAt, updatedAt,
                attempt, runStartedAt, REPOSITORY);
    }

    private static String workflowJob(String action, String status, String conclusion, String startedAt, String completedAt,
            String runner) {
        return """
                {"action": "%s",
                 "workflow_job": {"id": 20254811730, "run_id": 7436286190, "workflow_name": "CI", "head_branch": "main",
                   "run_url": "https://api.github.com/repos/acme/shop/actions/runs/7436286190", "run_attempt": 2,
                   "node_id": "CR_kwDO", "head_sha": "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432",
                   "url": "https://api.github.com/repos/acme/shop/actions/jobs/20254811730",
                   "html_url": "https://github.com/acme/shop/actions/runs/7436286190/job/20254811730",
                   "status": "%s", "conclusion": %s, "created_at": "2026-11-20T10:00:05Z", "started_at": "%s",
                   "completed_at": %s, "name": "build (17)", "steps": [], "check_run_url": "https://api.github.com/x",
                   "labels": ["ubuntu-latest"], "runner_id": %s, "runner_name": %s, "runner_group_id": 1,
                   "runner_group_name": "GitHub Actions"},
                 %s,
                 "sender": {"login": "octocat", "id": 1}}
                """.formatted(action, status, conclusion == null ? "null" : "\"" + conclusion + "\"", startedAt,
                completedAt == null ? "null" : "\"" + completedAt + "\"", runner == null ? "null" : "4",
                runner == null ? "null" : "\"" + runner + "\"", REPOSITORY);
    }

    @Nested
    @DisplayName("#3 workflow_run")
    class WorkflowRun {

        @Test
        @DisplayName("#3 a completed run carries every field, its queue, start and finish times and its conclusion")
        void completedRun() {
            RunFacts run = GitHubFacts.workflowRun(ORIGIN, json(workflowRun("completed", "completed", "success", 1,
                    "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z", "2026-11-20T10:06:40Z")));

            assertEquals(ORIGIN, run.origin());
            assertEquals("7436286190:1", run.externalId());
            assertEquals("CI", run.pipeline());
            assertEquals("acme/shop", run.repository());
            assertEquals("shop", run.repositoryName());
            assertEquals(412L, run.runNumber());
            assertEquals(1, run.attempt());
            assertEquals("main", run.branch());
            assertEquals("9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", run.sha());
            assertEquals("push", run.triggerEvent());
            assertEquals("octocat", run.actor());
            assertEquals("https://github.com/acme/shop/actions/runs/7436286190", run.url());
            assertEquals(RunStatus.COMPLETED, run.status());
            assertEquals(Conclusion.SUCCESS, run.conclusion());
            assertEquals(Instant.parse("2026-11-20T10:00:00Z"), run.queuedAt());
            assertEquals(Instant.parse("2026-11-20T10:00:00Z"), run.startedAt());
            assertEquals(Instant.parse("2026-11-20T10:06:40Z"), run.finishedAt());
            assertEquals(Instant.parse("2026-11-20T10:06:40Z"), run.reportedAt());
        }

        @Test
        @DisplayName("#3 a requested run is queued: no start, no finish and no conclusion yet")
        void requestedRun() {
            RunFacts run = GitHubFacts.workflowRun(ORIGIN, json(workflowRun("requested", "queued", null, 1,
                    "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z")));

            assertEquals(RunStatus.QUEUED, run.status());
            assertNull(run.conclusion());
            assertNull(run.startedAt());
            assertNull(run.finishedAt());
            assertEquals(Instant.parse("2026-11-20T10:00:00Z"), run.queuedAt());
        }

        @Test
        @DisplayName("#3 a re-run is its own attempt, queued when it was requested (run_started_at), not at the first attempt's created_at")
        void reRunAttempt() {
            RunFacts run = GitHubFacts.workflowRun(ORIGIN, json(workflowRun("in_progress", "in_progress", null, 2,
                    "2026-11-20T10:00:00Z", "2026-11-20T11:30:00Z", "2026-11-20T11:30:20Z")));

            assertEquals("7436286190:2", run.externalId());
            assertEquals(2, run.attempt());
            assertEquals(Instant.parse("2026-11-20T11:30:00Z"), run.queuedAt());
            assertEquals(Instant.parse("2026-11-20T11:30:00Z"), run.startedAt());
        }

        @Test
        @DisplayName("#3 startup_failure (a workflow that could not start) is a failure")
        void startupFailure() {
            RunFacts run = GitHubFacts.workflowRun(ORIGIN, json(workflowRun("completed", "completed", "startup_failure", 1,
                    "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z", "2026-11-20T10:00:02Z")));

            assertEquals(Conclusion.FAILURE, run.conclusion());
        }

        @Test
        @DisplayName("#3 a workflow_run without its id is refused with a reason (kept as a dead letter)")
        void withoutIdIsRefused() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GitHubFacts.workflowRun(ORIGIN, json("{\"action\":\"completed\",\"workflow_run\":{\"name\":\"CI\"}}")));

            assertEquals("workflow_run event without workflow_run.id", e.getMessage());
        }

        @ParameterizedTest(name = "#3 ''{0}'' is {1}")
        @CsvSource({"queued,QUEUED", "waiting,QUEUED", "requested,QUEUED", "pending,QUEUED", "in_progress,IN_PROGRESS",
            "completed,COMPLETED"})
        @DisplayName("#3 GitHub's statuses map onto queued, in progress and completed")
        void statuses(String github, RunStatus expected) {
            assertEquals(expected, GitHubFacts.status(github));
        }
    }

    @Nested
    @DisplayName("#3 workflow_job and check_run")
    class Jobs {

        @Test
        @DisplayName("#3 a queued job's started_at is its queue time, not a start")
        void queuedJob() {
            JobFacts job = GitHubFacts.workflowJob(ORIGIN, json(workflowJob("queued", "queued", null, "2026-11-20T10:00:05Z",
                    null, null)));

            assertEquals("20254811730", job.externalId());
            assertEquals("7436286190:2", job.runExternalId());
            assertEquals("build (17)", job.name());
            assertEquals(RunStatus.QUEUED, job.status());
            assertEquals(Instant.parse("2026-11-20T10:00:05Z"), job.queuedAt());
            assertNull(job.startedAt());
            assertNull(job.finishedAt());
            assertNull(job.runner());
        }

        @Test
        @DisplayName("#3 a completed job has its runner, start, finish and conclusion")
        void completedJob() {
            JobFacts job = GitHubFacts.workflowJob(ORIGIN, json(workflowJob("completed", "completed", "failure",
                    "2026-11-20T10:00:20Z", "2026-11-20T10:03:00Z", "GitHub Actions 4")));

            assertEquals(RunStatus.COMPLETED, job.status());
            assertEquals(Conclusion.FAILURE, job.conclusion());
            assertEquals("GitHub Actions 4", job.runner());
            assertEquals("acme/shop", job.repository());
            assertEquals("main", job.branch());
            assertEquals("9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", job.sha());
            assertEquals(Instant.parse("2026-11-20T10:00:05Z"), job.queuedAt());
            assertEquals(Instant.parse("2026-11-20T10:00:20Z"), job.startedAt());
            assertEquals(Instant.parse("2026-11-20T10:03:00Z"), job.finishedAt());
        }

        private String checkRun(String appSlug) {
            return """
                    {"action": "completed",
                     "check_run": {"id": 128620228, "name": "ci/circleci: test", "node_id": "MDg6Q2hlY2tSdW4xMjg2MjAyMjg=",
                       "head_sha": "ec26c3e57ca3a959ca5aad62de7213c562f8c821", "external_id": "",
                       "url": "https://api.github.com/repos/acme/shop/check-runs/128620228",
                       "html_url": "https://github.com/acme/shop/runs/128620228", "details_url": "https://circleci.com/gh/acme/shop/77",
                       "status": "completed", "conclusion": "success", "started_at": "2026-11-20T10:01:00Z",
                       "completed_at": "2026-11-20T10:04:30Z",
                       "output": {"title": "Tests passed", "summary": "412 tests", "text": null, "annotations_count": 0},
                       "check_suite": {"id": 118578147, "head_branch": "feature/rounding",
                         "head_sha": "ec26c3e57ca3a959ca5aad62de7213c562f8c821", "status": "completed", "conclusion": "success",
                         "before": "146e867f55c26428e5f9fade55a9bbf5e95a7912", "after": "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
                         "pull_requests": [], "app": {"id": 18001, "slug": "%s", "name": "App"}},
                       "app": {"id": 18001, "slug": "%s", "node_id": "MDM6QXBwMTgwMDE=", "name": "App",
                         "owner": {"login": "acme"}, "events": []},
                       "pull_requests": []},
                     %s,
                     "sender": {"login": "octocat", "id": 1}}
                    """.formatted(appSlug, appSlug, REPOSITORY);
        }

        @Test
        @DisplayName("#3 a check run of another CI app is a job of its own, branch from its check suite")
        void checkRunOfOtherApp() {
            JsonObject payload = json(checkRun("circleci-checks"));

            assertNull(GitHubFacts.checkRunIgnored(payload));
            JobFacts job = GitHubFacts.checkRun(ORIGIN, payload);
            assertEquals("check:128620228", job.externalId());
            assertNull(job.runExternalId());
            assertEquals("ci/circleci: test", job.name());
            assertEquals("feature/rounding", job.branch());
            assertEquals("ec26c3e57ca3a959ca5aad62de7213c562f8c821", job.sha());
            assertEquals(Conclusion.SUCCESS, job.conclusion());
            assertEquals(Instant.parse("2026-11-20T10:01:00Z"), job.startedAt());
            assertEquals(Instant.parse("2026-11-20T10:04:30Z"), job.finishedAt());
        }

        @Test
        @DisplayName("#3 a check run of GitHub Actions is ignored as a duplicate of its workflow_job, and the note says so")
        void checkRunOfActionsIsIgnored() {
            String why = GitHubFacts.checkRunIgnored(json(checkRun("github-actions")));

            assertTrue(why != null && why.contains("GitHub Actions") && why.contains("duplicate of its workflow_job"), why);
        }
    }

    @Nested
    @DisplayName("#3 push")
    class Push {

        private String push(String ref, String before, boolean deleted, String commits) {
            return """
                    {"ref": "%s", "before": "%s", "after": "a3f1e6c1b2d4e5f60718293a4b5c6d7e8f901234",
                     "repository": {"id": 1296269, "name": "shop", "full_name": "acme/shop", "private": false,
                       "owner": {"name": "acme", "email": null, "login": "acme", "id": 9001},
                       "html_url": "https://github.com/acme/shop", "created_at": 1577836800, "updated_at": "2026-11-20T09:00:00Z",
                       "pushed_at": 1795168800, "default_branch": "main", "master_branch": "main"},
                     "pusher": {"name": "mona", "email": "mona@example.com"},
                     "sender": {"login": "mona", "id": 3},
                     "created": false, "deleted": %s, "forced": false, "base_ref": null,
                     "compare": "https://github.com/acme/shop/compare/1111...a3f1",
                     "commits": [%s],
                     "head_commit": null}
                    """.formatted(ref, before, deleted, commits);
        }

        private String commit(String id, String message, String timestamp, String username) {
            return """
                    {"id": "%s", "tree_id": "f9d2a07e9488b91af2641b26b9407fe22a451433", "distinct": true, "message": "%s",
                     "timestamp": "%s", "url": "https://github.com/acme/shop/commit/%s",
                     "author": {"name": "Mona Lisa", "email": "mona@example.com"%s},
                     "committer": {"name": "GitHub", "email": "noreply@github.com", "username": "web-flow"},
                     "added": [], "removed": [], "modified": ["README.md"]}
                    """.formatted(id, message, timestamp, id, username == null ? "" : ", \"username\": \"" + username + "\"");
        }

        @Test
        @DisplayName("#3 a branch push: branch, before/after, commits oldest first, login else name, pushed_at in epoch seconds")
        void branchPush() {
            JsonObject payload = json(push("refs/heads/main", "1111111111111111111111111111111111111111", false,
                    commit("b1e3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9", "First", "2026-11-20T09:50:00+01:00", "mona") + ","
                            + commit("a3f1e6c1b2d4e5f60718293a4b5c6d7e8f901234", "Second", "2026-11-20T08:55:00Z", null)));

            assertNull(GitHubFacts.pushIgnored(payload));
            PushFacts push = GitHubFacts.push(payload, Instant.parse("2030-01-01T00:00:00Z"));
            assertEquals("acme/shop", push.repository());
            assertEquals("main", push.branch());
            assertEquals("1111111111111111111111111111111111111111", push.before());
            assertEquals("a3f1e6c1b2d4e5f60718293a4b5c6d7e8f901234", push.after());
            assertEquals(Instant.ofEpochSecond(1795168800), push.pushedAt());
            List<CommitFacts> commits = push.commits();
            assertEquals(2, commits.size());
            assertEquals(new CommitFacts("b1e3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9", "First", "mona",
                    Instant.parse("2026-11-20T08:50:00Z")), commits.get(0));
            assertEquals("Mona Lisa", commits.get(1).author());
        }

        @Test
        @DisplayName("#3 a push creating a branch has no 'before' (GitHub's forty zeros)")
        void createdBranchHasNoBefore() {
            JsonObject payload = json(push("refs/heads/feature/x", "0000000000000000000000000000000000000000", false,
                    commit("a3f1e6c1b2d4e5f60718293a4b5c6d7e8f901234", "Start", "2026-11-20T08:55:00Z", "mona")));

            PushFacts push = GitHubFacts.push(payload, Instant.parse("2030-01-01T00:00:00Z"));

            assertNull(push.before());
            assertEquals("feature/x", push.branch());
        }

        @Test
        @DisplayName("#3 tag pushes, branch deletions and pushes without commits are ignored with a reason")
        void ignoredPushes() {
            String one = commit("a3f1e6c1b2d4e5f60718293a4b5c6d7e8f901234", "x", "2026-11-20T08:55:00Z", null);

            assertEquals("push of tag v1.4.0: tags are not changes (stored raw)",
                    GitHubFacts.pushIgnored(json(push("refs/tags/v1.4.0", "0000000000000000000000000000000000000000", false, one))));
            assertEquals("push deleting branch old: nothing to record",
                    GitHubFacts.pushIgnored(json(push("refs/heads/old", "1111111111111111111111111111111111111111", true, ""))));
            assertTrue(GitHubFacts.pushIgnored(json(push("refs/heads/main", "1111111111111111111111111111111111111111", false,
                    ""))).startsWith("push to main without commits"));
        }
    }

    @Nested
    @DisplayName("#3 pull_request")
    class PullRequests {

        private String pullRequest(String action, String state, boolean merged, String mergedAt, String closedAt) {
            return """
                    {"action": "%s", "number": 1347,
                     "pull_request": {"url": "https://api.github.com/repos/acme/shop/pulls/1347", "id": 1, "node_id": "PR_1",
                       "html_url": "https://github.com/acme/shop/pull/1347", "number": 1347, "state": "%s", "locked": false,
                       "title": "Round totals half-even", "user": {"login": "mona", "id": 3, "type": "User"},
                       "body": "Fixes #1346", "created_at": "2026-11-19T14:00:00Z", "updated_at": "%s",
                       "closed_at": %s, "merged_at": %s,
                       "merge_commit_sha": "e5bd3914e2e596debea16f433f57875b5b90bcd6", "draft": false,
                       "head": {"label": "mona:rounding", "ref": "rounding", "sha": "6dcb09b5b57875f334f61aebed695e2e4193db5e"},
                       "base": {"label": "acme:main", "ref": "main", "sha": "2a1b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5"},
                       "merged": %s, "mergeable": null, "merged_by": null, "comments": 2, "commits": 3,
                       "additions": 40, "deletions": 12, "changed_files": 4},
                     %s,
                     "sender": {"login": "mona", "id": 3}}
                    """.formatted(action, state, closedAt != null ? closedAt : "2026-11-19T14:00:00Z",
                    closedAt == null ? "null" : "\"" + closedAt + "\"", mergedAt == null ? "null" : "\"" + mergedAt + "\"",
                    merged, REPOSITORY);
        }

        @Test
        @DisplayName("#3 a merged pull request is 'merged' with its merge commit and times")
        void merged() {
            PullRequestFacts pr = GitHubFacts.pullRequest(json(pullRequest("closed", "closed", true,
                    "2026-11-20T09:00:00Z", "2026-11-20T09:00:00Z")));

            assertEquals("acme/shop", pr.repository());
            assertEquals(1347, pr.number());
            assertEquals("Round totals half-even", pr.title());
            assertEquals("mona", pr.author());
            assertEquals("merged", pr.state());
            assertEquals("main", pr.baseBranch());
            assertEquals("6dcb09b5b57875f334f61aebed695e2e4193db5e", pr.headSha());
            assertEquals("e5bd3914e2e596debea16f433f57875b5b90bcd6", pr.mergeSha());
            assertEquals(Instant.parse("2026-11-19T14:00:00Z"), pr.createdAt());
            assertEquals(Instant.parse("2026-11-20T09:00:00Z"), pr.mergedAt());
            assertEquals(Instant.parse("2026-11-20T09:00:00Z"), pr.closedAt());
            assertEquals("https://github.com/acme/shop/pull/1347", pr.url());
        }

        @Test
        @DisplayName("#3 an open pull request's merge_commit_sha (GitHub's test merge) is not kept")
        void openHasNoMergeSha() {
            PullRequestFacts pr = GitHubFacts.pullRequest(json(pullRequest("opened", "open", false, null, null)));

            assertEquals("open", pr.state());
            assertNull(pr.mergeSha());
            assertNull(pr.mergedAt());
        }
    }
}
