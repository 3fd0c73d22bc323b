package io.opssight.ingestion.control;

import io.opssight.ingestion.entity.Source;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import java.util.Set;

/**
 * How one kind of tool speaks to the webhook path: how a delivery proves it comes from its source,
 * the tool's own delivery id and event type, and how to connect the tool. Each kind's
 * {@link Normalizer} names its protocol and {@link Normalizers} finds it; nothing else knows a
 * kind's ways. The shared mechanics (HMAC, constant-time comparison, the content-hash key) are in
 * {@link DeliveryAuthenticator} and {@link DeliveryKeys}.
 */
public interface SourceProtocol {

    /** Whether the delivery is authenticated under the source's secret; every comparison constant-time. */
    boolean authentic(String secret, Headers headers, byte[] body);

    /** What an unauthenticated sender should have sent, for the 401's detail (never the secret). */
    String expectation();

    /** One sentence for the console on connecting the tool; docs/INGESTION.md has the details. */
    String howTo();

    /** The tool's own id of this delivery, kept on redelivery; null when it sends none (the body's hash keys it). */
    default String deliveryId(Headers headers, byte[] body) {
        return null;
    }

    /** How a refusal names the delivery id when it cannot be one. */
    default String deliveryIdName() {
        return "The delivery id";
    }

    /** The tool's name for what the delivery reports, from its headers; null when it sends none. */
    default String eventType(Headers headers) {
        return null;
    }

    /**
     * The kind's own headers kept with a delivery, lower case (beside {@link Headers}' common ones);
     * never a secret: no signature scheme needs one back, and tokens are never stored.
     */
    default Set<String> keptHeaders() {
        return Set.of();
    }

    /** Refuses (401) a delivery that is not authenticated for its source, saying what was expected. */
    default void verify(Source source, Headers headers, byte[] body) {
        if (!authentic(source.getSecret(), headers, body)) {
            throw new OpsSightException(ProblemType.BAD_SIGNATURE,
                    "The delivery is not authenticated for source " + source.getKind().wireName() + "/" + source.getName()
                            + ": " + expectation());
        }
    }
}
