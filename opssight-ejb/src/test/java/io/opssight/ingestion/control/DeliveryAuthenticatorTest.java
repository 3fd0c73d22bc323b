package io.opssight.ingestion.control;

import static io.opssight.ingestion.control.Deliveries.basic;
import static io.opssight.ingestion.control.Deliveries.body;
import static io.opssight.ingestion.control.Deliveries.headers;
import static io.opssight.ingestion.control.Deliveries.hmacHex;
import static io.opssight.ingestion.control.Deliveries.source;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.ingestion.entity.Source;
import io.opssight.ingestion.entity.SourceKind;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

@DisplayName("#2 DeliveryAuthenticator: each tool's way of proving a delivery is genuine")
class DeliveryAuthenticatorTest {

    private static final byte[] BODY = body("{\"action\":\"created\",\"deployment_status\":{\"state\":\"success\"}}");

    private static void assertRefused(Source source, Headers headers, byte[] body) {
        OpsSightException e = assertThrows(OpsSightException.class, () -> Deliveries.verify(source, headers, body));
        assertEquals(ProblemType.BAD_SIGNATURE, e.type());
        assertEquals(401, e.type().status());
        assertFalse(e.getMessage().contains(source.getSecret()), "the answer must not echo the secret");
    }

    @Nested
    @DisplayName("#2 GitHub X-Hub-Signature-256")
    class GitHub {

        private final Source github = source(SourceKind.GITHUB);

        @Test
        @DisplayName("#2 the HMAC-SHA256 of the body under the secret is accepted")
        void validSignatureIsAccepted() {
            Headers h = headers("X-Hub-Signature-256", "sha256=" + hmacHex(github.getSecret(), BODY));

            assertDoesNotThrow(() -> Deliveries.verify(github, h, BODY));
        }

        @Test
        @DisplayName("#2 the header name is case-insensitive and the hex may be upper case")
        void headerNameAndHexCaseDoNotMatter() {
            Headers h = headers("x-hub-signature-256", "sha256=" + hmacHex(github.getSecret(), BODY).toUpperCase(Locale.ROOT));

            assertDoesNotThrow(() -> Deliveries.verify(github, h, BODY));
        }

        @Test
        @DisplayName("#2 a signature made with another secret is refused")
        void wrongSecretIsRefused() {
            Headers h = headers("X-Hub-Signature-256", "sha256=" + hmacHex("not-" + github.getSecret(), BODY));

            assertRefused(github, h, BODY);
        }

        @Test
        @DisplayName("#2 a body changed after signing is refused")
        void tamperedBodyIsRefused() {
            Headers h = headers("X-Hub-Signature-256", "sha256=" + hmacHex(github.getSecret(), BODY));
            byte[] tampered = body("{\"action\":\"created\",\"deployment_status\":{\"state\":\"failure\"}}");

            assertRefused(github, h, tampered);
        }

        @Test
        @DisplayName("#2 a missing signature is refused, even with the secret as a bearer token")
        void missingSignatureIsRefused() {
            assertRefused(github, headers(), BODY);
            assertRefused(github, headers("X-Hub-Signature-256", ""), BODY);
            assertRefused(github, headers("Authorization", "Bearer " + github.getSecret()), BODY);
        }

        @Test
        @DisplayName("#2 a signature that is not hex, or lacks the sha256= prefix, is refused")
        void malformedSignatureIsRefused() {
            String hex = hmacHex(github.getSecret(), BODY);

            assertRefused(github, headers("X-Hub-Signature-256", "sha256=" + hex.substring(0, 62) + "zz"), BODY);
            assertRefused(github, headers("X-Hub-Signature-256", "sha256=" + hex.substring(1)), BODY);
            assertRefused(github, headers("X-Hub-Signature-256", "sha256="), BODY);
            assertRefused(github, headers("X-Hub-Signature-256", hex), BODY);
            assertRefused(github, headers("X-Hub-Signature-256", "sha1=" + hex), BODY);
        }

