package io.opssight.platform.health;

import io.opssight.platform.boundary.PlatformStatus;
import io.opssight.platform.boundary.PlatformStatus.DatabaseStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the database answers and its schema is at (or past) the version this instance needs. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @EJB
    PlatformStatus platform;

    @Override
    public HealthCheckResponse call() {
        DatabaseStatus status = platform.database();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database")
                .status(status.reachable() && status.migrated())
                .withData("database", status.database())
                .withData("reachable", status.reachable())
                .withData("migrated", status.migrated());
        if (status.schemaVersion() != null) {
            response.withData("schemaVersion", status.schemaVersion());
        }
        if (status.error() != null) {
            response.withData("error", status.error());
        }
        return response.build();
    }
}
