package io.opssight.ingestion.control;

import static io.opssight.ingestion.control.HookFields.stripped;
import static io.opssight.platform.entity.StorableText.clip;

import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.SourceKind;
import io.opssight.pipeline.control.PipelineRecorder;
import io.opssight.pipeline.control.RunFacts;
import io.opssight.pipeline.entity.Conclusion;
import io.opssight.pipeline.entity.PipelineRun;
import io.opssight.pipeline.entity.RunStatus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Maps the Jenkins Notification plugin's JSON (one delivery per build phase) onto pipeline runs.
 *
 * <p>The plugin's {@code build.timestamp} is the time of the phase, not of the build: QUEUED sends
 * when the build entered the queue, STARTED the build's start, COMPLETED start + duration (the
 * finish), FINALIZED the moment finalisation ended (after log and artifacts were closed). So a
 * COMPLETED delivery gives finish = timestamp and start = timestamp − duration; FINALIZED gives the
 * finish as the known start + duration, or its own timestamp when nothing earlier arrived.
 *
 * <p>A run is identified by the job's full name (folders and multibranch projects included, read
 * from the job url, e.g. {@code job/shop/job/main/} → {@code shop/main}) and the build number:
 * the plain job name of a multibranch branch ("main") is the same in every project.
 */
@Dependent
public class JenkinsNormalizer implements Normalizer {

    @Inject
    PipelineRecorder pipelines;

    @PersistenceContext
    EntityManager em;

    /** Where a build is after one phase report, and the times that report tells. */
    record Progress(RunStatus status, Instant queuedAt, Instant startedAt, Instant finishedAt) {
    }

    @Override
    public SourceKind kind() {
        return SourceKind.JENKINS;
    }

    @Override
    public SourceProtocol protocol() {
        return new TokenProtocol(Set.of("x-jenkins-event"),
                "Jenkins: Notification plugin endpoint, JSON over HTTP, to https://jenkins:SECRET@ followed by the "
                + "URL above without its scheme (the secret is the Basic password); keep it in a Secret text credential.");
    }

    @Override
    public Normalized normalize(Delivery delivery, JsonObject payload, Instant now) {
        JsonObject build = Payloads.object(payload, "build");
        String job = fullName(Payloads.string(payload, "url"), Payloads.string(payload, "name"));
        if (job == null) {
            throw new IllegalArgumentException("Jenkins notification without a job name");
        }
        if (build == null || Payloads.string(build, "number") == null) {
            throw new IllegalArgumentException("Jenkins notification without build.number");
        }
        String phase = Payloads.string(build, "phase");
        long number = Payloads.number(build, "number", 0);
        String origin = Normalizer.origin(delivery);
        String externalId = clip(stripped(job + "#" + number), 200);
        Instant at = timestamp(build.get("timestamp"));
        long duration = Payloads.number(build, "duration", 0);
        Instant knownStart = "FINALIZED".equalsIgnoreCase(phase) ? knownStart(origin, externalId) : null;
        Progress progress = progress(phase, at, duration, knownStart);
        if (progress == null) {
            return Normalized.ignored("Jenkins phase '" + phase + "' of " + externalId + " is stored but not modelled");
        }
        Conclusion conclusion = progress.status() == RunStatus.COMPLETED ? Conclusion.parse(Payloads.string(build, "status")) : null;
        JsonObject scm = Payloads.object(build, "scm");
        String repository = clip(stripped(repositoryOf(Payloads.string(scm, "url"))), 300);
        // Without a repository the job itself names the service (a deploy or ops job, say).
        String repositoryName = repository != null ? repository.substring(repository.lastIndexOf('/') + 1)
                : clip(stripped(job), 200);
        RunFacts facts = new RunFacts(origin, externalId, clip(stripped(job), 300), repository, repositoryName, number, null,
                clip(stripped(branchOf(Payloads.string(scm, "branch"))), 300), clip(stripped(Payloads.string(scm, "commit")), 64),
                null, null,
                clip(stripped(Payloads.string(build, "full_url")), 2000), progress.status(), conclusion, progress.queuedAt(),
                progress.startedAt(), progress.finishedAt(), at != null ? at : now);
        PipelineRun run = pipelines.recordRun(facts, now);
        return Normalized.modelled("pipeline run " + run.getExternalId() + " " + run.times().getStatus().wireName()
                + (run.times().getConclusion() != null ? " " + run.times().getConclusion().wireName() : ""));
    }

    private Instant knownStart(String origin, String externalId) {
        List<PipelineRun> found = em.createNamedQuery(PipelineRun.FIND_BY_EXTERNAL_ID, PipelineRun.class)
                .setParameter("origin", origin).setParameter("externalId", externalId).getResultList();
        return found.isEmpty() ? null : found.get(0).times().getStartedAt();
    }

