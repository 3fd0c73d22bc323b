package io.opssight.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GitLab webhook deliveries as GitLab 17 sends them: the documented hook bodies (Pipeline, Job,
 * Deployment, Push, Merge Request) with the fields OpsSight does not read, GitLab's mix of time
 * formats ("2016-08-12 15:23:28 UTC", ISO-8601, "2021-04-28 21:50:00 +0200"), and the headers
 * (X-Gitlab-Token, X-Gitlab-Event, X-Gitlab-Event-UUID, Idempotency-Key, User-Agent GitLab/17.x).
 * Times are passed in the format the caller wants to send, so older-format payloads can be built too.
 */
public final class GitLabHooks {

    public static final String INSTANCE = "https://gitlab.example.com";

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 10 + 7);

    private GitLabHooks() {
    }

    public static long nextId() {
        return IDS.incrementAndGet();
    }

    /** A project: namespace path and project path (its display name is made different on purpose). */
    public record Project(long id, String namespace, String path) {
        public String pathWithNamespace() {
            return namespace + "/" + path;
        }

        public String webUrl() {
            return INSTANCE + "/" + pathWithNamespace();
        }
    }

    public static Project project(String path) {
        return new Project(nextId(), "acme", path);
    }

    /** One job (build) of a pipeline; {@code runner} null when it has not been picked up. */
    public record Build(long id, String stage, String name, String status, String createdAt, String startedAt,
            String finishedAt, String runner) {
    }

    /** One commit of a push. */
    public record Commit(String id, String message, String timestamp, String authorName) {
    }

    /** The headers GitLab 17 sends with a delivery. */
    public static Map<String, String> headers(String event, String token, String eventUuid, String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "GitLab/17.5.1");
        headers.put("X-Gitlab-Event", event);
        headers.put("X-Gitlab-Instance", INSTANCE);
        headers.put("X-Gitlab-Webhook-UUID", "2b8b0b3b-6f6a-4b38-9b3e-0d2f1f0c4a11");
        if (eventUuid != null) {
            headers.put("X-Gitlab-Event-UUID", eventUuid);
        }
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        if (token != null) {
            headers.put("X-Gitlab-Token", token);
        }
        return headers;
    }

    public static Map<String, String> headers(String event, String token) {
        return headers(event, token, UUID.randomUUID().toString(), UUID.randomUUID().toString());
    }

    /**
     * A Pipeline Hook. {@code queuedDuration} and {@code iid} may be null (older GitLab sent
     * neither; with {@code legacy} the url and name are left out as well).
     */
    public static byte[] pipeline(Project project, long id, Integer iid, String status, String ref, String sha,
            String createdAt, String finishedAt, Integer duration, Integer queuedDuration, List<Build> builds, boolean legacy) {
        JsonObjectBuilder attributes = Json.createObjectBuilder().add("id", id);
        if (iid != null) {
            attributes.add("iid", iid);
        }
        if (!legacy) {
            attributes.add("name", JsonValue.NULL);
        }
        attributes.add("ref", ref)
                .add("tag", false)
                .add("sha", sha)
                .add("before_sha", "0000000000000000000000000000000000000000")
                .add("source", "push")
                .add("status", status)
                .add("detailed_status", detailed(status))
                .add("stages", Json.createArrayBuilder().add("build").add("test").add("deploy"))
                .add("created_at", createdAt)
                .add("finished_at", nullable(finishedAt))
                .add("duration", duration == null ? JsonValue.NULL : Json.createValue(duration))
                .add("variables", Json.createArrayBuilder());
        if (queuedDuration != null) {
            attributes.add("queued_duration", queuedDuration);
        }
        if (!legacy) {
            attributes.add("protected_ref", true).add("url", project.webUrl() + "/-/pipelines/" + id);
        }
        JsonArrayBuilder jobs = Json.createArrayBuilder();
        for (Build b : builds) {
            jobs.add(Json.createObjectBuilder()
                    .add("id", b.id())
                    .add("stage", b.stage())
                    .add("name", b.name())
                    .add("status", b.status())
                    .add("created_at", b.createdAt())
                    .add("started_at", nullable(b.startedAt()))
                    .add("finished_at", nullable(b.finishedAt()))
                    .add("duration", JsonValue.NULL)
                    .add("queued_duration", JsonValue.NULL)
                    .add("failure_reason", "failed".equals(b.status()) ? Json.createValue("script_failure") : JsonValue.NULL)
                    .add("when", "on_success")
                    .add("manual", false)
                    .add("allow_failure", false)
                    .add("user", user(1, "root", "Administrator"))
                    .add("runner", runner(b.runner()))
                    .add("artifacts_file", Json.createObjectBuilder().add("filename", JsonValue.NULL).add("size", JsonValue.NULL))
                    .add("environment", JsonValue.NULL));
        }
        return Json.createObjectBuilder()
                .add("object_kind", "pipeline")
                .add("object_attributes", attributes)
                .add("merge_request", JsonValue.NULL)
                .add("user", user(1, "root", "Administrator"))
                .add("project", project(project))
                .add("commit", Json.createObjectBuilder().add("id", sha).add("message", "Round half-even\n")
                        .add("title", "Round half-even").add("timestamp", "2026-11-20T09:58:00+01:00")
                        .add("url", project.webUrl() + "/-/commit/" + sha)
                        .add("author", Json.createObjectBuilder().add("name", "Jordi Mallach").add("email", "jordi@example.com")))
                .add("source_pipeline", JsonValue.NULL)
                .add("builds", jobs)
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A Job Hook (object_kind "build"); with {@code legacy}, older GitLab's shape (no project object). */
    public static byte[] job(Project project, Build build, long pipelineId, String ref, String sha, boolean legacy) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("object_kind", "build")
                .add("ref", ref)
                .add("tag", false)
                .add("before_sha", "0000000000000000000000000000000000000000")
                .add("sha", sha)
                .add("build_id", build.id())
                .add("build_name", build.name())
                .add("build_stage", build.stage())
                .add("build_status", build.status())
                .add("build_created_at", build.createdAt())
                .add("build_started_at", nullable(build.startedAt()))
                .add("build_finished_at", nullable(build.finishedAt()))
                .add("build_duration", JsonValue.NULL)
                .add("build_allow_failure", false)
                .add("build_failure_reason", "failed".equals(build.status()) ? "script_failure" : "unknown_failure")
                .add("pipeline_id", pipelineId)
                .add("runner", runner(build.runner()))
                .add("project_id", project.id())
                .add("project_name", "Acme / " + display(project.path()))
                .add("user", user(3, "jsmith", "John Smith"))
                .add("commit", Json.createObjectBuilder().add("id", pipelineId).add("sha", sha).add("message", "Round half-even")
                        .add("author_name", "Jordi Mallach").add("author_email", "jordi@example.com")
                        .add("author_url", "mailto:jordi@example.com").add("status", "running").add("duration", JsonValue.NULL)
                        .add("started_at", JsonValue.NULL).add("finished_at", JsonValue.NULL))
                .add("repository", Json.createObjectBuilder().add("name", display(project.path())).add("url",
                        "git@gitlab.example.com:" + project.pathWithNamespace() + ".git").add("description", "")
                        .add("homepage", project.webUrl()).add("git_http_url", project.webUrl() + ".git")
                        .add("git_ssh_url", "git@gitlab.example.com:" + project.pathWithNamespace() + ".git")
                        .add("visibility_level", 0));
        if (!legacy) {
            body.add("retries_count", 0)
                    .add("build_queued_duration", 12.4)
                    .add("project", project(project))
                    .add("environment", JsonValue.NULL);
        }
        return body.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A Deployment Hook. With {@code legacy}, older GitLab's shape: no deployment_id, no
     * status_changed_at, no environment tier/slug/url, and a commit URL naming only the short sha.
     */
    public static byte[] deployment(Project project, long deploymentId, long jobId, String status, String statusChangedAt,
            String environment, String tier, String sha, String ref, boolean legacy) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("object_kind", "deployment")
                .add("status", status);
        if (!legacy) {
            body.add("status_changed_at", statusChangedAt).add("deployment_id", deploymentId);
        }
        body.add("deployable_id", jobId)
                .add("deployable_url", project.webUrl() + "/-/jobs/" + jobId)
                .add("environment", environment);
        if (!legacy) {
            body.add("environment_tier", tier).add("environment_slug", environment.replace('/', '-'))
                    .add("environment_external_url", "https://" + environment + ".shop.example.com");
        }
        body.add("project", project(project))
                .add("short_sha", sha.substring(0, 8))
                .add("user", user(1, "root", "Administrator"))
                .add("user_url", INSTANCE + "/root")
                .add("commit_url", legacy ? project.webUrl() + "/-/tree/" + sha.substring(0, 8) : project.webUrl() + "/-/commit/" + sha)
                .add("commit_title", "Bump version");
        if (!legacy) {
            body.add("ref", ref);
        }
        return body.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A Push Hook; GitLab lists at most the latest 20 commits, oldest first, and says how many there were. */
    public static byte[] push(Project project, String ref, String before, String after, List<Commit> commits, int total) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (Commit c : commits) {
            list.add(Json.createObjectBuilder()
                    .add("id", c.id())
                    .add("message", c.message() + "\n")
                    .add("title", c.message())
                    .add("timestamp", c.timestamp())
                    .add("url", project.webUrl() + "/-/commit/" + c.id())
                    .add("author", Json.createObjectBuilder().add("name", c.authorName()).add("email", "[REDACTED]"))
                    .add("added", Json.createArrayBuilder())
                    .add("modified", Json.createArrayBuilder().add("app/checkout.rb"))
                    .add("removed", Json.createArrayBuilder()));
        }
        boolean tag = ref.startsWith("refs/tags/");
        return Json.createObjectBuilder()
                .add("object_kind", tag ? "tag_push" : "push")
                .add("event_name", tag ? "tag_push" : "push")
                .add("before", before)
                .add("after", after)
                .add("ref", ref)
                .add("ref_protected", true)
                .add("checkout_sha", after.chars().allMatch(ch -> ch == '0') ? JsonValue.NULL : Json.createValue(after))
                .add("message", JsonValue.NULL)
                .add("user_id", 4)
                .add("user_name", "John Smith")
                .add("user_username", "jsmith")
                .add("user_email", "")
                .add("user_avatar", "https://s.gravatar.com/avatar/d4c74594d841139328695756648b6bd6?s=8://s.gravatar.com/avatar/d4c7")
                .add("project_id", project.id())
                .add("project", project(project))
                .add("commits", list)
                .add("total_commits_count", total)
                .add("push_options", Json.createObjectBuilder())
                .add("repository", Json.createObjectBuilder().add("name", display(project.path()))
                        .add("url", "git@gitlab.example.com:" + project.pathWithNamespace() + ".git").add("description", "")
                        .add("homepage", project.webUrl()).add("git_http_url", project.webUrl() + ".git")
                        .add("git_ssh_url", "git@gitlab.example.com:" + project.pathWithNamespace() + ".git")
                        .add("visibility_level", 0))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A Merge Request Hook; the acting {@code userId} is the author only when it equals {@code authorId}. */
    public static byte[] mergeRequest(Project project, long iid, String action, String state, String title, long authorId,
            long userId, String username, String createdAt, String updatedAt, String lastCommit, String mergeCommitSha) {
        JsonObjectBuilder attributes = Json.createObjectBuilder()
                .add("assignee_id", JsonValue.NULL)
                .add("author_id", authorId)
                .add("created_at", createdAt)
                .add("description", "Rounds totals half-even.\n\nCloses #12")
                .add("draft", false)
                .add("head_pipeline_id", JsonValue.NULL)
                .add("id", 90_000 + iid)
                .add("iid", iid)
                .add("last_edited_at", JsonValue.NULL)
                .add("last_edited_by_id", JsonValue.NULL)
                .add("merge_commit_sha", nullable(mergeCommitSha))
                .add("merge_error", JsonValue.NULL)
                .add("merge_params", Json.createObjectBuilder().add("force_remove_source_branch", "1"))
                .add("merge_status", "can_be_merged")
                .add("merge_user_id", JsonValue.NULL)
                .add("merge_when_pipeline_succeeds", false)
                .add("milestone_id", JsonValue.NULL)
                .add("source_branch", "rounding")
                .add("source_project_id", project.id())
                .add("state_id", switch (state) { case "closed" -> 2; case "merged" -> 3; default -> 1; })
                .add("target_branch", "main")
                .add("target_project_id", project.id())
                .add("time_estimate", 0)
                .add("title", title)
                .add("updated_at", updatedAt)
                .add("updated_by_id", JsonValue.NULL)
                .add("url", project.webUrl() + "/-/merge_requests/" + iid)
                .add("source", project(project))
                .add("target", project(project))
                .add("last_commit", Json.createObjectBuilder().add("id", lastCommit).add("message", "Round half-even\n")
                        .add("title", "Round half-even").add("timestamp", "2026-11-19T15:00:00+01:00")
                        .add("url", project.webUrl() + "/-/commit/" + lastCommit)
                        .add("author", Json.createObjectBuilder().add("name", "Jordi Mallach").add("email", "jordi@example.com")))
                .add("work_in_progress", false)
                .add("total_time_spent", 0)
                .add("time_change", 0)
                .add("assignee_ids", Json.createArrayBuilder())
                .add("reviewer_ids", Json.createArrayBuilder())
                .add("labels", Json.createArrayBuilder())
                .add("state", state)
                .add("blocking_discussions_resolved", true)
                .add("first_contribution", false)
                .add("detailed_merge_status", "mergeable")
                .add("action", action);
        return Json.createObjectBuilder()
                .add("object_kind", "merge_request")
                .add("event_type", "merge_request")
                .add("user", user(userId, username, username))
                .add("project", project(project))
                .add("object_attributes", attributes)
                .add("labels", Json.createArrayBuilder())
                .add("changes", Json.createObjectBuilder().add("updated_at", Json.createObjectBuilder()
                        .add("previous", createdAt).add("current", updatedAt)))
                .add("repository", Json.createObjectBuilder().add("name", display(project.path()))
                        .add("url", "git@gitlab.example.com:" + project.pathWithNamespace() + ".git").add("description", "")
                        .add("homepage", project.webUrl()))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObjectBuilder project(Project project) {
        return Json.createObjectBuilder()
                .add("id", project.id())
                .add("name", display(project.path()))
                .add("description", "The shop")
                .add("web_url", project.webUrl())
                .add("avatar_url", JsonValue.NULL)
                .add("git_ssh_url", "git@gitlab.example.com:" + project.pathWithNamespace() + ".git")
                .add("git_http_url", project.webUrl() + ".git")
                .add("namespace", "Acme")
                .add("visibility_level", 0)
                .add("path_with_namespace", project.pathWithNamespace())
                .add("default_branch", "main")
                .add("ci_config_path", "")
                .add("homepage", project.webUrl())
                .add("url", "git@gitlab.example.com:" + project.pathWithNamespace() + ".git")
                .add("ssh_url", "git@gitlab.example.com:" + project.pathWithNamespace() + ".git")
                .add("http_url", project.webUrl() + ".git");
    }

    /** A project's display name, which differs from its path ("shop-1a2b" is shown as "Shop 1a2b"). */
    private static String display(String path) {
        String spaced = path.replace('-', ' ');
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static JsonObjectBuilder user(long id, String username, String name) {
        return Json.createObjectBuilder().add("id", id).add("name", name).add("username", username)
                .add("avatar_url", "https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80&d=identicon")
                .add("email", "[REDACTED]");
    }

    private static JsonValue runner(String description) {
        if (description == null) {
            return JsonValue.NULL;
        }
        return Json.createObjectBuilder().add("id", 380987).add("description", description).add("runner_type", "instance_type")
                .add("active", true).add("is_shared", true).add("tags", Json.createArrayBuilder().add("linux").add("docker"))
                .build();
    }

    private static String detailed(String status) {
        return switch (status) {
            case "success" -> "passed";
            case "running" -> "running";
            case "failed" -> "failed";
            default -> status;
        };
    }

    private static JsonValue nullable(String value) {
        return value == null ? JsonObject.NULL : Json.createValue(value);
    }
}
