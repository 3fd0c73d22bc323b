package io.opssight.ingestion.control;

import io.opssight.ingestion.entity.SourceKind;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;

/**
 * The normalizer of each source kind, resolved once. Iterating an {@code Instance} of dependent
 * beans per delivery would create (and keep) a new set of normalizers every time.
 */
@ApplicationScoped
public class Normalizers {

    @Inject
    @Any
    Instance<Normalizer> candidates;

    private final Map<SourceKind, Normalizer> byKind = new EnumMap<>(SourceKind.class);

    @PostConstruct
    void resolve() {
        for (Normalizer candidate : candidates) {
            Normalizer previous = byKind.put(candidate.kind(), candidate);
            if (previous != null) {
                throw new IllegalStateException("two normalizers for " + candidate.kind() + ": "
                        + previous.getClass().getName() + " and " + candidate.getClass().getName());
            }
        }
    }

    /** The normalizer for this kind, or null when deliveries of the kind are only stored raw. */
    public Normalizer of(SourceKind kind) {
        return byKind.get(kind);
    }
}
