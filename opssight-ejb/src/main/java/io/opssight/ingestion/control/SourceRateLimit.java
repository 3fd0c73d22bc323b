package io.opssight.ingestion.control;

import io.opssight.ingestion.entity.SourceKind;
import io.opssight.platform.control.CallerContext;
import io.opssight.platform.control.RateLimitSettings;
import io.opssight.platform.control.RateLimitSettings.Limit;
import io.opssight.platform.control.RateLimiter;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.RateLimitedProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What limits webhook deliveries, so that a limit never drops a real event (issue 16): GitHub,
 * GitLab, Jenkins, Argo CD, AWX and Terraform do not redeliver a refused delivery by themselves.
 * <ul>
 * <li>A refused delivery (no such source, a disabled one, a missing or wrong signature) counts
 * against its client address ({@code opssight.ratelimit.per-address-per-minute}, the address limit
 * API calls share): a stranger hammering a webhook URL hears 429 once over it.</li>
 * <li>A correctly signed delivery counts against no address (a hosted CI sends every customer's
 * events from a handful of addresses) and, by default, against no limit at all. An operator may
 * still cap a source ({@code opssight.ratelimit.per-source-per-minute}, 0 = off, changeable at
 * runtime through JMX); over it the answer is 503 with {@code Retry-After}, a server condition that
 * the senders which retry (Alertmanager, PagerDuty, GitLab after a while) do retry.</li>
 * </ul>
 * All counts are shared by the replicas.
 */
@ApplicationScoped
public class SourceRateLimit {

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitSettings settings;

    @Inject
    CallerContext caller;

    /** Counts an authenticated delivery against its source's cap, if one is set (503 over it). */
    public void count(SourceKind kind, String name) {
        String source = kind.wireName() + "/" + name;
        limiter.count("source", "source:" + source, settings.perMinute(Limit.SOURCE), "source:" + source, "POST /api/v1/ingest/" + source)
                .ifPresent(refusal -> {
                    throw new RateLimitedProblem(refusal.detail(), refusal.retryAfterSeconds(), true);
                });
    }

    /**
     * Counts a refused delivery against the client address; returns the 429 to answer instead of
     * {@code refusal} once the address is over its limit, else {@code refusal} itself.
     */
    public OpsSightException refused(SourceKind kind, String name, OpsSightException refusal) {
        String client = caller.clientAddress();
        if (client == null) {
            return refusal;
        }
        return limiter.count("address", "address:" + client, settings.perMinute(Limit.ADDRESS), null,
                        "POST /api/v1/ingest/" + kind.wireName() + "/" + name)
                .<OpsSightException>map(over -> new RateLimitedProblem(over.detail(), over.retryAfterSeconds(), false))
                .orElse(refusal);
    }
}