    /**
     * What one phase report says. QUEUED → queued (queued at the timestamp); STARTED → in progress
     * (started at it); COMPLETED → completed (finished at it, started {@code duration} before);
     * FINALIZED → completed (finished {@code duration} after the known start, else at its own
     * timestamp). Null for phases that are no build progress (the manual step's NONE) or unknown.
     */
    static Progress progress(String phase, Instant at, long durationMillis, Instant knownStart) {
        if (phase == null) {
            return null;
        }
        Duration duration = durationMillis > 0 ? Duration.ofMillis(durationMillis) : null;
        return switch (phase.trim().toUpperCase(Locale.ROOT)) {
            case "QUEUED" -> new Progress(RunStatus.QUEUED, at, null, null);
            case "STARTED" -> new Progress(RunStatus.IN_PROGRESS, null, at, null);
            case "COMPLETED" -> new Progress(RunStatus.COMPLETED, null, minus(at, duration), at);
            case "FINALIZED" -> knownStart != null && duration != null
                    ? new Progress(RunStatus.COMPLETED, null, null, knownStart.plus(duration))
                    : new Progress(RunStatus.COMPLETED, null, minus(at, duration), at);
            default -> null;
        };
    }

    private static Instant minus(Instant at, Duration duration) {
        return at == null || duration == null ? null : at.minus(duration);
    }

    /** The first millisecond of the year 10000: no build ran later (and a timestamp column ends there). */
    private static final long LAST_MILLI = 253_402_300_800_000L;

    /** The plugin sends milliseconds since the epoch; a few forks send an ISO-8601 string. */
    static Instant timestamp(JsonValue value) {
        if (value == null) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.NUMBER) {
            long millis = Payloads.longOf(((JsonNumber) value).bigDecimalValue(), -1);
            return millis > 0 && millis < LAST_MILLI ? Instant.ofEpochMilli(millis) : null;
        }
        if (value.getValueType() == JsonValue.ValueType.STRING) {
            String text = ((JsonString) value).getString().trim();
            if (text.matches("\\d{1,15}")) {
                long millis = Long.parseLong(text);
                return millis > 0 ? Instant.ofEpochMilli(millis) : null;
            }
            return Payloads.parseInstant(text);
        }
        return null;
    }

    /**
     * The job's full name from its url ({@code job/folder/job/name/} → {@code folder/name}, %-escapes
     * decoded), else its plain name.
     */
    static String fullName(String jobUrl, String name) {
        if (jobUrl != null) {
            String[] parts = jobUrl.replaceAll("^/+|/+$", "").split("/");
            StringBuilder full = new StringBuilder();
            for (int i = 0; i + 1 < parts.length; i += 2) {
                if (!parts[i].equals("job")) {
                    full.setLength(0);
                    break;
                }
                full.append(full.length() == 0 ? "" : "/").append(decode(parts[i + 1]));
            }
            if (full.length() > 0 && parts.length % 2 == 0) {
                return full.toString();
            }
        }
        return name == null || name.isBlank() ? null : name.trim();
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    /**
     * The repository (owner/name, or a GitLab group path) a Git remote URL points at:
     * {@code https://github.com/acme/shop.git}, {@code git@github.com:acme/shop.git} and
     * {@code ssh://git@github.com:22/acme/shop} are all {@code acme/shop}. Bitbucket Server's
     * {@code /scm/} prefix is dropped. Null for local paths and anything without a path.
     */
    static String repositoryOf(String remote) {
        if (remote == null || remote.isBlank()) {
            return null;
        }
        String url = remote.trim();
        String path;
        int scheme = url.indexOf("://");
        if (scheme > 0) {
            if (url.regionMatches(true, 0, "file", 0, scheme)) {
                return null;
            }
            String rest = url.substring(scheme + 3);
            int slash = rest.indexOf('/');
            if (slash < 0) {
                return null;
            }
            path = rest.substring(slash + 1);
        } else {
            // scp-like syntax, [user@]host:path, has a colon before any slash.
            int colon = url.indexOf(':');
            int slash = url.indexOf('/');
            if (colon <= 0 || (slash >= 0 && slash < colon)) {
                return null;
            }
            path = url.substring(colon + 1);
        }
        int end = indexOfAny(path, '?', '#');
        if (end >= 0) {
            path = path.substring(0, end);
        }
        path = path.replaceAll("^/+|/+$", "");
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        path = path.replaceAll("/+$", "");
        if (path.startsWith("scm/") && path.split("/").length == 3) {
            path = path.substring(4);
        }
        return path.isEmpty() ? null : path;
    }

    private static int indexOfAny(String text, char a, char b) {
        int i = text.indexOf(a);
        int j = text.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    /** The branch without the remote's prefix: {@code origin/main}, {@code refs/remotes/origin/main} → {@code main}. */
    static String branchOf(String gitBranch) {
        if (gitBranch == null || gitBranch.isBlank()) {
            return null;
        }
        String branch = gitBranch.trim();
        for (String prefix : new String[] {"refs/remotes/origin/", "remotes/origin/", "refs/heads/", "origin/"}) {
            if (branch.startsWith(prefix)) {
                return branch.substring(prefix.length());
            }
        }
        return branch;
    }
}
