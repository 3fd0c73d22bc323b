package io.opssight.alerting.control;

import io.opssight.alerting.entity.Alert;
import io.opssight.catalog.control.Catalog;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** Records received alerts, one row per firing episode (origin, fingerprint, startsAt). */
@Dependent
public class AlertRecorder {

    @PersistenceContext
    EntityManager em;

    @Inject
    Catalog catalog;

    public Alert record(AlertFacts f, Instant now) {
        List<Alert> found = em.createNamedQuery(Alert.FIND_BY_KEY, Alert.class).setParameter("origin", f.origin())
                .setParameter("fingerprint", f.fingerprint()).setParameter("startsAt", f.startsAt()).getResultList();
        Alert alert;
        if (found.isEmpty()) {
            alert = new Alert(f.origin(), f.fingerprint(), f.startsAt(), f.name(), now);
            em.persist(alert);
        } else {
            alert = found.get(0);
        }
        alert.report(f.status(), f.endsAt(), f.service() == null ? null : catalog.serviceNamedOrCreate(f.service(), now),
                f.severity(), f.labelsJson(), f.annotationsJson(), f.generatorUrl(), now);
        return alert;
    }
}
