package io.opssight.ingestion.rest;

import jakarta.validation.constraints.Size;

/** A new secret for a source; leave it out to have OpsSight generate one (shown once in the answer). */
public class SecretRotation {

    @Size(min = 16, max = 512, message = "secret must be 16 to 512 characters")
    private String secret;

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }
}
