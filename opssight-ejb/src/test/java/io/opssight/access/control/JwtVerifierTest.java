package io.opssight.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.util.Arrays;

@DisplayName("#5 JwtVerifier: RS256/ES256 with configured keys; exp, nbf, iss, aud; no alg none, no header keys")
class JwtVerifierTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String ISSUER = "https://idp.example.test/realms/ops";
    static final KeyPair RSA = generate("RSA");
    static final KeyPair EC = generate("EC");
    static final KeyPair OTHER_RSA = generate("RSA");

    private final JwtVerifier verifier = new JwtVerifier(List.of(new PublicKeys.Key(null, RSA.getPublic()),
            new PublicKeys.Key(null, EC.getPublic())), ISSUER, Set.of("opssight"), Duration.ofSeconds(60),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    @DisplayName("#5 a valid RS256 and a valid ES256 token are accepted")
    void validTokensAreAccepted() throws Exception {
        assertEquals("alice", verifier.verify(sign("RS256", RSA.getPrivate(), claims(ISSUER, "opssight", 300))).getString("sub"));
        assertEquals("alice", verifier.verify(sign("ES256", EC.getPrivate(), claims(ISSUER, "[\"x\",\"opssight\"]", 300)))
                .getString("sub"));
    }

    @Test
    @DisplayName("#5 expired, not yet valid, wrong issuer or audience, and no exp are refused")
    void claimsAreChecked() {
        refused(sign("RS256", RSA.getPrivate(), claims(ISSUER, "opssight", -120)), "expired");
        refused(sign("RS256", RSA.getPrivate(), "{\"sub\":\"a\",\"iss\":\"" + ISSUER + "\",\"aud\":\"opssight\",\"exp\":"
                + (NOW.getEpochSecond() + 600) + ",\"nbf\":" + (NOW.getEpochSecond() + 300) + "}"), "not valid before");
        refused(sign("RS256", RSA.getPrivate(), claims("https://evil.test", "opssight", 300)), "issuer");
        refused(sign("RS256", RSA.getPrivate(), claims(ISSUER, "someone-else", 300)), "audience");
        refused(sign("RS256", RSA.getPrivate(), "{\"sub\":\"a\",\"iss\":\"" + ISSUER + "\",\"aud\":\"opssight\"}"), "no exp");
    }

    @Test
    @DisplayName("#5 a wrong key, alg none, HS256 with the public key, and key-URL headers are refused")
    void forgeriesAreRefused() throws Exception {
        String body = claims(ISSUER, "opssight", 300);
        refused(sign("RS256", OTHER_RSA.getPrivate(), body), "signature");
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(body) + ".";
        assertFalse(JwtVerifier.looksLikeJwt(none));
        refused(none + "AA", "algorithm 'none'");
        String hsInput = b64("{\"alg\":\"HS256\"}") + "." + b64(body);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(RSA.getPublic().getEncoded(), "HmacSHA256"));
        refused(hsInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal(hsInput.getBytes(StandardCharsets.US_ASCII))), "HS256");
        refused(signWithHeader("{\"alg\":\"RS256\",\"jku\":\"https://evil.test/jwks\"}", RSA.getPrivate(), body), "jku");
        refused(signWithHeader("{\"alg\":\"RS256\",\"x5u\":\"https://evil.test/cert\"}", RSA.getPrivate(), body), "x5u");
        refused(sign("ES256", EC.getPrivate(), body).replaceAll("\\.[^.]+$", ".AAAA"), "ES256 length");
    }

    @Test
    @DisplayName("#5 keys are read from PEM and from a JWKS document")
    void keysFromPemAndJwks() throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(RSA.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        assertEquals(RSA.getPublic(), PublicKeys.parse(pem).get(0).key());
        RSAPublicKey rsa = (RSAPublicKey) RSA.getPublic();
        ECPublicKey ec = (ECPublicKey) EC.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"r1\",\"use\":\"sig\",\"n\":\"" + u(rsa.getModulus()) + "\",\"e\":\""
                + u(rsa.getPublicExponent()) + "\"},{\"kty\":\"EC\",\"kid\":\"e1\",\"crv\":\"P-256\",\"x\":\""
                + u(ec.getW().getAffineX()) + "\",\"y\":\"" + u(ec.getW().getAffineY()) + "\"}]}";
        List<PublicKeys.Key> keys = PublicKeys.parse(jwks);
        assertEquals(2, keys.size());
        assertEquals("r1", keys.get(0).kid());
        JwtVerifier fromJwks = new JwtVerifier(keys, ISSUER, Set.of(), Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));
        assertTrue(fromJwks.verify(sign("ES256", EC.getPrivate(), claims(ISSUER, "any", 60))).containsKey("sub"));
        assertThrows(IllegalArgumentException.class, () -> PublicKeys.parse("not a key"));
    }

    private void refused(String token, String why) {
        assertThrows(JwtVerifier.Rejected.class, () -> verifier.verify(token), why);
    }

    static String claims(String issuer, String audience, long expiresInSeconds) {
        String aud = audience.startsWith("[") ? audience : "\"" + audience + "\"";
        return "{\"sub\":\"alice\",\"iss\":\"" + issuer + "\",\"aud\":" + aud + ",\"exp\":"
                + (NOW.getEpochSecond() + expiresInSeconds) + ",\"groups\":[\"devs\"]}";
    }

    static String sign(String alg, PrivateKey key, String claims) {
        return signWithHeader("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}", key, claims);
    }

    static String signWithHeader(String header, PrivateKey key, String claims) {
        String input = b64(header) + "." + b64(claims);
        try {
            Signature signature = Signature.getInstance(key.getAlgorithm().equals("RSA") ? "SHA256withRSA"
                    : "SHA256withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String u(BigInteger n) {
        byte[] bytes = n.toByteArray();
        if (bytes[0] == 0 && bytes.length > 1) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static KeyPair generate(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
