package io.opssight.ingestion.control;

import static io.opssight.ingestion.control.HookFields.firstNonNull;
import static io.opssight.platform.entity.StorableText.clip;

import io.opssight.change.control.CommitFacts;
import io.opssight.change.control.PullRequestFacts;
import io.opssight.pipeline.control.JobFacts;
import io.opssight.pipeline.control.RunFacts;
import io.opssight.pipeline.entity.Conclusion;
import io.opssight.pipeline.entity.RunStatus;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads GitHub webhook payloads into OpsSight's facts. Pure: no database, no clock; the
 * {@link GitHubNormalizer} hands the facts to the recorders.
 *
 * <p>Awkward parts of GitHub's payloads handled here:
 * <ul>
 * <li>a queued workflow job or check run already carries {@code started_at} (the time it was
 * queued), so a start time is only believed once the job is in progress or completed;</li>
 * <li>a re-run attempt keeps the run's original {@code created_at}; its own request time is
 * {@code run_started_at}, which is therefore its queue time;</li>
 * <li>in push events {@code repository.pushed_at} is epoch seconds, elsewhere ISO-8601;</li>
 * <li>an open pull request's {@code merge_commit_sha} is GitHub's test merge, not a real commit,
 * so it is kept only once the pull request is merged.</li>
 * </ul>
 */
final class GitHubFacts {

    static final String ACTIONS_APP = "github-actions";

    private GitHubFacts() {
    }

