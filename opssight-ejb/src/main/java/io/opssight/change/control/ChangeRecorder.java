package io.opssight.change.control;

import io.opssight.change.entity.ChangeCommit;
import io.opssight.change.entity.PullRequest;
import io.opssight.change.entity.PushedCommit;
import io.opssight.deployment.entity.Deployment;
import io.opssight.deployment.entity.DeploymentStatus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records pushes (their commits, in push order) and pull requests. A push that arrives after a
 * deployment of one of its commits re-derives what that deployment shipped, so late pushes give
 * the same links as timely ones.
 */
@Dependent
public class ChangeRecorder {

    @PersistenceContext
    EntityManager em;

    @Inject
    ShippedChanges shipped;

    /** Records a push of {@code commits} (oldest first) moving {@code branch} from {@code before} to {@code after}. */
    public List<ChangeCommit> recordPush(String repository, String branch, String before, String after,
            List<CommitFacts> commits, Instant pushedAt) {
        List<ChangeCommit> recorded = new ArrayList<>();
        int index = 0;
        for (CommitFacts c : commits) {
            if (c.sha() == null || c.committedAt() == null) {
                continue;
            }
            ChangeCommit commit = find(repository, c.sha());
            if (commit == null) {
                commit = new ChangeCommit(repository, c.sha(), c.committedAt());
                em.persist(commit);
            }
            commit.describe(c.message(), c.author());
            commit.pushedIn(branch, before, after, index, pushedAt);
            if (after != null && em.createNamedQuery(PushedCommit.FIND_ONE, PushedCommit.class)
                    .setParameter("repository", repository).setParameter("after", after).setParameter("commit", commit)
                    .getResultList().isEmpty()) {
                em.persist(new PushedCommit(commit, branch, before, after, index, pushedAt));
            }
            index++;
            recorded.add(commit);
        }
        if (!recorded.isEmpty()) {
            em.flush();
            relinkDeploymentsOf(repository, recorded);
        }
        return recorded;
    }

    public PullRequest recordPullRequest(PullRequestFacts f) {
        List<PullRequest> found = em.createNamedQuery(PullRequest.FIND_BY_NUMBER, PullRequest.class)
                .setParameter("repository", f.repository()).setParameter("number", f.number()).getResultList();
        PullRequest pr;
        if (found.isEmpty()) {
            pr = new PullRequest(f.repository(), f.number(), f.createdAt());
            em.persist(pr);
        } else {
            pr = found.get(0);
        }
        pr.report(f.title(), f.author(), f.state(), f.baseBranch(), f.headSha(), f.mergeSha(), f.mergedAt(), f.closedAt(),
                f.url(), f.updatedAt());
        return pr;
    }

    ChangeCommit find(String repository, String sha) {
        List<ChangeCommit> found = em.createNamedQuery(ChangeCommit.FIND_BY_SHA, ChangeCommit.class)
                .setParameter("repository", repository).setParameter("sha", sha).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private void relinkDeploymentsOf(String repository, List<ChangeCommit> commits) {
        List<String> shas = commits.stream().map(ChangeCommit::getSha).toList();
        List<Deployment> affected = em.createQuery("select d from Deployment d join d.service s where s.repository = :repository "
                + "and d.status = :success and d.sha in :shas", Deployment.class)
                .setParameter("repository", repository).setParameter("success", DeploymentStatus.SUCCESS)
                .setParameter("shas", shas).getResultList();
        for (Deployment deployment : affected) {
            shipped.relink(deployment);
        }
    }
}
