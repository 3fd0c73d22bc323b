package io.opssight.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import jakarta.json.JsonValue;

/**
 * GitHub {@code workflow_run} deliveries in their real shape and size (about 15 KB: GitHub repeats
 * the full repository object, with its ~45 API URLs, for the repository and the head repository).
 */
public final class WorkflowRuns {

    private static final String[] REPO_URL_FIELDS = {"archive_url", "assignees_url", "blobs_url", "branches_url",
        "collaborators_url", "comments_url", "commits_url", "compare_url", "contents_url", "contributors_url",
        "deployments_url", "downloads_url", "events_url", "forks_url", "git_commits_url", "git_refs_url", "git_tags_url",
        "hooks_url", "issue_comment_url", "issue_events_url", "issues_url", "keys_url", "labels_url", "languages_url",
        "merges_url", "milestones_url", "notifications_url", "pulls_url", "releases_url", "stargazers_url",
        "statuses_url", "subscribers_url", "subscription_url", "tags_url", "teams_url", "trees_url"};

    private WorkflowRuns() {
    }

    /** A completed (or other {@code action}) workflow run of {@code owner/repo} on main. */
    public static byte[] workflowRun(String owner, String repo, long runId, int attempt, String action, String status,
            String conclusion, String createdAt, String startedAt, String updatedAt, String sha) {
        JsonObjectBuilder run = Json.createObjectBuilder()
                .add("id", runId)
                .add("name", "CI")
                .add("node_id", "WFR_kwLOA" + runId)
                .add("head_branch", "main")
                .add("head_sha", sha)
                .add("path", ".github/workflows/ci.yml")
                .add("display_title", "Bump dependency versions")
                .add("run_number", runId % 100000)
                .add("event", "push")
                .add("status", status)
                .add("workflow_id", 161335)
                .add("check_suite_id", runId + 7)
                .add("check_suite_node_id", "CS_kwDOA" + runId)
                .add("url", api(owner, repo) + "/actions/runs/" + runId)
                .add("html_url", "https://github.com/" + owner + "/" + repo + "/actions/runs/" + runId)
                .add("pull_requests", Json.createArrayBuilder())
                .add("created_at", createdAt)
                .add("updated_at", updatedAt)
                .add("actor", user("octocat"))
                .add("run_attempt", attempt)
                .add("referenced_workflows", Json.createArrayBuilder())
                .add("run_started_at", startedAt)
                .add("triggering_actor", user("octocat"))
                .add("jobs_url", api(owner, repo) + "/actions/runs/" + runId + "/jobs")
                .add("logs_url", api(owner, repo) + "/actions/runs/" + runId + "/logs")
                .add("check_suite_url", api(owner, repo) + "/check-suites/" + (runId + 7))
                .add("artifacts_url", api(owner, repo) + "/actions/runs/" + runId + "/artifacts")
                .add("cancel_url", api(owner, repo) + "/actions/runs/" + runId + "/cancel")
                .add("rerun_url", api(owner, repo) + "/actions/runs/" + runId + "/rerun")
                .add("previous_attempt_url", attempt > 1 ? Json.createValue(api(owner, repo) + "/actions/runs/" + runId
                        + "/attempts/" + (attempt - 1)) : JsonValue.NULL)
                .add("workflow_url", api(owner, repo) + "/actions/workflows/161335")
                .add("head_commit", Json.createObjectBuilder().add("id", sha).add("tree_id", sha.substring(0, 20) + "ffffffffffffffffffff")
                        .add("message", "Bump dependency versions\n\nSigned-off-by: Octo Cat <octocat@github.com>")
                        .add("timestamp", createdAt)
                        .add("author", Json.createObjectBuilder().add("name", "Octo Cat").add("email", "octocat@github.com"))
                        .add("committer", Json.createObjectBuilder().add("name", "GitHub").add("email", "noreply@github.com")))
                .add("repository", repository(owner, repo))
                .add("head_repository", repository(owner, repo));
        if (conclusion == null) {
            run.addNull("conclusion");
        } else {
            run.add("conclusion", conclusion);
        }
        return Json.createObjectBuilder()
                .add("action", action)
                .add("workflow_run", run)
                .add("workflow", Json.createObjectBuilder().add("id", 161335).add("node_id", "MDg6V29ya2Zsb3cxNjEzMzU=")
                        .add("name", "CI").add("path", ".github/workflows/ci.yml").add("state", "active")
                        .add("created_at", "2025-01-07T11:35:33.000Z").add("updated_at", "2025-01-07T11:35:33.000Z")
                        .add("url", api(owner, repo) + "/actions/workflows/161335")
                        .add("html_url", "https://github.com/" + owner + "/" + repo + "/blob/main/.github/workflows/ci.yml")
                        .add("badge_url", "https://github.com/" + owner + "/" + repo + "/workflows/CI/badge.svg"))
                .add("repository", repository(owner, repo))
                .add("organization", Json.createObjectBuilder().add("login", owner).add("id", 9001)
                        .add("url", "https://api.github.com/orgs/" + owner).add("description", ""))
                .add("sender", user("octocat"))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObjectBuilder repository(String owner, String repo) {
        JsonObjectBuilder r = Json.createObjectBuilder()
                .add("id", 1296269).add("node_id", "MDEwOlJlcG9zaXRvcnkxMjk2MjY5").add("name", repo)
                .add("full_name", owner + "/" + repo).add("private", false).add("owner", user(owner))
                .add("html_url", "https://github.com/" + owner + "/" + repo).add("description", "The " + repo + " service")
                .add("fork", false).add("url", api(owner, repo));
        for (String field : REPO_URL_FIELDS) {
            r.add(field, api(owner, repo) + "/" + field.replace("_url", "") + "{/sha}");
        }
        return r;
    }

    private static JsonObjectBuilder user(String login) {
        String base = "https://api.github.com/users/" + login;
        return Json.createObjectBuilder().add("login", login).add("id", Math.abs(login.hashCode())).add("node_id", "MDQ6VXNlcjE=")
                .add("avatar_url", "https://avatars.githubusercontent.com/u/1?v=4").add("gravatar_id", "")
                .add("url", base).add("html_url", "https://github.com/" + login).add("followers_url", base + "/followers")
                .add("following_url", base + "/following{/other_user}").add("gists_url", base + "/gists{/gist_id}")
                .add("starred_url", base + "/starred{/owner}{/repo}").add("subscriptions_url", base + "/subscriptions")
                .add("organizations_url", base + "/orgs").add("repos_url", base + "/repos")
                .add("events_url", base + "/events{/privacy}").add("received_events_url", base + "/received_events")
                .add("type", "User").add("user_view_type", "public").add("site_admin", false);
    }

    private static String api(String owner, String repo) {
        return "https://api.github.com/repos/" + owner + "/" + repo;
    }
}
