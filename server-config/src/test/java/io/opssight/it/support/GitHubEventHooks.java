package io.opssight.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * GitHub webhook bodies for the CI and change events (workflow_run, workflow_job, check_run, push,
 * pull_request, release) in GitHub's documented shapes, with the fields OpsSight does not read
 * and GitHub's awkward parts (a queued job's started_at, epoch seconds for repository.pushed_at in
 * push events, a test-merge sha on open pull requests). Sign them with {@link GitHubHooks#headers}.
 */
public final class GitHubEventHooks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private GitHubEventHooks() {
    }

    /** A repository: owner login and name. */
    public record Repo(String owner, String name) {
        public String fullName() {
            return owner + "/" + name;
        }

        String api() {
            return "https://api.github.com/repos/" + fullName();
        }

        String web() {
            return "https://github.com/" + fullName();
        }
    }

    /** One workflow run attempt. */
    public record Run(long id, int attempt, String workflow, long runNumber, String branch, String sha, String event,
            String actor) {
    }

    /** One job of a run attempt. */
    public record Job(long id, long runId, int attempt, String workflow, String name, String branch, String sha) {
    }

    /** One commit of a push; {@code username} is null when GitHub could not match the author's e-mail to an account. */
    public record Commit(String sha, String message, String timestamp, String name, String username) {
    }

    /** A pull request's fixed facts. */
    public record PullRequest(long number, String title, String author, String head, String headSha, String base,
            String createdAt) {
    }

    /** A random 40-hex commit sha. */
    public static String sha() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static byte[] workflowRun(Repo repo, Run run, String action, String status, String conclusion, String createdAt,
            String runStartedAt, String updatedAt) {
        JsonObjectBuilder workflowRun = Json.createObjectBuilder()
                .add("id", run.id())
                .add("name", run.workflow())
                .add("node_id", "WFR_kwLOBq" + run.id())
                .add("head_branch", run.branch())
                .add("head_sha", run.sha())
                .add("path", ".github/workflows/ci.yml")
                .add("display_title", "Build " + run.sha().substring(0, 7))
                .add("run_number", run.runNumber())
                .add("event", run.event())
                .add("status", status)
                .add("conclusion", conclusion == null ? JsonObject.NULL : Json.createValue(conclusion))
                .add("workflow_id", 161335)
                .add("check_suite_id", run.id() + 1000)
                .add("check_suite_node_id", "CS_kwDOBq" + run.id())
                .add("url", repo.api() + "/actions/runs/" + run.id())
                .add("html_url", repo.web() + "/actions/runs/" + run.id())
                .add("pull_requests", Json.createArrayBuilder())
                .add("created_at", createdAt)
                .add("updated_at", updatedAt)
                .add("actor", user(run.actor()))
                .add("run_attempt", run.attempt())
                .add("referenced_workflows", Json.createArrayBuilder())
                .add("run_started_at", runStartedAt)
                .add("triggering_actor", user(run.actor()))
                .add("jobs_url", repo.api() + "/actions/runs/" + run.id() + "/jobs")
                .add("logs_url", repo.api() + "/actions/runs/" + run.id() + "/logs")
                .add("check_suite_url", repo.api() + "/check-suites/" + (run.id() + 1000))
                .add("artifacts_url", repo.api() + "/actions/runs/" + run.id() + "/artifacts")
                .add("cancel_url", repo.api() + "/actions/runs/" + run.id() + "/cancel")
                .add("rerun_url", repo.api() + "/actions/runs/" + run.id() + "/rerun")
                .add("previous_attempt_url", run.attempt() > 1
                        ? Json.createValue(repo.api() + "/actions/runs/" + run.id() + "/attempts/" + (run.attempt() - 1))
                        : JsonObject.NULL)
                .add("workflow_url", repo.api() + "/actions/workflows/161335")
                .add("head_commit", Json.createObjectBuilder().add("id", run.sha()).add("tree_id", sha())
                        .add("message", "Build " + run.sha().substring(0, 7)).add("timestamp", createdAt)
                        .add("author", Json.createObjectBuilder().add("name", "Mona Lisa").add("email", "mona@example.com"))
                        .add("committer", Json.createObjectBuilder().add("name", "GitHub").add("email", "noreply@github.com")))
                .add("repository", repository(repo, false))
                .add("head_repository", repository(repo, false));
        return Json.createObjectBuilder()
                .add("action", action)
                .add("workflow_run", workflowRun)
                .add("workflow", Json.createObjectBuilder().add("id", 161335).add("node_id", "MDg6V29ya2Zsb3cxNjEzMzU=")
                        .add("name", run.workflow()).add("path", ".github/workflows/ci.yml").add("state", "active")
                        .add("created_at", "2024-01-10T10:00:00.000Z").add("updated_at", "2024-01-10T10:00:00.000Z"))
                .add("repository", repository(repo, false))
                .add("organization", organization(repo))
                .add("sender", user(run.actor()))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A workflow_job event; {@code status} is also the action (queued, waiting, in_progress,
     * completed). Like GitHub, a queued job already has {@code started_at}: pass its queue time.
     */
    public static byte[] workflowJob(Repo repo, Job job, String status, String conclusion, String createdAt, String startedAt,
            String completedAt, String runnerName) {
        JsonObjectBuilder workflowJob = Json.createObjectBuilder()
                .add("id", job.id())
                .add("run_id", job.runId())
                .add("workflow_name", job.workflow())
                .add("head_branch", job.branch())
                .add("run_url", repo.api() + "/actions/runs/" + job.runId())
                .add("run_attempt", job.attempt())
                .add("node_id", "CR_kwDOBq" + job.id())
                .add("head_sha", job.sha())
                .add("url", repo.api() + "/actions/jobs/" + job.id())
                .add("html_url", repo.web() + "/actions/runs/" + job.runId() + "/job/" + job.id())
                .add("status", status)
                .add("conclusion", conclusion == null ? JsonObject.NULL : Json.createValue(conclusion))
                .add("created_at", createdAt)
                .add("started_at", startedAt)
                .add("completed_at", completedAt == null ? JsonObject.NULL : Json.createValue(completedAt))
                .add("name", job.name())
                .add("steps", "completed".equals(status) ? Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "Set up job").add("status", "completed")
                                .add("conclusion", "success").add("number", 1).add("started_at", startedAt)
                                .add("completed_at", startedAt))
                        : Json.createArrayBuilder())
                .add("check_run_url", repo.api() + "/check-runs/" + job.id())
                .add("labels", Json.createArrayBuilder().add("ubuntu-latest"))
                .add("runner_id", runnerName == null ? JsonObject.NULL : Json.createValue(7))
                .add("runner_name", runnerName == null ? JsonObject.NULL : Json.createValue(runnerName))
                .add("runner_group_id", runnerName == null ? JsonObject.NULL : Json.createValue(1))
                .add("runner_group_name", runnerName == null ? JsonObject.NULL : Json.createValue("GitHub Actions"));
        return Json.createObjectBuilder()
                .add("action", status)
                .add("workflow_job", workflowJob)
                .add("repository", repository(repo, false))
                .add("organization", organization(repo))
                .add("sender", user("octocat"))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A check_run event created by the app {@code appSlug} (e.g. "github-actions", "circleci-checks"). */
    public static byte[] checkRun(Repo repo, long id, String name, String appSlug, String status, String conclusion,
            String headSha, String branch, String startedAt, String completedAt) {
        // Built once: a JSON-P builder is emptied by building it, and the app appears twice.
        JsonObject app = Json.createObjectBuilder().add("id", Math.abs(appSlug.hashCode())).add("slug", appSlug)
                .add("node_id", "MDM6QXBw").add("name", appSlug).add("description", "")
                .add("owner", user(appSlug.startsWith("github") ? "github" : "circleci"))
                .add("external_url", "https://example.com").add("html_url", "https://github.com/apps/" + appSlug)
                .add("created_at", "2018-07-30T09:30:17Z").add("updated_at", "2019-12-10T19:00:53Z")
                .add("permissions", Json.createObjectBuilder().add("checks", "write").add("metadata", "read"))
                .add("events", Json.createArrayBuilder()).build();
        JsonObjectBuilder check = Json.createObjectBuilder()
                .add("id", id)
                .add("name", name)
                .add("node_id", "CR_kwDO" + id)
                .add("head_sha", headSha)
                .add("external_id", "")
                .add("url", repo.api() + "/check-runs/" + id)
                .add("html_url", repo.web() + "/runs/" + id)
                .add("details_url", "https://app.circleci.com/pipelines/github/" + repo.fullName() + "/" + id)
                .add("status", status)
                .add("conclusion", conclusion == null ? JsonObject.NULL : Json.createValue(conclusion))
                .add("started_at", startedAt)
                .add("completed_at", completedAt == null ? JsonObject.NULL : Json.createValue(completedAt))
                .add("output", Json.createObjectBuilder().add("title", JsonObject.NULL).add("summary", JsonObject.NULL)
                        .add("text", JsonObject.NULL).add("annotations_count", 0)
                        .add("annotations_url", repo.api() + "/check-runs/" + id + "/annotations"))
                .add("check_suite", Json.createObjectBuilder().add("id", id + 5000).add("node_id", "CS_kwDO")
                        .add("head_branch", branch).add("head_sha", headSha).add("status", status)
                        .add("conclusion", conclusion == null ? JsonObject.NULL : Json.createValue(conclusion))
                        .add("url", repo.api() + "/check-suites/" + (id + 5000)).add("before", sha()).add("after", headSha)
                        .add("pull_requests", Json.createArrayBuilder()).add("app", app)
                        .add("created_at", startedAt).add("updated_at", completedAt != null ? completedAt : startedAt))
                .add("app", app)
                .add("pull_requests", Json.createArrayBuilder());
        return Json.createObjectBuilder()
                .add("action", "completed".equals(status) ? "completed" : "created")
                .add("check_run", check)
                .add("repository", repository(repo, false))
                .add("organization", organization(repo))
                .add("sender", user("octocat"))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A push event; {@code before} is forty zeros for a new branch, {@code deleted} for a branch deletion. */
    public static byte[] push(Repo repo, String ref, String before, String after, List<Commit> commits, boolean deleted,
            long pushedAtEpochSeconds) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (Commit c : commits) {
            list.add(commit(repo, c));
        }
        boolean created = before.chars().allMatch(ch -> ch == '0');
        JsonObjectBuilder repository = repository(repo, true).add("pushed_at", pushedAtEpochSeconds);
        return Json.createObjectBuilder()
                .add("ref", ref)
                .add("before", before)
                .add("after", after)
                .add("repository", repository)
                .add("pusher", Json.createObjectBuilder().add("name", "mona").add("email", "mona@example.com"))
                .add("organization", organization(repo))
                .add("sender", user("mona"))
                .add("created", created)
                .add("deleted", deleted)
                .add("forced", false)
                .add("base_ref", JsonObject.NULL)
                .add("compare", repo.web() + "/compare/" + before.substring(0, 12) + "..." + after.substring(0, 12))
                .add("commits", list)
                .add("head_commit", commits.isEmpty() ? JsonObject.NULL : commit(repo, commits.get(commits.size() - 1)).build())
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObjectBuilder commit(Repo repo, Commit c) {
        JsonObjectBuilder author = Json.createObjectBuilder().add("name", c.name()).add("email", "dev@example.com");
        if (c.username() != null) {
            author.add("username", c.username());
        }
        return Json.createObjectBuilder()
                .add("id", c.sha())
                .add("tree_id", sha())
                .add("distinct", true)
                .add("message", c.message())
                .add("timestamp", c.timestamp())
                .add("url", repo.web() + "/commit/" + c.sha())
                .add("author", author)
                .add("committer", Json.createObjectBuilder().add("name", "GitHub").add("email", "noreply@github.com")
                        .add("username", "web-flow"))
                .add("added", Json.createArrayBuilder())
                .add("removed", Json.createArrayBuilder())
                .add("modified", Json.createArrayBuilder().add("src/main/java/Checkout.java"));
    }

    /**
     * A pull_request event. {@code mergeCommitSha} is sent whatever the state, as GitHub does (for
     * an open pull request it is the test merge).
     */
    public static byte[] pullRequest(Repo repo, PullRequest pr, String action, String state, boolean merged,
            String mergeCommitSha, String updatedAt, String mergedAt, String closedAt) {
        JsonObjectBuilder pull = Json.createObjectBuilder()
                .add("url", repo.api() + "/pulls/" + pr.number())
                .add("id", 1_000_000 + pr.number())
                .add("node_id", "PR_kwDOBq" + pr.number())
                .add("html_url", repo.web() + "/pull/" + pr.number())
                .add("diff_url", repo.web() + "/pull/" + pr.number() + ".diff")
                .add("number", pr.number())
                .add("state", state)
                .add("locked", false)
                .add("title", pr.title())
                .add("user", user(pr.author()))
                .add("body", "Closes #" + (pr.number() - 1) + "\r\n\r\n- [x] tests")
                .add("created_at", pr.createdAt())
                .add("updated_at", updatedAt)
                .add("closed_at", closedAt == null ? JsonObject.NULL : Json.createValue(closedAt))
                .add("merged_at", mergedAt == null ? JsonObject.NULL : Json.createValue(mergedAt))
                .add("merge_commit_sha", mergeCommitSha)
                .add("assignee", JsonObject.NULL)
                .add("assignees", Json.createArrayBuilder())
                .add("requested_reviewers", Json.createArrayBuilder())
                .add("labels", Json.createArrayBuilder())
                .add("draft", false)
                .add("head", Json.createObjectBuilder().add("label", repo.owner() + ":" + pr.head()).add("ref", pr.head())
                        .add("sha", pr.headSha()).add("user", user(pr.author())).add("repo", repository(repo, false)))
                .add("base", Json.createObjectBuilder().add("label", repo.owner() + ":" + pr.base()).add("ref", pr.base())
                        .add("sha", sha()).add("user", user(repo.owner())).add("repo", repository(repo, false)))
                .add("author_association", "MEMBER")
                .add("auto_merge", JsonObject.NULL)
                .add("merged", merged)
                .add("mergeable", merged ? JsonValue.NULL : JsonValue.TRUE)
                .add("mergeable_state", merged ? "unknown" : "clean")
                .add("merged_by", merged ? user("hubot").build() : JsonObject.NULL)
                .add("comments", 1)
                .add("review_comments", 0)
                .add("commits", 2)
                .add("additions", 37)
                .add("deletions", 5)
                .add("changed_files", 3);
        return Json.createObjectBuilder()
                .add("action", action)
                .add("number", pr.number())
                .add("pull_request", pull)
                .add("repository", repository(repo, false))
                .add("organization", organization(repo))
                .add("sender", user("mona"))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] release(Repo repo, String tag, String action, String publishedAt) {
        return Json.createObjectBuilder()
                .add("action", action)
                .add("release", Json.createObjectBuilder().add("url", repo.api() + "/releases/1").add("id", 1)
                        .add("node_id", "RE_kwDO").add("tag_name", tag).add("target_commitish", "main").add("name", tag)
                        .add("draft", false).add("prerelease", false).add("author", user("hubot"))
                        .add("created_at", publishedAt).add("published_at", publishedAt)
                        .add("assets", Json.createArrayBuilder()).add("tarball_url", repo.api() + "/tarball/" + tag)
                        .add("body", "## What's changed\n* Round totals half-even"))
                .add("repository", repository(repo, false))
                .add("organization", organization(repo))
                .add("sender", user("hubot"))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** GitHub's repository object; in push events its created_at and pushed_at are epoch seconds. */
    private static JsonObjectBuilder repository(Repo repo, boolean pushEvent) {
        JsonObjectBuilder builder = Json.createObjectBuilder()
                .add("id", Math.abs(repo.fullName().hashCode()))
                .add("node_id", "R_kgDOBq")
                .add("name", repo.name())
                .add("full_name", repo.fullName())
                .add("private", true)
                .add("owner", user(repo.owner()))
                .add("html_url", repo.web())
                .add("description", JsonObject.NULL)
                .add("fork", false)
                .add("url", repo.api())
                .add("default_branch", "main")
                .add("topics", Json.createArrayBuilder())
                .add("visibility", "private");
        if (pushEvent) {
            builder.add("created_at", 1704880800).add("updated_at", "2026-11-20T08:00:00Z").add("master_branch", "main")
                    .add("stargazers", 0).add("organization", repo.owner());
        } else {
            builder.add("created_at", "2024-01-10T10:00:00Z").add("updated_at", "2026-11-20T08:00:00Z")
                    .add("pushed_at", "2026-11-20T08:00:00Z");
        }
        return builder;
    }

    private static JsonObjectBuilder organization(Repo repo) {
        return Json.createObjectBuilder().add("login", repo.owner()).add("id", 9001).add("node_id", "O_kgDO")
                .add("url", "https://api.github.com/orgs/" + repo.owner()).add("description", JsonObject.NULL);
    }

    private static JsonObjectBuilder user(String login) {
        return Json.createObjectBuilder().add("login", login).add("id", Math.abs(login.hashCode()))
                .add("node_id", "MDQ6VXNlcjE=").add("avatar_url", "https://avatars.githubusercontent.com/u/1?v=4")
                .add("type", login.endsWith("[bot]") ? "Bot" : "User").add("site_admin", false)
                .add("html_url", "https://github.com/" + login);
    }
}
