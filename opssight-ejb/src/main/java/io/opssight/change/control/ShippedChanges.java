package io.opssight.change.control;

import io.opssight.change.entity.ChangeCommit;
import io.opssight.change.entity.DeploymentChange;
import io.opssight.change.entity.PushedCommit;
import io.opssight.deployment.entity.Deployment;
import io.opssight.deployment.entity.DeploymentStatus;
import io.opssight.dora.control.DoraDirtyDays;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Works out which commits a successful deployment shipped: those between the previous successful
 * deployment of the same service and environment and this one (PRODUCT.md, lead time).
 *
 * <p>History comes from pushes, not a clone: starting at the deployed sha, walk the push that
 * brought it (commits up to the sha), then the push that ended where that one began, and so on,
 * until the previously deployed sha is met. For the first deployment of a service to an
 * environment there is no previous one; only the push that brought the deployed sha counts, so a
 * repository's whole history is never attributed to its first deployment. A walk stops after
 * {@value #MAX_COMMITS} commits or when the chain of pushes breaks (a push OpsSight never
 * received), shipping what it found.
 */
@Dependent
public class ShippedChanges {

    static final int MAX_COMMITS = 1000;

    @PersistenceContext
    EntityManager em;

    @Inject
    DoraDirtyDays doraDays;

    /** Re-derives the links of this deployment and of the next successful one (whose range starts here). */
    public void relink(Deployment deployment) {
        link(deployment);
        Deployment next = neighbour(deployment, false);
        if (next != null) {
            link(next);
        }
    }

    private void link(Deployment deployment) {
        doraDays.mark(deployment.getFinishedAt());
        em.createNamedQuery(DeploymentChange.DELETE_FOR_DEPLOYMENT).setParameter("deployment", deployment).executeUpdate();
        String repository = deployment.getService().getRepository();
        if (deployment.getStatus() != DeploymentStatus.SUCCESS || deployment.getSha() == null
                || deployment.getFinishedAt() == null || repository == null) {
            return;
        }
        Deployment previous = neighbour(deployment, true);
        String branch = deployment.getRef() == null ? null : deployment.getRef().replaceFirst("^refs/heads/", "");
        for (ChangeCommit commit : walk(repository, deployment.getSha(), previous == null ? null : previous.getSha(), branch)) {
            em.persist(new DeploymentChange(deployment, commit));
        }
    }

    /** The previous (or next) successful deployment of the same service and environment, by finish time. */
    private Deployment neighbour(Deployment d, boolean previous) {
        if (d.getFinishedAt() == null) {
            return null;
        }
        String order = previous ? "desc" : "asc";
        String compare = previous
                ? "(o.finishedAt < :at or (o.finishedAt = :at and o.id < :id))"
                : "(o.finishedAt > :at or (o.finishedAt = :at and o.id > :id))";
        List<Deployment> found = em.createQuery("select o from Deployment o where o.service = :service "
                + "and o.environment = :environment and o.status = :success and o.finishedAt is not null and " + compare
                + " order by o.finishedAt " + order + ", o.id " + order, Deployment.class)
                .setParameter("service", d.getService()).setParameter("environment", d.getEnvironment())
                .setParameter("success", DeploymentStatus.SUCCESS).setParameter("at", d.getFinishedAt())
                .setParameter("id", d.getId()).setMaxResults(1).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Walks pushes back from {@code deployedSha}. A commit may be in several pushes (its feature
     * branch, then main); the walk starts from a push of the deployed {@code branch} when there is
     * one, so a merged pull request's commits count for the deployment of main.
     */
    List<ChangeCommit> walk(String repository, String deployedSha, String previousSha, String branch) {
        List<ChangeCommit> shipped = new ArrayList<>();
        if (deployedSha.equals(previousSha)) {
            return shipped;
        }
        List<PushedCommit> pushes = em.createNamedQuery(PushedCommit.FIND_PUSHES_OF, PushedCommit.class)
                .setParameter("repository", repository).setParameter("sha", deployedSha).getResultList();
        if (pushes.isEmpty()) {
            return shipped;
        }
        PushedCommit start = pushes.stream().filter(p -> branch != null && branch.equals(p.getBranch())).findFirst()
                .orElse(pushes.get(pushes.size() - 1));
        String after = start.getPushAfter();
        int upTo = start.getPushIndex();
        Set<String> seenPushes = new HashSet<>();
        Set<String> seenCommits = new HashSet<>();
        while (after != null && seenPushes.add(after) && shipped.size() < MAX_COMMITS) {
            List<PushedCommit> push = em.createNamedQuery(PushedCommit.FIND_PUSH, PushedCommit.class)
                    .setParameter("repository", repository).setParameter("after", after).getResultList();
            if (push.isEmpty()) {
                break;
            }
            for (PushedCommit entry : push) {
                if (entry.getPushIndex() > upTo) {
                    continue;
                }
                if (entry.getCommit().getSha().equals(previousSha)) {
                    return shipped;
                }
                if (seenCommits.add(entry.getCommit().getSha())) {
                    shipped.add(entry.getCommit());
                }
            }
            if (previousSha == null) {
                return shipped;
            }
            String before = push.get(0).getPushBefore();
            if (before != null && before.equals(previousSha)) {
                return shipped;
            }
            after = before;
            upTo = Integer.MAX_VALUE;
        }
        return shipped;
    }
}
