package io.opssight.platform.boundary;

/** {@code io.opssight:type=Caches}: drop cached data so the next request reads the database. */
public interface CachesMXBean {

    /** Cached enabled sources (kind/name to source). */
    int getSourceCacheSize();

    /** Empties the source cache on this replica; audited. */
    void flushSourceCache();
}
