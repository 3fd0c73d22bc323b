package io.opssight.ingestion.control;

import io.opssight.ingestion.entity.SourceKind;
import io.opssight.platform.control.RateLimitSettings;
import io.opssight.platform.control.RateLimitSettings.Limit;
import io.opssight.platform.control.RateLimiter;
import io.opssight.platform.entity.RateLimitedProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Deliveries per minute per webhook source ({@code opssight.ratelimit.per-source-per-minute}, changeable at runtime through JMX), all replicas
 * together. Counted only once a delivery is authenticated, so strangers who know a source's URL
 * cannot use up its minute (their attempts count against their own address instead). Over the
 * limit: 429, or 503 for Alertmanager, which retries server errors but drops a notification on a 4xx.
 */
@ApplicationScoped
public class SourceRateLimit {

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitSettings settings;

    /** Counts an authenticated delivery; throws {@link RateLimitedProblem} when the source is over its limit. */
    public void count(SourceKind kind, String name) {
        String source = kind.wireName() + "/" + name;
        limiter.count("source", "source:" + source, settings.perMinute(Limit.SOURCE), "source:" + source, "POST /api/v1/ingest/" + source)
                .ifPresent(refusal -> {
                    throw new RateLimitedProblem(refusal.detail(), refusal.retryAfterSeconds(), kind == SourceKind.ALERTMANAGER);
                });
    }
}
