package io.opssight.ingestion.control;

import java.util.function.Supplier;

/**
 * The one retry of ingestion: run a step again once when it fails, and let the second failure
 * through to the caller, which decides what to keep (a dead letter, a 503). The steps retried are
 * transactions of their own (a mapping, a push source's registration) that lose races on new
 * unique rows; the second attempt finds the winner's row.
 *
 * <p>Not MicroProfile Fault Tolerance's {@code @Retry}: the rule is exactly two attempts, then the
 * last failure's reason written to the dead letter (docs/INGESTION.md); a {@code @Retry} method
 * must be a CDI business method reached through a proxy, outside the REQUIRES_NEW transaction it
 * retries, so each step would need a bean of its own between the boundaries, and a
 * {@code @Fallback} would still have to read the failure back to write the dead letter.
 */
public final class Attempts {

    private Attempts() {
    }

    /** {@code step}'s result, from its second attempt when the first threw. */
    public static <T> T twice(Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException first) {
            return step.get();
        }
    }
}
