package io.opssight.ingestion.boundary;

import io.opssight.ingestion.entity.Source;
import io.opssight.ingestion.entity.SourceKind;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * The internal sources the push API stores its deliveries under (kind PUSH, one per push type),
 * registered on first use in a transaction of their own. Their secret is random and never used:
 * pushes are authenticated by API token, and PUSH sources cannot be addressed as webhooks.
 * Called by {@link Pushes} only.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PushSources {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /**
     * The id of the push source with this name, registered if it does not exist. Two replicas
     * registering it at once collide on the unique (kind, name); the loser's call fails and its
     * retry finds the winner's source.
     */
    public long idOf(String name) {
        List<Source> found = em.createNamedQuery(Source.FIND_BY_KEY, Source.class).setParameter("kind", SourceKind.PUSH)
                .setParameter("name", name).getResultList();
        if (!found.isEmpty()) {
            return found.get(0).getId();
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        Source source = new Source(SourceKind.PUSH, name, HexFormat.of().formatHex(secret), clock.instant());
        em.persist(source);
        em.flush();
        return source.getId();
    }
}
