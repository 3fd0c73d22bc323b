package io.opssight.ingestion.control;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The mechanics every {@link SourceProtocol} authenticates with: an HMAC-SHA256 of the raw body, a
 * shared secret compared as sent, or the secret from {@code Authorization: Bearer} or HTTP Basic
 * (as password). Every comparison is constant-time ({@link MessageDigest#isEqual}).
 */
final class DeliveryAuthenticator {

    private DeliveryAuthenticator() {
    }

    static boolean sameSecret(String secret, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(secret.getBytes(StandardCharsets.UTF_8)),
                sha256(presented.getBytes(StandardCharsets.UTF_8)));
    }

    static String credentialFromAuthorization(String authorization) {
        if (authorization == null) {
            return null;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? null : decoded.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    static boolean hexEquals(byte[] expected, String hex) {
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(hex.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, presented);
    }

    static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
