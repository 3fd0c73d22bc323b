package io.opssight.ingestion.control;

import io.opssight.deployment.control.DeploymentFacts;
import io.opssight.deployment.control.DeploymentRecorder;
import io.opssight.deployment.entity.Deployment;
import io.opssight.deployment.entity.DeploymentStatus;
import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.SourceKind;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * Maps GitHub webhook events onto the model. Handled: {@code deployment} (a deployment was
 * requested) and {@code deployment_status} (it moved on). Other events are kept raw and reported
 * as not modelled, so a later version can replay them.
 */
@Dependent
public class GitHubNormalizer implements Normalizer {

    @Inject
    DeploymentRecorder deployments;

    @Override
    public SourceKind kind() {
        return SourceKind.GITHUB;
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
            case "ping" -> Normalized.ignored("ping: the hook is connected");
            default -> Normalized.ignored("GitHub event '" + event + "' is stored but not modelled yet");
        };
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
