package io.opssight.ingestion.control;

import io.opssight.ingestion.entity.Source;
import io.opssight.ingestion.entity.SourceKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;

/**
 * Enabled sources by (kind, name), kept for a few seconds so that a burst of deliveries does not
 * read the same row for every request. Changes made on this replica evict at once; a change made
 * on another replica is seen here within the time to live ({@code opssight.ingestion.source-cache-ttl},
 * default 5 s): for that long a rotated secret may still be accepted (or a disabled source still
 * served) by the other replicas.
 *
 * <p>Deliberately not a JCache cache: Payara's JCache is Hazelcast's, which keeps every entry by
 * value in the data grid, partitioned across the replicas. The cached {@link Source} holds its
 * secret in plaintext, which would then travel between members and sit in the grid, and each
 * look-up would become a (de)serialisation, or a network round trip for keys another member owns
 * (measured on Hazelcast 5.3 as Payara ships it: 7-40 µs a get, 35-50 µs for another member's
 * key, against nanoseconds here), on the path of every delivery.
 */
@ApplicationScoped
public class SourceCache {

    private record Entry(Source source, Instant expires) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();
    private final Duration ttl;

    public SourceCache() {
        this(Duration.ofSeconds(5));
    }

    @Inject
    SourceCache(@ConfigProperty(name = "opssight.ingestion.source-cache-ttl", defaultValue = "PT5S") Duration ttl) {
        this.ttl = ttl;
    }

    /** The cached source, or what {@code load} returns (cached if it returns; a failure is not cached). */
    public Source get(SourceKind kind, String name, Supplier<Source> load) {
        String key = kind.wireName() + "/" + name;
        Entry entry = entries.get(key);
        Instant now = clock.instant();
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.source();
        }
        Source loaded = load.get();
        if (!ttl.isZero()) {
            entries.put(key, new Entry(loaded, now.plus(ttl)));
        }
        return loaded;
    }

    public void evict(SourceKind kind, String name) {
        entries.remove(kind.wireName() + "/" + name);
    }

    /** Drops every entry (an operator's flush); answers how many there were. */
    public int flush() {
        int size = entries.size();
        entries.clear();
        return size;
    }

    public int size() {
        return entries.size();
    }
}
