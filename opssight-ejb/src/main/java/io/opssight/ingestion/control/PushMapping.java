package io.opssight.ingestion.control;

import io.opssight.change.control.CommitFacts;
import io.opssight.deployment.control.DeploymentFacts;
import io.opssight.deployment.entity.DeploymentStatus;
import io.opssight.incident.control.IncidentFacts;
import io.opssight.incident.entity.IncidentStatus;
import io.opssight.pipeline.control.JobFacts;
import io.opssight.pipeline.control.RunFacts;
import io.opssight.pipeline.entity.Conclusion;
import io.opssight.pipeline.entity.RunStatus;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The push API's canonical bodies (see {@link PushRequests}) as facts for the recorders the webhooks
 * use. Times the caller left out are the delivery's receive time, so a replay gives the same result.
 * Pure: no container, no database.
 */
final class PushMapping {

    /** Orders statuses reported at the same instant: progress wins over what came before it. */
    private static final long SEQ_QUEUED = 0;
    private static final long SEQ_PENDING = 1;
    private static final long SEQ_IN_PROGRESS = 2;
    private static final long SEQ_FINAL = 3;

    private PushMapping() {
    }

    /**
     * The facts of a pushed deployment, in the order to record them. A deployment pushed once it
     * is over, with its start time, is first recorded as in progress at that start, because the
     * model learns a start time only from an in-progress status (as GitHub reports it).
     */
    static List<DeploymentFacts> deployment(JsonObject p, Instant receivedAt) {
        DeploymentStatus status = DeploymentStatus.fromGitHub(text(p, "status", "success"));
        Instant created = Payloads.instant(p, "createdAt");
        Instant started = Payloads.instant(p, "startedAt");
        Instant finished = Payloads.instant(p, "finishedAt");
        List<DeploymentFacts> facts = new ArrayList<>();
        if (started != null && status.isFinal()) {
            facts.add(facts(p, created, DeploymentStatus.IN_PROGRESS, started, SEQ_IN_PROGRESS));
        }
        Instant statusAt = switch (status) {
            case SUCCESS, FAILURE, ERROR -> finished != null ? finished : receivedAt;
            case IN_PROGRESS -> started != null ? started : receivedAt;
            default -> created != null ? created : receivedAt;
        };
        long seq = switch (status) {
            case QUEUED -> SEQ_QUEUED;
            case IN_PROGRESS -> SEQ_IN_PROGRESS;
            case SUCCESS, FAILURE, ERROR -> SEQ_FINAL;
            default -> SEQ_PENDING;
        };
        facts.add(facts(p, created, status, statusAt, seq));
        return facts;
    }

    private static DeploymentFacts facts(JsonObject p, Instant created, DeploymentStatus status, Instant at, long seq) {
        return new DeploymentFacts(
                required(p, "origin"),
                required(p, "externalId"),
                Payloads.string(p, "repository"),
                required(p, "service"),
                required(p, "environment"),
                Payloads.bool(p, "production"),
                Payloads.string(p, "sha"),
                Payloads.string(p, "ref"),
                Payloads.string(p, "version"),
                Payloads.string(p, "creator"),
                Payloads.string(p, "url"),
                null,
                created,
                status,
                at,
                seq);
    }

    /**
     * The commits a deployment names, as one push ending at the deployed sha: oldest first by commit
     * time, the deployed commit last (so the walk back from it sees every other one).
     */
    static List<CommitFacts> commits(JsonObject p) {
        String deployed = Payloads.string(p, "sha");
        List<JsonObject> commits = new ArrayList<>(objects(p, "commits"));
        commits.sort(Comparator.comparing((JsonObject c) -> Payloads.string(c, "sha").equals(deployed))
                .thenComparing(c -> Payloads.instant(c, "committedAt")));
        return commits.stream().map(c -> new CommitFacts(Payloads.string(c, "sha"), Payloads.string(c, "message"),
                Payloads.string(c, "author"), Payloads.instant(c, "committedAt"))).toList();
    }

    /** The branch a ref names: "refs/heads/main" and "main" are main; a tag is no branch. */
    static String branch(String ref) {
        if (ref == null || ref.startsWith("refs/tags/")) {
            return null;
        }
        return ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
    }

