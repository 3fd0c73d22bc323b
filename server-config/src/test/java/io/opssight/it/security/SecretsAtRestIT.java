package io.opssight.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.Rows;
import io.opssight.it.support.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Webhook secrets are stored encrypted (AES-256-GCM under the configured key): the row never holds
 * the plaintext, signed deliveries still verify; plaintext rows from before are encrypted at start;
 * after a key rotation (new key, old one as previous) every row is resealed with the new key.
 */
@DisplayName("#5 secrets at rest")
class SecretsAtRestIT {

    private static final String KEY_1 = randomKey();
    private static final String KEY_2 = randomKey();

    private static OpsSightServer server;
    private static String database;

    @BeforeAll
    static void start() {
        database = TestPostgres.createDatabase("secrets");
        Map<String, String> env = OpsSightServer.postgresEnvironment(database);
        env.put("OPSSIGHT_SECRET_KEY", KEY_1);
        server = OpsSightServer.start("secrets", database, env).awaitReady(Duration.ofSeconds(240));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void storesSecretsEncryptedAndStillVerifiesThroughAKeyRotation() throws Exception {
        Http http = server.http();
        Fixtures.Source github = Fixtures.githubSource(http);
        String stored = secretOf(github.name());
        assertTrue(stored.startsWith("enc:v1:" + keyId(KEY_1) + ":"), stored);
        assertFalse(stored.contains(github.secret()), "the row does not hold the plaintext");
        assertEquals(202, ping(http, github).status(), "a signed delivery verifies against the encrypted secret");

        // A source from before encryption: its secret is plaintext in the row.
        String legacyName = Fixtures.unique("legacy");
        String legacySecret = "legacy-secret-" + UUID.randomUUID();
        try (var c = TestPostgres.connect(database); var s = c.prepareStatement("insert into source (id, kind, name, secret, "
                + "enabled, created_at, version) values (nextval('source_seq') + 1000000, 'JENKINS', ?, ?, true, now(), 0)")) {
            s.setString(1, legacyName);
            s.setString(2, legacySecret);
            s.executeUpdate();
        }

        Map<String, String> rotated = new HashMap<>();
        rotated.put("OPSSIGHT_SECRET_KEY", KEY_2);
        rotated.put("OPSSIGHT_SECRETS_PREVIOUS_KEYS", KEY_1);
        server.restart(rotated).awaitReady(Duration.ofSeconds(240));
        http = server.http();

        String resealed = secretOf(github.name());
        assertTrue(resealed.startsWith("enc:v1:" + keyId(KEY_2) + ":"), resealed);
        String legacy = secretOf(legacyName);
        assertTrue(legacy.startsWith("enc:v1:" + keyId(KEY_2) + ":"), "plaintext rows are encrypted at start: " + legacy);
        assertFalse(legacy.contains(legacySecret));
        assertEquals(202, ping(http, github).status(), "verifies after the rotation");
        Http.Answer jenkins = http.postRaw("/api/v1/ingest/jenkins/" + legacyName,
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + legacySecret),
                "{\"name\":\"shop\",\"build\":{\"number\":1,\"phase\":\"STARTED\"}}".getBytes(StandardCharsets.UTF_8));
        assertTrue(jenkins.status() == 202 || jenkins.status() == 400, "the migrated secret authenticates: " + jenkins);
        assertFalse(Rows.query(server, "select seq from audit_entry where action = 'secrets.resealed'").isEmpty(),
                "resealing is audited");
    }

    private static Http.Answer ping(Http http, Fixtures.Source source) {
        byte[] body = GitHubHooks.ping("acme", "shop");
        return http.postRaw(source.ingestPath(), GitHubHooks.headers("ping", UUID.randomUUID().toString(), source.secret(), body),
                body);
    }

    private static String secretOf(String name) {
        return Rows.only(server, "select secret from source where name = ?", name).string("secret");
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String keyId(String base64) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64)))
                .substring(0, 8);
    }
}
