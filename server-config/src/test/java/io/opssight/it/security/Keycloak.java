package io.opssight.it.security;

import io.opssight.it.support.Waits;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.Comparator;

/**
 * A real Keycloak (the Quarkus distribution from Maven Central) in dev mode on 127.0.0.1, on a
 * Java 21+ JDK, for the OIDC sign-in test. The zip is taken from {@code -Dopssight.it.keycloak.zip}
 * or the local Maven repository ({@code mvn dependency:copy
 * -Dartifact=org.keycloak:keycloak-quarkus-dist:26.7.3:zip} puts it there).
 */
final class Keycloak implements AutoCloseable {

    static final String VERSION = "26.7.3";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final int port;
    private final Process process;
    private String adminToken;

    private Keycloak(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static Path zip() {
        String configured = System.getProperty("opssight.it.keycloak.zip");
        if (configured != null) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "keycloak", "keycloak-quarkus-dist",
                VERSION, "keycloak-quarkus-dist-" + VERSION + ".zip");
    }

    static Path javaHome() {
        return Path.of(System.getProperty("opssight.it.keycloak.java", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    }

    static boolean available() {
        return Files.isRegularFile(zip()) && Files.isExecutable(javaHome().resolve("bin/java"));
    }

    /** Unpacks (once) and starts Keycloak; does not wait for it. */
    static Keycloak start() throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("opssight.it.home", "target"));
        Path dir = home.resolve("keycloak-" + VERSION);
        if (!Files.isDirectory(dir)) {
            Process unzip = new ProcessBuilder("unzip", "-q", "-o", zip().toString(), "-d", home.toString()).inheritIO().start();
            if (!unzip.waitFor(5, TimeUnit.MINUTES) || unzip.exitValue() != 0) {
                throw new IllegalStateException("cannot unzip " + zip());
            }
        }
        Path data = dir.resolve("data");
        if (Files.isDirectory(data)) {
            // A fresh dev database every time: the admin password and the test realm are this run's.
            try (var files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(dir.resolve("bin/kc.sh").toString(), "start-dev", "--http-host=127.0.0.1",
                "--http-port=" + port, "--hostname-strict=false");
        builder.environment().put("JAVA_HOME", javaHome().toString());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        String password = "kc-" + UUID.randomUUID();
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", password);
        Path log = home.resolve("it-logs").resolve("keycloak-" + port + ".log");
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Keycloak keycloak = new Keycloak(port, builder.start());
        keycloak.password = password;
        return keycloak;
    }

    private String password;

    String issuer(String realm) {
        return base() + "/realms/" + realm;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    void awaitReady(Duration timeout) {
        Waits.await("Keycloak not ready within " + timeout, timeout, Duration.ofSeconds(1)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue());
            }
            try {
                return CLIENT.send(HttpRequest.newBuilder(URI.create(issuer("master") + "/.well-known/openid-configuration"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false; // not listening yet
            }
        });
    }

    /** A realm with a confidential client (PKCE S256 required, groups in the ID token) and a group. */
    void realm(String realm, String clientId, String secret, String redirectUri) {
        admin("POST", "/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true}");
        admin("POST", "/admin/realms/" + realm + "/clients", """
                {"clientId":"%s","enabled":true,"publicClient":false,"secret":"%s","redirectUris":["%s"],
                 "standardFlowEnabled":true,"directAccessGrantsEnabled":false,
                 "attributes":{"pkce.code.challenge.method":"S256"},
                 "protocolMappers":[{"name":"groups","protocol":"openid-connect","protocolMapper":"oidc-group-membership-mapper",
                   "config":{"full.path":"false","id.token.claim":"true","access.token.claim":"true","claim.name":"groups",
                             "userinfo.token.claim":"true"}}]}""".formatted(clientId, secret, redirectUri));
    }

    void group(String realm, String name) {
        admin("POST", "/admin/realms/" + realm + "/groups", "{\"name\":\"" + name + "\"}");
    }

    void user(String realm, String username, String password, String... groups) {
        StringBuilder list = new StringBuilder();
        for (String g : groups) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(g).append('"');
        }
        admin("POST", "/admin/realms/" + realm + "/users", """
                {"username":"%s","enabled":true,"email":"%s@example.test","emailVerified":true,"firstName":"%s","lastName":"Tester",
                 "credentials":[{"type":"password","value":"%s","temporary":false}],"groups":[%s]}"""
                .formatted(username, username, username, password, list));
    }

    private void admin(String method, String path, String json) {
        try {
            if (adminToken == null) {
                String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8);
                HttpResponse<String> token = CLIENT.send(HttpRequest.newBuilder(URI.create(issuer("master")
                        + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                try (JsonReader reader = Json.createReader(new StringReader(token.body()))) {
                    adminToken = reader.readObject().getString("access_token");
                }
            }
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
