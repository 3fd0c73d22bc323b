package io.opssight.access.control;

import io.opssight.platform.entity.JsonSupport;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the verification keys for JWTs: PEM ({@code -----BEGIN PUBLIC KEY-----}, one or more) or a
 * JWKS document ({@code {"keys":[...]}}, RSA and EC P-256 keys, with their {@code kid}). Only the
 * JDK's own key factories are used.
 */
public final class PublicKeys {

    /** A key and its id (null when the source gave none). */
    public record Key(String kid, PublicKey key) {
    }

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

    private PublicKeys() {
    }

    public static List<Key> parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        List<Key> keys = new ArrayList<>();
        try {
            if (trimmed.startsWith("{")) {
                try (JsonReader reader = JsonSupport.JSON.createReader(new StringReader(trimmed))) {
                    JsonObject doc = reader.readObject();
                    JsonArray array = doc.containsKey("keys") ? doc.getJsonArray("keys")
                            : JsonSupport.JSON.createArrayBuilder().add(doc).build();
                    for (JsonValue value : array) {
                        Key key = jwk(value.asJsonObject());
                        if (key != null) {
                            keys.add(key);
                        }
                    }
                }
            } else if (trimmed.contains("-----BEGIN PUBLIC KEY-----")) {
                Matcher m = PEM.matcher(trimmed);
                while (m.find()) {
                    keys.add(new Key(null, x509(Base64.getMimeDecoder().decode(m.group(1)))));
                }
            } else if (!trimmed.isEmpty()) {
                // MP-JWT also accepts the bare base64 of a PEM's body.
                keys.add(new Key(null, x509(Base64.getMimeDecoder().decode(trimmed))));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot read the JWT verification key(s): " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("No RSA or EC P-256 public key found");
        }
        return List.copyOf(keys);
    }

    private static PublicKey x509(byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static Key jwk(JsonObject jwk) throws GeneralSecurityException {
        String use = jwk.getString("use", "sig");
        if (!"sig".equals(use)) {
            return null;
        }
        String kid = jwk.getString("kid", null);
        Base64.Decoder b64 = Base64.getUrlDecoder();
        switch (jwk.getString("kty", "")) {
            case "RSA" -> {
                BigInteger n = new BigInteger(1, b64.decode(jwk.getString("n")));
                BigInteger e = new BigInteger(1, b64.decode(jwk.getString("e")));
                return new Key(kid, KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
            }
            case "EC" -> {
                if (!"P-256".equals(jwk.getString("crv", ""))) {
                    return null;
                }
                ECPoint point = new ECPoint(new BigInteger(1, b64.decode(jwk.getString("x"))),
                        new BigInteger(1, b64.decode(jwk.getString("y"))));
                return new Key(kid, KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, p256())));
            }
            default -> {
                return null;
            }
        }
    }

    static ECParameterSpec p256() throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    static boolean isRsa(PublicKey key) {
        return key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048;
    }

    static boolean isP256(PublicKey key) {
        return key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256;
    }
}
