package io.opssight.access.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#5 UserAccount: consecutive failures lock the account for a while")
class UserAccountTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration LOCK = Duration.ofMinutes(15);

    @Test
    @DisplayName("#5 the fifth consecutive failure locks until now + 15 minutes; then it opens again")
    void fifthFailureLocks() {
        UserAccount user = new UserAccount("lena", "Lena", "pbkdf2-sha256$1$a$b", NOW);
        for (int i = 1; i <= 4; i++) {
            assertFalse(user.failedSignIn(NOW, 5, LOCK));
            assertTrue(user.canSignInAt(NOW));
        }
        assertTrue(user.failedSignIn(NOW, 5, LOCK));
        assertFalse(user.canSignInAt(NOW));
        assertFalse(user.canSignInAt(NOW.plus(LOCK).minusSeconds(1)));
        assertTrue(user.canSignInAt(NOW.plus(LOCK)));
    }

    @Test
    @DisplayName("#5 a success resets the count, an unlock lifts the lock, a disabled user cannot sign in")
    void successAndUnlockReset() {
        UserAccount user = new UserAccount("max", null, "pbkdf2-sha256$1$a$b", NOW);
        user.failedSignIn(NOW, 5, LOCK);
        user.signedIn(NOW);
        assertEquals(0, user.getFailedAttempts());
        assertEquals(NOW, user.getLastLoginAt());
        for (int i = 0; i < 5; i++) {
            user.failedSignIn(NOW, 5, LOCK);
        }
        user.unlock();
        assertNull(user.getLockedUntil());
        assertTrue(user.canSignInAt(NOW));
        user.enable(false);
        assertFalse(user.canSignInAt(NOW));
    }

    @Test
    @DisplayName("#5 usernames are lower case letters, digits and . _ @ -; a user without a password cannot sign in")
    void usernamesAndPasswords() {
        assertThrows(IllegalArgumentException.class, () -> new UserAccount("Bad Name", null, null, NOW));
        assertThrows(IllegalArgumentException.class, () -> new UserAccount("", null, null, NOW));
        assertFalse(new UserAccount("jane.doe@example.test", null, null, NOW).canSignInAt(NOW));
    }

    @Test
    @DisplayName("#5 built-in roles: admin has every permission, viewer cannot manage anything")
    void builtInRoles() {
        assertEquals(Permission.all(), BuiltInRole.ADMIN.permissions());
        assertTrue(BuiltInRole.VIEWER.permissions().stream().noneMatch(p -> p.endsWith(":manage") || p.endsWith(":write")));
        assertTrue(BuiltInRole.INTEGRATION.permissions().stream().noneMatch(p -> p.equals(Permission.CONSOLE_USE)));
        assertEquals(BuiltInRole.ENGINEER, BuiltInRole.named("engineer").orElseThrow());
        assertTrue(Permission.all().containsAll(BuiltInRole.MAINTAINER.permissions()));
    }
}