    /** GitHub's run/job/check statuses; null for words that are not a status. */
    static RunStatus status(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "queued", "waiting", "requested", "pending" -> RunStatus.QUEUED;
            case "in_progress" -> RunStatus.IN_PROGRESS;
            case "completed" -> RunStatus.COMPLETED;
            default -> null;
        };
    }

    /** GitHub's conclusions; "startup_failure" (a workflow file that could not start) is a failure. */
    static Conclusion conclusion(String value) {
        return "startup_failure".equals(value) ? Conclusion.FAILURE : Conclusion.parse(value);
    }

    /** A workflow_run event as one run attempt, {@code "<run id>:<run attempt>"}. */
    static RunFacts workflowRun(String origin, JsonObject payload) {
        JsonObject run = required(payload, "workflow_run");
        String id = requiredString(run, "id", "workflow_run");
        int attempt = (int) Payloads.number(run, "run_attempt", 1);
        JsonObject repository = Payloads.object(payload, "repository");
        String pipeline = firstNonNull(Payloads.string(run, "name"), Payloads.string(Payloads.object(payload, "workflow"), "name"),
                Payloads.string(run, "path"));
        if (pipeline == null) {
            throw new IllegalArgumentException("workflow_run event without workflow_run.name");
        }
        RunStatus status = status(Payloads.string(run, "status"));
        Instant runStartedAt = Payloads.instant(run, "run_started_at");
        // A re-run keeps the first attempt's created_at; this attempt was requested at run_started_at.
        Instant queuedAt = attempt > 1 && runStartedAt != null ? runStartedAt : Payloads.instant(run, "created_at");
        Instant updatedAt = Payloads.instant(run, "updated_at");
        return new RunFacts(origin, id + ":" + attempt, clip(pipeline, 300),
                Payloads.string(repository, "full_name"), Payloads.string(repository, "name"),
                HookFields.optionalLong(run, "run_number"),
                attempt,
                clip(Payloads.string(run, "head_branch"), 300),
                Payloads.string(run, "head_sha"),
                clip(Payloads.string(run, "event"), 100),
                clip(login(Payloads.object(run, "actor")), 200),
                Payloads.string(run, "html_url"),
                status,
                status == RunStatus.COMPLETED ? conclusion(Payloads.string(run, "conclusion")) : null,
                queuedAt,
                status == RunStatus.IN_PROGRESS || status == RunStatus.COMPLETED ? runStartedAt : null,
                status == RunStatus.COMPLETED ? updatedAt : null,
                updatedAt);
    }

    /** A workflow_job event as a job of run {@code "<run_id>:<run_attempt>"}. */
    static JobFacts workflowJob(String origin, JsonObject payload) {
        JsonObject job = required(payload, "workflow_job");
        String id = requiredString(job, "id", "workflow_job");
        String runId = Payloads.string(job, "run_id");
        long attempt = Payloads.number(job, "run_attempt", 1);
        RunStatus status = status(Payloads.string(job, "status"));
        Instant createdAt = Payloads.instant(job, "created_at");
        Instant startedAt = started(status) ? Payloads.instant(job, "started_at") : null;
        Instant completedAt = status == RunStatus.COMPLETED ? Payloads.instant(job, "completed_at") : null;
        return new JobFacts(origin, id, runId == null ? null : runId + ":" + attempt,
                clip(firstNonNull(Payloads.string(job, "name"), "job " + id), 300),
                Payloads.string(Payloads.object(payload, "repository"), "full_name"),
                Payloads.string(job, "head_sha"),
                clip(Payloads.string(job, "head_branch"), 300),
                clip(Payloads.string(job, "runner_name"), 300),
                status,
                status == RunStatus.COMPLETED ? conclusion(Payloads.string(job, "conclusion")) : null,
                // A queued job's started_at is its queue time.
                firstNonNull(createdAt, started(status) ? null : Payloads.instant(job, "started_at")),
                startedAt,
                completedAt,
                firstNonNull(completedAt, startedAt, createdAt));
    }

    /** Why a check_run is not recorded (it comes from GitHub Actions, whose jobs arrive as workflow_job), else null. */
    static String checkRunIgnored(JsonObject payload) {
        JsonObject check = Payloads.object(payload, "check_run");
        JsonObject app = firstNonNull(Payloads.object(check, "app"), Payloads.object(Payloads.object(check, "check_suite"), "app"));
        if (ACTIONS_APP.equals(Payloads.string(app, "slug"))) {
            return "check_run '" + Payloads.string(check, "name") + "' was created by GitHub Actions: ignored as a duplicate "
                    + "of its workflow_job";
        }
        return null;
    }

    /** A check_run of another CI app (not GitHub Actions) as a job of its own, {@code "check:<id>"}, without a run. */
    static JobFacts checkRun(String origin, JsonObject payload) {
        JsonObject check = required(payload, "check_run");
        String id = requiredString(check, "id", "check_run");
        RunStatus status = status(Payloads.string(check, "status"));
        Instant startedAt = Payloads.instant(check, "started_at");
        Instant completedAt = status == RunStatus.COMPLETED ? Payloads.instant(check, "completed_at") : null;
        JsonObject suite = Payloads.object(check, "check_suite");
        return new JobFacts(origin, "check:" + id, null,
                clip(firstNonNull(Payloads.string(check, "name"), "check " + id), 300),
                Payloads.string(Payloads.object(payload, "repository"), "full_name"),
                firstNonNull(Payloads.string(check, "head_sha"), Payloads.string(suite, "head_sha")),
                clip(Payloads.string(suite, "head_branch"), 300),
                null,
                status,
                status == RunStatus.COMPLETED ? conclusion(Payloads.string(check, "conclusion")) : null,
                started(status) ? null : startedAt,
                started(status) ? startedAt : null,
                completedAt,
                firstNonNull(completedAt, startedAt));
    }

    /** Why a push carries no change for us (tag, deleted branch, no commits), else null. */
    static String pushIgnored(JsonObject payload) {
        String ref = Payloads.string(payload, "ref");
        String tag = PushFacts.tagOf(ref);
        if (tag != null) {
            return "push of tag " + tag + ": tags are not changes (stored raw)";
        }
        String branch = PushFacts.branchOf(ref);
        if (branch == null) {
            return "push to " + ref + ": not a branch (stored raw)";
        }
        if (Boolean.TRUE.equals(Payloads.bool(payload, "deleted"))) {
            return "push deleting branch " + branch + ": nothing to record";
        }
        JsonArray commits = HookFields.array(payload, "commits");
        if (commits == null || commits.isEmpty()) {
            return "push to " + branch + " without commits (e.g. a branch created at an existing commit)";
        }
        return null;
    }

    /** A branch push; call {@link #pushIgnored} first. */
    static PushFacts push(JsonObject payload, Instant receivedAt) {
        JsonObject repository = Payloads.object(payload, "repository");
        String fullName = Payloads.string(repository, "full_name");
        if (fullName == null) {
            throw new IllegalArgumentException("push event without repository.full_name");
        }
        String after = PushFacts.sha(Payloads.string(payload, "after"));
        List<CommitFacts> commits = new ArrayList<>();
        for (JsonObject commit : HookFields.objects(HookFields.array(payload, "commits"))) {
            JsonObject author = Payloads.object(commit, "author");
            commits.add(new CommitFacts(Payloads.string(commit, "id"), Payloads.string(commit, "message"),
                    clip(firstNonNull(Payloads.string(author, "username"), Payloads.string(author, "name")), 200),
                    Payloads.instant(commit, "timestamp")));
        }
        Instant pushedAt = firstNonNull(pushedAt(repository), receivedAt);
        return new PushFacts(fullName, clip(PushFacts.branchOf(Payloads.string(payload, "ref")), 300),
                PushFacts.sha(Payloads.string(payload, "before")), after, PushFacts.oldestFirst(commits, after), pushedAt);
    }

    /** A pull_request event (any action: each carries the whole pull request as it is now). */
    static PullRequestFacts pullRequest(JsonObject payload) {
        JsonObject pr = required(payload, "pull_request");
        String repository = Payloads.string(Payloads.object(payload, "repository"), "full_name");
        if (repository == null) {
            throw new IllegalArgumentException("pull_request event without repository.full_name");
        }
        long number = Payloads.number(pr, "number", Payloads.number(payload, "number", -1));
        if (number < 0) {
            throw new IllegalArgumentException("pull_request event without pull_request.number");
        }
        Instant createdAt = Payloads.instant(pr, "created_at");
        if (createdAt == null) {
            throw new IllegalArgumentException("pull_request event without pull_request.created_at");
        }
        boolean merged = Boolean.TRUE.equals(Payloads.bool(pr, "merged")) || Payloads.instant(pr, "merged_at") != null;
        String state = merged ? "merged" : Payloads.string(pr, "state");
        return new PullRequestFacts(repository, number, clip(Payloads.string(pr, "title"), 1000),
                clip(login(Payloads.object(pr, "user")), 200), state,
                clip(Payloads.string(Payloads.object(pr, "base"), "ref"), 300),
                Payloads.string(Payloads.object(pr, "head"), "sha"),
                merged ? Payloads.string(pr, "merge_commit_sha") : null,
                createdAt, Payloads.instant(pr, "merged_at"), Payloads.instant(pr, "closed_at"),
                Payloads.string(pr, "html_url"), Payloads.instant(pr, "updated_at"));
    }

    /** A short description of a release event; releases are not modelled (deployments are what ship). */
    static String releaseNote(JsonObject payload) {
        JsonObject release = Payloads.object(payload, "release");
        return "release " + firstNonNull(Payloads.string(release, "tag_name"), Payloads.string(release, "name"), "?") + " "
                + firstNonNull(Payloads.string(payload, "action"), "event")
                + ": stored raw; OpsSight has no release model (deployments are what ship changes)";
    }

    private static boolean started(RunStatus status) {
        return status == RunStatus.IN_PROGRESS || status == RunStatus.COMPLETED;
    }

    /** repository.pushed_at: epoch seconds in push events, ISO-8601 elsewhere. */
    private static Instant pushedAt(JsonObject repository) {
        String value = Payloads.string(repository, "pushed_at");
        if (value == null) {
            return null;
        }
        if (value.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochSecond(Long.parseLong(value));
        }
        try {
            return Payloads.parseInstant(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }

    private static String login(JsonObject user) {
        return Payloads.string(user, "login");
    }

    private static JsonObject required(JsonObject payload, String name) {
        JsonObject value = Payloads.object(payload, name);
        if (value == null) {
            throw new IllegalArgumentException(name + " event without " + name);
        }
        return value;
    }

    private static String requiredString(JsonObject object, String field, String event) {
        String value = Payloads.string(object, field);
        if (value == null) {
            throw new IllegalArgumentException(event + " event without " + event + "." + field);
        }
        return value;
    }
}
