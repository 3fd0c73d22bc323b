package io.opssight.change.control;

import io.opssight.change.entity.ChangeCommit;
import io.opssight.change.entity.DeploymentChange;
import io.opssight.deployment.entity.Deployment;
import io.opssight.deployment.entity.DeploymentStatus;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Comparator;
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

    /** Re-derives the links of this deployment and of the next successful one (whose range starts here). */
    public void relink(Deployment deployment) {
        link(deployment);
        Deployment next = neighbour(deployment, false);
        if (next != null) {
            link(next);
        }
    }

    private void link(Deployment deployment) {
        em.createNamedQuery(DeploymentChange.DELETE_FOR_DEPLOYMENT).setParameter("deployment", deployment).executeUpdate();
        String repository = deployment.getService().getRepository();
        if (deployment.getStatus() != DeploymentStatus.SUCCESS || deployment.getSha() == null
                || deployment.getFinishedAt() == null || repository == null) {
            return;
        }
        Deployment previous = neighbour(deployment, true);
        for (ChangeCommit commit : walk(repository, deployment.getSha(), previous == null ? null : previous.getSha())) {
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

    List<ChangeCommit> walk(String repository, String deployedSha, String previousSha) {
        List<ChangeCommit> shipped = new ArrayList<>();
        if (deployedSha.equals(previousSha)) {
            return shipped;
        }
        List<ChangeCommit> start = em.createNamedQuery(ChangeCommit.FIND_BY_SHA, ChangeCommit.class)
                .setParameter("repository", repository).setParameter("sha", deployedSha).getResultList();
        if (start.isEmpty() || start.get(0).getPushAfter() == null) {
            return shipped;
        }
        String after = start.get(0).getPushAfter();
        int upTo = start.get(0).getPushIndex();
        Set<String> seenPushes = new HashSet<>();
        while (after != null && seenPushes.add(after) && shipped.size() < MAX_COMMITS) {
            List<ChangeCommit> push = new ArrayList<>(em.createNamedQuery(ChangeCommit.FIND_BY_PUSH_AFTER, ChangeCommit.class)
                    .setParameter("repository", repository).setParameter("after", after).getResultList());
            if (push.isEmpty()) {
                break;
            }
            push.sort(Comparator.comparingInt(ChangeCommit::getPushIndex).reversed());
            for (ChangeCommit commit : push) {
                if (commit.getPushIndex() > upTo) {
                    continue;
                }
                if (commit.getSha().equals(previousSha)) {
                    return shipped;
                }
                shipped.add(commit);
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
