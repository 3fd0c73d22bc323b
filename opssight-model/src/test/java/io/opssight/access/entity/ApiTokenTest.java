package io.opssight.access.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("#2 ApiToken: when a token may be used, and how often its use is recorded")
class ApiTokenTest {

    private static final AtomicLong HASHES = new AtomicLong();
    private static final Instant CREATED = Instant.parse("2026-01-10T09:00:00Z");

    private static ApiToken token(Instant expiresAt) {
        String hash = String.format("%064x", HASHES.incrementAndGet());
        return new ApiToken("ci-" + hash.substring(56), hash, "ops_abcdef", Set.of(Permission.DEPLOYMENTS_READ),
                "admin", CREATED, expiresAt);
    }

    @Nested
    @DisplayName("#2 usable")
    class Usable {

        @Test
        @DisplayName("#2 a token without expiry is usable until revoked")
        void noExpiryUsableUntilRevoked() {
            ApiToken t = token(null);
            assertTrue(t.isUsableAt(CREATED.plusSeconds(86_400L * 3650)));

            t.revoke(CREATED.plusSeconds(60));

            assertFalse(t.isUsableAt(CREATED.plusSeconds(120)));
        }

        @Test
        @DisplayName("#2 a token is usable before its expiry and not at or after it")
        void expiryIsExclusive() {
            Instant expires = CREATED.plusSeconds(3600);
            ApiToken t = token(expires);

            assertTrue(t.isUsableAt(expires.minusMillis(1)));
            assertFalse(t.isUsableAt(expires));
            assertFalse(t.isUsableAt(expires.plusSeconds(1)));
        }

        @Test
        @DisplayName("#2 revoking twice keeps the first revocation time")
        void revokeKeepsFirstTime() {
            ApiToken t = token(null);
            t.revoke(CREATED.plusSeconds(10));

            t.revoke(CREATED.plusSeconds(20));

            assertEquals(CREATED.plusSeconds(10), t.getRevokedAt());
            assertFalse(t.isUsableAt(CREATED.plusSeconds(30)));
        }
    }

    @Nested
    @DisplayName("#2 last use")
    class Touch {

        @Test
        @DisplayName("#2 the first use is recorded")
        void firstUseIsRecorded() {
            ApiToken t = token(null);
            assertNull(t.getLastUsedAt());

            assertTrue(t.touch(CREATED.plusSeconds(5)));

            assertEquals(CREATED.plusSeconds(5), t.getLastUsedAt());
        }

        @Test
        @DisplayName("#2 uses within a minute of the recorded one are not written")
        void usesWithinAMinuteAreNotRecorded() {
            ApiToken t = token(null);
            Instant first = CREATED.plusSeconds(5);
            t.touch(first);

            assertFalse(t.touch(first.plusSeconds(1)));
            assertFalse(t.touch(first.plusSeconds(59)));
            assertFalse(t.touch(first.plusSeconds(60)));
            assertFalse(t.touch(first.minusSeconds(30)), "an older time never moves it back");

            assertEquals(first, t.getLastUsedAt());
        }

        @Test
        @DisplayName("#2 a use more than a minute later is recorded")
        void useAfterAMinuteIsRecorded() {
            ApiToken t = token(null);
            Instant first = CREATED.plusSeconds(5);
            t.touch(first);

            assertTrue(t.touch(first.plusSeconds(61)));

            assertEquals(first.plusSeconds(61), t.getLastUsedAt());
        }
    }

    @Test
    @DisplayName("#2 a token's permissions read back as given")
    void permissionsRoundTrip() {
        String hash = String.format("%064x", HASHES.incrementAndGet());
        ApiToken t = new ApiToken("deployer", hash, "ops_abcdef",
                Set.of(Permission.DEPLOYMENTS_WRITE, Permission.DEPLOYMENTS_READ), "admin", CREATED, null);

        assertEquals(Set.of(Permission.DEPLOYMENTS_READ, Permission.DEPLOYMENTS_WRITE), t.permissionSet());
    }
}
