package io.opssight.ingestion.control;

import static io.opssight.ingestion.control.Deliveries.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.change.control.CommitFacts;
import io.opssight.change.control.PullRequestFacts;
import io.opssight.deployment.control.DeploymentFacts;
import io.opssight.deployment.entity.DeploymentStatus;
import io.opssight.pipeline.control.JobFacts;
import io.opssight.pipeline.control.RunFacts;
import io.opssight.pipeline.entity.Conclusion;
import io.opssight.pipeline.entity.RunStatus;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("#3 GitLabFacts: GitLab hook payloads read into runs, jobs, deployments, pushes and merge requests")
class GitLabFactsTest {

    private static final String ORIGIN = "gitlab:acme";
    private static final Instant RECEIVED = Instant.parse("2030-01-01T00:00:00Z");

    private static final String PROJECT = """
            "project": {"id": 278964, "name": "Shop", "description": "The shop", "web_url": "https://gitlab.example.com/acme/shop",
              "avatar_url": null, "git_ssh_url": "git@gitlab.example.com:acme/shop.git",
              "git_http_url": "https://gitlab.example.com/acme/shop.git", "namespace": "Acme", "visibility_level": 20,
              "path_with_namespace": "acme/shop", "default_branch": "main", "ci_config_path": null,
              "homepage": "https://gitlab.example.com/acme/shop", "url": "git@gitlab.example.com:acme/shop.git"}
            """;

    private static JsonObject json(String text) {
        return Payloads.parse(body(text));
    }

    @Nested
    @DisplayName("#3 event kinds and statuses")
    class Kinds {

        @Test
        @DisplayName("#3 the body's object_kind names the event; the X-Gitlab-Event header only when there is none")
        void kindFromBodyThenHeader() {
            assertEquals("build", GitLabFacts.kindOf(json("{\"object_kind\":\"build\"}"), "Job Hook"));
            assertEquals("merge_request", GitLabFacts.kindOf(json("{\"object_kind\":\"merge_request\"}"), "System Hook"));
            assertEquals("push", GitLabFacts.kindOf(json("{\"before\":\"x\"}"), "Push Hook"));
            assertEquals("build", GitLabFacts.kindOf(json("{}"), "Build Hook"));
            assertNull(GitLabFacts.kindOf(json("{}"), "Wiki Page Hook"));
            assertNull(GitLabFacts.kindOf(json("{}"), null));
        }

        @ParameterizedTest(name = "#3 ''{0}'' is {1}")
        @CsvSource({"created,QUEUED", "waiting_for_resource,QUEUED", "preparing,QUEUED", "pending,QUEUED", "scheduled,QUEUED",
            "running,IN_PROGRESS", "canceling,IN_PROGRESS", "success,COMPLETED", "failed,COMPLETED", "canceled,COMPLETED",
            "skipped,COMPLETED", "manual,COMPLETED"})
        @DisplayName("#3 pipeline and job statuses map onto queued, in progress and completed")
        void statuses(String gitlab, RunStatus expected) {
            assertEquals(expected, GitLabFacts.status(gitlab));
        }

        @ParameterizedTest(name = "#3 ''{0}'' is {1}")
        @CsvSource({"created,PENDING", "blocked,QUEUED", "running,IN_PROGRESS", "success,SUCCESS", "failed,FAILURE",
            "canceled,ERROR", "skipped,INACTIVE"})
        @DisplayName("#3 deployment statuses map onto OpsSight's; canceled is a final non-success that is not a failure")
        void deploymentStatuses(String gitlab, DeploymentStatus expected) {
            assertEquals(expected, GitLabFacts.deploymentStatus(gitlab));
        }

        @Test
        @DisplayName("#3 an unknown deployment status is refused with the word quoted")
        void unknownDeploymentStatus() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GitLabFacts.deploymentStatus("exploded"));

