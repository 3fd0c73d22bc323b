package io.opssight.ingestion.control;

import io.opssight.ingestion.entity.Source;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a delivery really comes from its source, the way each tool authenticates:
 * <ul>
 * <li>GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>};</li>
 * <li>PagerDuty v3: {@code X-PagerDuty-Signature: v1=<hex>[,v1=<hex>...]}, any one valid (secret rotation);</li>
 * <li>GitLab: {@code X-Gitlab-Token}, the shared secret itself (GitLab does not sign);</li>
 * <li>everything else (Jenkins, Alertmanager, Argo CD, AWX, Terraform): {@code Authorization: Bearer <secret>}
 * or HTTP Basic with the secret as password.</li>
 * </ul>
 * Every comparison is constant-time ({@link MessageDigest#isEqual}).
 */
public final class DeliveryAuthenticator {

    private DeliveryAuthenticator() {
    }

    public static void verify(Source source, Headers headers, byte[] body) {
        boolean ok = switch (source.getKind()) {
            case GITHUB -> githubSignatureValid(source.getSecret(), headers.get("X-Hub-Signature-256"), body);
            case PAGERDUTY -> pagerDutySignatureValid(source.getSecret(), headers.get("X-PagerDuty-Signature"), body);
            case GITLAB -> sameSecret(source.getSecret(), headers.get("X-Gitlab-Token"));
            // Pushes arrive through the push API with an API token, never over the webhook path.
            case PUSH -> false;
            default -> sameSecret(source.getSecret(), credentialFromAuthorization(headers.get("Authorization")));
        };
        if (!ok) {
            throw new OpsSightException(ProblemType.BAD_SIGNATURE,
                    "The delivery is not authenticated for source " + source.getKind().wireName() + "/" + source.getName()
                            + ": " + expectation(source));
        }
    }

    private static String expectation(Source source) {
        return switch (source.getKind()) {
            case GITHUB -> "expected X-Hub-Signature-256 with the HMAC-SHA256 of the body under the source's secret";
            case PAGERDUTY -> "expected X-PagerDuty-Signature with a v1= HMAC-SHA256 of the body under the source's secret";
            case GITLAB -> "expected X-Gitlab-Token with the source's secret";
            case PUSH -> "push events are sent to the push API with an API token";
            default -> "expected Authorization: Bearer with the source's secret";
        };
    }

    static boolean githubSignatureValid(String secret, String header, byte[] body) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        return hexEquals(hmacSha256(secret, body), header.substring("sha256=".length()));
    }

    static boolean pagerDutySignatureValid(String secret, String header, byte[] body) {
        if (header == null) {
            return false;
        }
        byte[] expected = hmacSha256(secret, body);
        boolean any = false;
        for (String part : header.split(",")) {
            String candidate = part.trim();
            if (candidate.startsWith("v1=")) {
                // Evaluate every signature, so the time does not tell which one matched.
                any |= hexEquals(expected, candidate.substring(3));
            }
        }
        return any;
    }

    static boolean sameSecret(String secret, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(secret), sha256(presented));
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

    private static boolean hexEquals(byte[] expected, String hex) {
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(hex.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, presented);
    }

    public static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
