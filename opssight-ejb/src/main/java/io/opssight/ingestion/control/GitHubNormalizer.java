package io.opssight.ingestion.control;

import io.opssight.change.control.ChangeRecorder;
import io.opssight.change.entity.ChangeCommit;
import io.opssight.change.entity.PullRequest;
import io.opssight.deployment.control.DeploymentFacts;
import io.opssight.deployment.control.DeploymentRecorder;
import io.opssight.deployment.entity.Deployment;
import io.opssight.deployment.entity.DeploymentStatus;
import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.SourceKind;
import io.opssight.pipeline.control.PipelineRecorder;
import io.opssight.pipeline.entity.PipelineJob;
import io.opssight.pipeline.entity.PipelineRun;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Maps GitHub webhook events onto the model:
 * <ul>
 * <li>{@code deployment} (a deployment was requested) and {@code deployment_status} (it moved on);</li>
 * <li>{@code workflow_run}: one pipeline run per attempt; {@code workflow_job}: its jobs;</li>
 * <li>{@code check_run} of CI apps other than GitHub Actions: a job without a run (Actions' own
 * check runs repeat its workflow jobs and are ignored);</li>
 * <li>{@code push} to a branch: its commits; {@code pull_request}: the pull request.</li>
 * </ul>
 * {@code release}, {@code ping} and every other event are kept raw and reported as not modelled,
 * so a later version can replay them. The payload reading itself is {@link GitHubFacts}.
 */
@Dependent
public class GitHubNormalizer implements Normalizer {

    @Inject
    DeploymentRecorder deployments;

    @Inject
    PipelineRecorder pipelines;

    @Inject
    ChangeRecorder changes;

    @Override
    public SourceKind kind() {
        return SourceKind.GITHUB;
    }

    @Override
    public SourceProtocol protocol() {
        return new GitHubProtocol();
    }

    @Override
    public Normalized normalize(Delivery delivery, JsonObject payload, Instant now) {
        String event = delivery.getEventType();
        if (event == null) {
            return Normalized.ignored("no X-GitHub-Event header");
        }
        return switch (event) {
            case "deployment" -> deployment(delivery, payload, null, now);
            case "deployment_status" -> deployment(delivery, payload, Payloads.object(payload, "deployment_status"), now);
            case "workflow_run" -> workflowRun(delivery, payload, now);
            case "workflow_job" -> workflowJob(delivery, payload, now);
            case "check_run" -> checkRun(delivery, payload, now);
            case "push" -> push(delivery, payload);
            case "pull_request" -> pullRequest(payload);
            case "release" -> Normalized.ignored(GitHubFacts.releaseNote(payload));
            case "ping" -> Normalized.ignored("ping: the hook is connected");
            default -> Normalized.ignored("GitHub event '" + event + "' is stored but not modelled yet");
        };
    }

    private Normalized workflowRun(Delivery delivery, JsonObject payload, Instant now) {
        PipelineRun run = pipelines.recordRun(GitHubFacts.workflowRun(Normalizer.origin(delivery), payload), now);
        return Normalized.modelled("workflow run " + run.getExternalId() + " " + HookFields.progress(run.times()));
    }

    private Normalized workflowJob(Delivery delivery, JsonObject payload, Instant now) {
        PipelineJob job = pipelines.recordJob(GitHubFacts.workflowJob(Normalizer.origin(delivery), payload), now);
        return Normalized.modelled("workflow job " + job.getExternalId() + " '" + job.getName() + "' "
                + HookFields.progress(job.times()) + (job.getRun() == null ? " (its run has not arrived yet)" : ""));
    }

    private Normalized checkRun(Delivery delivery, JsonObject payload, Instant now) {
        String ignored = GitHubFacts.checkRunIgnored(payload);
        if (ignored != null) {
            return Normalized.ignored(ignored);
        }
        PipelineJob job = pipelines.recordJob(GitHubFacts.checkRun(Normalizer.origin(delivery), payload), now);
        return Normalized.modelled("check run " + job.getExternalId() + " '" + job.getName() + "' "
                + HookFields.progress(job.times()));
    }

    private Normalized push(Delivery delivery, JsonObject payload) {
        String ignored = GitHubFacts.pushIgnored(payload);
        if (ignored != null) {
            return Normalized.ignored(ignored);
        }
        PushFacts push = GitHubFacts.push(payload, delivery.getReceivedAt());
        List<ChangeCommit> recorded = changes.recordPush(push.repository(), push.branch(), push.before(), push.after(),
                push.commits(), push.pushedAt());
        return Normalized.modelled("push of " + recorded.size() + " commit(s) to " + push.repository() + " " + push.branch());
    }

    private Normalized pullRequest(JsonObject payload) {
        PullRequest pr = changes.recordPullRequest(GitHubFacts.pullRequest(payload));
        return Normalized.modelled("pull request " + pr.getRepository() + "#" + pr.getNumber() + " " + pr.getState());
    }

    private Normalized deployment(Delivery delivery, JsonObject payload, JsonObject status, Instant now) {
        JsonObject deployment = Payloads.object(payload, "deployment");
        JsonObject repository = Payloads.object(payload, "repository");
        if (deployment == null || Payloads.string(deployment, "id") == null) {
            throw new IllegalArgumentException("deployment event without deployment.id");
        }
        if (repository == null || Payloads.string(repository, "full_name") == null) {
            throw new IllegalArgumentException("deployment event without repository.full_name");
        }
        String environment = status != null && Payloads.string(status, "environment") != null
                ? Payloads.string(status, "environment") : Payloads.string(deployment, "environment");
        if (environment == null) {
            throw new IllegalArgumentException("deployment event without an environment");
        }
        DeploymentStatus state;
        Instant statusAt;
        long seq;
        String url = Payloads.string(deployment, "url");
        String description = Payloads.string(deployment, "description");
        String creator = login(Payloads.object(deployment, "creator"));
        if (status != null) {
            state = DeploymentStatus.fromGitHub(Payloads.string(status, "state"));
            statusAt = firstNonNull(Payloads.instant(status, "created_at"), Payloads.instant(status, "updated_at"));
            seq = Payloads.number(status, "id", 0);
            url = firstNonNull(Payloads.string(status, "environment_url"), Payloads.string(status, "target_url"),
                    Payloads.string(status, "log_url"), url);
            description = firstNonNull(Payloads.string(status, "description"), description);
        } else {
            state = DeploymentStatus.PENDING;
            statusAt = Payloads.instant(deployment, "created_at");
            seq = Long.MIN_VALUE + 1;
        }
        JsonObject deployPayload = Payloads.object(deployment, "payload");
        String version = firstNonNull(Payloads.string(deployPayload, "version"), null);
        DeploymentFacts facts = new DeploymentFacts(
                Normalizer.origin(delivery),
                Payloads.string(deployment, "id"),
                Payloads.string(repository, "full_name"),
                Payloads.string(repository, "name"),
                environment,
                Payloads.bool(deployment, "production_environment"),
                Payloads.string(deployment, "sha"),
                Payloads.string(deployment, "ref"),
                version,
                creator,
                url,
                description,
                Payloads.instant(deployment, "created_at"),
                state,
                statusAt != null ? statusAt : now,
                seq);
        Deployment recorded = deployments.record(facts, now);
        return Normalized.modelled("deployment " + recorded.getExternalId() + " " + recorded.getStatus().wireName());
    }

    private static String login(JsonObject user) {
        return Payloads.string(user, "login");
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
