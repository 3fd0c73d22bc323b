package io.opssight.ingestion.control;

import io.opssight.change.control.ChangeRecorder;
import io.opssight.change.entity.ChangeCommit;
import io.opssight.change.entity.PullRequest;
import io.opssight.deployment.control.DeploymentRecorder;
import io.opssight.deployment.entity.Deployment;
import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.SourceKind;
import io.opssight.pipeline.control.JobFacts;
import io.opssight.pipeline.control.PipelineRecorder;
import io.opssight.pipeline.entity.PipelineJob;
import io.opssight.pipeline.entity.PipelineRun;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Maps GitLab webhooks (project or system hooks) onto the model. The event is the body's
 * {@code object_kind}, else the {@code X-Gitlab-Event} header:
 * <ul>
 * <li>Pipeline Hook: a pipeline run, and its {@code builds[]} as jobs;</li>
 * <li>Job Hook ({@code object_kind} "build"): a job of its pipeline;</li>
 * <li>Deployment Hook: a deployment;</li>
 * <li>Push Hook to a branch: its commits; Merge Request Hook: the merge request as a pull request.</li>
 * </ul>
 * Tag pushes and every other hook are kept raw and reported as not modelled. The payload reading
 * itself is {@link GitLabFacts}.
 */
@Dependent
public class GitLabNormalizer implements Normalizer {

    @Inject
    PipelineRecorder pipelines;

    @Inject
    DeploymentRecorder deployments;

    @Inject
    ChangeRecorder changes;

    @Override
    public SourceKind kind() {
        return SourceKind.GITLAB;
    }

    @Override
    public SourceProtocol protocol() {
        return new GitLabProtocol();
    }

    @Override
    public Normalized normalize(Delivery delivery, JsonObject payload, Instant now) {
        String kind = GitLabFacts.kindOf(payload, delivery.getEventType());
        if (kind == null) {
            return Normalized.ignored(delivery.getEventType() == null ? "no X-Gitlab-Event header and no object_kind"
                    : "GitLab event '" + delivery.getEventType() + "' is stored but not modelled");
        }
        return switch (kind) {
            case "pipeline" -> pipeline(delivery, payload, now);
            case "build" -> job(delivery, payload, now);
            case "deployment" -> deployment(delivery, payload, now);
            case "push" -> push(delivery, payload);
            case "tag_push" -> Normalized.ignored(GitLabFacts.pushIgnored(payload));
            case "merge_request" -> mergeRequest(payload);
            default -> Normalized.ignored("GitLab event '" + kind + "' is stored but not modelled");
        };
    }

    private Normalized pipeline(Delivery delivery, JsonObject payload, Instant now) {
        String origin = Normalizer.origin(delivery);
        PipelineRun run = pipelines.recordRun(GitLabFacts.pipeline(origin, payload), now);
        List<JobFacts> jobs = GitLabFacts.pipelineJobs(origin, payload);
        for (JobFacts job : jobs) {
            pipelines.recordJob(job, now);
        }
        return Normalized.modelled("pipeline " + run.getExternalId() + " " + HookFields.progress(run.times()) + " with "
                + jobs.size() + " job(s)");
    }

    private Normalized job(Delivery delivery, JsonObject payload, Instant now) {
        PipelineJob job = pipelines.recordJob(GitLabFacts.job(Normalizer.origin(delivery), payload), now);
        return Normalized.modelled("job " + job.getExternalId() + " '" + job.getName() + "' "
                + HookFields.progress(job.times()) + (job.getRun() == null ? " (its pipeline has not arrived yet)" : ""));
    }

    private Normalized deployment(Delivery delivery, JsonObject payload, Instant now) {
        Deployment recorded = deployments.record(
                GitLabFacts.deployment(Normalizer.origin(delivery), payload, delivery.getReceivedAt()), now);
        return Normalized.modelled("deployment " + recorded.getExternalId() + " " + recorded.getStatus().wireName());
    }

    private Normalized push(Delivery delivery, JsonObject payload) {
        String ignored = GitLabFacts.pushIgnored(payload);
        if (ignored != null) {
            return Normalized.ignored(ignored);
        }
        PushFacts push = GitLabFacts.push(payload, delivery.getReceivedAt());
        List<ChangeCommit> recorded = changes.recordPush(push.repository(), push.branch(), push.before(), push.after(),
                push.commits(), push.pushedAt());
        Long leftOut = GitLabFacts.commitsLeftOut(payload);
        return Normalized.modelled("push of " + recorded.size() + " commit(s) to " + push.repository() + " " + push.branch()
                + (leftOut == null ? "" : "; GitLab left out the " + leftOut + " oldest commit(s) of this push (it sends 20)"));
    }

    private Normalized mergeRequest(JsonObject payload) {
        PullRequest pr = changes.recordPullRequest(GitLabFacts.mergeRequest(payload));
        return Normalized.modelled("merge request " + pr.getRepository() + "!" + pr.getNumber() + " " + pr.getState());
    }
}
