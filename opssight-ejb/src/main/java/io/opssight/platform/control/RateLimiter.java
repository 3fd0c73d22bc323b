package io.opssight.platform.control;

import io.opssight.audit.boundary.AuditTrail;
import io.opssight.audit.entity.AuditEntry;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.Optional;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Counts a request against one limit (per minute, all replicas together, see {@link RateCounters})
 * and says whether it is over. The first refusal of a key in a window is audited: exactly one
 * request in the cluster sees the count that passes the limit by one, so a flood cannot flood the
 * audit trail too. Refusals are counted in {@code opssight_ratelimit_refused_total{limit}}.
 */
@ApplicationScoped
public class RateLimiter {

    private static final System.Logger LOGGER = System.getLogger(RateLimiter.class.getName());

    /** A refusal: which limit, its key, the limit, and when the window ends. */
    public record Refusal(String limit, String key, long perMinute, long retryAfterSeconds) {
        public String detail() {
            return "More than " + perMinute + " requests per minute per " + limit + "; retry after " + retryAfterSeconds + " s.";
        }
    }

    @Inject
    RateCounters counters;

    @Inject
    RateLimitSettings settings;

    @EJB
    AuditTrail audit;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    /**
     * Counts one request against {@code key}; a refusal when the count is over {@code perMinute}
     * (0 or less: no limit, nothing counted). {@code actor} and {@code where} describe the request
     * for the audit trail.
     */
    public Optional<Refusal> count(String limit, String key, long perMinute, String actor, String where) {
        if (perMinute <= 0) {
            return Optional.empty();
        }
        RateCounters.Count count = counters.increment(key);
        if (count.count() <= perMinute) {
            return Optional.empty();
        }
        Refusal refusal = new Refusal(limit, key, perMinute, count.secondsLeft());
        registry.counter("opssight.ratelimit.refused", new Tag("limit", limit)).inc();
        settings.refused(limit);
        if (count.count() == perMinute + 1) {
            LOGGER.log(Level.WARNING, "Rate limit per {0} exceeded by {1} ({2} per minute)", limit, key, perMinute);
            try {
                audit.recordApart(actor == null ? "anonymous" : actor, "ratelimit.exceeded", key, AuditEntry.DENIED,
                        "limit " + perMinute + " per minute per " + limit + " exceeded at " + where
                                + "; further refusals in this minute are not recorded");
            } catch (RuntimeException e) {
                LOGGER.log(Level.ERROR, "Could not record a rate-limit refusal in the audit trail", e);
            }
        }
        return Optional.of(refusal);
    }
}
