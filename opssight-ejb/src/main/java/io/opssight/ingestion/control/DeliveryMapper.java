package io.opssight.ingestion.control;

import io.opssight.ingestion.entity.Delivery;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.lang.System.Logger.Level;
import java.time.Instant;

/**
 * Maps one delivery onto the model with the {@link Normalizer} of its source's kind, in the
 * caller's transaction, and marks it processed or ignored. Whatever goes wrong is a
 * {@link MappingFailed} with the reason in a user's words.
 */
@Dependent
public class DeliveryMapper {

    private static final System.Logger LOGGER = System.getLogger(DeliveryMapper.class.getName());

    /**
     * Mapping a delivery failed when its changes were written (a value the database refused, a
     * unique key met by a racing twin), with the reason in the words of {@link Failures#reason}.
     * An application exception: its transaction rolls back, and the container does not log it as
     * a system failure (a stack trace per poison delivery); the caller decides what to keep.
     */
    public static class MappingFailed extends OpsSightException {
        public MappingFailed(RuntimeException cause) {
            super(ProblemType.VALIDATION, Failures.reason(cause));
            initCause(cause);
        }
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Normalizers normalizers;

    /** Maps {@code delivery} from its parsed body and marks it; what the mapping made of it. */
    public Normalized map(Delivery delivery, JsonObject payload, Instant now) {
        Normalizer normalizer = normalizers.of(delivery.getSource().getKind());
        Normalized normalized;
        try {
            normalized = normalizer == null
                    ? Normalized.ignored(delivery.getSource().getKind().wireName() + " deliveries are stored raw, not mapped")
                    : normalizer.normalize(delivery, payload, now);
        } catch (OpsSightException e) {
            throw e;
        } catch (RuntimeException e) {
            // A mapping's own refusal ("without status") or a mapping that did not expect this shape:
            // kept by the caller as a dead letter; logged once per cause, where it happened.
            StackTraceElement[] at = e.getStackTrace();
            Failures.logOnce(LOGGER, Level.WARNING, "mapping:" + Failures.describe(e), "Mapping a "
                    + delivery.getSource().getKind().wireName() + " delivery failed: " + Failures.describe(e)
                    + (at.length > 0 ? " at " + at[0] : ""));
            throw new MappingFailed(e);
        }
        if (normalized.modelled()) {
            delivery.markProcessed(now);
        } else {
            delivery.markIgnored(now, normalized.note());
        }
        return normalized;
    }

    /** Writes the mapping's changes now, inside the transaction's method, so a refusal is a {@link MappingFailed}. */
    public void flush() {
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw new MappingFailed(e);
        }
    }
}
