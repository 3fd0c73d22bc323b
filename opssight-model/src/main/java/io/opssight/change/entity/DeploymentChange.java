package io.opssight.change.entity;

import io.opssight.deployment.entity.Deployment;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A commit shipped by a deployment, with its lead time (deployment finish − commit time). The
 * link is rebuilt whenever what a deployment shipped may have changed (a late push, a late status).
 */
@Entity
@Table(name = "deployment_change")
@NamedQuery(name = DeploymentChange.DELETE_FOR_DEPLOYMENT,
        query = "delete from DeploymentChange c where c.deployment = :deployment")
@NamedQuery(name = DeploymentChange.FIND_FOR_DEPLOYMENT,
        query = "select c from DeploymentChange c join fetch c.change where c.deployment = :deployment order by c.change.committedAt")
public class DeploymentChange {

    public static final String DELETE_FOR_DEPLOYMENT = "DeploymentChange.deleteForDeployment";
    public static final String FIND_FOR_DEPLOYMENT = "DeploymentChange.findForDeployment";

    /** The composite key: deployment and commit. */
    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "deployment_id")
        private Long deploymentId;

        @Column(name = "commit_id")
        private Long commitId;

        protected Key() {
        }

        Key(Long deploymentId, Long commitId) {
            this.deploymentId = deploymentId;
            this.commitId = commitId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(deploymentId, k.deploymentId) && Objects.equals(commitId, k.commitId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deploymentId, commitId);
        }
    }

    @EmbeddedId
    private Key key;

    @MapsId("deploymentId")
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "deployment_id")
    private Deployment deployment;

    @MapsId("commitId")
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "commit_id")
    private ChangeCommit change;

    @Column(name = "lead_time_seconds", nullable = false)
    private long leadTimeSeconds;

    // Copies of the deployment's service, environment and finish (the row is rebuilt when those
    // change), so lead-time questions read one index of this table (Flyway V10_1).
    @Column(name = "service_id", nullable = false, updatable = false)
    private long serviceId;

    @Column(name = "environment_id", nullable = false, updatable = false)
    private long environmentId;

    @Column(name = "finished_at", nullable = false, updatable = false)
    private Instant finishedAt;

    protected DeploymentChange() {
        // for JPA
    }

    public DeploymentChange(Deployment deployment, ChangeCommit change) {
        if (deployment.getFinishedAt() == null) {
            throw new IllegalArgumentException("only finished deployments ship changes");
        }
        this.key = new Key(deployment.getId(), change.getId());
        this.deployment = deployment;
        this.change = change;
        Duration lead = Duration.between(change.getCommittedAt(), deployment.getFinishedAt());
        this.leadTimeSeconds = Math.max(0, lead.getSeconds());
        this.serviceId = deployment.getService().getId();
        this.environmentId = deployment.getEnvironment().getId();
        this.finishedAt = deployment.getFinishedAt();
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Deployment getDeployment() {
        return deployment;
    }

    public ChangeCommit getChange() {
        return change;
    }

    public long getLeadTimeSeconds() {
        return leadTimeSeconds;
    }
}
