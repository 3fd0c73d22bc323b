package io.opssight.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.Rows;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * X-Forwarded-For and X-Request-Id are believed only from configured trusted proxies: the shared
 * server trusts none, so a client that sends them is recorded with its own address. (The trusted
 * case, where the forwarded address is recorded, is in RateLimitIT.)
 */
@DisplayName("#5 trusted proxies")
class TrustedProxyIT {

    @Test
    void ignoresForwardedForFromAPeerThatIsNotATrustedProxy() {
        OpsSightServer server = OpsSightServer.shared();
        Http http = server.http();
        String name = Fixtures.unique("spoof");
        Http.Answer created = http.postRaw("/api/v1/tokens", Map.of("Authorization", "Bearer " + OpsSightServer.ADMIN_TOKEN,
                "Content-Type", "application/json", "X-Forwarded-For", "203.0.113.50", "X-Request-Id", "spoofed-request-id"),
                ("{\"name\":\"" + name + "\",\"permissions\":[\"deployments:read\"]}").getBytes(StandardCharsets.UTF_8));
        assertEquals(201, created.status(), created::toString);
        assertNotEquals("spoofed-request-id", created.header("X-Request-Id").orElse(""));

        Rows.Row audited = Rows.only(server, "select client_address, request_id from audit_entry "
                + "where action = 'ApiTokens.create' and target = ?", name);
        assertEquals("127.0.0.1", audited.string("client_address"));
        assertNotEquals("spoofed-request-id", audited.string("request_id"));
    }
}
