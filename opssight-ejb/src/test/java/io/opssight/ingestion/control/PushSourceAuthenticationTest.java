package io.opssight.ingestion.control;

import static io.opssight.ingestion.control.Deliveries.basic;
import static io.opssight.ingestion.control.Deliveries.body;
import static io.opssight.ingestion.control.Deliveries.headers;
import static io.opssight.ingestion.control.Deliveries.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opssight.ingestion.entity.Source;
import io.opssight.ingestion.entity.SourceKind;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#3 the push API's internal sources never accept a delivery over the webhook path")
class PushSourceAuthenticationTest {

    private static final byte[] BODY = body("{\"service\":\"checkout\",\"environment\":\"production\"}");

    @Test
    @DisplayName("#3 even the internal source's own secret, as bearer or basic, is refused")
    void pushSourcesRefuseEveryWebhookCredential() {
        Source push = source(SourceKind.PUSH);

        for (Headers presented : new Headers[] {headers("Authorization", "Bearer " + push.getSecret()),
                headers("Authorization", basic("push", push.getSecret())), headers()}) {
            OpsSightException e = assertThrows(OpsSightException.class, () -> Deliveries.verify(push, presented, BODY));
            assertEquals(ProblemType.BAD_SIGNATURE, e.type());
            assertFalse(e.getMessage().contains(push.getSecret()));
        }
    }
}
