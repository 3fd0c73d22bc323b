package io.opssight.deployment.rest;

import io.opssight.deployment.entity.Deployment;
import java.time.Duration;
import java.time.Instant;

/** A deployment on the wire. */
public record DeploymentView(long id, String service, String environment, boolean production, String version, String sha,
        String ref, String status, String creator, String url, String description, Instant createdAt, Instant startedAt,
        Instant finishedAt, Long durationSeconds, String origin, String externalId) {

    public static DeploymentView from(Deployment d) {
        Duration duration = d.duration();
        return new DeploymentView(d.getId(), d.getService().getName(), d.getEnvironment().getName(),
                d.getEnvironment().isProduction(), d.getVersion(), d.getSha(), d.getRef(), d.getStatus().wireName(),
                d.getCreator(), d.getUrl(), d.getDescription(), d.getCreatedAt(), d.getStartedAt(), d.getFinishedAt(),
                duration == null ? null : duration.toSeconds(), d.getOrigin(), d.getExternalId());
    }
}
