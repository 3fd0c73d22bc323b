package io.opssight.change.boundary;

import io.opssight.access.entity.Permission;
import io.opssight.change.entity.DeploymentChange;
import io.opssight.deployment.entity.Deployment;
import io.opssight.dora.control.Medians;
import io.opssight.platform.entity.NotFoundProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import io.opssight.access.control.CallerTeams;
import jakarta.inject.Inject;

/** What each deployment shipped, with lead times: the drill-down behind the lead-time figure. */
@Stateless
@RolesAllowed(Permission.DEPLOYMENTS_READ)
public class Changes {

    @PersistenceContext
    EntityManager em;

    @Inject
    CallerTeams callerTeams;

    /**
     * A deployment and the commits it shipped, oldest commit first, with their median lead time
     * ({@link Medians}, as every DORA figure; null when it shipped none OpsSight knows of).
     */
    public record Shipped(Deployment deployment, List<DeploymentChange> changes, Double medianLeadTimeSeconds) {
    }

    /**
     * The commits deployment {@code deploymentId} shipped (empty while it has not succeeded, or when
     * no push of its commits was received); 404 when there is no such deployment.
     */
    public Shipped shippedBy(long deploymentId) {
        List<Deployment> found = em.createQuery("select d from Deployment d join fetch d.service join fetch d.environment "
                + "where d.id = :id", Deployment.class).setParameter("id", deploymentId).getResultList();
        if (found.isEmpty() || !callerTeams.sees(found.get(0).getService().getTeam() == null ? null
                : found.get(0).getService().getTeam().getId())) {
            // Another team's deployment, for a team-scoped caller, does not exist either.
            throw new NotFoundProblem("No deployment " + deploymentId);
        }
        List<DeploymentChange> changes = em.createNamedQuery(DeploymentChange.FIND_FOR_DEPLOYMENT, DeploymentChange.class)
                .setParameter("deployment", found.get(0)).getResultList();
        Double median = Medians.of(changes.stream().map(DeploymentChange::getLeadTimeSeconds).toList());
        return new Shipped(found.get(0), changes, median);
    }
}
