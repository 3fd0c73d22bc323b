package io.opssight.access.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The JWT verification keys from configuration: {@code mp.jwt.verify.publickey} (PEM or JWKS inline)
 * or {@code mp.jwt.verify.publickey.location} (a file path, a {@code file:} URL, or an http(s) URL
 * of the issuer's JWKS, fetched with a 5 s timeout). Read once and kept for five minutes, so a
 * rotated JWKS is picked up without a restart. Never from a token's header.
 */
@ApplicationScoped
public class JwtKeySource {

    static final Duration KEEP = Duration.ofMinutes(5);

    private volatile List<PublicKeys.Key> keys;
    private volatile Instant loadedAt = Instant.EPOCH;

    /** The keys, or empty when JWTs are not configured (no key and no location). */
    public Optional<List<PublicKeys.Key>> keys() {
        if (keys == null || Instant.now().isAfter(loadedAt.plus(KEEP))) {
            synchronized (this) {
                if (keys == null || Instant.now().isAfter(loadedAt.plus(KEEP))) {
                    Optional<String> text = read(ConfigProvider.getConfig());
                    if (text.isEmpty()) {
                        return Optional.empty();
                    }
                    try {
                        keys = PublicKeys.parse(text.get());
                        loadedAt = Instant.now();
                    } catch (IllegalArgumentException e) {
                        if (keys == null) {
                            throw e;
                        }
                        // keep the last good keys when a refresh fails
                    }
                }
            }
        }
        return Optional.of(keys);
    }

    private static Optional<String> read(Config config) {
        Optional<String> inline = config.getOptionalValue("mp.jwt.verify.publickey", String.class).filter(v -> !v.isBlank());
        if (inline.isPresent()) {
            return inline;
        }
        Optional<String> location = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class)
                .map(String::trim).filter(v -> !v.isEmpty());
        if (location.isEmpty()) {
            return Optional.empty();
        }
        String where = location.get();
        try {
            if (where.startsWith("http://") || where.startsWith("https://")) {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                        .followRedirects(HttpClient.Redirect.NEVER).build();
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(where))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalArgumentException("JWKS at " + where + " answered " + response.statusCode());
                }
                return Optional.of(response.body());
            }
            Path path = where.startsWith("file:") ? Path.of(URI.create(where)) : Path.of(where);
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the JWT key from " + where + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("Interrupted reading the JWT key", e);
        }
    }
}
