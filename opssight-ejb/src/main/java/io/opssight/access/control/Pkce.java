package io.opssight.access.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The random values of an authorization-code sign-in (state, nonce, PKCE verifier: 256 bits from
 * {@link SecureRandom}, base64url) and the PKCE S256 challenge of a verifier (RFC 7636), shared by
 * the OpenID Connect and the GitHub sign-in.
 */
public final class Pkce {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Pkce() {
    }

    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** BASE64URL(SHA-256(ASCII(verifier))), without padding. */
    public static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares a value the browser brought back with the one kept, in constant time. */
    public static boolean same(String kept, String presented) {
        return kept != null && presented != null && MessageDigest.isEqual(kept.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
