package io.opssight.platform.security;

import io.opssight.audit.boundary.AuditTrail;
import io.opssight.audit.entity.AuditEntry;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Abuse limits: requests per minute per API token (or signed-in identity), per client address and
 * per webhook source, counted across replicas by {@link RateCounters}. A limit of 0 turns that
 * limit off. The first refusal of a key in a window is audited (exactly one, since the count that
 * passes the limit by one is seen by exactly one request in the cluster), so a flood cannot flood
 * the audit trail too. Refusals are counted in the metric {@code opssight_ratelimit_refused_total{limit}}.
 */
@ApplicationScoped
public class RateLimits {

    private static final System.Logger LOGGER = System.getLogger(RateLimits.class.getName());
    private static final String INGEST = "/api/v1/ingest/";

    /** A refusal: which limit, and when the window ends. */
    public record Refusal(String limit, String key, long limitPerMinute, long retryAfterSeconds, boolean alertmanager) {
    }

    @Inject
    RateCounters counters;

    @EJB
    AuditTrail audit;

    @Inject
    @org.eclipse.microprofile.metrics.annotation.RegistryScope(scope = org.eclipse.microprofile.metrics.MetricRegistry.APPLICATION_SCOPE)
    org.eclipse.microprofile.metrics.MetricRegistry registry;

    @Inject
    @ConfigProperty(name = "opssight.ratelimit.per-token-per-minute", defaultValue = "3000")
    long perToken;

    @Inject
    @ConfigProperty(name = "opssight.ratelimit.per-address-per-minute", defaultValue = "6000")
    long perAddress;

    @Inject
    @ConfigProperty(name = "opssight.ratelimit.per-source-per-minute", defaultValue = "3000")
    long perSource;

    /** The limits a request counts against: {limit name, key, limit}. */
    static List<Object[]> keysFor(String path, String principal, String client, long perToken, long perAddress,
            long perSource) {
        List<Object[]> keys = new ArrayList<>(3);
        if (perAddress > 0 && client != null) {
            keys.add(new Object[] {"address", "address:" + client, perAddress});
        }
        if (perToken > 0 && principal != null) {
            keys.add(new Object[] {"token", "identity:" + principal, perToken});
        }
        if (perSource > 0 && path.startsWith(INGEST)) {
            String source = path.substring(INGEST.length());
            if (source.length() > 300) {
                source = source.substring(0, 300);
            }
            keys.add(new Object[] {"source", "source:" + source, perSource});
        }
        return keys;
    }

    static boolean isAlertmanager(String path) {
        return path.startsWith(INGEST + "alertmanager/");
    }

    /**
     * Counts the request against each of its limits; the first limit exceeded refuses it. Every
     * limit is counted even after one is exceeded, so one key's flood is visible on the others.
     */
    public Optional<Refusal> check(String path, String principal, String client, String method) {
        Refusal refusal = null;
        for (Object[] k : keysFor(path, principal, client, perToken, perAddress, perSource)) {
            String key = (String) k[1];
            long limit = (Long) k[2];
            RateCounters.Count count = counters.increment(key);
            if (count.count() > limit && refusal == null) {
                refusal = new Refusal((String) k[0], key, limit, count.secondsLeft(), isAlertmanager(path));
                registry.counter("opssight.ratelimit.refused", new org.eclipse.microprofile.metrics.Tag("limit", refusal.limit()))
                        .inc();
                if (count.count() == limit + 1) {
                    auditOnce(refusal, principal, method, path);
                }
            }
        }
        return Optional.ofNullable(refusal);
    }

    private void auditOnce(Refusal refusal, String principal, String method, String path) {
        LOGGER.log(Level.WARNING, "Rate limit per {0} exceeded by {1} ({2} per minute)", refusal.limit(), refusal.key(),
                refusal.limitPerMinute());
        try {
            audit.recordApart(principal == null ? "anonymous" : principal, "ratelimit.exceeded", refusal.key(),
                    AuditEntry.DENIED, "limit " + refusal.limitPerMinute() + " per minute per " + refusal.limit()
                            + " exceeded at " + method + " " + path + "; further refusals in this minute are not recorded");
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "Could not record a rate-limit refusal in the audit trail", e);
        }
    }
}
