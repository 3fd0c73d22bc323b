package io.opssight.ingestion.control;

import static io.opssight.ingestion.control.HookFields.firstNonNull;
import static io.opssight.platform.entity.StorableText.clip;

import io.opssight.change.control.CommitFacts;
import io.opssight.change.control.PullRequestFacts;
import io.opssight.deployment.control.DeploymentFacts;
import io.opssight.deployment.entity.DeploymentStatus;
import io.opssight.pipeline.control.JobFacts;
import io.opssight.pipeline.control.RunFacts;
import io.opssight.pipeline.entity.Conclusion;
import io.opssight.pipeline.entity.RunStatus;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads GitLab webhook payloads (project and system hooks) into OpsSight's facts. Pure: no
 * database, no clock; the {@link GitLabNormalizer} hands the facts to the recorders.
 *
 * <p>What GitLab's payloads make awkward, and how it is read here:
 * <ul>
 * <li>times come as "2016-08-12 15:23:28 UTC" in older versions and ISO-8601 in newer ones
 * ({@link Payloads#instant} reads both);</li>
 * <li>fields appear over the versions ({@code deployment_id}, {@code status_changed_at},
 * {@code environment_tier}, the job hook's {@code project}, the pipeline's {@code iid},
 * {@code url} and {@code queued_duration}); each has a fallback, and a missing one never fails a
 * delivery;</li>
 * <li>the pipeline hook has no start time: it is {@code created_at + queued_duration}, or the
 * earliest start of its jobs;</li>
 * <li>the deployment hook names the commit by {@code short_sha}; the full sha, which pushes and
 * lead time need, is read from {@code commit_url};</li>
 * <li>the merge request hook has no {@code merged_at}/{@code closed_at}: the {@code updated_at}
 * of the "merge"/"close" action is that time;</li>
 * <li>the service is the project's path (its last segment is the service name), the same for
 * every hook, whatever display name the project has.</li>
 * </ul>
 */
final class GitLabFacts {

    private static final Pattern COMMIT_URL = Pattern.compile("/commit/([0-9a-fA-F]{40}|[0-9a-fA-F]{64})(?:[/?#].*)?$");

    private GitLabFacts() {
    }

    /** The kind of event: the body's {@code object_kind}, else the X-Gitlab-Event header's; null if neither says. */
    static String kindOf(JsonObject payload, String header) {
        String kind = Payloads.string(payload, "object_kind");
        if (kind != null || header == null) {
            return kind;
        }
        return switch (header) {
            case "Pipeline Hook" -> "pipeline";
            case "Job Hook", "Build Hook" -> "build";
            case "Deployment Hook" -> "deployment";
            case "Push Hook" -> "push";
            case "Tag Push Hook" -> "tag_push";
            case "Merge Request Hook" -> "merge_request";
            default -> null;
        };
    }

    /** GitLab's pipeline and job statuses; null for words that are not one. */
    static RunStatus status(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "created", "waiting_for_resource", "preparing", "pending", "scheduled" -> RunStatus.QUEUED;
            case "running", "canceling", "waiting_for_callback" -> RunStatus.IN_PROGRESS;
            case "success", "failed", "canceled", "skipped", "manual" -> RunStatus.COMPLETED;
            default -> null;
        };
    }

    /**
     * GitLab's deployment statuses. "canceled" is ERROR: final and not a success (it shipped
     * nothing), yet not a FAILURE of the change, so "deployment failed" rules stay quiet for a
     * human cancel. "skipped" (an outdated deployment job GitLab did not run) is INACTIVE, GitHub's
     * word for a superseded deployment; "blocked" waits for an approval and is QUEUED.
     */
    static DeploymentStatus deploymentStatus(String value) {
        if (value == null) {
            throw new IllegalArgumentException("deployment event without a status");
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "created" -> DeploymentStatus.PENDING;
            case "blocked" -> DeploymentStatus.QUEUED;
            case "running" -> DeploymentStatus.IN_PROGRESS;
            case "success" -> DeploymentStatus.SUCCESS;
            case "failed" -> DeploymentStatus.FAILURE;
            case "canceled" -> DeploymentStatus.ERROR;
            case "skipped" -> DeploymentStatus.INACTIVE;
            default -> throw new IllegalArgumentException("unknown deployment status '" + value + "'");
        };
    }

    /** Orders statuses reported within the same second (GitLab's times have no fractions, and no status id). */
    static long deploymentSeq(DeploymentStatus status) {
        return switch (status) {
            case PENDING -> 0;
            case QUEUED -> 1;
            case IN_PROGRESS -> 2;
            default -> 3;
        };
    }

    /**
     * The project's path ("group/subgroup/name"): {@code project.path_with_namespace}, else the
     * path of {@code project.web_url} or of {@code repository.homepage} (older job and push hooks).
     */
    static String projectPath(JsonObject payload) {
        JsonObject project = Payloads.object(payload, "project");
        String path = Payloads.string(project, "path_with_namespace");
        if (path != null) {
            return path;
        }
        return pathOf(firstNonNull(Payloads.string(project, "web_url"),
                Payloads.string(Payloads.object(payload, "repository"), "homepage")));
    }

    static String pathOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            String path = new URI(url).getPath();
            if (path == null) {
                return null;
            }
            path = path.replaceAll("^/+|/+$", "");
            path = path.endsWith(".git") ? path.substring(0, path.length() - 4) : path;
            return path.isEmpty() ? null : path;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The full commit sha a GitLab commit URL ends with (".../-/commit/<sha>"), else null. */
    static String shaFromCommitUrl(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = COMMIT_URL.matcher(url);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** A Pipeline Hook as a run: the pipeline id is the run (GitLab retries jobs within the same pipeline). */
    static RunFacts pipeline(String origin, JsonObject payload) {
        JsonObject attributes = required(payload, "object_attributes", "pipeline");
        String id = requiredString(attributes, "id", "pipeline event without object_attributes.id");
        String path = requiredPath(payload, "pipeline");
        RunStatus status = status(Payloads.string(attributes, "status"));
        Instant created = Payloads.instant(attributes, "created_at");
        Instant finished = status == RunStatus.COMPLETED ? Payloads.instant(attributes, "finished_at") : null;
        Instant started = status == RunStatus.IN_PROGRESS || status == RunStatus.COMPLETED
                ? pipelineStart(payload, attributes, created, finished) : null;
        String url = Payloads.string(attributes, "url");
        String webUrl = Payloads.string(Payloads.object(payload, "project"), "web_url");
        if (url == null && webUrl != null) {
            url = webUrl + "/-/pipelines/" + id;
        }
        return new RunFacts(origin, id, clip(HookFields.lastSegment(path), 300), path, HookFields.lastSegment(path),
                HookFields.optionalLong(attributes, "iid"), null,
                clip(Payloads.string(attributes, "ref"), 300),
                Payloads.string(attributes, "sha"),
                clip(Payloads.string(attributes, "source"), 100),
                clip(Payloads.string(Payloads.object(payload, "user"), "username"), 200),
                url,
                status,
                status == RunStatus.COMPLETED ? Conclusion.parse(Payloads.string(attributes, "status")) : null,
                created, started, finished,
                firstNonNull(finished, started, created));
    }

    /** The pipeline hook's {@code builds[]} as jobs of the pipeline, with the same ids the Job Hook uses. */
    static List<JobFacts> pipelineJobs(String origin, JsonObject payload) {
        JsonObject attributes = required(payload, "object_attributes", "pipeline");
        String pipelineId = Payloads.string(attributes, "id");
        String path = projectPath(payload);
        List<JobFacts> jobs = new ArrayList<>();
        for (JsonObject build : HookFields.objects(HookFields.array(payload, "builds"))) {
            String id = Payloads.string(build, "id");
            if (id == null) {
                continue;
            }
            jobs.add(job(origin, id, pipelineId, Payloads.string(build, "name"), path, Payloads.string(attributes, "sha"),
                    Payloads.string(attributes, "ref"), Payloads.string(Payloads.object(build, "runner"), "description"),
                    Payloads.string(build, "status"), Payloads.instant(build, "created_at"),
                    Payloads.instant(build, "started_at"), Payloads.instant(build, "finished_at")));
        }
        return jobs;
    }

    /** A Job Hook (object_kind "build") as a job of pipeline {@code pipeline_id}. */
    static JobFacts job(String origin, JsonObject payload) {
        String id = requiredString(payload, "build_id", "job event without build_id");
        JsonObject commit = Payloads.object(payload, "commit");
        return job(origin, id, firstNonNull(Payloads.string(payload, "pipeline_id"), Payloads.string(commit, "id")),
                Payloads.string(payload, "build_name"), projectPath(payload),
                firstNonNull(Payloads.string(payload, "sha"), Payloads.string(commit, "sha")),
                Payloads.string(payload, "ref"), Payloads.string(Payloads.object(payload, "runner"), "description"),
                Payloads.string(payload, "build_status"), Payloads.instant(payload, "build_created_at"),
                Payloads.instant(payload, "build_started_at"), Payloads.instant(payload, "build_finished_at"));
    }

    private static JobFacts job(String origin, String id, String pipelineId, String name, String path, String sha, String ref,
            String runner, String statusText, Instant created, Instant started, Instant finished) {
        RunStatus status = status(statusText);
        Instant finishedAt = status == RunStatus.COMPLETED ? finished : null;
        return new JobFacts(origin, id, pipelineId, clip(firstNonNull(name, "job " + id), 300), path, sha, clip(ref, 300),
                clip(runner, 300), status, status == RunStatus.COMPLETED ? Conclusion.parse(statusText) : null, created,
                started, finishedAt, firstNonNull(finishedAt, started, created));
    }

    /** A Deployment Hook; {@code receivedAt} stands in for {@code status_changed_at}, which older GitLab did not send. */
    static DeploymentFacts deployment(String origin, JsonObject payload, Instant receivedAt) {
        String id = Payloads.string(payload, "deployment_id");
        if (id == null && Payloads.string(payload, "deployable_id") != null) {
            // Older GitLab sent no deployment id; its deploy job identifies the deployment.
            id = "job:" + Payloads.string(payload, "deployable_id");
        }
        if (id == null) {
            throw new IllegalArgumentException("deployment event without deployment_id");
        }
        String path = requiredPath(payload, "deployment");
        String environment = Payloads.string(payload, "environment");
        if (environment == null) {
            throw new IllegalArgumentException("deployment event without an environment");
        }
        DeploymentStatus status = deploymentStatus(Payloads.string(payload, "status"));
        String tier = Payloads.string(payload, "environment_tier");
        String commitUrl = Payloads.string(payload, "commit_url");
        return new DeploymentFacts(origin, id, path, HookFields.lastSegment(path), environment,
                tier == null ? null : "production".equals(tier),
                firstNonNull(shaFromCommitUrl(commitUrl), Payloads.string(payload, "short_sha")),
                clip(Payloads.string(payload, "ref"), 300),
                null,
                clip(Payloads.string(Payloads.object(payload, "user"), "username"), 200),
                clip(firstNonNull(Payloads.string(payload, "environment_external_url"), Payloads.string(payload, "deployable_url")),
                        2000),
                clip(Payloads.string(payload, "commit_title"), 2000),
                null,
                status,
                firstNonNull(Payloads.instant(payload, "status_changed_at"), receivedAt),
                deploymentSeq(status));
    }

    /** Why a push carries no change for us (tag, deleted branch, no commits), else null. */
    static String pushIgnored(JsonObject payload) {
        String ref = Payloads.string(payload, "ref");
        String tag = PushFacts.tagOf(ref);
        if (tag != null || "tag_push".equals(Payloads.string(payload, "object_kind"))) {
            return "tag push " + (tag != null ? tag : ref) + ": tags are not changes (stored raw)";
        }
        String branch = PushFacts.branchOf(ref);
        if (branch == null) {
            return "push to " + ref + ": not a branch (stored raw)";
        }
        if (PushFacts.sha(Payloads.string(payload, "after")) == null) {
            return "push deleting branch " + branch + ": nothing to record";
        }
        JsonArray commits = HookFields.array(payload, "commits");
        if (commits == null || commits.isEmpty()) {
            return "push to " + branch + " without commits (e.g. a branch created at an existing commit)";
        }
        return null;
    }

    /** A Push Hook to a branch; call {@link #pushIgnored} first. GitLab has no push time: it is when we received it. */
    static PushFacts push(JsonObject payload, Instant receivedAt) {
        String path = requiredPath(payload, "push");
        String after = PushFacts.sha(Payloads.string(payload, "after"));
        List<CommitFacts> commits = new ArrayList<>();
        for (JsonObject commit : HookFields.objects(HookFields.array(payload, "commits"))) {
            JsonObject author = Payloads.object(commit, "author");
            commits.add(new CommitFacts(Payloads.string(commit, "id"), Payloads.string(commit, "message"),
                    clip(firstNonNull(Payloads.string(author, "name"), Payloads.string(author, "email")), 200),
                    Payloads.instant(commit, "timestamp")));
        }
        return new PushFacts(path, clip(PushFacts.branchOf(Payloads.string(payload, "ref")), 300),
                PushFacts.sha(Payloads.string(payload, "before")), after, PushFacts.oldestFirst(commits, after), receivedAt);
    }

    /** How many commits the push had, when GitLab sent fewer (it sends the latest 20); else null. */
    static Long commitsLeftOut(JsonObject payload) {
        Long total = HookFields.optionalLong(payload, "total_commits_count");
        JsonArray commits = HookFields.array(payload, "commits");
        int sent = commits == null ? 0 : commits.size();
        return total != null && total > sent ? total - sent : null;
    }

    /**
     * A Merge Request Hook. States become OpsSight's pull request words: "opened" (and "locked",
     * GitLab's transient state while merging) is "open"; "closed" and "merged" stay.
     */
    static PullRequestFacts mergeRequest(JsonObject payload) {
        JsonObject attributes = required(payload, "object_attributes", "merge_request");
        String repository = firstNonNull(projectPath(payload),
                Payloads.string(Payloads.object(attributes, "target"), "path_with_namespace"));
        if (repository == null) {
            throw new IllegalArgumentException("merge_request event without project.path_with_namespace");
        }
        long iid = Payloads.number(attributes, "iid", -1);
        if (iid < 0) {
            throw new IllegalArgumentException("merge_request event without object_attributes.iid");
        }
        Instant created = Payloads.instant(attributes, "created_at");
        if (created == null) {
            throw new IllegalArgumentException("merge_request event without object_attributes.created_at");
        }
        Instant updated = Payloads.instant(attributes, "updated_at");
        String action = Payloads.string(attributes, "action");
        String state = mergeRequestState(Payloads.string(attributes, "state"));
        JsonObject user = Payloads.object(payload, "user");
        String authorId = Payloads.string(attributes, "author_id");
        // The hook's user is whoever acted; it is the author only when the ids match.
        String author = authorId != null && authorId.equals(Payloads.string(user, "id")) ? Payloads.string(user, "username") : null;
        boolean merged = "merged".equals(state);
        return new PullRequestFacts(repository, iid, clip(Payloads.string(attributes, "title"), 1000), clip(author, 200),
                state,
                clip(Payloads.string(attributes, "target_branch"), 300),
                Payloads.string(Payloads.object(attributes, "last_commit"), "id"),
                merged ? firstNonNull(Payloads.string(attributes, "merge_commit_sha"),
                        Payloads.string(attributes, "squash_commit_sha")) : null,
                created,
                firstNonNull(Payloads.instant(attributes, "merged_at"), "merge".equals(action) ? updated : null),
                firstNonNull(Payloads.instant(attributes, "closed_at"), "close".equals(action) ? updated : null),
                Payloads.string(attributes, "url"),
                updated);
    }

    static String mergeRequestState(String state) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case "opened", "locked" -> "open";
            default -> clip(state, 16);
        };
    }

    private static Instant pipelineStart(JsonObject payload, JsonObject attributes, Instant created, Instant finished) {
        Duration queued = seconds(attributes, "queued_duration");
        if (created != null && queued != null) {
            return created.plus(queued);
        }
        Instant earliest = null;
        for (JsonObject build : HookFields.objects(HookFields.array(payload, "builds"))) {
            Instant started = Payloads.instant(build, "started_at");
            if (started != null && (earliest == null || started.isBefore(earliest))) {
                earliest = started;
            }
        }
        if (earliest != null) {
            return earliest;
        }
        Duration duration = seconds(attributes, "duration");
        return finished != null && duration != null ? finished.minus(duration) : null;
    }

    /** A duration in (possibly fractional) seconds, as GitLab gives them; null when absent. */
    static Duration seconds(JsonObject parent, String name) {
        String value = Payloads.string(parent, name);
        if (value == null) {
            return null;
        }
        try {
            long millis = Payloads.longOf(new BigDecimal(value).movePointRight(3), Long.MIN_VALUE);
            return millis == Long.MIN_VALUE ? null : Duration.ofMillis(millis);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static String requiredPath(JsonObject payload, String event) {
        String path = projectPath(payload);
        if (path == null) {
            throw new IllegalArgumentException(event + " event without project.path_with_namespace");
        }
        return path;
    }

    private static JsonObject required(JsonObject payload, String name, String event) {
        JsonObject value = Payloads.object(payload, name);
        if (value == null) {
            throw new IllegalArgumentException(event + " event without " + name);
        }
        return value;
    }

    private static String requiredString(JsonObject object, String field, String message) {
        String value = Payloads.string(object, field);
        if (value == null) {
            throw new IllegalArgumentException(message);
        }
        return value;
    }
}
