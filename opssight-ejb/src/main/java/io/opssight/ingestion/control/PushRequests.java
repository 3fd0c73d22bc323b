package io.opssight.ingestion.control;

import static io.opssight.platform.entity.JsonSupport.JSON;

import io.opssight.ingestion.entity.DeploymentPush;
import io.opssight.ingestion.entity.IncidentPush;
import io.opssight.ingestion.entity.PipelineRunPush;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a push command ({@link DeploymentPush}, {@link IncidentPush}, {@link PipelineRunPush})
 * before it is stored and turns it into the canonical body kept as the delivery: the command's
 * fields ({@link PushFields}) plus what was decided at the door (origin, default status, the
 * deployed sha, the natural key of a cause named by id). Whatever depends on the time of arrival is
 * left out and taken from the delivery's receive time by {@link PushNormalizer}, so the canonical
 * body of an identical retry is identical. Field rules (lengths, formats, status words, required
 * fields) are Bean Validation's on the web layer's wire classes, whose violations the problem
 * answers name; the rules across fields live here, once, and answer 400 before anything is stored.
 * Here too are what the wire classes cannot see: text the model cannot keep (NUL), times outside
 * the years it holds, and required text that is only white space beyond U+0020.
 */
public final class PushRequests {

    static final Set<String> FINAL_DEPLOYMENT_STATUSES = Set.of("success", "failure", "error");
    static final int MAX_ORIGIN = 200;

    private PushRequests() {
    }

    /** The natural key of a pushed object (or of the deployment an incident names). */
    public record NaturalKey(String origin, String externalId) {
    }

    /** Finds a deployment's natural key by its id; null when there is no such deployment. */
    @FunctionalInterface
    public interface DeploymentKeys {
        NaturalKey of(long deploymentId);
    }

    /** The origin of a caller's pushes when it names none: "push:<token name>". */
    public static String defaultOrigin(String callerName) {
        String name = callerName.startsWith("token:") ? callerName.substring("token:".length()) : callerName;
        return "push:" + name;
    }

    public static JsonObject deployment(DeploymentPush push, String defaultOrigin) {
        JsonObjectBuilder out = fields(push).builder();
        required("service", push.service());
        required("environment", push.environment());
        out.add("origin", origin(push.origin(), defaultOrigin));
        String status = text("status", push.status());
        if (status == null) {
            status = "success";
            out.add("status", status);
        }
        Instant created = instant("createdAt", push.createdAt());
        Instant started = instant("startedAt", push.startedAt());
        Instant finished = instant("finishedAt", push.finishedAt());
        notBefore("startedAt", started, "createdAt", created);
        notBefore("finishedAt", finished, "startedAt", started);
        notBefore("finishedAt", finished, "createdAt", created);
        if (finished != null && !FINAL_DEPLOYMENT_STATUSES.contains(status)) {
            throw new ValidationProblem("finishedAt needs a final status (success, failure or error), not '" + status + "'");
        }
        List<DeploymentPush.Commit> commits = present(push.commits());
        if (!commits.isEmpty()) {
            if (text("repository", push.repository()) == null) {
                throw new ValidationProblem("commits need the repository (owner/name) they were pushed to");
            }
            Set<String> shas = new HashSet<>();
            DeploymentPush.Commit newest = null;
            for (DeploymentPush.Commit commit : commits) {
                shas.add(text("sha", commit.sha()));
                Instant committed = instant("committedAt", commit.committedAt());
                if (newest == null || !committed.isBefore(newest.committedAt())) {
                    newest = commit;
                }
            }
            String sha = text("sha", push.sha());
            if (sha == null) {
                out.add("sha", newest.sha());
            } else if (!shas.contains(sha)) {
                throw new ValidationProblem("sha " + sha + " is not one of the commits; the deployed commit must be listed");
            }
        }
        return out.build();
    }

    public static JsonObject incident(IncidentPush push, String defaultOrigin, DeploymentKeys deployments) {
        JsonObjectBuilder out = fields(push).builder();
        required("title", push.title());
        out.add("origin", origin(push.origin(), defaultOrigin));
        Instant opened = instant("openedAt", push.openedAt());
        Instant resolved = instant("resolvedAt", push.resolvedAt());
        String status = text("status", push.status());
        if (status == null) {
            status = resolved != null ? "resolved" : "triggered";
            out.add("status", status);
        }
        if (resolved != null && !"resolved".equals(status)) {
            throw new ValidationProblem("resolvedAt needs status resolved, not '" + status + "'");
        }
        notBefore("resolvedAt", resolved, "openedAt", opened);
        if (push.causedBy() != null) {
            out.add("causedBy", cause(push.causedBy(), deployments));
        }
        return out.build();
    }

