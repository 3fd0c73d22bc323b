package io.opssight.ingestion.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opssight.deployment.entity.DeploymentStatus;
import jakarta.json.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("#5 ArgoCdNormalizer: repoURL to repository, sync phase to deployment status, template blanks")
class ArgoCdNormalizerTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "https://github.com/acme/shop.git, acme/shop",
            "https://github.com/acme/shop, acme/shop",
            "https://github.com/acme/shop/, acme/shop",
            "http://gitea.internal:3000/acme/shop.git, acme/shop",
            "https://ci-bot:ghp_token@github.com/acme/shop.git, acme/shop",
            "git@github.com:acme/shop.git, acme/shop",
            "git@github.com:acme/shop, acme/shop",
            "ssh://git@github.com/acme/shop.git, acme/shop",
            "ssh://git@gitlab.example.com:2222/platform/payments/ledger.git, platform/payments/ledger",
            "https://gitlab.com/platform/payments/ledger.git, platform/payments/ledger",
            "https://bitbucket.example.com/scm/shop/storefront.git, shop/storefront",
            "'  https://github.com/acme/shop.git  ', acme/shop",
    })
    @DisplayName("#5 Git URLs in every form Argo CD accepts give owner/name")
    void gitUrls(String url, String expected) {
        assertEquals(expected, ArgoCdNormalizer.repositoryOf(url));
    }

    @ParameterizedTest(name = "{0} → null")
    @ValueSource(strings = {
            "https://charts.bitnami.com/bitnami", // Helm repository: one segment, no owner/name
            "oci://registry-1.docker.io/bitnamicharts", // OCI Helm registry
            "registry-1.docker.io/bitnamicharts", // OCI without scheme
            "https://github.com/", "<no value>", "not a url at all", "https://github.com/acme//shop"})
    @NullAndEmptySource
    @DisplayName("#5 Helm and OCI repositories, blanks and junk give no repository")
    void notGitRepositories(String url) {
        assertNull(ArgoCdNormalizer.repositoryOf(url));
    }

    @ParameterizedTest(name = "phase {0}, health {1} → {2}")
    @CsvSource({
            "Running, Progressing, IN_PROGRESS",
            "Terminating, Healthy, IN_PROGRESS",
            "Succeeded, Healthy, SUCCESS",
            "Succeeded, , SUCCESS",
            "Succeeded, Progressing, IN_PROGRESS",
            "Succeeded, Degraded, IN_PROGRESS",
            "Failed, Degraded, FAILURE",
            "Error, Healthy, ERROR",
            "failed, healthy, FAILURE",
    })
    @DisplayName("#5 the sync phase decides the status; Succeeded is a success only once healthy")
    void statusOfPhase(String phase, String health, DeploymentStatus expected) {
        assertEquals(expected, ArgoCdNormalizer.statusOf(phase, health));
    }

    @Test
    @DisplayName("#5 no operation (or an unknown phase) is no deployment status")
    void noOperationNoStatus() {
        assertNull(ArgoCdNormalizer.statusOf(null, "Healthy"));
        assertNull(ArgoCdNormalizer.statusOf("Queued", "Healthy"));
    }

    @Test
    @DisplayName("#5 Go template blanks (\"\", \"<no value>\", whitespace) read as absent")
    void templateBlanks() {
        var payload = Json.createObjectBuilder().add("a", "").add("b", "<no value>").add("c", "  ").add("d", " shop ")
                .add("e", 3).addNull("f").build();

        assertNull(ArgoCdNormalizer.value(payload, "a"));
        assertNull(ArgoCdNormalizer.value(payload, "b"));
        assertNull(ArgoCdNormalizer.value(payload, "c"));
        assertEquals("shop", ArgoCdNormalizer.value(payload, "d"));
        assertEquals("3", ArgoCdNormalizer.value(payload, "e"));
        assertNull(ArgoCdNormalizer.value(payload, "f"));
        assertNull(ArgoCdNormalizer.value(payload, "missing"));
    }
}
