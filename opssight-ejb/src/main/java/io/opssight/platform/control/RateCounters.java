package io.opssight.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Fixed one-minute windows of request counts, shared by every replica through Payara's data grid:
 * a JCache (JSR 107) cache that Payara backs with its embedded Hazelcast, found at the JNDI name
 * {@code payara/CacheManager}. Counts are {@code Long}s changed with compare-and-set
 * ({@code putIfAbsent}/{@code replace}), which are atomic across the cluster and need no
 * application class on the other members (an {@code EntryProcessor} would have to be deserialized
 * there). Entries expire two minutes after they are created.
 *
 * <p>Without a data grid ({@code --nocluster}) or if it fails, counting falls back to this replica
 * alone, so the limit then applies per replica. Counting never refuses a request by itself.
 */
@ApplicationScoped
public class RateCounters {

    static final String CACHE = "opssight-rate-limits";
    static final long WINDOW_SECONDS = 60;

    private static final System.Logger LOGGER = System.getLogger(RateCounters.class.getName());
    private static final int CAS_ATTEMPTS = 64;

    private final Clock clock = Clock.systemUTC();
    private final Map<Long, Map<String, AtomicLong>> local = new ConcurrentHashMap<>();
    private volatile Cache<String, Long> grid;
    private volatile boolean warned;

    /** The current window and the count after counting one more request in it. */
    public record Count(long window, long count, long secondsLeft) {
    }

    @PostConstruct
    void connect() {
        try {
            CacheManager manager = (CacheManager) new InitialContext().lookup("payara/CacheManager");
            grid = cache(manager);
            LOGGER.log(Level.INFO, "Rate limits are counted in the data grid (JCache cache {0})", CACHE);
        } catch (NamingException | RuntimeException | LinkageError e) {
            LOGGER.log(Level.INFO, "No data grid for rate limits ({0}); each replica counts on its own", e.toString());
        }
    }

    private static Cache<String, Long> cache(CacheManager manager) {
        if (manager == null) {
            throw new IllegalStateException("payara/CacheManager is null (Hazelcast disabled)");
        }
        Cache<String, Long> cache = manager.getCache(CACHE, String.class, Long.class);
        if (cache != null) {
            return cache;
        }
        MutableConfiguration<String, Long> config = new MutableConfiguration<String, Long>()
                .setTypes(String.class, Long.class)
                .setStoreByValue(true)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, 2 * WINDOW_SECONDS)));
        try {
            return manager.createCache(CACHE, config);
        } catch (CacheException alreadyThere) {
            // Another replica created it in the meantime.
            return manager.getCache(CACHE, String.class, Long.class);
        }
    }

    /** Whether counts are shared across replicas. */
    public boolean shared() {
        return grid != null;
    }

    /** Counts one request against {@code key} in the current minute and returns the new count. */
    public Count increment(String key) {
        long now = clock.millis();
        long window = now / 1000 / WINDOW_SECONDS;
        long secondsLeft = Math.max(1, (window + 1) * WINDOW_SECONDS - now / 1000);
        Cache<String, Long> cache = grid;
        if (cache != null) {
            try {
                return new Count(window, incrementShared(cache, key + "@" + window), secondsLeft);
            } catch (RuntimeException e) {
                if (!warned) {
                    warned = true;
                    LOGGER.log(Level.WARNING, "Rate-limit counting in the data grid failed ({0}); counting locally", e.toString());
                }
            }
        }
        return new Count(window, incrementLocal(window, key), secondsLeft);
    }

    private static long incrementShared(Cache<String, Long> cache, String key) {
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            Long current = cache.get(key);
            if (current == null) {
                if (cache.putIfAbsent(key, 1L)) {
                    return 1;
                }
            } else if (cache.replace(key, current, current + 1)) {
                return current + 1;
            }
        }
        // Extreme contention on one key: the key is clearly busy; report the last count seen.
        Long last = cache.get(key);
        return last == null ? 1 : last + 1;
    }

    private long incrementLocal(long window, String key) {
        if (local.size() > 1) {
            local.keySet().removeIf(w -> w < window);
        }
        return local.computeIfAbsent(window, w -> new ConcurrentHashMap<>())
                .computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }
}
