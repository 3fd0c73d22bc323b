package io.opssight.ingestion.control;

import java.util.Set;

/**
 * The protocol of tools that neither sign nor send a delivery id (Jenkins, Alertmanager, Argo CD,
 * AWX, Terraform): {@code Authorization: Bearer <secret>} or HTTP Basic with the secret as
 * password, and the body's hash as the key (their phases and repeat notifications are different bodies).
 */
record TokenProtocol(Set<String> keptHeaders, String howTo) implements SourceProtocol {

    TokenProtocol(String howTo) {
        this(Set.of(), howTo);
    }

    @Override
    public boolean authentic(String secret, Headers headers, byte[] body) {
        return DeliveryAuthenticator.sameSecret(secret,
                DeliveryAuthenticator.credentialFromAuthorization(headers.get("Authorization")));
    }

    @Override
    public String expectation() {
        return "expected Authorization: Bearer with the source's secret";
    }
}
