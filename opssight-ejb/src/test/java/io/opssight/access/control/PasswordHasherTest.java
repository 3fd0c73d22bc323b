package io.opssight.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassfish.soteria.identitystores.hash.Pbkdf2PasswordHashImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#5 PasswordHasher: salted PBKDF2-HMAC-SHA256, self-describing, constant-time check")
class PasswordHasherTest {

    /** Made by the hasher before it used the platform's (16 zero bytes of salt, 1000 iterations). */
    private static final String OLD_FEW_ITERATIONS =
            "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA$/sVRJDRSOoTWQkdwJgUvwb10UG4YKLxXVX0oVZae4wA";
    /** Made by the hasher before it used the platform's, with today's parameters: what databases hold. */
    private static final String OLD_TODAYS_ITERATIONS =
            "pbkdf2-sha256$210000$LtM2UmOtAtkJJD8ohhHU6Q$FpwW+bVs+boJZPQV9Q2iGd8FcpY3fP8pUVTEoHnp1ZU";

    private static final PasswordHasher HASHER = new PasswordHasher();

    @BeforeAll
    static void platform() {
        HASHER.platform = new Pbkdf2PasswordHashImpl();
        HASHER.initialize();
    }

    @Test
    @DisplayName("#5 a hash names its scheme and iterations, is salted, and verifies only the right password")
    void hashesAndVerifies() {
        String hash = HASHER.hash("correct horse battery");
        String[] parts = hash.split(":");
        assertEquals("PBKDF2WithHmacSHA256", parts[0]);
        assertEquals(String.valueOf(PasswordHasher.ITERATIONS), parts[1]);
        assertTrue(PasswordHasher.ITERATIONS >= 210_000);
        assertNotEquals(hash, HASHER.hash("correct horse battery"), "a new salt each time");
        assertTrue(HASHER.verify("correct horse battery", hash));
        assertFalse(HASHER.verify("correct horse batterY", hash));
        assertFalse(HASHER.verify("", hash));
        assertFalse(HASHER.verify(null, hash));
        assertFalse(HASHER.outdated(hash));
    }

    @Test
    @DisplayName("#5 a hash with fewer iterations still verifies and is marked for re-hashing")
    void olderIterationCountsStillVerify() {
        String old = OLD_FEW_ITERATIONS;
        assertTrue(HASHER.verify("an older password", old));
        assertTrue(HASHER.outdated(old));
    }

    @Test
    @DisplayName("#5 a hash stored before the platform's hasher still verifies, and is marked for re-hashing in the new notation")
    void hashesInTheOldNotationStillVerify() {
        assertTrue(HASHER.verify("an older password 1", OLD_TODAYS_ITERATIONS));
        assertFalse(HASHER.verify("an older password 2", OLD_TODAYS_ITERATIONS));
        assertTrue(HASHER.outdated(OLD_TODAYS_ITERATIONS));
        String renewed = HASHER.hash("an older password 1");
        assertTrue(renewed.startsWith("PBKDF2WithHmacSHA256:210000:"), renewed);
        assertTrue(HASHER.verify("an older password 1", renewed));
        assertFalse(HASHER.outdated(renewed));
    }

    @Test
    @DisplayName("#5 malformed or missing hashes never verify")
    void malformedHashesFail() {
        for (String stored : new String[] {null, "", "plain", "md5$1$aa$bb", "pbkdf2-sha256$x$aa$bb", "pbkdf2-sha256$0$aa$bb",
            "pbkdf2-sha256$1000$!!$bb", "PBKDF2WithHmacSHA256:x:aa:bb", "PBKDF2WithHmacSHA256:0:aa:bb",
            "PBKDF2WithHmacSHA256:1000:!!:bb", "PBKDF2WithHmacSHA1:1000:aa:bb"}) {
            assertFalse(HASHER.verify("password", stored), String.valueOf(stored));
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