            assertEquals("unknown deployment status 'exploded'", e.getMessage());
        }
    }

    @Nested
    @DisplayName("#3 Pipeline Hook")
    class Pipeline {

        private String pipeline(String status, String finishedAt, String queuedDuration) {
            return """
                    {"object_kind": "pipeline",
                     "object_attributes": {"id": 31, "iid": 3, "name": null, "ref": "main", "tag": false,
                       "sha": "bcbb5ec396a2c0f828686f14fac9b80b780504f2", "before_sha": "bcbb5ec396a2c0f828686f14fac9b80b780504f2",
                       "source": "merge_request_event", "status": "%s", "detailed_status": "passed",
                       "stages": ["build", "test", "deploy"], "created_at": "2016-08-12 15:23:28 UTC",
                       "finished_at": %s, "duration": 63, "queued_duration": %s, "variables": [],
                       "url": "https://gitlab.example.com/acme/shop/-/pipelines/31"},
                     "merge_request": null,
                     "user": {"id": 1, "name": "Administrator", "username": "root", "avatar_url": "x", "email": "[REDACTED]"},
                     %s,
                     "commit": {"id": "bcbb5ec396a2c0f828686f14fac9b80b780504f2", "message": "test\\n", "title": "test",
                       "timestamp": "2016-08-12T17:23:21+02:00", "url": "https://gitlab.example.com/acme/shop/-/commit/bcbb5ec3",
                       "author": {"name": "User", "email": "user@gitlab.com"}},
                     "source_pipeline": null,
                     "builds": [
                       {"id": 380, "stage": "deploy", "name": "production", "status": "skipped",
                        "created_at": "2016-08-12 15:23:28 UTC", "started_at": null, "finished_at": null, "duration": null,
                        "queued_duration": null, "failure_reason": null, "when": "manual", "manual": true,
                        "allow_failure": false, "user": {"id": 1, "username": "root"}, "runner": null,
                        "artifacts_file": {"filename": null, "size": null}, "environment": {"name": "production",
                        "action": "start", "deployment_tier": "production"}},
                       {"id": 377, "stage": "test", "name": "test-image", "status": "success",
                        "created_at": "2016-08-12 15:23:28 UTC", "started_at": "2016-08-12 15:26:29 UTC",
                        "finished_at": "2016-08-12 15:27:40 UTC", "duration": 71.0, "queued_duration": 181.2,
                        "failure_reason": null, "when": "on_success", "manual": false, "allow_failure": false,
                        "user": {"id": 1, "username": "root"},
                        "runner": {"id": 380987, "description": "shared-runners-manager-6.gitlab.com", "runner_type": "instance_type",
                          "active": true, "is_shared": true, "tags": ["linux", "docker"]},
                        "artifacts_file": {"filename": null, "size": null}, "environment": null},
                       {"id": 376, "stage": "build", "name": "build-image", "status": "success",
                        "created_at": "2016-08-12 15:23:28 UTC", "started_at": "2016-08-12 15:24:56 UTC",
                        "finished_at": "2016-08-12 15:26:29 UTC", "duration": 93.0, "queued_duration": 88.0,
                        "failure_reason": null, "when": "on_success", "manual": false, "allow_failure": false,
                        "user": {"id": 1, "username": "root"}, "runner": null,
                        "artifacts_file": {"filename": null, "size": null}, "environment": null}]}
                    """.formatted(status, finishedAt == null ? "null" : "\"" + finishedAt + "\"",
                    queuedDuration == null ? "null" : queuedDuration, PROJECT);
        }

        @Test
        @DisplayName("#3 a finished pipeline: id, iid, ref, sha, source, user, url; started = created_at + queued_duration")
        void finishedPipeline() {
            RunFacts run = GitLabFacts.pipeline(ORIGIN, json(pipeline("success", "2016-08-12 15:27:40 UTC", "88")));

            assertEquals("31", run.externalId());
            assertEquals("shop", run.pipeline());
            assertEquals("acme/shop", run.repository());
            assertEquals("shop", run.repositoryName(), "the service is the project's path, not its display name 'Shop'");
            assertEquals(3L, run.runNumber());
            assertNull(run.attempt());
            assertEquals("main", run.branch());
            assertEquals("bcbb5ec396a2c0f828686f14fac9b80b780504f2", run.sha());
            assertEquals("merge_request_event", run.triggerEvent());
            assertEquals("root", run.actor());
            assertEquals("https://gitlab.example.com/acme/shop/-/pipelines/31", run.url());
            assertEquals(RunStatus.COMPLETED, run.status());
            assertEquals(Conclusion.SUCCESS, run.conclusion());
            assertEquals(Instant.parse("2016-08-12T15:23:28Z"), run.queuedAt());
            assertEquals(Instant.parse("2016-08-12T15:24:56Z"), run.startedAt());
            assertEquals(Instant.parse("2016-08-12T15:27:40Z"), run.finishedAt());
        }

        @Test
        @DisplayName("#3 without queued_duration (older GitLab) the start is the earliest job start")
        void startFromBuilds() {
            RunFacts run = GitLabFacts.pipeline(ORIGIN, json(pipeline("running", null, null)));

            assertEquals(RunStatus.IN_PROGRESS, run.status());
            assertNull(run.conclusion());
            assertNull(run.finishedAt());
            assertEquals(Instant.parse("2016-08-12T15:24:56Z"), run.startedAt());
        }

        @Test
        @DisplayName("#3 a pending pipeline has neither start nor finish")
        void pendingPipeline() {
            RunFacts run = GitLabFacts.pipeline(ORIGIN, json(pipeline("pending", null, null)));

            assertEquals(RunStatus.QUEUED, run.status());
            assertNull(run.startedAt());
        }

        @Test
        @DisplayName("#3 builds[] become jobs of the pipeline with their runner, stage times and outcome")
        void buildsAreJobs() {
            List<JobFacts> jobs = GitLabFacts.pipelineJobs(ORIGIN, json(pipeline("success", "2016-08-12 15:27:40 UTC", "88")));

            assertEquals(3, jobs.size());
            JobFacts test = jobs.get(1);
            assertEquals("377", test.externalId());
            assertEquals("31", test.runExternalId());
            assertEquals("test-image", test.name());
            assertEquals("acme/shop", test.repository());
            assertEquals("shared-runners-manager-6.gitlab.com", test.runner());
            assertEquals(Conclusion.SUCCESS, test.conclusion());
            assertEquals(Instant.parse("2016-08-12T15:26:29Z"), test.startedAt());
            assertEquals(Instant.parse("2016-08-12T15:27:40Z"), test.finishedAt());
            assertEquals(Conclusion.SKIPPED, jobs.get(0).conclusion(), "a manual job never played is skipped");
        }
    }

    @Nested
    @DisplayName("#3 Job Hook")
    class Job {

        @Test
        @DisplayName("#3 an older job hook without a project object finds the project from repository.homepage")
        void olderJobHook() {
            JobFacts job = GitLabFacts.job(ORIGIN, json("""
                    {"object_kind": "build", "ref": "gitlab-script-trigger", "tag": false,
                     "before_sha": "2293ada6b400935a1378653304eaf6221e0fdb8f", "sha": "2293ada6b400935a1378653304eaf6221e0fdb8f",
                     "build_id": 1977, "build_name": "test", "build_stage": "test", "build_status": "failed",
                     "build_created_at": "2016-08-12 15:23:28 UTC", "build_started_at": "2016-08-12 15:24:00 UTC",
                     "build_finished_at": "2016-08-12 15:26:29 UTC", "build_duration": 149.2, "build_allow_failure": false,
                     "build_failure_reason": "script_failure", "pipeline_id": 2366, "project_id": 380,
                     "project_name": "gitlab-org/gitlab-test",
                     "user": {"id": 3, "name": "User", "email": "user@gitlab.com", "avatar_url": "x"},
                     "commit": {"id": 2366, "sha": "2293ada6b400935a1378653304eaf6221e0fdb8f", "message": "test\\n",
                       "author_name": "User", "author_email": "user@gitlab.com", "status": "created", "duration": null,
                       "started_at": null, "finished_at": null},
                     "repository": {"name": "gitlab_test", "description": "Atque in sunt eos similique dolores voluptatem.",
                       "homepage": "http://192.168.64.1:3005/gitlab-org/gitlab-test",
                       "git_ssh_url": "git@192.168.64.1:gitlab-org/gitlab-test.git",
                       "git_http_url": "http://192.168.64.1:3005/gitlab-org/gitlab-test.git", "visibility_level": 20},
                     "runner": null}
                    """));

            assertEquals("1977", job.externalId());
            assertEquals("2366", job.runExternalId());
            assertEquals("test", job.name());
            assertEquals("gitlab-org/gitlab-test", job.repository());
            assertEquals("gitlab-script-trigger", job.branch());
            assertNull(job.runner());
            assertEquals(RunStatus.COMPLETED, job.status());
            assertEquals(Conclusion.FAILURE, job.conclusion());
            assertEquals(Instant.parse("2016-08-12T15:23:28Z"), job.queuedAt());
            assertEquals(Instant.parse("2016-08-12T15:24:00Z"), job.startedAt());
            assertEquals(Instant.parse("2016-08-12T15:26:29Z"), job.finishedAt());
        }
    }

    @Nested
    @DisplayName("#3 Deployment Hook")
    class Deployment {

        private static final String SHA = "279484c09fbe69ededfced8c1bb6e6d24616b468";

        @Test
        @DisplayName("#3 the full sha comes from commit_url, production from the environment tier, the time from status_changed_at")
        void currentDeploymentHook() {
            DeploymentFacts facts = GitLabFacts.deployment(ORIGIN, json("""
                    {"object_kind": "deployment", "status": "success", "status_changed_at": "2021-04-28 21:50:00 +0200",
                     "deployment_id": 15, "deployable_id": 796, "deployable_url": "https://gitlab.example.com/acme/shop/-/jobs/796",
                     "environment": "live", "environment_tier": "production", "environment_slug": "live",
                     "environment_external_url": "https://shop.example.com", %s,
                     "short_sha": "279484c0",
                     "user": {"id": 1, "name": "Administrator", "username": "root", "avatar_url": "x", "email": "admin@example.com"},
                     "user_url": "https://gitlab.example.com/root",
                     "commit_url": "https://gitlab.example.com/acme/shop/-/commit/%s",
                     "commit_title": "Add new file", "ref": "main"}
                    """.formatted(PROJECT, SHA)), RECEIVED);

            assertEquals("15", facts.externalId());
            assertEquals("acme/shop", facts.repositoryFullName());
            assertEquals("shop", facts.repositoryName());
            assertEquals("live", facts.environment());
            assertEquals(Boolean.TRUE, facts.production());
            assertEquals(SHA, facts.sha());
            assertEquals("main", facts.ref());
            assertEquals("root", facts.creator());
            assertEquals("https://shop.example.com", facts.url());
            assertEquals("Add new file", facts.description());
            assertEquals(DeploymentStatus.SUCCESS, facts.status());
            assertEquals(Instant.parse("2021-04-28T19:50:00Z"), facts.statusAt());
        }

        @Test
        @DisplayName("#3 an older hook without deployment_id, status_changed_at, tier or user still maps")
        void olderDeploymentHook() {
            DeploymentFacts facts = GitLabFacts.deployment(ORIGIN, json("""
                    {"object_kind": "deployment", "status": "running", "deployable_id": 796,
                     "deployable_url": "http://10.126.0.2:3000/acme/shop/-/jobs/796", "environment": "staging", %s,
                     "short_sha": "279484c0", "user": null, "user_url": null,
                     "commit_url": "http://10.126.0.2:3000/acme/shop/-/tree/279484c0", "commit_title": "Add new file"}
                    """.formatted(PROJECT)), RECEIVED);

            assertEquals("job:796", facts.externalId());
            assertNull(facts.production(), "no tier: the environment's name decides");
            assertEquals("279484c0", facts.sha(), "no full sha in the URL: the short one is kept");
            assertNull(facts.creator());
            assertEquals("http://10.126.0.2:3000/acme/shop/-/jobs/796", facts.url());
            assertEquals(DeploymentStatus.IN_PROGRESS, facts.status());
            assertEquals(RECEIVED, facts.statusAt());
        }

        @Test
        @DisplayName("#3 statuses in the same second are ordered created < running < outcome")
        void sameSecondOrder() {
            long created = GitLabFacts.deploymentSeq(DeploymentStatus.PENDING);
            long running = GitLabFacts.deploymentSeq(DeploymentStatus.IN_PROGRESS);

            assertTrue(created < running);
            assertTrue(running < GitLabFacts.deploymentSeq(DeploymentStatus.SUCCESS));
            assertEquals(GitLabFacts.deploymentSeq(DeploymentStatus.SUCCESS), GitLabFacts.deploymentSeq(DeploymentStatus.ERROR));
        }

        @ParameterizedTest(name = "#3 {0}")
        @CsvSource(nullValues = "none", value = {
            "https://gitlab.example.com/acme/shop/-/commit/279484c09fbe69ededfced8c1bb6e6d24616b468,"
                    + "279484c09fbe69ededfced8c1bb6e6d24616b468",
            "https://gitlab.example.com/a/b/commit/279484C09FBE69EDEDFCED8C1BB6E6D24616B468?view=parallel,"
                    + "279484c09fbe69ededfced8c1bb6e6d24616b468",
            "https://gitlab.example.com/acme/shop/-/tree/279484c0,none",
            "https://gitlab.example.com/acme/shop/-/commit/279484c0,none",
            "none,none"})
        @DisplayName("#3 a full sha is read from a commit URL, and only a full one")
        void shaFromCommitUrl(String url, String expected) {
            assertEquals(expected, GitLabFacts.shaFromCommitUrl(url));
        }
    }

    @Nested
    @DisplayName("#3 Push Hook")
    class Push {

        private String push(String ref, String before, String after, String commits, int total) {
            return """
                    {"object_kind": "push", "event_name": "push", "before": "%s", "after": "%s", "ref": "%s",
                     "ref_protected": true, "checkout_sha": "%s", "message": null, "user_id": 4, "user_name": "John Smith",
                     "user_username": "jsmith", "user_email": "john@example.com", "user_avatar": "x", "project_id": 15,
                     %s,
                     "repository": {"name": "Shop", "url": "git@gitlab.example.com:acme/shop.git", "description": "",
                       "homepage": "https://gitlab.example.com/acme/shop", "git_http_url": "x", "git_ssh_url": "y",
                       "visibility_level": 0},
                     "commits": [%s], "total_commits_count": %d}
                    """.formatted(before, after, ref, after, PROJECT, commits, total);
        }

        private String commit(String id, String message, String timestamp) {
            return """
                    {"id": "%s", "message": "%s", "title": "%s", "timestamp": "%s",
                     "url": "https://gitlab.example.com/acme/shop/-/commit/%s",
                     "author": {"name": "Jordi Mallach", "email": "jordi@softcatala.org"},
                     "added": ["CHANGELOG"], "modified": ["app/controller/application.rb"], "removed": []}
                    """.formatted(id, message, message, timestamp, id);
        }

        private static final String OLD = "b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327";
        private static final String NEW = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7";

        @Test
        @DisplayName("#3 a branch push: project path, branch, before/after, commits oldest first with author name and time")
        void branchPush() {
            PushFacts push = GitLabFacts.push(json(push("refs/heads/main", "95790bf891e76fee5e1747ab589903a6a1f80f22", NEW,
                    commit(OLD, "Update Catalan translation", "2011-12-12T14:27:31+02:00") + ","
                            + commit(NEW, "fixed readme", "2012-01-03T23:36:29+02:00"), 2)), RECEIVED);

            assertEquals("acme/shop", push.repository());
            assertEquals("main", push.branch());
            assertEquals("95790bf891e76fee5e1747ab589903a6a1f80f22", push.before());
            assertEquals(NEW, push.after());
            assertEquals(RECEIVED, push.pushedAt());
            assertEquals(List.of(new CommitFacts(OLD, "Update Catalan translation", "Jordi Mallach",
                    Instant.parse("2011-12-12T12:27:31Z")), new CommitFacts(NEW, "fixed readme", "Jordi Mallach",
                    Instant.parse("2012-01-03T21:36:29Z"))), push.commits());
        }

        @Test
        @DisplayName("#3 commits sent newest first are put oldest first")
        void newestFirstIsTurned() {
            PushFacts push = GitLabFacts.push(json(push("refs/heads/main", "95790bf891e76fee5e1747ab589903a6a1f80f22", NEW,
                    commit(NEW, "fixed readme", "2012-01-03T23:36:29+02:00") + ","
                            + commit(OLD, "Update Catalan translation", "2011-12-12T14:27:31+02:00"), 2)), RECEIVED);

            assertEquals(List.of(OLD, NEW), push.commits().stream().map(CommitFacts::sha).toList());
        }

        @Test
        @DisplayName("#3 tag pushes and branch deletions are ignored with a reason; a truncated push says how much is missing")
        void ignoredAndTruncated() {
            String one = commit(NEW, "fixed readme", "2012-01-03T23:36:29+02:00");

            assertEquals("tag push v1.0.0: tags are not changes (stored raw)", GitLabFacts.pushIgnored(json(
                    push("refs/tags/v1.0.0", "0000000000000000000000000000000000000000", NEW, "", 0))));
            assertEquals("push deleting branch old: nothing to record", GitLabFacts.pushIgnored(json(
                    push("refs/heads/old", NEW, "0000000000000000000000000000000000000000", "", 0))));
            assertEquals(23L, GitLabFacts.commitsLeftOut(json(push("refs/heads/main", OLD, NEW, one, 24))));
            assertNull(GitLabFacts.commitsLeftOut(json(push("refs/heads/main", OLD, NEW, one, 1))));
        }
    }

    @Nested
    @DisplayName("#3 Merge Request Hook")
    class MergeRequest {

        private String mergeRequest(String action, String state, String mergeCommitSha, int userId) {
            return """
                    {"object_kind": "merge_request", "event_type": "merge_request",
                     "user": {"id": %d, "name": "Administrator", "username": "root", "avatar_url": "x", "email": "admin@example.com"},
                     %s,
                     "repository": {"name": "Shop", "url": "x", "description": "", "homepage": "https://gitlab.example.com/acme/shop"},
                     "object_attributes": {"id": 99, "iid": 1, "target_branch": "main", "source_branch": "ms-viewport",
                       "source_project_id": 14, "author_id": 51, "assignee_ids": [6], "title": "MS-Viewport",
                       "created_at": "2013-12-03 17:23:34 UTC", "updated_at": "2013-12-03 17:45:10 UTC",
                       "milestone_id": null, "state": "%s", "blocking_discussions_resolved": true,
                       "merge_status": "unchecked", "target_project_id": 14, "description": "", "merge_commit_sha": %s,
                       "url": "https://gitlab.example.com/acme/shop/-/merge_requests/1",
                       "source": {"name": "Awesome Project", "path_with_namespace": "awesome_space/awesome_project"},
                       "target": {"name": "Shop", "path_with_namespace": "acme/shop"},
                       "last_commit": {"id": "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", "message": "fixed readme",
                         "title": "fixed readme", "timestamp": "2012-01-03T23:36:29+02:00", "url": "x",
                         "author": {"name": "GitLab dev user", "email": "gitlabdev@dv6700.(none)"}},
                       "work_in_progress": false, "draft": false, "action": "%s"},
                     "labels": [], "changes": {}}
                    """.formatted(userId, PROJECT, state,
                    mergeCommitSha == null ? "null" : "\"" + mergeCommitSha + "\"", action);
        }

        @Test
        @DisplayName("#3 the merge action: state merged, merged at its updated_at, the merge commit, target branch, last commit")
        void merged() {
            PullRequestFacts pr = GitLabFacts.mergeRequest(json(mergeRequest("merge", "merged",
                    "82b3d5ae55f7080f1e6022629cdb57bfae7cccc7", 6)));

            assertEquals("acme/shop", pr.repository());
            assertEquals(1, pr.number());
            assertEquals("MS-Viewport", pr.title());
            assertNull(pr.author(), "the acting user (6) is not the author (51)");
            assertEquals("merged", pr.state());
            assertEquals("main", pr.baseBranch());
            assertEquals("da1560886d4f094c3e6c9ef40349f7d38b5d27d7", pr.headSha());
            assertEquals("82b3d5ae55f7080f1e6022629cdb57bfae7cccc7", pr.mergeSha());
            assertEquals(Instant.parse("2013-12-03T17:23:34Z"), pr.createdAt());
            assertEquals(Instant.parse("2013-12-03T17:45:10Z"), pr.mergedAt());
            assertNull(pr.closedAt());
            assertEquals(Instant.parse("2013-12-03T17:45:10Z"), pr.updatedAt());
            assertEquals("https://gitlab.example.com/acme/shop/-/merge_requests/1", pr.url());
        }

        @Test
        @DisplayName("#3 the open action by its author: state open, author known, no merge time")
        void opened() {
            PullRequestFacts pr = GitLabFacts.mergeRequest(json(mergeRequest("open", "opened", null, 51)));

            assertEquals("open", pr.state());
            assertEquals("root", pr.author());
            assertNull(pr.mergedAt());
            assertNull(pr.mergeSha());
        }

        @Test
        @DisplayName("#3 the close action: closed at its updated_at")
        void closed() {
            PullRequestFacts pr = GitLabFacts.mergeRequest(json(mergeRequest("close", "closed", null, 51)));

            assertEquals("closed", pr.state());
            assertEquals(Instant.parse("2013-12-03T17:45:10Z"), pr.closedAt());
        }
    }

    @Test
    @DisplayName("#3 project paths come from path_with_namespace, else web_url or repository.homepage")
    void projectPaths() {
        assertEquals("acme/shop", GitLabFacts.projectPath(json("{" + PROJECT + "}")));
        assertEquals("group/sub/app", GitLabFacts.projectPath(json(
                "{\"project\":{\"web_url\":\"https://gitlab.example.com/group/sub/app/\"}}")));
        assertEquals("gitlab-org/gitlab-test", GitLabFacts.projectPath(json(
                "{\"repository\":{\"homepage\":\"http://192.168.64.1:3005/gitlab-org/gitlab-test\"}}")));
        assertNull(GitLabFacts.projectPath(json("{\"repository\":{\"name\":\"x\"}}")));
    }

    @Test
    @DisplayName("#3 durations in fractional seconds are read to the millisecond")
    void fractionalSeconds() {
        assertEquals(Duration.ofMillis(1095588), GitLabFacts.seconds(json("{\"d\":1095.588715}"), "d"));
        assertNull(GitLabFacts.seconds(json("{\"d\":null}"), "d"));
    }
}
