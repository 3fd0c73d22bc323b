package io.opssight.ingestion.control;

import java.util.Set;

/**
 * GitLab does not sign: {@code X-Gitlab-Token} is the shared secret itself. Its delivery id is
 * {@code Idempotency-Key}, else {@code X-Gitlab-Event-UUID}; the event is named in {@code X-Gitlab-Event}.
 */
final class GitLabProtocol implements SourceProtocol {

    @Override
    public boolean authentic(String secret, Headers headers, byte[] body) {
        return DeliveryAuthenticator.sameSecret(secret, headers.get("X-Gitlab-Token"));
    }

    @Override
    public String expectation() {
        return "expected X-Gitlab-Token with the source's secret";
    }

    @Override
    public String deliveryId(Headers headers, byte[] body) {
        return headers.get("Idempotency-Key") != null ? headers.get("Idempotency-Key") : headers.get("X-Gitlab-Event-UUID");
    }

    @Override
    public Set<String> keptHeaders() {
        return Set.of("x-gitlab-event", "x-gitlab-event-uuid", "x-gitlab-instance", "x-gitlab-webhook-uuid", "idempotency-key");
    }

    @Override
    public String eventType(Headers headers) {
        return headers.get("X-Gitlab-Event");
    }

    @Override
    public String howTo() {
        return "GitLab: project or group → Settings → Webhooks. URL = the URL above, Secret token = the secret above; "
                + "enable Push, Merge request, Job, Pipeline and Deployment events.";
    }
}
