package io.opssight.platform.health;

import io.opssight.ingestion.boundary.Ingestion;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the ingestion backlog (deliveries stored but not yet processed) and the dead letters.
 * Deliveries are safe once stored, so a backlog only makes the instance unready above
 * {@code opssight.ingestion.backlog-unready} (default 100000): far enough behind that new traffic
 * should go to other replicas while this one catches up.
 */
@Readiness
@ApplicationScoped
public class IngestionBacklog implements HealthCheck {

    @EJB
    Ingestion ingestion;

    @Inject
    @ConfigProperty(name = "opssight.ingestion.backlog-unready", defaultValue = "100000")
    long unreadyAbove;

    @Override
    public HealthCheckResponse call() {
        long[] counts = ingestion.backlogAndDeadLetters();
        return HealthCheckResponse.named("ingestion")
                .status(counts[0] <= unreadyAbove)
                .withData("backlog", counts[0])
                .withData("deadLetters", counts[1])
                .withData("unreadyAbove", unreadyAbove)
                .build();
    }
}
