package io.opssight.alerting.boundary;

import io.opssight.access.control.CallerTeams;
import io.opssight.access.entity.Permission;
import io.opssight.alerting.entity.Alert;
import io.opssight.audit.boundary.Audited;
import io.opssight.platform.entity.NotFoundProblem;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;

/**
 * A person acknowledging a firing alert ("I am on it") or taking that back. Alertmanager keeps the
 * firing/resolved state: a resolve still resolves an acknowledged alert, and a new firing clears the
 * acknowledgement. Both changes are audited. A team-scoped caller changes only alerts it can read
 * ({@link Alerts}): another team's alert is a 404.
 */
@Stateless
@RolesAllowed(Permission.ALERTS_ACKNOWLEDGE)
public class AlertAcknowledgements {

    private static final System.Logger LOGGER = System.getLogger(AlertAcknowledgements.class.getName());

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    CallerTeams callerTeams;

    Clock clock = Clock.systemUTC();

    /** Acknowledges alert {@code id} as the caller; 404 when there is none, 409 when it is not firing. */
    @Audited
    public Alert acknowledge(long id, String note) {
        Alert alert = load(id);
        String who = context.getCallerPrincipal().getName();
        alert.acknowledge(who, clock.instant(), note);
        LOGGER.log(Level.INFO, "{0} acknowledged alert {1}", who, id);
        return alert;
    }

    /** Takes the acknowledgement of alert {@code id} back (also on a resolved one); 404 when there is no alert. */
    @Audited
    public Alert unacknowledge(long id) {
        Alert alert = load(id);
        alert.unacknowledge();
        LOGGER.log(Level.INFO, "{0} took back the acknowledgement of alert {1}", context.getCallerPrincipal().getName(), id);
        return alert;
    }

    private Alert load(long id) {
        // The service is fetched too: the caller shows the alert after the transaction ends.
        List<Alert> found = em.createQuery("select a from Alert a left join fetch a.service where a.id = :id", Alert.class)
                .setParameter("id", id).getResultList();
        if (found.isEmpty() || !callerTeams.sees(Alerts.teamOf(found.get(0)))) {
            throw new NotFoundProblem("No alert " + id);
        }
        return found.get(0);
    }
}
