package io.opssight.access.control;

import io.opssight.platform.entity.JsonSupport;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies a signed JWT (JWS compact form) with the JDK alone: RS256 (RSA of at least 2048 bits) or
 * ES256 (P-256) against configured public keys, then {@code exp} (required), {@code nbf}, {@code iss}
 * (must equal the configured issuer) and {@code aud} (must name one of the configured audiences,
 * when any are configured), with a clock skew. Refused outright: {@code alg: none} and every other
 * algorithm (so no HMAC-with-the-public-key confusion), headers that point at keys
 * ({@code jku}, {@code x5u}, {@code jwk}, {@code x5c}) and {@code crit} extensions.
 */
public final class JwtVerifier {

    /** Why a token was refused; the message is for the log, never for the caller. */
    public static final class Rejected extends Exception {
        public Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    public static final int MAX_LENGTH = 16 * 1024;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Set<String> KEY_HEADERS = Set.of("jku", "x5u", "jwk", "x5c", "crit");

    private final List<PublicKeys.Key> keys;
    private final String issuer;
    private final Set<String> audiences;
    private final Duration skew;
    private final Clock clock;

    public JwtVerifier(List<PublicKeys.Key> keys, String issuer, Set<String> audiences, Duration skew, Clock clock) {
        this.keys = List.copyOf(keys);
        this.issuer = issuer;
        this.audiences = Set.copyOf(audiences);
        this.skew = skew;
        this.clock = clock;
    }

    /** Whether a bearer value has the shape of a JWT (three base64url parts), as API tokens never do. */
    public static boolean looksLikeJwt(String value) {
        return value != null && value.startsWith("eyJ") && value.length() <= MAX_LENGTH && SHAPE.matcher(value).matches();
    }

    /** The verified claims, or {@link Rejected} with the reason. */
    public JsonObject verify(String token) throws Rejected {
        if (!looksLikeJwt(token)) {
            throw new Rejected("not a compact JWS");
        }
        String[] parts = token.split("\\.");
        JsonObject header = json(parts[0], "header");
        String alg = header.getString("alg", "");
        for (String forbidden : KEY_HEADERS) {
            if (header.containsKey(forbidden)) {
                throw new Rejected("header '" + forbidden + "' is not accepted");
            }
        }
        String javaAlgorithm = switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "ES256" -> "SHA256withECDSAinP1363Format";
            default -> throw new Rejected("algorithm '" + alg + "' is not accepted");
        };
        byte[] signature = decode(parts[2], "signature");
        if ("ES256".equals(alg) && signature.length != 64) {
            throw new Rejected("ES256 signature has the wrong length");
        }
        String kid = header.getString("kid", null);
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        for (PublicKeys.Key key : candidates(alg, kid)) {
            try {
                Signature verifier = Signature.getInstance(javaAlgorithm);
                verifier.initVerify(key.key());
                verifier.update(signed);
                if (verifier.verify(signature)) {
                    valid = true;
                    break;
                }
            } catch (GeneralSecurityException e) {
                // a malformed signature for this key: try the next one
            }
        }
        if (!valid) {
            throw new Rejected("signature does not verify with any configured key");
        }
        JsonObject claims = json(parts[1], "payload");
        Instant now = clock.instant();
        Instant exp = time(claims, "exp");
        if (exp == null) {
            throw new Rejected("no exp claim");
        }
        if (!now.isBefore(exp.plus(skew))) {
            throw new Rejected("expired at " + exp);
        }
        Instant nbf = time(claims, "nbf");
        if (nbf != null && now.plus(skew).isBefore(nbf)) {
            throw new Rejected("not valid before " + nbf);
        }
        if (issuer == null || !issuer.equals(claims.getString("iss", null))) {
            throw new Rejected("issuer is not " + issuer);
        }
        if (!audiences.isEmpty() && audience(claims).stream().noneMatch(audiences::contains)) {
            throw new Rejected("audience is not one of " + audiences);
        }
        return claims;
    }

    private List<PublicKeys.Key> candidates(String alg, String kid) {
        List<PublicKeys.Key> found = new ArrayList<>();
        for (PublicKeys.Key key : keys) {
            boolean type = "RS256".equals(alg) ? PublicKeys.isRsa(key.key()) : PublicKeys.isP256(key.key());
            if (type && (kid == null || key.kid() == null || kid.equals(key.kid()))) {
                found.add(key);
            }
        }
        return found;
    }

    private static List<String> audience(JsonObject claims) {
        JsonValue aud = claims.get("aud");
        List<String> values = new ArrayList<>();
        if (aud instanceof JsonString s) {
            values.add(s.getString());
        } else if (aud instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonString s) {
                    values.add(s.getString());
                }
            }
        }
        return values;
    }

    private static Instant time(JsonObject claims, String name) throws Rejected {
        JsonValue value = claims.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number)) {
            throw new Rejected(name + " is not a number");
        }
        return Instant.ofEpochSecond(number.longValue());
    }

    private static JsonObject json(String part, String what) throws Rejected {
        byte[] bytes = decode(part, what);
        try (JsonReader reader = JsonSupport.JSON.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new Rejected(what + " is not a JSON object");
        }
    }

    private static byte[] decode(String part, String what) throws Rejected {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new Rejected(what + " is not base64url");
        }
    }
}
