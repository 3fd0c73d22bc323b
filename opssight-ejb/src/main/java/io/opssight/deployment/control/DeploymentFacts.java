package io.opssight.deployment.control;

import io.opssight.deployment.entity.DeploymentStatus;
import java.time.Instant;

/**
 * What a source said about a deployment, in OpsSight's terms. Sources differ in what they know;
 * null means "not said". {@code production} is the source's own production flag, if it has one.
 */
public record DeploymentFacts(
        String origin,
        String externalId,
        String repositoryFullName,
        String repositoryName,
        String environment,
        Boolean production,
        String sha,
        String ref,
        String version,
        String creator,
        String url,
        String description,
        Instant createdAt,
        DeploymentStatus status,
        Instant statusAt,
        long statusSeq,
        String cluster,
        String namespace) {

    /** The same facts without a Kubernetes placement (every source but Argo CD). */
    public DeploymentFacts(String origin, String externalId, String repositoryFullName, String repositoryName,
            String environment, Boolean production, String sha, String ref, String version, String creator, String url,
            String description, Instant createdAt, DeploymentStatus status, Instant statusAt, long statusSeq) {
        this(origin, externalId, repositoryFullName, repositoryName, environment, production, sha, ref, version, creator,
                url, description, createdAt, status, statusAt, statusSeq, null, null);
    }
}
