package io.opssight.platform.boundary;

/**
 * {@code io.opssight:type=RateLimits}: the abuse limits per minute in force on this replica, and the
 * requests refused by each. Setting a limit applies at once to new requests on this replica (not the
 * others, and only until it restarts; the configuration sets the value replicas start with); 0 turns
 * the limit off, a negative value is refused. Every change, and every refused change, is audited
 * (actor {@code jmx}, action {@code ratelimit.changed}).
 */
public interface RateLimitsMXBean {

    /** Requests per minute per API token or console user; 0: off. */
    long getPerTokenPerMinute();

    void setPerTokenPerMinute(long perMinute);

    /** Requests per minute per client address; 0: off. */
    long getPerAddressPerMinute();

    void setPerAddressPerMinute(long perMinute);

    /** Authenticated webhook deliveries per minute per source; 0: off. */
    long getPerSourcePerMinute();

    void setPerSourcePerMinute(long perMinute);

    /** Requests this replica refused by the per-token limit since it started. */
    long getRefusedByToken();

    /** Requests this replica refused by the per-address limit since it started. */
    long getRefusedByAddress();

    /** Deliveries this replica refused by the per-source limit since it started. */
    long getRefusedBySource();

    /** Whether the counts are shared by all replicas through the data grid (false: each replica counts alone). */
    boolean isCountsShared();
}