    private static JsonObject cause(IncidentPush.Cause cause, DeploymentKeys deployments) {
        boolean byId = cause.deploymentId() != null;
        String origin = text("origin", cause.origin());
        String externalId = text("externalId", cause.externalId());
        if (byId && (origin != null || externalId != null)) {
            throw new ValidationProblem("causedBy names a deployment either by deploymentId or by origin and externalId, not both");
        }
        if (byId) {
            long id = cause.deploymentId();
            NaturalKey key = id < 0 ? null : deployments.of(id);
            if (key == null) {
                throw new ValidationProblem("causedBy.deploymentId: there is no deployment " + id);
            }
            return JSON.createObjectBuilder().add("deploymentId", id).add("origin", key.origin())
                    .add("externalId", key.externalId()).build();
        }
        if (origin == null || externalId == null) {
            throw new ValidationProblem("causedBy needs deploymentId, or origin and externalId");
        }
        return JSON.createObjectBuilder().add("origin", origin).add("externalId", externalId).build();
    }

    /**
     * A resolution of the incident {@code incident}. Without resolvedAt it is resolved when the push
     * was received (the delivery's time, so a replay resolves it at the same time).
     */
    public static JsonObject resolution(NaturalKey incident, Instant resolvedAt) {
        JsonObjectBuilder out = JSON.createObjectBuilder().add("origin", incident.origin())
                .add("externalId", incident.externalId());
        if (resolvedAt != null) {
            out.add("resolvedAt", resolvedAt.toString());
        }
        return out.build();
    }

    public static JsonObject pipelineRun(PipelineRunPush push, String defaultOrigin) {
        JsonObjectBuilder out = fields(push).builder();
        required("pipeline", push.pipeline());
        out.add("origin", origin(push.origin(), defaultOrigin));
        runStatus("", push.status(), push.conclusion(), push.queuedAt(), push.startedAt(), push.finishedAt(), out);
        List<PipelineRunPush.Job> jobs = present(push.jobs());
        if (!jobs.isEmpty()) {
            Set<String> names = new HashSet<>();
            JsonArrayBuilder checkedJobs = JSON.createArrayBuilder();
            for (PipelineRunPush.Job job : jobs) {
                String name = text("name", job.name());
                if (name == null || name.isBlank()) {
                    throw new ValidationProblem("every job needs a name");
                }
                if (!names.add(name)) {
                    throw new ValidationProblem("job names must be unique within a run; '" + name + "' appears twice");
                }
                JsonObjectBuilder checkedJob = fields(job).builder();
                runStatus("job '" + name + "': ", job.status(), job.conclusion(), null, job.startedAt(), job.finishedAt(),
                        checkedJob);
                checkedJobs.add(checkedJob);
            }
            out.add("jobs", checkedJobs);
        }
        return out.build();
    }

    private static void runStatus(String prefix, String givenStatus, String givenConclusion, Instant queuedAt,
            Instant startedAt, Instant finishedAt, JsonObjectBuilder out) {
        String status = text("status", givenStatus);
        String conclusion = text("conclusion", givenConclusion);
        Instant queued = instant("queuedAt", queuedAt);
        Instant started = instant("startedAt", startedAt);
        Instant finished = instant("finishedAt", finishedAt);
        if (status == null) {
            status = conclusion != null || finished != null ? "completed" : started != null ? "in_progress" : "queued";
            out.add("status", status);
        }
        if (conclusion != null && !"completed".equals(status)) {
            throw new ValidationProblem(prefix + "a conclusion needs status completed, not '" + status + "'");
        }
        if (finished != null && !"completed".equals(status)) {
            throw new ValidationProblem(prefix + "finishedAt needs status completed, not '" + status + "'");
        }
        notBefore(prefix + "startedAt", started, "queuedAt", queued);
        notBefore(prefix + "finishedAt", finished, "startedAt", started);
    }

    /** The checked body with the externalId it names, or the one derived from its delivery key. */
    public static JsonObject withExternalId(JsonObject checked, String externalId) {
        return Payloads.string(checked, "externalId") != null ? checked
                : JSON.createObjectBuilder(checked).add("externalId", externalId).build();
    }

