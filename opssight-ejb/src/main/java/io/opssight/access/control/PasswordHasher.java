package io.opssight.access.control;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.util.Locale;

/**
 * Password hashes with the JDK's PBKDF2WithHmacSHA256: a random 16-byte salt per password,
 * {@value #ITERATIONS} iterations (OWASP's 2023 figure for this function), a 32-byte result, stored
 * as the self-describing {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64, no padding) so
 * the iteration count can be raised later without invalidating stored hashes. Comparison is in
 * constant time.
 */
public final class PasswordHasher {

    public static final int ITERATIONS = 210_000;
    public static final int MIN_LENGTH = 12;
    /** PBKDF2 hashes the whole password per iteration; a bound stops very long inputs costing CPU. */
    public static final int MAX_LENGTH = 200;
    static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Checked for unknown users, so a missing account costs as much time as a wrong password. */
    private static final String DUMMY = hash("not-a-password-of-anyone", new byte[SALT_BYTES], ITERATIONS);

    private PasswordHasher() {
    }

    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return hash(password, salt, ITERATIONS);
    }

    static String hash(String password, byte[] salt, int iterations) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, iterations, HASH_BYTES));
    }

    /** Whether {@code password} matches {@code stored}; false for a malformed or missing hash. */
    public static boolean verify(String password, String stored) {
        if (password == null || password.isEmpty() || password.length() > MAX_LENGTH) {
            return false;
        }
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            burn(password);
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 1 || iterations > 10_000_000) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            byte[] actual = derive(password, salt, iterations, expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Spends the time of one check, for an unknown user. */
    public static void burn(String password) {
        verify(password == null || password.isEmpty() || password.length() > MAX_LENGTH ? "-" : password, DUMMY);
    }

    /** Whether the hash was made with fewer iterations than today's (to re-hash after a sign-in). */
    public static boolean outdated(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        try {
            return parts.length != 4 || !SCHEME.equals(parts[0]) || Integer.parseInt(parts[1]) < ITERATIONS;
        } catch (NumberFormatException e) {
            return true;
        }
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

    private static byte[] derive(String password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

}