    static IncidentFacts incident(JsonObject p, Instant receivedAt) {
        IncidentStatus status = IncidentStatus.valueOf(text(p, "status", "triggered").toUpperCase(Locale.ROOT));
        Instant opened = Payloads.instant(p, "openedAt");
        Instant resolved = Payloads.instant(p, "resolvedAt");
        Instant statusAt = switch (status) {
            case TRIGGERED -> opened != null ? opened : receivedAt;
            case RESOLVED -> resolved != null ? resolved : receivedAt;
            case ACKNOWLEDGED -> receivedAt;
        };
        JsonObject cause = Payloads.object(p, "causedBy");
        return new IncidentFacts(required(p, "origin"), required(p, "externalId"), required(p, "title"),
                Payloads.string(p, "service"), Payloads.string(p, "severity"), status, statusAt, opened,
                Payloads.string(p, "url"), Payloads.string(cause, "origin"), Payloads.string(cause, "externalId"));
    }

    /** A resolution: only the status changes; everything else about the incident is kept. */
    static IncidentFacts resolution(JsonObject p, Instant receivedAt) {
        Instant resolved = Payloads.instant(p, "resolvedAt");
        Instant at = resolved != null ? resolved : receivedAt;
        return new IncidentFacts(required(p, "origin"), required(p, "externalId"), null, null, null,
                IncidentStatus.RESOLVED, at, null, null, null, null);
    }

    static RunFacts run(JsonObject p, Instant receivedAt) {
        String repository = Payloads.string(p, "repository");
        return new RunFacts(required(p, "origin"), required(p, "externalId"), required(p, "pipeline"), repository,
                shortName(repository), null, null, Payloads.string(p, "branch"), Payloads.string(p, "sha"), null, null,
                Payloads.string(p, "url"), runStatus(p), Conclusion.parse(Payloads.string(p, "conclusion")),
                Payloads.instant(p, "queuedAt"), Payloads.instant(p, "startedAt"), Payloads.instant(p, "finishedAt"),
                receivedAt);
    }

    /** The run's jobs; a job's externalId is the run's plus its name, which is unique within the run. */
    static List<JobFacts> jobs(JsonObject p, Instant receivedAt) {
        String origin = required(p, "origin");
        String run = required(p, "externalId");
        String repository = Payloads.string(p, "repository");
        List<JobFacts> jobs = new ArrayList<>();
        for (JsonObject job : objects(p, "jobs")) {
            String name = required(job, "name");
            String externalId = run + "/" + name;
            if (externalId.length() > 200) {
                externalId = run + "/" + PushKeys.sha256Hex(name).substring(0, 32);
            }
            jobs.add(new JobFacts(origin, externalId, run, name, repository, Payloads.string(p, "sha"),
                    Payloads.string(p, "branch"), null, runStatus(job), Conclusion.parse(Payloads.string(job, "conclusion")),
                    null, Payloads.instant(job, "startedAt"), Payloads.instant(job, "finishedAt"), receivedAt));
        }
        return jobs;
    }

    private static RunStatus runStatus(JsonObject p) {
        return RunStatus.valueOf(text(p, "status", "queued").toUpperCase(Locale.ROOT));
    }

    /** "acme/shop" → "shop"; the service a run belongs to is found by repository, then this name. */
    static String shortName(String repository) {
        if (repository == null) {
            return null;
        }
        int slash = repository.lastIndexOf('/');
        return slash < 0 ? repository : repository.substring(slash + 1);
    }

    private static String text(JsonObject p, String name, String fallback) {
        String value = Payloads.string(p, name);
        return value != null ? value : fallback;
    }

    private static String required(JsonObject p, String name) {
        String value = Payloads.string(p, name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("push without " + name);
        }
        return value;
    }

    private static List<JsonObject> objects(JsonObject parent, String name) {
        JsonValue value = parent == null ? null : parent.get(name);
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
            return List.of();
        }
        JsonArray array = value.asJsonArray();
        return array.stream().filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT).map(JsonValue::asJsonObject)
                .toList();
    }
}