    /** The natural key a canonical body names. */
    public static NaturalKey keyOf(JsonObject canonical) {
        String origin = Payloads.string(canonical, "origin");
        String externalId = Payloads.string(canonical, "externalId");
        if (origin == null || externalId == null) {
            throw new IllegalArgumentException("push without origin and externalId");
        }
        return new NaturalKey(origin, externalId);
    }

    private static String origin(String given, String defaultOrigin) {
        String origin = text("origin", given);
        String chosen = origin != null && !origin.isBlank() ? origin.trim() : defaultOrigin;
        if (chosen.length() > MAX_ORIGIN) {
            throw new ValidationProblem("origin is at most " + MAX_ORIGIN + " characters"
                    + (origin == null ? "; the token's name is too long to make one, so send an origin" : ""));
        }
        return chosen;
    }

    /**
     * A pushed text field as the model can keep it ({@link Payloads#storable}: no NUL). Only the
     * fields the checks read are checked at the door, as before the push commands existed.
     */
    private static String text(String name, String value) {
        return value == null ? null : Payloads.storable(name, value);
    }

    /**
     * A required text field. Not Bean Validation's {@code @NotBlank} twice: that trims only
     * characters up to U+0020, while a value of other white space (U+2003, say) is blank here too.
     */
    private static void required(String name, String value) {
        String text = text(name, value);
        if (text == null || text.isBlank()) {
            throw new ValidationProblem(name + " is required");
        }
    }

    /** A pushed time, checked to lie in the years the model holds; its text is the canonical body's. */
    private static Instant instant(String name, Instant value) {
        try {
            return value == null ? null : Payloads.parseInstant(value.toString());
        } catch (IllegalArgumentException e) {
            throw new ValidationProblem(name + ": " + e.getMessage() + "; expected an ISO-8601 instant");
        }
    }

    private static void notBefore(String laterName, Instant later, String earlierName, Instant earlier) {
        if (later != null && earlier != null && later.isBefore(earlier)) {
            throw new ValidationProblem(laterName + " (" + later + ") is before " + earlierName + " (" + earlier + ")");
        }
    }

    /** The items of a pushed list that are there: JSON-B keeps a null item, and the checks pass over it. */
    private static <T> List<T> present(List<T> items) {
        return items == null ? List.of() : items.stream().filter(Objects::nonNull).toList();
    }

    // The commands' fields, in the order JSON-B wrote them before (PushFields sorts them).

    private static PushFields fields(DeploymentPush push) {
        return new PushFields().put("service", push.service()).put("environment", push.environment())
                .put("version", push.version()).put("sha", push.sha()).put("ref", push.ref()).put("status", push.status())
                .put("createdAt", push.createdAt()).put("startedAt", push.startedAt()).put("finishedAt", push.finishedAt())
                .put("externalId", push.externalId()).put("origin", push.origin()).put("url", push.url())
                .put("creator", push.creator()).put("production", push.production()).put("repository", push.repository())
                .put("commits", push.commits(), PushRequests::fields);
    }

    private static PushFields fields(DeploymentPush.Commit commit) {
        return new PushFields().put("sha", commit.sha()).put("committedAt", commit.committedAt())
                .put("message", commit.message()).put("author", commit.author());
    }

    private static PushFields fields(IncidentPush push) {
        IncidentPush.Cause cause = push.causedBy();
        return new PushFields().put("service", push.service()).put("title", push.title()).put("severity", push.severity())
                .put("status", push.status()).put("openedAt", push.openedAt()).put("resolvedAt", push.resolvedAt())
                .put("externalId", push.externalId()).put("origin", push.origin()).put("url", push.url())
                .put("causedBy", cause == null ? null : new PushFields().put("deploymentId", cause.deploymentId())
                        .put("origin", cause.origin()).put("externalId", cause.externalId()));
    }

    private static PushFields fields(PipelineRunPush push) {
        return new PushFields().put("pipeline", push.pipeline()).put("repository", push.repository())
                .put("branch", push.branch()).put("sha", push.sha()).put("status", push.status())
                .put("conclusion", push.conclusion()).put("queuedAt", push.queuedAt()).put("startedAt", push.startedAt())
                .put("finishedAt", push.finishedAt()).put("externalId", push.externalId()).put("origin", push.origin())
                .put("url", push.url()).put("jobs", push.jobs(), PushRequests::fields);
    }

    private static PushFields fields(PipelineRunPush.Job job) {
        return new PushFields().put("name", job.name()).put("status", job.status()).put("conclusion", job.conclusion())
                .put("startedAt", job.startedAt()).put("finishedAt", job.finishedAt());
    }
}
