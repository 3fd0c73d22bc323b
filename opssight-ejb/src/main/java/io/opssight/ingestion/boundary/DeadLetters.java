package io.opssight.ingestion.boundary;

import io.opssight.audit.boundary.Audited;
import io.opssight.ingestion.control.Failures;
import io.opssight.access.entity.Permission;
import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.DeliveryStatus;
import io.opssight.platform.control.ListQuery;
import io.opssight.platform.entity.KeysetPage;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;

/**
 * Deliveries that could not be parsed or mapped: list them, and replay them (one, or in bulk)
 * after the cause is fixed. A replay runs the same processing as a new delivery
 * ({@link DeliveryLog#process}); whatever still fails stays a dead letter with its new reason.
 */
@Stateless
@RolesAllowed({Permission.SOURCES_READ, Permission.SOURCES_MANAGE})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetters {

    private static final System.Logger LOGGER = System.getLogger(DeadLetters.class.getName());
    public static final int MAX_BULK = 10_000;
    /** The largest page of the dead-letter list. */
    public static final int MAX_PAGE = 500;

    /** The outcome of a replay. */
    public record Replayed(int replayed, int processed, int ignored, int stillFailing) {
    }

    @PersistenceContext
    EntityManager em;

    @EJB
    DeliveryLog log;

    Clock clock = Clock.systemUTC();

    @Resource
    SessionContext context;

    /**
     * A page of dead letters (at most {@link #MAX_PAGE}), newest first, optionally of one source,
     * after {@code afterId} (ids descending); and whether more follow.
     */
    public KeysetPage<Delivery> list(Long sourceId, Long afterId, int limit) {
        return of(sourceId).andGiven("d.id < :after", "after", afterId).page(limit, MAX_PAGE);
    }

    /** How many dead letters there are (of one source, or all): the console's lazy table pages by offset. */
    public long count(Long sourceId) {
        return of(sourceId).count();
    }

    /** Dead letters, newest first, {@code size} rows from row {@code first} (offset paging for the console). */
    public List<Delivery> slice(Long sourceId, int first, int size) {
        return of(sourceId).slice(first, size, MAX_PAGE);
    }

    /** The dead letters of one source (null: of all), newest first. */
    private ListQuery<Delivery> of(Long sourceId) {
        return ListQuery.of(em, Delivery.class, "select d from Delivery d join fetch d.source s",
                "select count(d) from Delivery d join d.source s")
                .and("d.status = :status", "status", DeliveryStatus.DEAD_LETTER)
                .andGiven("s.id = :source", "source", sourceId)
                .orderBy("d.id desc");
    }

    public Delivery find(long id) {
        List<Delivery> found = em.createQuery("select d from Delivery d join fetch d.source where d.id = :id", Delivery.class)
                .setParameter("id", id).getResultList();
        if (found.isEmpty()) {
            throw new NotFoundProblem("No delivery " + id);
        }
        return found.get(0);
    }

    @Audited
    @RolesAllowed(Permission.SOURCES_MANAGE)
    public Replayed replay(long id) {
        Delivery delivery = find(id);
        if (delivery.getStatus() != DeliveryStatus.DEAD_LETTER) {
            throw new ValidationProblem("Delivery " + id + " is " + delivery.getStatus().name().toLowerCase()
                    + ", not a dead letter");
        }
        Replayed result = replay(List.of(id));
        LOGGER.log(Level.INFO, "Dead letter {0} replayed by {1}", id, context.getCallerPrincipal().getName());
        return result;
    }

    /** Replays up to {@code max} dead letters (of one source, or all), oldest first. */
    @Audited
    @RolesAllowed(Permission.SOURCES_MANAGE)
    public Replayed replayBulk(Long sourceId, int max) {
        if (max < 1 || max > MAX_BULK) {
            throw new ValidationProblem("max must be between 1 and " + MAX_BULK);
        }
        Replayed result = replayOldest(sourceId, max);
        LOGGER.log(Level.INFO, "{0} dead letters replayed by {1}", result.replayed(), context.getCallerPrincipal().getName());
        return result;
    }

    /**
     * Replays up to {@code max} dead letters (of one source, or all), oldest first, each as a new
     * delivery is mapped but without the retry: whatever still fails stays a dead letter with its
     * new reason. The dead-letter API ({@link #replayBulk}) and JMX ({@code Management}) both replay
     * here; open to any caller for JMX, which carries no OpsSight identity and audits on its own.
     */
    @PermitAll
    public Replayed replayOldest(Long sourceId, int max) {
        return replay(log.oldestDeadLetters(sourceId, max));
    }

    private Replayed replay(List<Long> ids) {
        int processed = 0;
        int ignored = 0;
        int failing = 0;
        for (Long id : ids) {
            try {
                switch (log.process(id, clock.instant()).outcome()) {
                    case MODELLED -> processed++;
                    case IGNORED -> ignored++;
                    case MALFORMED, DEAD_LETTER -> failing++;
                }
            } catch (RuntimeException e) {
                log.deadLetter(id, Failures.reason(e), clock.instant());
                failing++;
            }
        }
        return new Replayed(ids.size(), processed, ignored, failing);
    }
}
