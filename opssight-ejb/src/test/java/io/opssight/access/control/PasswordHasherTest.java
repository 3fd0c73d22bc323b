package io.opssight.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#5 PasswordHasher: salted PBKDF2-HMAC-SHA256, self-describing, constant-time check")
class PasswordHasherTest {

    @Test
    @DisplayName("#5 a hash names its scheme and iterations, is salted, and verifies only the right password")
    void hashesAndVerifies() {
        String hash = PasswordHasher.hash("correct horse battery");
        String[] parts = hash.split("\\$");
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals(String.valueOf(PasswordHasher.ITERATIONS), parts[1]);
        assertTrue(PasswordHasher.ITERATIONS >= 210_000);
        assertNotEquals(hash, PasswordHasher.hash("correct horse battery"), "a new salt each time");
        assertTrue(PasswordHasher.verify("correct horse battery", hash));
        assertFalse(PasswordHasher.verify("correct horse batterY", hash));
        assertFalse(PasswordHasher.verify("", hash));
        assertFalse(PasswordHasher.verify(null, hash));
        assertFalse(PasswordHasher.outdated(hash));
    }

    @Test
    @DisplayName("#5 a hash with fewer iterations still verifies and is marked for re-hashing")
    void olderIterationCountsStillVerify() {
        String old = PasswordHasher.hash("an older password", new byte[16], 1000);
        assertTrue(PasswordHasher.verify("an older password", old));
        assertTrue(PasswordHasher.outdated(old));
    }

    @Test
    @DisplayName("#5 malformed or missing hashes never verify")
    void malformedHashesFail() {
        for (String stored : new String[] {null, "", "plain", "md5$1$aa$bb", "pbkdf2-sha256$x$aa$bb", "pbkdf2-sha256$0$aa$bb",
            "pbkdf2-sha256$1000$!!$bb"}) {
            assertFalse(PasswordHasher.verify("password", stored), String.valueOf(stored));
        }
    }

    @Test
    @DisplayName("#5 weak passwords are named; generated ones are long and acceptable")
    void passwordPolicy() {
        assertNotNull(PasswordHasher.weakness("short", "bob"));
        assertNotNull(PasswordHasher.weakness("bob-is-my-password", "bob"));
        assertNotNull(PasswordHasher.weakness("x".repeat(201), "bob"));
        assertNull(PasswordHasher.weakness("a long enough password", "bob"));
        String generated = PasswordHasher.generate();
        assertEquals(24, generated.length());
        assertNull(PasswordHasher.weakness(generated, "admin"));
    }
}
