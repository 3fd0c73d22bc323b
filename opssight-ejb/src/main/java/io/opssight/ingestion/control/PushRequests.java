package io.opssight.ingestion.control;

import static io.opssight.platform.entity.JsonSupport.JSON;

import io.opssight.platform.entity.ValidationProblem;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a push before it is stored and turns it into the canonical body kept as the delivery:
 * the caller's fields plus what was decided at the door (origin, default status, the deployed sha,
 * the natural key of a cause named by id). Whatever depends on the time of arrival is left out and
 * taken from the delivery's receive time by {@link PushNormalizer}, so the canonical body of an
 * identical retry is identical. Cross-field rules that Bean Validation on the wire classes cannot
 * express live here and answer 400 before anything is stored.
 */
public final class PushRequests {

    static final Set<String> DEPLOYMENT_STATUSES = Set.of("success", "failure", "error", "in_progress", "queued", "pending");
    static final Set<String> FINAL_DEPLOYMENT_STATUSES = Set.of("success", "failure", "error");
    static final Set<String> INCIDENT_STATUSES = Set.of("triggered", "acknowledged", "resolved");
    static final Set<String> RUN_STATUSES = Set.of("queued", "in_progress", "completed");
    static final Set<String> CONCLUSIONS = Set.of("success", "failure", "cancelled", "skipped", "timed_out", "neutral",
            "action_required", "stale");
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

    public static JsonObject deployment(JsonObject body, String defaultOrigin) {
        JsonObjectBuilder out = JSON.createObjectBuilder(body);
        required(body, "service");
        required(body, "environment");
        out.add("origin", origin(body, defaultOrigin));
        String status = Payloads.string(body, "status");
        if (status == null) {
            status = "success";
            out.add("status", status);
        }
        oneOf("status", status, DEPLOYMENT_STATUSES);
        Instant created = instant(body, "createdAt");
        Instant started = instant(body, "startedAt");
        Instant finished = instant(body, "finishedAt");
        notBefore("startedAt", started, "createdAt", created);
        notBefore("finishedAt", finished, "startedAt", started);
        notBefore("finishedAt", finished, "createdAt", created);
        if (finished != null && !FINAL_DEPLOYMENT_STATUSES.contains(status)) {
            throw new ValidationProblem("finishedAt needs a final status (success, failure or error), not '" + status + "'");
        }
        List<JsonObject> commits = objects(body, "commits");
        if (!commits.isEmpty()) {
            if (Payloads.string(body, "repository") == null) {
                throw new ValidationProblem("commits need the repository (owner/name) they were pushed to");
            }
            Set<String> shas = new HashSet<>();
            JsonObject newest = null;
            for (JsonObject commit : commits) {
                String sha = Payloads.string(commit, "sha");
                Instant committed = instant(commit, "committedAt");
                if (sha == null || committed == null) {
                    throw new ValidationProblem("every commit needs sha and committedAt");
                }
                shas.add(sha);
                if (newest == null || !committed.isBefore(instant(newest, "committedAt"))) {
                    newest = commit;
                }
            }
            String sha = Payloads.string(body, "sha");
            if (sha == null) {
                out.add("sha", Payloads.string(newest, "sha"));
            } else if (!shas.contains(sha)) {
                throw new ValidationProblem("sha " + sha + " is not one of the commits; the deployed commit must be listed");
            }
        }
        return out.build();
    }

    public static JsonObject incident(JsonObject body, String defaultOrigin, DeploymentKeys deployments) {
        JsonObjectBuilder out = JSON.createObjectBuilder(body);
        required(body, "title");
        out.add("origin", origin(body, defaultOrigin));
        Instant opened = instant(body, "openedAt");
        Instant resolved = instant(body, "resolvedAt");
        String status = Payloads.string(body, "status");
        if (status == null) {
            status = resolved != null ? "resolved" : "triggered";
            out.add("status", status);
        }
        oneOf("status", status, INCIDENT_STATUSES);
        if (resolved != null && !"resolved".equals(status)) {
            throw new ValidationProblem("resolvedAt needs status resolved, not '" + status + "'");
        }
        notBefore("resolvedAt", resolved, "openedAt", opened);
        JsonObject cause = Payloads.object(body, "causedBy");
        if (body.containsKey("causedBy") && cause == null && !body.isNull("causedBy")) {
            throw new ValidationProblem("causedBy must be an object");
        }
        if (cause != null) {
            out.add("causedBy", cause(cause, deployments));
        }
        return out.build();
    }

