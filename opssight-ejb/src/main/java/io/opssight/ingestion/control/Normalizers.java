package io.opssight.ingestion.control;

import io.opssight.ingestion.entity.SourceKind;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The registry of source kinds: each kind's normalizer and {@link SourceProtocol}, resolved once.
 * Iterating an {@code Instance} of dependent beans per delivery would create (and keep) a new set
 * of normalizers every time.
 */
@ApplicationScoped
public class Normalizers {

    @Inject
    @Any
    Instance<Normalizer> candidates;

    private final Map<SourceKind, Normalizer> byKind = new EnumMap<>(SourceKind.class);
    private final Map<SourceKind, SourceProtocol> protocols = new EnumMap<>(SourceKind.class);
    private Set<String> keptHeaders = Set.of();

    @PostConstruct
    void resolve() {
        register(candidates);
    }

    /** A registry of these normalizers, outside a container (unit tests). */
    static Normalizers of(Iterable<? extends Normalizer> normalizers) {
        Normalizers registry = new Normalizers();
        registry.register(normalizers);
        return registry;
    }

    private void register(Iterable<? extends Normalizer> normalizers) {
        Set<String> kept = new HashSet<>();
        for (Normalizer candidate : normalizers) {
            Normalizer previous = byKind.put(candidate.kind(), candidate);
            if (previous != null) {
                throw new IllegalStateException("two normalizers for " + candidate.kind() + ": "
                        + previous.getClass().getName() + " and " + candidate.getClass().getName());
            }
            SourceProtocol protocol = candidate.protocol();
            protocols.put(candidate.kind(), protocol);
            kept.addAll(protocol.keptHeaders());
        }
        keptHeaders = Set.copyOf(kept);
    }

    /** The normalizer for this kind, or null when deliveries of the kind are only stored raw. */
    public Normalizer of(SourceKind kind) {
        return byKind.get(kind);
    }

    /** Every kind's own headers kept with a delivery ({@link Headers#keptAsJson}). */
    public Set<String> keptHeaders() {
        return keptHeaders;
    }

    /** The protocol of this kind; every kind has one, named by its normalizer. */
    public SourceProtocol protocol(SourceKind kind) {
        SourceProtocol protocol = protocols.get(kind);
        if (protocol == null) {
            throw new IllegalStateException("no normalizer names the protocol of source kind " + kind);
        }
        return protocol;
    }
}
