package io.opssight.it.security;

import static io.opssight.it.security.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * JWTs from a configured issuer on the API, against a server of its own started with the issuer,
 * audience and public keys (made here with the JDK) in its environment, and a configured password
 * for the first administrator.
 */
@DisplayName("#5 JWT bearer tokens on the API")
class JwtIT {

    /** Audit queries look only at what happened since this class started (the trail is shared). */
    private static final Instant STARTED = Instant.now().minusSeconds(5);

    static final String ISSUER = "https://idp.opssight.test/realms/ops";
    static final String AUDIENCE = "opssight-api";
    static final String ADMIN_PASSWORD = "configured first password " + UUID.randomUUID();
    static final String TEAM = Fixtures.unique("jwt-payments");

    static KeyPair rsa;
    static KeyPair ec;
    static KeyPair stranger;
    static OpsSightServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        rsa = generate("RSA");
        ec = generate("EC");
        stranger = generate("RSA");
        Path keys = Files.createTempFile("opssight-jwt", ".pem");
        Files.writeString(keys, pem(rsa) + pem(ec), StandardCharsets.US_ASCII);
        Map<String, String> env = OpsSightServer.postgresEnvironment(TestPostgres.createDatabase("jwt"));
        env.put("MP_JWT_VERIFY_ISSUER", ISSUER);
        env.put("MP_JWT_VERIFY_AUDIENCES", AUDIENCE);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.toString());
        env.put("OPSSIGHT_JWT_GROUP_ROLES", "ops-viewers=viewer,ops-admins=admin,payments-devs=engineer@" + TEAM);
        env.put("OPSSIGHT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        server = OpsSightServer.start("jwt", null, env);
        server.awaitReady(Duration.ofSeconds(300));
        http = server.http();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    @DisplayName("#5 a valid RS256 or ES256 token from the issuer is accepted, with its groups' roles")
    void validTokensAreAccepted() {
        assertEquals(200, http.get("/api/v1/deployments", token("RS256", rsa.getPrivate(), claims(ISSUER, AUDIENCE, 300, "ops-viewers")))
                .status());
        assertEquals(200, http.get("/api/v1/deployments", token("ES256", ec.getPrivate(), claims(ISSUER, AUDIENCE, 300, "ops-viewers")))
                .status());
        String viewer = token("RS256", rsa.getPrivate(), claims(ISSUER, AUDIENCE, 300, "ops-viewers"));
        assertProblem(http.get("/api/v1/users", viewer), 403);
        String admin = token("RS256", rsa.getPrivate(), claims(ISSUER, AUDIENCE, 300, "ops-admins"));
        assertEquals(200, http.get("/api/v1/users", admin).status());
        String unmapped = token("RS256", rsa.getPrivate(), claims(ISSUER, AUDIENCE, 300, "someone-elses-group"));
        assertProblem(http.get("/api/v1/deployments", unmapped), 403);
    }

    @Test
    @DisplayName("#5 expired, wrongly signed, wrong issuer or audience, alg none and key-URL tokens are 401")
    void badTokensAreRefused() {
        String body = claims(ISSUER, AUDIENCE, 300, "ops-admins");
        List<String> refused = List.of(
                token("RS256", rsa.getPrivate(), claims(ISSUER, AUDIENCE, -600, "ops-admins")),
                token("RS256", stranger.getPrivate(), body),
                token("RS256", rsa.getPrivate(), claims("https://evil.test/realms/ops", AUDIENCE, 300, "ops-admins")),
                token("RS256", rsa.getPrivate(), claims(ISSUER, "another-api", 300, "ops-admins")),
                b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(body) + ".",
                b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(body) + ".AA",
                signed("{\"alg\":\"RS256\",\"jku\":\"https://evil.test/jwks.json\"}", stranger.getPrivate(), body),
                signed("{\"alg\":\"RS256\",\"x5u\":\"https://evil.test/cert.pem\"}", rsa.getPrivate(), body));
        for (String token : refused) {
            Http.Answer answer = http.get("/api/v1/users", token);
            assertProblem(answer, 401);
            assertTrue(answer.header("WWW-Authenticate").orElse("").startsWith("Bearer"), answer::toString);
        }
        Http.Answer audit = http.get("/api/v1/audit?limit=1000&action=auth.invalid-token&from=" + STARTED,
                token("RS256", rsa.getPrivate(), claims(ISSUER, AUDIENCE, 300, "ops-admins")));
        assertTrue(audit.json().getJsonArray("items").size() >= refused.size(), audit::toString);
    }

    @Test
    @DisplayName("#5 a group mapped to a role for one team gives a team-scoped caller")
    void teamMappedGroupIsTeamScoped() {
        String writer = Fixtures.token(http, "deployments:write", "teams:manage");
        String mine = Fixtures.unique("pay");
        String theirs = Fixtures.unique("other");
        long myDeployment = push(writer, mine);
        long theirDeployment = push(writer, theirs);
        assertEquals(201, http.postJson("/api/v1/teams", writer, "{\"name\":\"" + TEAM + "\"}").status());
        assertEquals(200, http.putJson("/api/v1/services/" + mine + "/team", writer, "{\"team\":\"" + TEAM + "\"}").status());

        String dev = token("ES256", ec.getPrivate(), claims(ISSUER, AUDIENCE, 300, "payments-devs"));
        assertEquals(200, http.get("/api/v1/deployments/" + myDeployment, dev).status());
        assertProblem(http.get("/api/v1/deployments/" + theirDeployment, dev), 404);
        assertEquals(List.of(mine), http.get("/api/v1/deployments", dev).json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject).map(o -> o.getString("service")).toList());
    }

    @Test
    @DisplayName("#5 the first administrator's password comes from OPSSIGHT_ADMIN_PASSWORD and is never logged")
    void adminPasswordFromConfiguration() throws IOException {
        assertTrue(new ConsoleSession(server).signIn("admin", ADMIN_PASSWORD));
        String log = Files.readString(server.log());
        assertFalse(log.contains("Generated password"), "no password generated");
        assertFalse(log.contains(ADMIN_PASSWORD), "the configured password is not logged");
    }

    private long push(String token, String service) {
        Http.Answer answer = http.postJson("/api/v1/deployments", token, "{\"service\":\"" + service
                + "\",\"environment\":\"production\",\"status\":\"success\"}");
        assertEquals(201, answer.status(), answer::toString);
        return answer.json().getJsonNumber("id").longValue();
    }

    static String claims(String issuer, String audience, long expiresInSeconds, String group) {
        long now = Instant.now().getEpochSecond();
        return "{\"sub\":\"" + UUID.randomUUID() + "\",\"preferred_username\":\"jwt-user\",\"iss\":\"" + issuer
                + "\",\"aud\":\"" + audience + "\",\"iat\":" + now + ",\"exp\":" + (now + expiresInSeconds)
                + ",\"groups\":[\"" + group + "\"]}";
    }

    static String token(String alg, PrivateKey key, String claims) {
        return signed("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}", key, claims);
    }

    static String signed(String header, PrivateKey key, String claims) {
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

    static String pem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    static KeyPair generate(String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }
}
