package io.opssight.platform.health;

import io.opssight.platform.boundary.Migrations;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the application is deployed and the start-up migration has run. */
@Startup
@ApplicationScoped
public class DeploymentStarted implements HealthCheck {

    @EJB
    Migrations migrations;

    @Override
    public HealthCheckResponse call() {
        String version = migrations.appliedVersion();
        return HealthCheckResponse.named("started")
                .status(version != null)
                .withData("schemaVersion", version == null ? "none" : version)
                .build();
    }
}
