package io.opssight.access.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Password hashes by the platform's {@link Pbkdf2PasswordHash} (Jakarta Security, Soteria in
 * Payara), set to what OpsSight has always used: PBKDF2WithHmacSHA256, a random 16-byte salt,
 * {@value #ITERATIONS} iterations (OWASP's 2023 figure for this function) and a 32-byte result,
 * stored in the platform's self-describing {@code PBKDF2WithHmacSHA256:<iterations>:<salt>:<hash>}
 * (base64), so the iteration count can be raised later without invalidating stored hashes. The
 * platform compares in constant time.
 *
 * <p>Hashes stored before OpsSight used the platform are {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
 * (base64, no padding): the same function with the same parameters in another notation. They are
 * verified by rewriting them to the platform's notation, count as {@link #outdated}, and so are
 * re-hashed in the platform's notation at the user's next successful sign-in.
 */
@ApplicationScoped
public class PasswordHasher {

    public static final int ITERATIONS = 210_000;
    public static final int MIN_LENGTH = 12;
    /** PBKDF2 hashes the whole password per iteration; a bound stops very long inputs costing CPU. */
    public static final int MAX_LENGTH = 200;
    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** The notation of hashes stored before the platform's; still verified, re-hashed at sign-in. */
    static final String LEGACY_SCHEME = "pbkdf2-sha256";
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Pbkdf2PasswordHash platform;

    /** Checked for unknown users, so a missing account costs as much time as a wrong password. */
    private String dummy;

    @PostConstruct
    void initialize() {
        platform.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", ALGORITHM,
                "Pbkdf2PasswordHash.Iterations", String.valueOf(ITERATIONS),
                "Pbkdf2PasswordHash.SaltSizeBytes", "16",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        dummy = hash("not-a-password-of-anyone");
    }

    public String hash(String password) {
        return platform.generate(password.toCharArray());
    }

    /** Whether {@code password} matches {@code stored}; false for a malformed or missing hash. */
    public boolean verify(String password, String stored) {
        if (password == null || password.isEmpty() || password.length() > MAX_LENGTH) {
            return false;
        }
        String[] parts = parts(stored);
        if (parts == null) {
            burn(password);
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                return false;
            }
            return platform.verify(password.toCharArray(), String.join(":", ALGORITHM, parts[1], parts[2], parts[3]));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Spends the time of one check, for an unknown user. */
    public void burn(String password) {
        verify(password == null || password.isEmpty() || password.length() > MAX_LENGTH ? "-" : password, dummy);
    }

    /** Whether the hash is in the old notation or made with fewer iterations than today's (to re-hash after a sign-in). */
    public boolean outdated(String stored) {
        String[] parts = parts(stored);
        try {
            return parts == null || !stored.startsWith(ALGORITHM + ":") || Integer.parseInt(parts[1]) < ITERATIONS;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** (scheme, iterations, salt, hash) of a PBKDF2-HMAC-SHA256 hash in either notation, or null. */
    private static String[] parts(String stored) {
        if (stored == null) {
            return null;
        }
        String[] platformParts = stored.split(":");
        if (platformParts.length == 4 && ALGORITHM.equals(platformParts[0])) {
            return platformParts;
        }
        String[] legacyParts = stored.split("\\$");
        return legacyParts.length == 4 && LEGACY_SCHEME.equals(legacyParts[0]) ? legacyParts : null;
    }

    /** A problem with a new password, or null when it is acceptable. */
    public static String weakness(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "A password needs at least " + MIN_LENGTH + " characters.";
        }
        if (password.length() > MAX_LENGTH) {
            return "A password may have at most " + MAX_LENGTH + " characters.";
        }
        if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            return "A password must not contain the username.";
        }
        return null;
    }

    /** A random password for the first administrator: 24 URL-safe characters (144 bits). */
    public static String generate() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
