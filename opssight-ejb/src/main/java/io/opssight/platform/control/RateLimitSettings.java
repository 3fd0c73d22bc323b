package io.opssight.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The abuse limits in force on this replica, per minute: they start from MicroProfile Config
 * ({@code opssight.ratelimit.per-token-per-minute}, {@code per-address-per-minute},
 * {@code per-source-per-minute}) and an operator can change them at runtime through JMX
 * ({@code io.opssight:type=RateLimits}). A change applies at once to new requests on this replica
 * only and lasts until it restarts; the counts themselves stay shared by {@link RateCounters}.
 * Also counts the requests refused per limit on this replica since it started.
 */
@ApplicationScoped
public class RateLimitSettings {

    /** The limits by name, as {@link RateLimiter} and the refusals call them. */
    public enum Limit {
        TOKEN("token", "per-token-per-minute"),
        ADDRESS("address", "per-address-per-minute"),
        SOURCE("source", "per-source-per-minute");

        private final String name;
        private final String key;

        Limit(String name, String key) {
            this.name = name;
            this.key = key;
        }

        /** The limit's name in refusals and metrics (token, address, source). */
        public String limitName() {
            return name;
        }

        /** The configuration key without its {@code opssight.ratelimit.} prefix. */
        public String key() {
            return key;
        }
    }

    @Inject
    @ConfigProperty(name = "opssight.ratelimit.per-token-per-minute", defaultValue = "3000")
    long perToken;

    @Inject
    @ConfigProperty(name = "opssight.ratelimit.per-address-per-minute", defaultValue = "6000")
    long perAddress;

    @Inject
    @ConfigProperty(name = "opssight.ratelimit.per-source-per-minute", defaultValue = "0")
    long perSource;

    private final Map<Limit, AtomicLong> limits = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();

    @PostConstruct
    void load() {
        limits.put(Limit.TOKEN, new AtomicLong(Math.max(0, perToken)));
        limits.put(Limit.ADDRESS, new AtomicLong(Math.max(0, perAddress)));
        limits.put(Limit.SOURCE, new AtomicLong(Math.max(0, perSource)));
    }

    /** The limit per minute in force on this replica; 0: off. */
    public long perMinute(Limit limit) {
        return limits.get(limit).get();
    }

    /**
     * Sets a limit on this replica and returns the one it replaces; 0 turns it off.
     *
     * @throws IllegalArgumentException for a negative limit
     */
    public long change(Limit limit, long perMinute) {
        if (perMinute < 0) {
            throw new IllegalArgumentException(limit.key() + " must be 0 (off) or more, not " + perMinute);
        }
        return limits.get(limit).getAndSet(perMinute);
    }

    /** A request was refused by the limit named {@code limit} (token, address or source). */
    void refused(String limit) {
        refused.computeIfAbsent(limit, k -> new LongAdder()).increment();
    }

    /** Requests this replica refused by this limit since it started. */
    public long refusedSoFar(Limit limit) {
        LongAdder count = refused.get(limit.limitName());
        return count == null ? 0 : count.sum();
    }
}
