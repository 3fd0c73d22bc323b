package io.opssight.ingestion.control;

import java.util.Set;

/**
 * GitHub signs: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>}; it redelivers
 * with the same {@code X-GitHub-Delivery} and names the event in {@code X-GitHub-Event}.
 */
final class GitHubProtocol implements SourceProtocol {

    @Override
    public boolean authentic(String secret, Headers headers, byte[] body) {
        return signatureValid(secret, headers.get("X-Hub-Signature-256"), body);
    }

    static boolean signatureValid(String secret, String header, byte[] body) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        return DeliveryAuthenticator.hexEquals(DeliveryAuthenticator.hmacSha256(secret, body),
                header.substring("sha256=".length()));
    }

    @Override
    public String expectation() {
        return "expected X-Hub-Signature-256 with the HMAC-SHA256 of the body under the source's secret";
    }

    @Override
    public String deliveryId(Headers headers, byte[] body) {
        return headers.get("X-GitHub-Delivery");
    }

    @Override
    public Set<String> keptHeaders() {
        return Set.of("x-github-event", "x-github-delivery", "x-github-hook-id", "x-github-hook-installation-target-id",
                "x-github-hook-installation-target-type", "x-hub-signature-256");
    }

    @Override
    public String eventType(Headers headers) {
        return headers.get("X-GitHub-Event");
    }

    @Override
    public String howTo() {
        return "GitHub: repository or organisation → Settings → Webhooks → Add webhook. Payload URL = the URL above, "
                + "Content type application/json, Secret = the secret above; select Workflow runs, Workflow jobs, "
                + "Deployments, Deployment statuses, Pushes and Pull requests.";
    }
}
