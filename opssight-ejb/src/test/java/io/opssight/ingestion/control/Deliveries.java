package io.opssight.ingestion.control;

import io.opssight.ingestion.entity.Source;
import io.opssight.ingestion.entity.SourceKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Test fixtures: sources with unique names and secrets, and header builders for signed deliveries. */
final class Deliveries {

    private static final AtomicLong NAMES = new AtomicLong();

    /** The registry of every kind, as the container resolves it. */
    static final Normalizers KINDS = Normalizers.of(List.of(new GitHubNormalizer(), new GitLabNormalizer(),
            new JenkinsNormalizer(), new AlertmanagerNormalizer(), new PagerDutyNormalizer(), new ArgoCdNormalizer(),
            new AwxNormalizer(), new TerraformNormalizer(), new PushNormalizer()));

    private Deliveries() {
    }

    static Source source(SourceKind kind) {
        return new Source(kind, "acme-" + NAMES.incrementAndGet(), "secret-" + UUID.randomUUID(), Instant.now());
    }

    static SourceProtocol protocol(SourceKind kind) {
        return KINDS.protocol(kind);
    }

    /** Authenticates a delivery the way Ingestion does, through its source kind's protocol. */
    static void verify(Source source, Headers headers, byte[] body) {
        protocol(source.getKind()).verify(source, headers, body);
    }

    static String keyOf(SourceKind kind, Headers headers, byte[] body) {
        return DeliveryKeys.key(protocol(kind), headers, body).value();
    }

    static String eventTypeOf(SourceKind kind, Headers headers) {
        return protocol(kind).eventType(headers);
    }

    static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static String hmacHex(String secret, byte[] body) {
        return HexFormat.of().formatHex(DeliveryAuthenticator.hmacSha256(secret, body));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Header builder: {@code headers("X-A", "1", "X-B", "2")}. */
    static Headers headers(String... nameValuePairs) {
        Map<String, String> raw = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            raw.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return new Headers(raw);
    }
}
