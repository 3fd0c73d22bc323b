package io.opssight.ingestion.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A source to register. The secret is what the tool signs with (or sends as its token).
 * A class rather than a record: Payara's OpenAPI scanner fails on Bean Validation annotations on
 * record components (they land on constructor parameters), and handles them on fields.
 */
public class NewSource {

    @NotBlank(message = "kind is required (github, gitlab, jenkins, alertmanager, pagerduty, argocd, awx, terraform)")
    private String kind;

    @NotBlank(message = "name is required")
    @Size(max = 64, message = "name is at most 64 characters")
    private String name;

    @NotBlank(message = "secret is required")
    @Size(min = 16, max = 512, message = "secret must be 16 to 512 characters")
    private String secret;

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }
}
