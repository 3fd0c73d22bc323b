package io.opssight.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.platform.entity.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestContextFilterTest {

    private static final List<Cidr> PROXIES = Cidr.parseList("10.0.0.0/8");

    @Test
    void takesTheRightMostHopThatIsNotATrustedProxy() {
        assertEquals("203.0.113.7", RequestContextFilter.clientBehind("198.51.100.1, 203.0.113.7, 10.0.0.3", PROXIES, "10.0.0.2"));
    }

    @Test
    void fallsBackToThePeerWhenThereIsNoUsableHop() {
        assertEquals("10.0.0.2", RequestContextFilter.clientBehind(null, PROXIES, "10.0.0.2"));
        assertEquals("10.0.0.2", RequestContextFilter.clientBehind("10.0.0.9", PROXIES, "10.0.0.2"));
        assertEquals("10.0.0.2", RequestContextFilter.clientBehind("<script>", PROXIES, "10.0.0.2"));
    }

    @Test
    void countsApiCallsAndConsolePostsOnly() {
        assertTrue(RequestContextFilter.counted("GET", "/api/v1/deployments"));
        assertTrue(RequestContextFilter.counted("POST", "/login.xhtml"));
        assertFalse(RequestContextFilter.counted("POST", "/api/v1/ingest/github/acme"), "counted by ingestion when refused");
        assertFalse(RequestContextFilter.counted("GET", "/deployments.xhtml"));
        assertFalse(RequestContextFilter.counted("GET", "/jakarta.faces.resource/theme.css.xhtml"));
    }

    @Test
    void countsPerAddressAndPerIdentity() {
        assertEquals(List.of("address:203.0.113.7"),
                RateLimits.keysFor(null, "203.0.113.7", 10, 20).stream().map(k -> (String) k[1]).toList());
        assertEquals(List.of("address:127.0.0.1", "identity:token:ci"),
                RateLimits.keysFor("token:ci", "127.0.0.1", 10, 20).stream().map(k -> (String) k[1]).toList());
        assertTrue(RateLimits.keysFor("token:ci", "127.0.0.1", 0, 0).isEmpty(), "0 turns a limit off");
    }
}