    private static JsonObject cause(JsonObject cause, DeploymentKeys deployments) {
        boolean byId = cause.containsKey("deploymentId") && !cause.isNull("deploymentId");
        String origin = Payloads.string(cause, "origin");
        String externalId = Payloads.string(cause, "externalId");
        if (byId && (origin != null || externalId != null)) {
            throw new ValidationProblem("causedBy names a deployment either by deploymentId or by origin and externalId, not both");
        }
        if (byId) {
            long id = Payloads.number(cause, "deploymentId", -1);
            NaturalKey key = id < 0 ? null : deployments.of(id);
            if (key == null) {
                throw new ValidationProblem("causedBy.deploymentId: there is no deployment " + Payloads.string(cause, "deploymentId"));
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

    public static JsonObject pipelineRun(JsonObject body, String defaultOrigin) {
        JsonObjectBuilder out = JSON.createObjectBuilder(body);
        required(body, "pipeline");
        out.add("origin", origin(body, defaultOrigin));
        runStatus("", body, out);
        List<JsonObject> jobs = objects(body, "jobs");
        if (!jobs.isEmpty()) {
            Set<String> names = new HashSet<>();
            JsonArrayBuilder checkedJobs = JSON.createArrayBuilder();
            for (JsonObject job : jobs) {
                String name = Payloads.string(job, "name");
                if (name == null || name.isBlank()) {
                    throw new ValidationProblem("every job needs a name");
                }
                if (!names.add(name)) {
                    throw new ValidationProblem("job names must be unique within a run; '" + name + "' appears twice");
                }
                JsonObjectBuilder checkedJob = JSON.createObjectBuilder(job);
                runStatus("job '" + name + "': ", job, checkedJob);
                checkedJobs.add(checkedJob);
            }
            out.add("jobs", checkedJobs);
        }
        return out.build();
    }

    private static void runStatus(String prefix, JsonObject body, JsonObjectBuilder out) {
        String status = Payloads.string(body, "status");
        String conclusion = Payloads.string(body, "conclusion");
        Instant queued = instant(body, "queuedAt");
        Instant started = instant(body, "startedAt");
        Instant finished = instant(body, "finishedAt");
        if (conclusion != null) {
            oneOf(prefix + "conclusion", conclusion, CONCLUSIONS);
        }
        if (status == null) {
            status = conclusion != null || finished != null ? "completed" : started != null ? "in_progress" : "queued";
            out.add("status", status);
        }
        oneOf(prefix + "status", status, RUN_STATUSES);
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

    private static String origin(JsonObject body, String defaultOrigin) {
        String origin = Payloads.string(body, "origin");
        String chosen = origin != null && !origin.isBlank() ? origin.trim() : defaultOrigin;
        if (chosen.length() > MAX_ORIGIN) {
            throw new ValidationProblem("origin is at most " + MAX_ORIGIN + " characters"
                    + (origin == null ? "; the token's name is too long to make one, so send an origin" : ""));
        }
        return chosen;
    }

    private static Instant instant(JsonObject parent, String name) {
        try {
            return Payloads.instant(parent, name);
        } catch (IllegalArgumentException e) {
            throw new ValidationProblem(name + ": " + e.getMessage() + "; expected an ISO-8601 instant");
        }
    }

    private static void required(JsonObject body, String name) {
        String value = Payloads.string(body, name);
        if (value == null || value.isBlank()) {
            throw new ValidationProblem(name + " is required");
        }
    }

    private static void oneOf(String name, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new ValidationProblem(name + " '" + value + "' is not one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
    }

    private static void notBefore(String laterName, Instant later, String earlierName, Instant earlier) {
        if (later != null && earlier != null && later.isBefore(earlier)) {
            throw new ValidationProblem(laterName + " (" + later + ") is before " + earlierName + " (" + earlier + ")");
        }
    }

    static List<JsonObject> objects(JsonObject parent, String name) {
        JsonValue value = parent == null ? null : parent.get(name);
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
            return List.of();
        }
        JsonArray array = value.asJsonArray();
        return array.stream().filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT).map(JsonValue::asJsonObject)
                .toList();
    }
}
