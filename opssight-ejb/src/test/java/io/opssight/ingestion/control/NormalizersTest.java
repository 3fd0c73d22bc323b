package io.opssight.ingestion.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.ingestion.entity.SourceKind;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("#17 Normalizers: a source kind's normalizer and protocol in one place")
class NormalizersTest {

    @ParameterizedTest(name = "#17 {0} has a normalizer and a protocol")
    @EnumSource(SourceKind.class)
    @DisplayName("#17 every kind has a normalizer naming its protocol (add a new kind's normalizer to Deliveries.KINDS)")
    void everyKindHasItsProtocol(SourceKind kind) {
        assertEquals(kind, Deliveries.KINDS.of(kind).kind());
        assertNotNull(Deliveries.KINDS.protocol(kind));
        assertSame(Deliveries.KINDS.protocol(kind), Deliveries.KINDS.protocol(kind), "resolved once");
    }

    @ParameterizedTest(name = "#17 {0}: the console says how to connect it")
    @EnumSource(value = SourceKind.class, names = "PUSH", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("#17 every webhook kind has a how-to sentence that names the URL and the secret")
    void everyWebhookKindSaysHowToConnect(SourceKind kind) {
        String howTo = Deliveries.KINDS.protocol(kind).howTo();

        assertFalse(howTo.isBlank(), kind.name());
        assertTrue(howTo.contains("URL above") && howTo.toLowerCase(Locale.ROOT).contains("secret"), howTo);
    }

    @Test
    @DisplayName("#17 the headers kept with a delivery are every kind's own, whatever the delivery's kind")
    void keptHeadersAreEveryKinds() {
        assertEquals(Set.of("x-github-event", "x-github-delivery", "x-github-hook-id", "x-github-hook-installation-target-id",
                "x-github-hook-installation-target-type", "x-hub-signature-256", "x-gitlab-event", "x-gitlab-event-uuid",
                "x-gitlab-instance", "x-gitlab-webhook-uuid", "idempotency-key", "x-pagerduty-signature", "x-webhook-id",
                "x-webhook-subscription", "x-jenkins-event", "x-opssight-workspace"), Deliveries.KINDS.keptHeaders());
    }

    @Test
    @DisplayName("#17 two normalizers for one kind are refused, and a kind without one has no protocol")
    void oneNormalizerPerKind() {
        assertThrows(IllegalStateException.class, () -> Normalizers.of(List.of(new GitHubNormalizer(), new GitHubNormalizer())));
        assertThrows(IllegalStateException.class, () -> Normalizers.of(List.of(new GitHubNormalizer())).protocol(SourceKind.GITLAB));
    }
}
