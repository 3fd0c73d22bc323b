package io.opssight.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive unless the JVM is nearly out of heap. Deliberately independent of the database: a
 * database outage must make the pod unready, not restart it.
 */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        long max = runtime.maxMemory();
        double ratio = (double) used / max;
        return HealthCheckResponse.named("process")
                .status(ratio < 0.98)
                .withData("heapUsedBytes", used)
                .withData("heapMaxBytes", max)
                .build();
    }
}
