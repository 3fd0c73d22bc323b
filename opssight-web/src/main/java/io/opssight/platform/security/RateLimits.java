package io.opssight.platform.security;

import io.opssight.platform.control.RateLimitSettings;
import io.opssight.platform.control.RateLimitSettings.Limit;
import io.opssight.platform.control.RateLimiter;
import io.opssight.platform.control.RateLimiter.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The abuse limits checked for every API call and console form post before anything else: per
 * client address and per authenticated identity (API token or console user), counted across
 * replicas by {@link RateLimiter}, against the limits in {@link RateLimitSettings} (changeable at runtime
 * through JMX). 0 turns a limit off. (Webhook sources have a limit of their own,
 * counted by ingestion once a delivery is authenticated.)
 */
@ApplicationScoped
public class RateLimits {

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitSettings settings;

    /** The limits a request counts against: {limit name, key, limit}. */
    static List<Object[]> keysFor(String principal, String client, long perToken, long perAddress) {
        List<Object[]> keys = new ArrayList<>(2);
        if (perAddress > 0 && client != null) {
            keys.add(new Object[] {"address", "address:" + client, perAddress});
        }
        if (perToken > 0 && principal != null) {
            keys.add(new Object[] {"token", "identity:" + principal, perToken});
        }
        return keys;
    }

    /**
     * Counts the request against each of its limits; the first limit exceeded refuses it. Every
     * limit is counted even after one is exceeded, so a flood stays visible on each key.
     */
    public Optional<Refusal> check(String path, String principal, String client, String method) {
        Refusal refusal = null;
        for (Object[] k : keysFor(principal, client, settings.perMinute(Limit.TOKEN), settings.perMinute(Limit.ADDRESS))) {
            Optional<Refusal> over = limiter.count((String) k[0], (String) k[1], (Long) k[2], principal, method + " " + path);
            if (refusal == null && over.isPresent()) {
                refusal = over.get();
            }
        }
        return Optional.ofNullable(refusal);
    }
}