        @Test
        @DisplayName("#2 after a secret rotation only the new secret's signatures are accepted")
        void rotatedSecretRefusesOldSignatures() {
            String old = github.getSecret();
            github.rotateSecret("rotated-" + old, Instant.now());

            assertRefused(github, headers("X-Hub-Signature-256", "sha256=" + hmacHex(old, BODY)), BODY);
            assertDoesNotThrow(() -> Deliveries.verify(github,
                    headers("X-Hub-Signature-256", "sha256=" + hmacHex(github.getSecret(), BODY)), BODY));
        }

        @Test
        @DisplayName("#2 matches GitHub's documented example signature")
        void matchesGitHubDocumentedExample() {
            // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
            assertTrue(GitHubProtocol.signatureValid("It's a Secret to Everybody",
                    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", body("Hello, World!")));
        }
    }

    @Nested
    @DisplayName("#2 PagerDuty X-PagerDuty-Signature")
    class PagerDuty {

        private final Source pagerDuty = source(SourceKind.PAGERDUTY);

        @Test
        @DisplayName("#2 one valid v1 signature is accepted")
        void singleValidSignature() {
            Headers h = headers("X-PagerDuty-Signature", "v1=" + hmacHex(pagerDuty.getSecret(), BODY));

            assertDoesNotThrow(() -> Deliveries.verify(pagerDuty, h, BODY));
        }

        @Test
        @DisplayName("#2 during a rotation any one valid signature of several passes, in any position")
        void anyOneOfSeveralPasses() {
            String good = hmacHex(pagerDuty.getSecret(), BODY);
            String other = hmacHex("old-secret", BODY);

            assertDoesNotThrow(() -> Deliveries.verify(pagerDuty,
                    headers("X-PagerDuty-Signature", "v1=" + other + ",v1=" + good), BODY));
            assertDoesNotThrow(() -> Deliveries.verify(pagerDuty,
                    headers("X-PagerDuty-Signature", "v1=" + good + ", v1=" + other), BODY));
        }

        @Test
        @DisplayName("#2 several signatures none of which is valid are refused")
        void noneValidIsRefused() {
            String header = "v1=" + hmacHex("old-secret", BODY) + ",v1=" + hmacHex("other-secret", BODY) + ",v1=nothex";

            assertRefused(pagerDuty, headers("X-PagerDuty-Signature", header), BODY);
        }

        @Test
        @DisplayName("#2 a valid HMAC under another scheme name than v1, or no header, is refused")
        void otherSchemeOrMissingIsRefused() {
            assertRefused(pagerDuty, headers("X-PagerDuty-Signature", "v2=" + hmacHex(pagerDuty.getSecret(), BODY)), BODY);
            assertRefused(pagerDuty, headers(), BODY);
        }

        @Test
        @DisplayName("#2 a valid signature of another body is refused")
        void tamperedBodyIsRefused() {
            Headers h = headers("X-PagerDuty-Signature", "v1=" + hmacHex(pagerDuty.getSecret(), BODY));

            assertRefused(pagerDuty, h, body("{}"));
        }
    }

    @Nested
    @DisplayName("#2 GitLab X-Gitlab-Token")
    class GitLab {

        private final Source gitlab = source(SourceKind.GITLAB);

        @Test
        @DisplayName("#2 the shared secret in X-Gitlab-Token is accepted")
        void sharedSecretIsAccepted() {
            assertDoesNotThrow(() -> Deliveries.verify(gitlab, headers("X-Gitlab-Token", gitlab.getSecret()), BODY));
        }

        @Test
        @DisplayName("#2 a wrong, missing or bearer-only token is refused")
        void wrongOrMissingTokenIsRefused() {
            assertRefused(gitlab, headers("X-Gitlab-Token", gitlab.getSecret() + "x"), BODY);
            assertRefused(gitlab, headers("X-Gitlab-Token", gitlab.getSecret().substring(1)), BODY);
            assertRefused(gitlab, headers(), BODY);
            assertRefused(gitlab, headers("Authorization", "Bearer " + gitlab.getSecret()), BODY);
        }
    }

    @Nested
    @DisplayName("#2 Authorization: Bearer or Basic for the other tools")
    class Authorization {

        @ParameterizedTest(name = "#2 {0}: Bearer with the secret is accepted")
        @EnumSource(value = SourceKind.class, names = {"JENKINS", "ALERTMANAGER", "ARGOCD", "AWX", "TERRAFORM"})
        @DisplayName("#2 Bearer with the secret is accepted for every token-based tool")
        void bearerIsAccepted(SourceKind kind) {
            Source s = source(kind);

            assertDoesNotThrow(() -> Deliveries.verify(s, headers("Authorization", "Bearer " + s.getSecret()), BODY));
            assertDoesNotThrow(() -> Deliveries.verify(s, headers("authorization", "bearer " + s.getSecret()), BODY));
        }

        @ParameterizedTest(name = "#2 {0}: Basic with the secret as password is accepted")
        @EnumSource(value = SourceKind.class, names = {"JENKINS", "ALERTMANAGER", "ARGOCD", "AWX", "TERRAFORM"})
        @DisplayName("#2 Basic with any user and the secret as password is accepted")
        void basicWithSecretAsPasswordIsAccepted(SourceKind kind) {
            Source s = source(kind);

            assertDoesNotThrow(() -> Deliveries.verify(s, headers("Authorization", basic("jenkins", s.getSecret())), BODY));
            assertDoesNotThrow(() -> Deliveries.verify(s, headers("Authorization", basic("", s.getSecret())), BODY));
        }

        @Test
        @DisplayName("#2 a password containing ':' is read whole")
        void passwordWithColon() {
            Source s = new Source(SourceKind.JENKINS, "ci-colon", "pa:ss:word", Instant.now());

            assertDoesNotThrow(() -> Deliveries.verify(s, headers("Authorization", basic("ci", "pa:ss:word")), BODY));
        }

        @Test
        @DisplayName("#2 the secret as Basic user name, a wrong secret, no colon, bad base64 or another scheme are refused")
        void wrongCredentialsAreRefused() {
            Source jenkins = source(SourceKind.JENKINS);
            String secret = jenkins.getSecret();
            String noColon = "Basic " + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));

            assertRefused(jenkins, headers("Authorization", basic(secret, "password")), BODY);
            assertRefused(jenkins, headers("Authorization", "Bearer " + secret + "x"), BODY);
            assertRefused(jenkins, headers("Authorization", basic("jenkins", "wrong")), BODY);
            assertRefused(jenkins, headers("Authorization", noColon), BODY);
            assertRefused(jenkins, headers("Authorization", "Basic %%%not-base64%%%"), BODY);
            assertRefused(jenkins, headers("Authorization", "Token " + secret), BODY);
            assertRefused(jenkins, headers("Authorization", secret), BODY);
            assertRefused(jenkins, headers("Authorization", "Bearer"), BODY);
            assertRefused(jenkins, headers(), BODY);
        }

        @Test
        @DisplayName("#2 a GitHub-style signature does not authenticate a Jenkins source")
        void signatureDoesNotAuthenticateTokenSource() {
            Source jenkins = source(SourceKind.JENKINS);

            assertRefused(jenkins, headers("X-Hub-Signature-256", "sha256=" + hmacHex(jenkins.getSecret(), BODY)), BODY);
        }
    }

    @Test
    @DisplayName("#2 the refusal says what was expected, for the sender's operator")
    void refusalNamesTheSourceAndExpectation() {
        Source github = source(SourceKind.GITHUB);

        OpsSightException e = assertThrows(OpsSightException.class, () -> Deliveries.verify(github, headers(), BODY));

        assertTrue(e.getMessage().contains("github/" + github.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("X-Hub-Signature-256"), e.getMessage());
    }
}
